package nl80211

import (
	"context"
	"net"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Preambles of an FTM request (enum nl80211_preamble).
const (
	PreambleLegacy = unix.NL80211_PREAMBLE_LEGACY
	PreambleHT     = unix.NL80211_PREAMBLE_HT
	PreambleVHT    = unix.NL80211_PREAMBLE_VHT
	PreambleDMG    = unix.NL80211_PREAMBLE_DMG
	PreambleHE     = unix.NL80211_PREAMBLE_HE
)

// PMSRRequest asks for peer measurements (NL80211_CMD_PEER_MEASUREMENT_START):
// fine timing measurements (FTM, 802.11mc ranging) with each peer.
type PMSRRequest struct {
	Timeout *uint32 // seconds
	// RandomMAC and RandomMask, when set, randomise the source address
	// (bits set in the mask are taken from RandomMAC).
	RandomMAC, RandomMask net.HardwareAddr
	Peers                 []PMSRPeer
}

// PMSRPeer is one peer to measure with.
type PMSRPeer struct {
	// Index is the peer's attribute type in the list (iw uses the line
	// number of its configuration file).
	Index uint16
	Addr  net.HardwareAddr
	// The peer's channel: each part only when given (0, nil: left out).
	Freq, Center1, Center2 uint32
	Width                  *ChanWidth
	GetAPTSF               bool // report the AP's TSF at the measurement
	FTM                    FTMRequest
}

// FTMRequest are the FTM parameters for one peer
// (NL80211_PMSR_FTM_REQ_ATTR_*); nil and false: not given.
type FTMRequest struct {
	Preamble                                    uint32
	BurstsExp, Retries, BurstDuration, PerBurst *uint8
	BurstPeriod                                 *uint16
	BSSColor                                    *uint8
	ASAP, LCI, Civic, TriggerBased, NonTB, LMR  bool
}

func (r PMSRRequest) encode(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		if r.RandomMAC != nil {
			e.Bytes(unix.NL80211_ATTR_MAC, r.RandomMAC)
			e.Bytes(unix.NL80211_ATTR_MAC_MASK, r.RandomMask)
		}
		if r.Timeout != nil {
			e.Uint32(unix.NL80211_ATTR_TIMEOUT, *r.Timeout)
		}
		e.Nest(unix.NL80211_ATTR_PEER_MEASUREMENTS)
		e.Nest(unix.NL80211_PMSR_ATTR_PEERS)
		for _, p := range r.Peers {
			p.encode(e)
		}
		e.Unnest()
		e.Unnest()
	}
}

func (p PMSRPeer) encode(e *nl.AttrEncoder) {
	e.Nest(p.Index)
	e.Bytes(unix.NL80211_PMSR_PEER_ATTR_ADDR, p.Addr)
	e.Nest(unix.NL80211_PMSR_PEER_ATTR_REQ)
	e.Nest(unix.NL80211_PMSR_REQ_ATTR_DATA)
	e.Nest(unix.NL80211_PMSR_TYPE_FTM)
	p.FTM.encode(e)
	e.Unnest()
	if p.GetAPTSF {
		e.Flag(unix.NL80211_PMSR_REQ_ATTR_GET_AP_TSF)
	}
	e.Unnest()
	e.Unnest()
	e.Nest(unix.NL80211_PMSR_PEER_ATTR_CHAN)
	for _, a := range []struct {
		typ uint16
		v   uint32
	}{{unix.NL80211_ATTR_WIPHY_FREQ, p.Freq}, {unix.NL80211_ATTR_CENTER_FREQ1, p.Center1}, {unix.NL80211_ATTR_CENTER_FREQ2, p.Center2}} {
		if a.v != 0 {
			e.Uint32(a.typ, a.v)
		}
	}
	if p.Width != nil {
		e.Uint32(unix.NL80211_ATTR_CHANNEL_WIDTH, uint32(*p.Width))
	}
	e.Unnest()
	e.Unnest()
}

