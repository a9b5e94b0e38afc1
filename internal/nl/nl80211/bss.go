package nl80211

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// BSSStatus is how the interface relates to a BSS (enum nl80211_bss_status).
type BSSStatus uint32

// BSS statuses.
const (
	BSSAuthenticated BSSStatus = unix.NL80211_BSS_STATUS_AUTHENTICATED
	BSSAssociated    BSSStatus = unix.NL80211_BSS_STATUS_ASSOCIATED
	BSSIBSSJoined    BSSStatus = unix.NL80211_BSS_STATUS_IBSS_JOINED
)

// BSS is one entry of the scan results: a network seen by the interface.
type BSS struct {
	Ifindex int
	Wiphy   int
	BSSID   net.HardwareAddr

	Freq       uint32 // MHz
	FreqOffset uint32 // kHz
	TSF        *uint64
	// BeaconInterval is in time units (1024 µs).
	BeaconInterval *uint16
	Capability     *uint16
	SignalMBM      *int32 // mBm (1/100 dBm)
	SignalUnspec   *uint8 // 0..100, for drivers without dBm
	SeenMsAgo      *uint32
	// LastSeenBoottime is CLOCK_BOOTTIME in nanoseconds when the BSS was
	// last seen.
	LastSeenBoottime *uint64
	Status           *BSSStatus

	// IEs are the information elements of the last frame received (probe
	// response or beacon); BeaconIEs those of the last beacon, when the
	// kernel keeps them apart. Decode them with ParseIEs.
	IEs       []byte
	BeaconIEs []byte
	// ProbeResponse is set when IEs are known to come from a probe
	// response (NL80211_BSS_PRESP_DATA).
	ProbeResponse bool
}

// SSID returns the SSID element of the BSS's IEs, if any.
func (b *BSS) SSID() ([]byte, bool) {
	ies, _ := ParseIEs(b.IEs)
	return FindIE(ies, IESSID)
}

// ParseBSS decodes an NL80211_CMD_NEW_SCAN_RESULTS message (one BSS of a
// GET_SCAN dump). Messages without NL80211_ATTR_BSS are an error.
func ParseBSS(b []byte) (BSS, error) {
	var bss BSS
	found := false
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_IFINDEX:
			bss.Ifindex = int(d.Uint32())
		case unix.NL80211_ATTR_WIPHY:
			bss.Wiphy = int(d.Uint32())
		case unix.NL80211_ATTR_BSS:
			found = true
			d.Decode(func(a *nl.AttrDecoder) error {
				for a.Next() {
					switch a.Type() {
					case unix.NL80211_BSS_BSSID:
						bss.BSSID = hwaddr(a.Bytes())
					case unix.NL80211_BSS_FREQUENCY:
						bss.Freq = a.Uint32()
					case unix.NL80211_BSS_FREQUENCY_OFFSET:
						bss.FreqOffset = a.Uint32()
					case unix.NL80211_BSS_TSF:
						bss.TSF = ptr(a.Uint64())
					case unix.NL80211_BSS_BEACON_INTERVAL:
						bss.BeaconInterval = ptr(a.Uint16())
					case unix.NL80211_BSS_CAPABILITY:
						bss.Capability = ptr(a.Uint16())
					case unix.NL80211_BSS_SIGNAL_MBM:
						bss.SignalMBM = ptr(a.Int32())
					case unix.NL80211_BSS_SIGNAL_UNSPEC:
						bss.SignalUnspec = ptr(a.Uint8())
					case unix.NL80211_BSS_SEEN_MS_AGO:
						bss.SeenMsAgo = ptr(a.Uint32())
					case unix.NL80211_BSS_LAST_SEEN_BOOTTIME:
						bss.LastSeenBoottime = ptr(a.Uint64())
					case unix.NL80211_BSS_STATUS:
						bss.Status = ptr(BSSStatus(a.Uint32()))
					case unix.NL80211_BSS_INFORMATION_ELEMENTS:
						bss.IEs = append([]byte{}, a.Bytes()...)
					case unix.NL80211_BSS_BEACON_IES:
						bss.BeaconIEs = append([]byte{}, a.Bytes()...)
					case unix.NL80211_BSS_PRESP_DATA:
						bss.ProbeResponse = true
					}
				}
				return nil
			})
		}
	}
	if err := d.Err(); err != nil {
		return BSS{}, fmt.Errorf("nl80211: decoding BSS: %w", err)
	}
	if !found {
		return BSS{}, errors.New("nl80211: scan result without NL80211_ATTR_BSS")
	}
	return bss, nil
}

// ScanResults dumps the kernel's scan results for an interface (what iw's
// "scan dump" shows). Entries without a BSSID are skipped.
func (c *Client) ScanResults(ifindex int) ([]BSS, error) {
	var out []BSS
	err := c.dumpEach(unix.NL80211_CMD_GET_SCAN, ifindexAttrs(ifindex), func() { out = nil }, func(m genl.Message) error {
		bss, err := ParseBSS(m.Attrs)
		if err == nil && len(bss.BSSID) != 0 {
			out = append(out, bss)
		}
		return err
	})
	return out, err
}

