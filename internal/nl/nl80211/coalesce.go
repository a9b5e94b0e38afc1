package nl80211

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// CoalesceRule holds back received packets that match (Condition 0) or
// do not match (Condition 1) any of its patterns for up to Delay ms
// (NL80211_ATTR_COALESCE_RULE).
type CoalesceRule struct {
	Delay     uint32
	Condition uint32
	Patterns  []PacketPattern
}

// Coalesce conditions (enum nl80211_coalesce_condition).
const (
	CoalesceMatch   = unix.NL80211_COALESCE_CONDITION_MATCH
	CoalesceNoMatch = unix.NL80211_COALESCE_CONDITION_NO_MATCH
)

// SetCoalesce sets the coalesce rules of a wiphy; nil disables coalescing
// (an empty, non-nil list sends an empty rule set).
func (c *Client) SetCoalesce(wiphy int, rules []CoalesceRule) error {
	_, err := c.execute(unix.NL80211_CMD_SET_COALESCE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		if rules == nil {
			return
		}
		e.Nest(unix.NL80211_ATTR_COALESCE_RULE)
		for i, r := range rules {
			e.Nest(uint16(i + 1))
			e.Uint32(unix.NL80211_ATTR_COALESCE_RULE_DELAY, r.Delay)
			e.Uint32(unix.NL80211_ATTR_COALESCE_RULE_CONDITION, r.Condition)
			encodePatterns(e, unix.NL80211_ATTR_COALESCE_RULE_PKT_PATTERN, r.Patterns)
			e.Unnest()
		}
		e.Unnest()
	})
	return err
}

// Coalesce returns the coalesce rules of a wiphy; nil when coalescing is
// disabled (an empty, non-nil list when it is enabled without rules).
func (c *Client) Coalesce(wiphy int) ([]CoalesceRule, error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_COALESCE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
	})
	if err != nil || len(msgs) == 0 {
		return nil, err
	}
	return ParseCoalesce(msgs[0].Attrs)
}

// ParseCoalesce decodes the attributes of an NL80211_CMD_GET_COALESCE
// answer; nil when they carry no rule set (coalescing is disabled). A
// rule's missing delay or condition reads as 0.
func ParseCoalesce(b []byte) ([]CoalesceRule, error) {
	var rules []CoalesceRule
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() != unix.NL80211_ATTR_COALESCE_RULE {
			continue
		}
		rules = []CoalesceRule{}
		d.Decode(func(rs *nl.AttrDecoder) error {
			for rs.Next() {
				var r CoalesceRule
				rs.Decode(func(a *nl.AttrDecoder) error {
					for a.Next() {
						switch a.Type() {
						case unix.NL80211_ATTR_COALESCE_RULE_DELAY:
							r.Delay = a.Uint32()
						case unix.NL80211_ATTR_COALESCE_RULE_CONDITION:
							r.Condition = a.Uint32()
						case unix.NL80211_ATTR_COALESCE_RULE_PKT_PATTERN:
							r.Patterns = parsePatterns(a)
						}
					}
					return nil
				})
				rules = append(rules, r)
			}
			return nil
		})
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("nl80211: decoding coalesce rules: %w", err)
	}
	return rules, nil
}