func (f FTMRequest) encode(e *nl.AttrEncoder) {
	u8 := func(typ uint16, v *uint8) {
		if v != nil {
			e.Uint8(typ, *v)
		}
	}
	flag := func(typ uint16, on bool) {
		if on {
			e.Flag(typ)
		}
	}
	u8(unix.NL80211_PMSR_FTM_REQ_ATTR_NUM_BURSTS_EXP, f.BurstsExp)
	if f.BurstPeriod != nil {
		e.Uint16(unix.NL80211_PMSR_FTM_REQ_ATTR_BURST_PERIOD, *f.BurstPeriod)
	}
	u8(unix.NL80211_PMSR_FTM_REQ_ATTR_NUM_FTMR_RETRIES, f.Retries)
	u8(unix.NL80211_PMSR_FTM_REQ_ATTR_BURST_DURATION, f.BurstDuration)
	u8(unix.NL80211_PMSR_FTM_REQ_ATTR_FTMS_PER_BURST, f.PerBurst)
	flag(unix.NL80211_PMSR_FTM_REQ_ATTR_ASAP, f.ASAP)
	flag(unix.NL80211_PMSR_FTM_REQ_ATTR_REQUEST_CIVICLOC, f.Civic)
	flag(unix.NL80211_PMSR_FTM_REQ_ATTR_REQUEST_LCI, f.LCI)
	flag(unix.NL80211_PMSR_FTM_REQ_ATTR_TRIGGER_BASED, f.TriggerBased)
	flag(unix.NL80211_PMSR_FTM_REQ_ATTR_NON_TRIGGER_BASED, f.NonTB)
	flag(unix.NL80211_PMSR_FTM_REQ_ATTR_LMR_FEEDBACK, f.LMR)
	u8(unix.NL80211_PMSR_FTM_REQ_ATTR_BSS_COLOR, f.BSSColor)
	e.Uint32(unix.NL80211_PMSR_FTM_REQ_ATTR_PREAMBLE, f.Preamble)
}

// PMSRResult is a PEER_MEASUREMENT_RESULT or _COMPLETE notification. The
// kernel sends both only to the socket that asked.
type PMSRResult struct {
	Complete bool // the measurement request ended
	Wiphy    *int
	Ifindex  *int
	WDev     *uint64
	Cookie   *uint64
	// HasMeasurements says NL80211_ATTR_PEER_MEASUREMENTS was there;
	// HasPeers that it held a peer list.
	HasMeasurements, HasPeers bool
	Peers                     []PMSRPeerResult
}

// PMSRPeerResult is the result for one peer; nil and false: not reported.
type PMSRPeerResult struct {
	Addr     net.HardwareAddr
	HasResp  bool
	Status   *uint32 // enum nl80211_peer_measurement_status
	HostTime *uint64
	APTSF    *uint64
	Final    bool
	HasData  bool
	FTM      *FTMResult
}

// FTMResult is an FTM measurement (NL80211_PMSR_FTM_RESP_ATTR_*).
type FTMResult struct {
	FailReason, BusyRetryTime          *uint32
	BurstIndex, Attempts, Successes    *uint32
	BurstsExp, BurstDuration, PerBurst *uint8
	RSSIAvg                            *int32
	RSSISpread                         *uint32
	RTTAvg                             *int64
	RTTVariance, RTTSpread             *uint64
	DistAvg                            *int64
	DistVariance, DistSpread           *uint64
	TxRate, RxRate                     *RateInfo
	LCI, Civic                         []byte
}

// ParsePMSRResult decodes a peer measurement notification.
func ParsePMSRResult(cmd uint8, b []byte) (PMSRResult, error) {
	r := PMSRResult{Complete: cmd == unix.NL80211_CMD_PEER_MEASUREMENT_COMPLETE}
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_WIPHY:
			r.Wiphy = ptr(int(d.Uint32()))
		case unix.NL80211_ATTR_IFINDEX:
			r.Ifindex = ptr(int(d.Uint32()))
		case unix.NL80211_ATTR_WDEV:
			r.WDev = ptr(d.Uint64())
		case unix.NL80211_ATTR_COOKIE:
			r.Cookie = ptr(d.Uint64())
		case unix.NL80211_ATTR_PEER_MEASUREMENTS:
			r.HasMeasurements = true
			d.Decode(func(m *nl.AttrDecoder) error {
				for m.Next() {
					if m.Type() != unix.NL80211_PMSR_ATTR_PEERS {
						continue
					}
					r.HasPeers = true
					m.Decode(func(ps *nl.AttrDecoder) error {
						for ps.Next() {
							r.Peers = append(r.Peers, parsePMSRPeer(ps))
						}
						return nil
					})
				}
				return nil
			})
		}
	}
	if err := d.Err(); err != nil {
		return PMSRResult{}, err
	}
	return r, nil
}

