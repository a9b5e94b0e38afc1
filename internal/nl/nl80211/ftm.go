package nl80211

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// FTMResponder turns on the fine timing measurement responder of a
// running AP (NL80211_CMD_SET_BEACON with NL80211_ATTR_FTM_RESPONDER),
// with the location it announces (LCI and civic location elements, nil:
// none).
type FTMResponder struct {
	LCI, Civic []byte
}

// StartFTMResponder enables the responder on an AP interface.
func (c *Client) StartFTMResponder(ifindex int, r FTMResponder) error {
	_, err := c.execute(unix.NL80211_CMD_SET_BEACON, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Nest(unix.NL80211_ATTR_FTM_RESPONDER)
		e.Flag(unix.NL80211_FTM_RESP_ATTR_ENABLED)
		if r.LCI != nil {
			e.Bytes(unix.NL80211_FTM_RESP_ATTR_LCI, r.LCI)
		}
		if r.Civic != nil {
			e.Bytes(unix.NL80211_FTM_RESP_ATTR_CIVICLOC, r.Civic)
		}
		e.Unnest()
	})
	return err
}

// FTMStats are an FTM responder's counters (enum nl80211_ftm_stats); nil
// fields were not reported.
type FTMStats struct {
	Success, Partial, Failed, ASAP, NonASAP *uint32
	TotalDurationMs                         *uint64
	UnknownTriggers, Reschedules, OutOfWin  *uint32
}

// ErrNoFTMStats is returned when the kernel's answer lacks the statistics.
var ErrNoFTMStats = fmt.Errorf("nl80211: FTM responder statistics are missing")

// FTMResponderStats reads the FTM responder's counters of an AP interface
// (NL80211_CMD_GET_FTM_RESPONDER_STATS).
func (c *Client) FTMResponderStats(ifindex int) (FTMStats, error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_FTM_RESPONDER_STATS, ifindexAttrs(ifindex))
	if err != nil {
		return FTMStats{}, err
	}
	for _, m := range msgs {
		if s, ok, err := ParseFTMStats(m.Attrs); ok || err != nil {
			return s, err
		}
	}
	return FTMStats{}, ErrNoFTMStats
}

// ParseFTMStats decodes the NL80211_ATTR_FTM_RESPONDER_STATS of a message's
// attributes; ok is false when there is none.
func ParseFTMStats(attrs []byte) (s FTMStats, ok bool, err error) {
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		if d.Type() != unix.NL80211_ATTR_FTM_RESPONDER_STATS {
			continue
		}
		ok = true
		n := nl.NewAttrDecoder(d.Bytes())
		u32 := func() *uint32 { v := n.Uint32(); return &v }
		for n.Next() {
			switch n.Type() {
			case unix.NL80211_FTM_STATS_SUCCESS_NUM:
				s.Success = u32()
			case unix.NL80211_FTM_STATS_PARTIAL_NUM:
				s.Partial = u32()
			case unix.NL80211_FTM_STATS_FAILED_NUM:
				s.Failed = u32()
			case unix.NL80211_FTM_STATS_ASAP_NUM:
				s.ASAP = u32()
			case unix.NL80211_FTM_STATS_NON_ASAP_NUM:
				s.NonASAP = u32()
			case unix.NL80211_FTM_STATS_TOTAL_DURATION_MSEC:
				v := n.Uint64()
				s.TotalDurationMs = &v
			case unix.NL80211_FTM_STATS_UNKNOWN_TRIGGERS_NUM:
				s.UnknownTriggers = u32()
			case unix.NL80211_FTM_STATS_RESCHEDULE_REQUESTS_NUM:
				s.Reschedules = u32()
			case unix.NL80211_FTM_STATS_OUT_OF_WINDOW_TRIGGERS_NUM:
				s.OutOfWin = u32()
			}
		}
		if err := n.Err(); err != nil {
			return s, true, fmt.Errorf("nl80211: FTM responder statistics: %w", err)
		}
	}
	return s, ok, d.Err()
}
