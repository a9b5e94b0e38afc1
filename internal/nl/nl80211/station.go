package nl80211

import (
	"encoding/binary"
	"fmt"
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// Station is a peer of an interface: the access point a client is
// associated with, or a client of an access point. Counters the driver does
// not report are nil.
type Station struct {
	Ifindex      int
	HardwareAddr net.HardwareAddr

	InactiveTime    *uint32 // ms
	RxBytes         *uint64 // 64-bit when the kernel sends it, else 32-bit
	TxBytes         *uint64
	RxPackets       *uint32
	TxPackets       *uint32
	TxRetries       *uint32
	TxFailed        *uint32
	BeaconLoss      *uint32
	BeaconRx        *uint64
	RxDropMisc      *uint64
	Signal          *int8 // dBm
	SignalAvg       *int8
	ChainSignal     []int8
	ChainSignalAvg  []int8
	BeaconSignalAvg *int8
	TOffset         *uint64 // µs
	TxBitrate       *RateInfo
	RxBitrate       *RateInfo
	TxDuration      *uint64 // µs
	RxDuration      *uint64
	AckSignal       *int8
	AckSignalAvg    *int8
	AirtimeWeight   *uint16
	// ExpectedThroughput is in kbit/s.
	ExpectedThroughput *uint32
	ConnectedTime      *uint32 // s
	// Mesh peer links: local and peer link ids, the peer link state
	// (enum nl80211_plink_state), the airtime metric, the peer's gate
	// and authentication server flags and the power modes (enum
	// nl80211_mesh_power_mode) towards the peer, of the peer and
	// towards non-peers.
	LLID              *uint16
	PLID              *uint16
	PlinkState        *uint8
	AirtimeLinkMetric *uint32
	ConnectedToGate   *uint8
	ConnectedToAS     *uint8
	LocalPM           *uint32
	PeerPM            *uint32
	NonPeerPM         *uint32
	// AssocAtBoottime is CLOCK_BOOTTIME in ns at association.
	AssocAtBoottime *uint64
	Flags           *StaFlags
	BSSParam        *StaBSSParam
}

// StaFlags are the station flags the kernel reports, as a mask of the
// flags it knows and the set among them (bits are enum nl80211_sta_flags).
type StaFlags struct {
	Mask uint32
	Set  uint32
}

// Get returns whether flag is known and whether it is set.
func (f StaFlags) Get(flag uint) (known, set bool) {
	return f.Mask&(1<<flag) != 0, f.Set&(1<<flag) != 0
}

// Station flag bits (enum nl80211_sta_flags).
const (
	StaFlagAuthorized    = unix.NL80211_STA_FLAG_AUTHORIZED
	StaFlagShortPreamble = unix.NL80211_STA_FLAG_SHORT_PREAMBLE
	StaFlagWME           = unix.NL80211_STA_FLAG_WME
	StaFlagMFP           = unix.NL80211_STA_FLAG_MFP
	StaFlagAuthenticated = unix.NL80211_STA_FLAG_AUTHENTICATED
	StaFlagTDLSPeer      = unix.NL80211_STA_FLAG_TDLS_PEER
	StaFlagAssociated    = unix.NL80211_STA_FLAG_ASSOCIATED
)

// StaBSSParam are the BSS parameters a client station reports.
type StaBSSParam struct {
	CTSProtection  bool
	ShortPreamble  bool
	ShortSlotTime  bool
	DTIMPeriod     *uint8
	BeaconInterval *uint16
}

// RateInfo is a transmit or receive rate (NL80211_STA_INFO_*_BITRATE).
type RateInfo struct {
	// Bitrate is in units of 100 kbit/s; 0 if unknown.
	Bitrate    uint32
	MCS        *uint8
	VHTMCS     *uint8
	VHTNSS     *uint8
	HEMCS      *uint8
	HENSS      *uint8
	HEGI       *uint8
	HEDCM      *uint8
	HERUAlloc  *uint8
	EHTMCS     *uint8
	EHTNSS     *uint8
	EHTGI      *uint8
	EHTRUAlloc *uint8
	// Width is the channel width in MHz when the rate says (40, 80,
	// 160, 320); 0 for 20 MHz or unknown. Width80P80 marks 80+80.
	Width      int
	Width80P80 bool
	ShortGI    bool
}

func parseRateInfo(a *nl.AttrDecoder) *RateInfo {
	var r RateInfo
	var b16 uint32
	a.Decode(func(d *nl.AttrDecoder) error {
		for d.Next() {
			switch d.Type() {
			case unix.NL80211_RATE_INFO_BITRATE32:
				r.Bitrate = d.Uint32()
			case unix.NL80211_RATE_INFO_BITRATE:
				b16 = uint32(d.Uint16())
			case unix.NL80211_RATE_INFO_MCS:
				r.MCS = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_VHT_MCS:
				r.VHTMCS = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_VHT_NSS:
				r.VHTNSS = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_HE_MCS:
				r.HEMCS = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_HE_NSS:
				r.HENSS = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_HE_GI:
				r.HEGI = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_HE_DCM:
				r.HEDCM = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_HE_RU_ALLOC:
				r.HERUAlloc = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_EHT_MCS:
				r.EHTMCS = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_EHT_NSS:
				r.EHTNSS = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_EHT_GI:
				r.EHTGI = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_EHT_RU_ALLOC:
				r.EHTRUAlloc = ptr(d.Uint8())
			case unix.NL80211_RATE_INFO_40_MHZ_WIDTH:
				r.Width, r.Width80P80 = 40, false
			case unix.NL80211_RATE_INFO_80_MHZ_WIDTH:
				r.Width, r.Width80P80 = 80, false
			case unix.NL80211_RATE_INFO_80P80_MHZ_WIDTH:
				r.Width, r.Width80P80 = 160, true
			case unix.NL80211_RATE_INFO_160_MHZ_WIDTH:
				r.Width, r.Width80P80 = 160, false
			case unix.NL80211_RATE_INFO_320_MHZ_WIDTH:
				r.Width, r.Width80P80 = 320, false
			case unix.NL80211_RATE_INFO_SHORT_GI:
				r.ShortGI = true
			}
		}
		return nil
	})
	if r.Bitrate == 0 {
		r.Bitrate = b16
	}
	return &r
}

func int8List(a *nl.AttrDecoder) []int8 {
	var out []int8
	a.Decode(func(d *nl.AttrDecoder) error {
		for d.Next() {
			out = append(out, int8(d.Uint8()))
		}
		return nil
	})
	return out
}

// ParseStation decodes an NL80211_CMD_NEW_STATION message.
func ParseStation(b []byte) (Station, error) {
	var s Station
	found := false
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_IFINDEX:
			s.Ifindex = int(d.Uint32())
		case unix.NL80211_ATTR_MAC:
			s.HardwareAddr = hwaddr(d.Bytes())
		case unix.NL80211_ATTR_STA_INFO:
			found = true
			var rx32, tx32 *uint64
			d.Decode(func(a *nl.AttrDecoder) error {
				for a.Next() {
					switch a.Type() {
					case unix.NL80211_STA_INFO_INACTIVE_TIME:
						s.InactiveTime = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_RX_BYTES:
						rx32 = ptr(uint64(a.Uint32()))
					case unix.NL80211_STA_INFO_TX_BYTES:
						tx32 = ptr(uint64(a.Uint32()))
					case unix.NL80211_STA_INFO_RX_BYTES64:
						s.RxBytes = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_TX_BYTES64:
						s.TxBytes = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_RX_PACKETS:
						s.RxPackets = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_TX_PACKETS:
						s.TxPackets = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_TX_RETRIES:
						s.TxRetries = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_TX_FAILED:
						s.TxFailed = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_BEACON_LOSS:
						s.BeaconLoss = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_BEACON_RX:
						s.BeaconRx = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_RX_DROP_MISC:
						s.RxDropMisc = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_SIGNAL:
						s.Signal = ptr(int8(a.Uint8()))
					case unix.NL80211_STA_INFO_SIGNAL_AVG:
						s.SignalAvg = ptr(int8(a.Uint8()))
					case unix.NL80211_STA_INFO_CHAIN_SIGNAL:
						s.ChainSignal = int8List(a)
					case unix.NL80211_STA_INFO_CHAIN_SIGNAL_AVG:
						s.ChainSignalAvg = int8List(a)
					case unix.NL80211_STA_INFO_BEACON_SIGNAL_AVG:
						s.BeaconSignalAvg = ptr(int8(a.Uint8()))
					case unix.NL80211_STA_INFO_T_OFFSET:
						s.TOffset = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_TX_BITRATE:
						s.TxBitrate = parseRateInfo(a)
					case unix.NL80211_STA_INFO_RX_BITRATE:
						s.RxBitrate = parseRateInfo(a)
					case unix.NL80211_STA_INFO_TX_DURATION:
						s.TxDuration = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_RX_DURATION:
						s.RxDuration = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_ACK_SIGNAL:
						s.AckSignal = ptr(int8(a.Uint8()))
					case unix.NL80211_STA_INFO_ACK_SIGNAL_AVG:
						s.AckSignalAvg = ptr(int8(a.Uint8()))
					case unix.NL80211_STA_INFO_AIRTIME_WEIGHT:
						s.AirtimeWeight = ptr(a.Uint16())
					case unix.NL80211_STA_INFO_EXPECTED_THROUGHPUT:
						s.ExpectedThroughput = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_CONNECTED_TIME:
						s.ConnectedTime = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_LLID:
						s.LLID = ptr(a.Uint16())
					case unix.NL80211_STA_INFO_PLID:
						s.PLID = ptr(a.Uint16())
					case unix.NL80211_STA_INFO_PLINK_STATE:
						s.PlinkState = ptr(a.Uint8())
					case unix.NL80211_STA_INFO_AIRTIME_LINK_METRIC:
						s.AirtimeLinkMetric = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_CONNECTED_TO_GATE:
						s.ConnectedToGate = ptr(a.Uint8())
					case unix.NL80211_STA_INFO_CONNECTED_TO_AS:
						s.ConnectedToAS = ptr(a.Uint8())
					case unix.NL80211_STA_INFO_LOCAL_PM:
						s.LocalPM = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_PEER_PM:
						s.PeerPM = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_NONPEER_PM:
						s.NonPeerPM = ptr(a.Uint32())
					case unix.NL80211_STA_INFO_ASSOC_AT_BOOTTIME:
						s.AssocAtBoottime = ptr(a.Uint64())
					case unix.NL80211_STA_INFO_STA_FLAGS:
						raw := a.Bytes()
						if len(raw) < 8 {
							return fmt.Errorf("%w: station flags of %d bytes", nl.ErrAttr, len(raw))
						}
						s.Flags = &StaFlags{Mask: binary.NativeEndian.Uint32(raw), Set: binary.NativeEndian.Uint32(raw[4:])}
					case unix.NL80211_STA_INFO_BSS_PARAM:
						var p StaBSSParam
						a.Decode(func(bp *nl.AttrDecoder) error {
							for bp.Next() {
								switch bp.Type() {
								case unix.NL80211_STA_BSS_PARAM_CTS_PROT:
									p.CTSProtection = true
								case unix.NL80211_STA_BSS_PARAM_SHORT_PREAMBLE:
									p.ShortPreamble = true
								case unix.NL80211_STA_BSS_PARAM_SHORT_SLOT_TIME:
									p.ShortSlotTime = true
								case unix.NL80211_STA_BSS_PARAM_DTIM_PERIOD:
									p.DTIMPeriod = ptr(bp.Uint8())
								case unix.NL80211_STA_BSS_PARAM_BEACON_INTERVAL:
									p.BeaconInterval = ptr(bp.Uint16())
								}
							}
							return nil
						})
						s.BSSParam = &p
					}
				}
				return nil
			})
			if s.RxBytes == nil {
				s.RxBytes = rx32
			}
			if s.TxBytes == nil {
				s.TxBytes = tx32
			}
		}
	}
	if err := d.Err(); err != nil {
		return Station{}, fmt.Errorf("nl80211: decoding station: %w", err)
	}
	if !found {
		return Station{}, fmt.Errorf("nl80211: station message without NL80211_ATTR_STA_INFO")
	}
	return s, nil
}

// Stations dumps the stations of an interface.
func (c *Client) Stations(ifindex int) ([]Station, error) {
	var out []Station
	err := c.dumpEach(unix.NL80211_CMD_GET_STATION, ifindexAttrs(ifindex), func() { out = nil }, func(m genl.Message) error {
		s, err := ParseStation(m.Attrs)
		if err == nil {
			out = append(out, s)
		}
		return err
	})
	return out, err
}

// Station returns one station of an interface by address.
func (c *Client) Station(ifindex int, addr net.HardwareAddr) (Station, error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_STATION, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, addr)
	})
	if err != nil {
		return Station{}, err
	}
	for _, m := range msgs {
		if m.Header.Command == unix.NL80211_CMD_NEW_STATION {
			return ParseStation(m.Attrs)
		}
	}
	return Station{}, fmt.Errorf("nl80211: no station in the answer to GET_STATION for %s", addr)
}