func parsePMSRPeer(a *nl.AttrDecoder) PMSRPeerResult {
	var p PMSRPeerResult
	a.Decode(func(d *nl.AttrDecoder) error {
		for d.Next() {
			switch d.Type() {
			case unix.NL80211_PMSR_PEER_ATTR_ADDR:
				p.Addr = hwaddr(d.Bytes())
			case unix.NL80211_PMSR_PEER_ATTR_RESP:
				p.HasResp = true
				d.Decode(func(r *nl.AttrDecoder) error {
					for r.Next() {
						switch r.Type() {
						case unix.NL80211_PMSR_RESP_ATTR_STATUS:
							p.Status = ptr(r.Uint32())
						case unix.NL80211_PMSR_RESP_ATTR_HOST_TIME:
							p.HostTime = ptr(r.Uint64())
						case unix.NL80211_PMSR_RESP_ATTR_AP_TSF:
							p.APTSF = ptr(r.Uint64())
						case unix.NL80211_PMSR_RESP_ATTR_FINAL:
							p.Final = true
						case unix.NL80211_PMSR_RESP_ATTR_DATA:
							p.HasData = true
							r.Decode(func(t *nl.AttrDecoder) error {
								for t.Next() {
									if t.Type() == unix.NL80211_PMSR_TYPE_FTM {
										p.FTM = parseFTMResult(t)
									}
								}
								return nil
							})
						}
					}
					return nil
				})
			}
		}
		return nil
	})
	return p
}

func parseFTMResult(a *nl.AttrDecoder) *FTMResult {
	var f FTMResult
	a.Decode(func(d *nl.AttrDecoder) error {
		for d.Next() {
			switch d.Type() {
			case unix.NL80211_PMSR_FTM_RESP_ATTR_FAIL_REASON:
				f.FailReason = ptr(d.Uint32())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_BUSY_RETRY_TIME:
				f.BusyRetryTime = ptr(d.Uint32())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_BURST_INDEX:
				f.BurstIndex = ptr(d.Uint32())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_NUM_FTMR_ATTEMPTS:
				f.Attempts = ptr(d.Uint32())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_NUM_FTMR_SUCCESSES:
				f.Successes = ptr(d.Uint32())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_NUM_BURSTS_EXP:
				f.BurstsExp = ptr(d.Uint8())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_BURST_DURATION:
				f.BurstDuration = ptr(d.Uint8())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_FTMS_PER_BURST:
				f.PerBurst = ptr(d.Uint8())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_RSSI_AVG:
				f.RSSIAvg = ptr(d.Int32())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_RSSI_SPREAD:
				f.RSSISpread = ptr(d.Uint32())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_RTT_AVG:
				f.RTTAvg = ptr(int64(d.Uint64()))
			case unix.NL80211_PMSR_FTM_RESP_ATTR_RTT_VARIANCE:
				f.RTTVariance = ptr(d.Uint64())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_RTT_SPREAD:
				f.RTTSpread = ptr(d.Uint64())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_DIST_AVG:
				f.DistAvg = ptr(int64(d.Uint64()))
			case unix.NL80211_PMSR_FTM_RESP_ATTR_DIST_VARIANCE:
				f.DistVariance = ptr(d.Uint64())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_DIST_SPREAD:
				f.DistSpread = ptr(d.Uint64())
			case unix.NL80211_PMSR_FTM_RESP_ATTR_TX_RATE:
				f.TxRate = parseRateInfo(d)
			case unix.NL80211_PMSR_FTM_RESP_ATTR_RX_RATE:
				f.RxRate = parseRateInfo(d)
			case unix.NL80211_PMSR_FTM_RESP_ATTR_LCI:
				f.LCI = append([]byte{}, d.Bytes()...)
			case unix.NL80211_PMSR_FTM_RESP_ATTR_CIVICLOC:
				f.Civic = append([]byte{}, d.Bytes()...)
			}
		}
		return nil
	})
	return &f
}

// MeasurePeers starts peer measurements and hands each result
// notification to handle, until the kernel says the request is complete
// (handle gets that too) or ctx ends. The results come to this Client's
// socket only; closing it aborts the measurement.
func (c *Client) MeasurePeers(ctx context.Context, ifindex int, r PMSRRequest, handle func(PMSRResult)) error {
	msgs, err := c.execute(unix.NL80211_CMD_PEER_MEASUREMENT_START, r.encode(ifindex))
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { _ = c.c.SetReadDeadline(time.Now()) })
	defer stop()
	for {
		// Results that came with the answer first, then the later ones.
		for _, m := range msgs {
			cmd := m.Header.Command
			if cmd != unix.NL80211_CMD_PEER_MEASUREMENT_RESULT && cmd != unix.NL80211_CMD_PEER_MEASUREMENT_COMPLETE {
				continue
			}
			res, err := ParsePMSRResult(cmd, m.Attrs)
			if err != nil {
				return err
			}
			handle(res)
			if res.Complete {
				return nil
			}
		}
		msgs, err = c.c.Receive()
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
