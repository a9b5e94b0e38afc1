package nl80211

import (
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Scan flags (enum nl80211_scan_flags) a scheduled scan may carry.
const (
	ScanFlagFlush       = unix.NL80211_SCAN_FLAG_FLUSH
	ScanFlagRandomAddr  = unix.NL80211_SCAN_FLAG_RANDOM_ADDR
	ScanFlagColocated6G = unix.NL80211_SCAN_FLAG_COLOCATED_6GHZ
)

// ScanPlan is one step of a scheduled scan: scan every Interval seconds,
// Iterations times (0: for ever, the last plan only).
type ScanPlan struct {
	Interval   uint32
	Iterations uint32
}

// SchedScanRequest starts a scheduled scan (NL80211_CMD_START_SCHED_SCAN),
// which the radio runs on its own and reports with events. Nil and empty
// fields are left out of the request.
type SchedScanRequest struct {
	Interval *uint32 // ms, the older form of Plans
	Delay    *uint32 // s before the first scan
	Plans    []ScanPlan
	// Freqs, if not nil, limits the scan (an empty list is sent empty).
	Freqs []uint32
	// Matches are the SSIDs results must have to be reported.
	Matches [][]byte
	// SSIDs, if not nil, are probed for ([]byte{} is the wildcard); nil
	// scans passively.
	SSIDs [][]byte
	Flags uint32
	// RandomAddr and RandomMask, with ScanFlagRandomAddr: the bits of the
	// mask set are taken from the address, the others are random.
	RandomAddr, RandomMask net.HardwareAddr
}

func (r SchedScanRequest) encode(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		r.encodeScan(e)
	}
}

// encodeScan writes the scan's attributes, at the top of a request or in
// a nest (WoWLAN's net-detect trigger).
func (r SchedScanRequest) encodeScan(e *nl.AttrEncoder) {
	if r.Interval != nil {
		e.Uint32(unix.NL80211_ATTR_SCHED_SCAN_INTERVAL, *r.Interval)
	}
	if r.Delay != nil {
		e.Uint32(unix.NL80211_ATTR_SCHED_SCAN_DELAY, *r.Delay)
	}
	if r.RandomAddr != nil {
		e.Bytes(unix.NL80211_ATTR_MAC, r.RandomAddr)
		e.Bytes(unix.NL80211_ATTR_MAC_MASK, r.RandomMask)
	}
	if r.SSIDs != nil {
		e.Nest(unix.NL80211_ATTR_SCAN_SSIDS)
		for i, s := range r.SSIDs {
			e.Bytes(uint16(i+1), s)
		}
		e.Unnest()
	}
	if r.Freqs != nil {
		e.Nest(unix.NL80211_ATTR_SCAN_FREQUENCIES)
		for i, f := range r.Freqs {
			e.Uint32(uint16(i+1), f)
		}
		e.Unnest()
	}
	if len(r.Matches) > 0 {
		e.Nest(unix.NL80211_ATTR_SCHED_SCAN_MATCH)
		for i, s := range r.Matches {
			e.Nest(uint16(i + 1))
			e.Bytes(unix.NL80211_SCHED_SCAN_MATCH_ATTR_SSID, s)
			e.Unnest()
		}
		e.Unnest()
	}
	if len(r.Plans) > 0 {
		e.Nest(unix.NL80211_ATTR_SCHED_SCAN_PLANS)
		for i, p := range r.Plans {
			e.Nest(uint16(i + 1))
			e.Uint32(unix.NL80211_SCHED_SCAN_PLAN_INTERVAL, p.Interval)
			if p.Iterations != 0 {
				e.Uint32(unix.NL80211_SCHED_SCAN_PLAN_ITERATIONS, p.Iterations)
			}
			e.Unnest()
		}
		e.Unnest()
	}
	if r.Flags != 0 {
		e.Uint32(unix.NL80211_ATTR_SCAN_FLAGS, r.Flags)
	}
}

// StartSchedScan starts a scheduled scan on an interface.
func (c *Client) StartSchedScan(ifindex int, r SchedScanRequest) error {
	_, err := c.execute(unix.NL80211_CMD_START_SCHED_SCAN, r.encode(ifindex))
	return err
}

// StopSchedScan stops the scheduled scan of an interface.
func (c *Client) StopSchedScan(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_STOP_SCHED_SCAN, ifindexAttrs(ifindex))
	return err
}