// ScanRequest says what to scan. The zero value is an active scan of every
// channel for any SSID.
type ScanRequest struct {
	// Freqs limits the scan to these frequencies in MHz.
	Freqs []uint32
	// SSIDs are probed for; none means the wildcard SSID (unless Passive).
	SSIDs [][]byte
	// Passive sends no probe requests.
	Passive bool
	// Flush drops the cached results before the scan.
	Flush bool
}

func (r ScanRequest) encode(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		if len(r.Freqs) > 0 {
			e.Nest(unix.NL80211_ATTR_SCAN_FREQUENCIES)
			for i, f := range r.Freqs {
				e.Uint32(uint16(i+1), f)
			}
			e.Unnest()
		}
		if !r.Passive {
			e.Nest(unix.NL80211_ATTR_SCAN_SSIDS)
			if len(r.SSIDs) == 0 {
				e.Bytes(1, nil) // the wildcard SSID
			}
			for i, s := range r.SSIDs {
				e.Bytes(uint16(i+1), s)
			}
			e.Unnest()
		}
		if r.Flush {
			e.Uint32(unix.NL80211_ATTR_SCAN_FLAGS, unix.NL80211_SCAN_FLAG_FLUSH)
		}
	}
}

// TriggerScan starts a scan on an interface and returns at once; the end is
// announced on the "scan" multicast group. Use Scan to wait for it.
func (c *Client) TriggerScan(ifindex int, req ScanRequest) error {
	_, err := c.execute(unix.NL80211_CMD_TRIGGER_SCAN, req.encode(ifindex))
	return err
}

// AbortScan stops a running scan.
func (c *Client) AbortScan(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_ABORT_SCAN, ifindexAttrs(ifindex))
	return err
}

// ErrScanAborted is returned by Scan when the kernel aborted the scan.
var ErrScanAborted = errors.New("nl80211: scan aborted")

// Scan triggers a scan on an interface, waits until the kernel announces its
// end (NL80211_CMD_NEW_SCAN_RESULTS on the "scan" group) or ctx ends, and
// returns the results.
func (c *Client) Scan(ctx context.Context, ifindex int, req ScanRequest) ([]BSS, error) {
	l, err := c.listen(GroupScan)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	if err := c.TriggerScan(ifindex, req); err != nil {
		return nil, err
	}
	if err := waitScan(ctx, l, c.fromDevice(ifindex)); err != nil {
		return nil, err
	}
	return c.ScanResults(ifindex)
}

// WaitScan reads scan events from l, a Conn joined to the "scan" group,
// until the scan on ifindex finished (nil), was aborted (ErrScanAborted) or
// ctx ended (its error). Its read deadline follows ctx.
func WaitScan(ctx context.Context, l *genl.Conn, ifindex int) error {
	return waitScan(ctx, l, func(b []byte) bool { return eventIfindex(b) == ifindex })
}

// waitScan is WaitScan for the device whose events mine selects.
func waitScan(ctx context.Context, l *genl.Conn, mine func(attrs []byte) bool) error {
	return waitEvent(ctx, l, func(m genl.Message) (bool, error) {
		if !mine(m.Attrs) {
			return false, nil
		}
		switch m.Header.Command {
		case unix.NL80211_CMD_NEW_SCAN_RESULTS:
			return true, nil
		case unix.NL80211_CMD_SCAN_ABORTED:
			return true, ErrScanAborted
		}
		return false, nil
	})
}

// waitEvent reads l until match says done, or ctx ends.
func waitEvent(ctx context.Context, l *genl.Conn, match func(genl.Message) (bool, error)) error {
	if dl, ok := ctx.Deadline(); ok {
		if err := l.SetReadDeadline(dl); err != nil {
			return err
		}
	}
	stop := context.AfterFunc(ctx, func() { _ = l.SetReadDeadline(time.Now()) })
	defer stop()
	for {
		msgs, err := l.Receive()
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("nl80211: waiting for the kernel: %w", context.Cause(ctx))
			}
			return err
		}
		for _, m := range msgs {
			done, err := match(m)
			if done {
				return err
			}
		}
	}
}

// eventWdev returns the NL80211_ATTR_WDEV of an event; ok is false when
// it has none.
func eventWdev(b []byte) (id uint64, ok bool) {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() == unix.NL80211_ATTR_WDEV {
			return d.Uint64(), true
		}
	}
	return 0, false
}

// eventIfindex returns the NL80211_ATTR_IFINDEX of an event, or -1.
func eventIfindex(b []byte) int {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() == unix.NL80211_ATTR_IFINDEX {
			return int(d.Uint32())
		}
	}
	return -1
}
