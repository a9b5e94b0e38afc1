package nl80211

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// RegDomain is a regulatory domain: the global one, or a wiphy's own.
type RegDomain struct {
	// Wiphy is set for a wiphy's own domain, nil for the global one.
	Wiphy       *int
	SelfManaged bool
	Alpha2      string // "00" is the world domain
	// DFSRegion is enum nl80211_dfs_regions: 0 unset, 1 FCC, 2 ETSI, 3 JP.
	DFSRegion uint8
	Rules     []RegRule
}

// RegRule is one rule of a regulatory domain.
type RegRule struct {
	Flags         uint32 // NL80211_RRF_*
	StartKHz      uint32
	EndKHz        uint32
	MaxBandwidth  uint32 // kHz
	MaxAntGainMBi uint32 // mBi (1/100 dBi)
	MaxEIRPMBm    uint32 // mBm
	DFSCACTimeMs  *uint32
}

// DFSRegionName names a DFS region as iw does.
func DFSRegionName(r uint8) string {
	switch r {
	case unix.NL80211_DFS_UNSET:
		return "DFS-UNSET"
	case unix.NL80211_DFS_FCC:
		return "DFS-FCC"
	case unix.NL80211_DFS_ETSI:
		return "DFS-ETSI"
	case unix.NL80211_DFS_JP:
		return "DFS-JP"
	}
	return "DFS-invalid"
}

// RegRuleFlagNames lists rule flags and their names in the order iw and
// wireless-regdb's dbparse print them. NO-IR, PASSIVE-SCAN and NO-IBSS are
// handled apart (see RegRule.FlagNames).
var RegRuleFlagNames = []struct {
	Flag uint32
	Name string
}{
	{unix.NL80211_RRF_NO_OFDM, "NO-OFDM"},
	{unix.NL80211_RRF_NO_CCK, "NO-CCK"},
	{unix.NL80211_RRF_NO_INDOOR, "NO-INDOOR"},
	{unix.NL80211_RRF_NO_OUTDOOR, "NO-OUTDOOR"},
	{unix.NL80211_RRF_DFS, "DFS"},
	{unix.NL80211_RRF_PTP_ONLY, "PTP-ONLY"},
	{unix.NL80211_RRF_AUTO_BW, "AUTO-BW"},
	{unix.NL80211_RRF_IR_CONCURRENT, "IR-CONCURRENT"},
	{unix.NL80211_RRF_NO_HT40MINUS, "NO-HT40MINUS"},
	{unix.NL80211_RRF_NO_HT40PLUS, "NO-HT40PLUS"},
	{unix.NL80211_RRF_NO_80MHZ, "NO-80MHZ"},
	{unix.NL80211_RRF_NO_160MHZ, "NO-160MHZ"},
	{unix.NL80211_RRF_NO_HE, "NO-HE"},
	{unix.NL80211_RRF_NO_320MHZ, "NO-320MHZ"},
}

const (
	rrfNoIR   = unix.NL80211_RRF_NO_IR // formerly PASSIVE_SCAN
	rrfNoIBSS = 1 << 8                 // __NL80211_RRF_NO_IBSS
)

// FlagNames returns the names of the rule's flags in iw's order.
func (r RegRule) FlagNames() []string {
	var out []string
	for _, f := range RegRuleFlagNames {
		if r.Flags&f.Flag != 0 {
			out = append(out, f.Name)
		}
	}
	switch {
	case r.Flags&rrfNoIR != 0 && r.Flags&rrfNoIBSS != 0:
		out = append(out, "NO-IR")
	default:
		if r.Flags&rrfNoIR != 0 {
			out = append(out, "PASSIVE-SCAN")
		}
		if r.Flags&rrfNoIBSS != 0 {
			out = append(out, "NO-IBSS")
		}
	}
	return out
}

// ParseRegDomain decodes an NL80211_CMD_GET_REG answer.
func ParseRegDomain(b []byte) (RegDomain, error) {
	var rd RegDomain
	haveAlpha := false
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_WIPHY:
			rd.Wiphy = ptr(int(d.Uint32()))
		case unix.NL80211_ATTR_WIPHY_SELF_MANAGED_REG:
			rd.SelfManaged = true
		case unix.NL80211_ATTR_REG_ALPHA2:
			rd.Alpha2 = d.String()
			haveAlpha = true
		case unix.NL80211_ATTR_DFS_REGION:
			rd.DFSRegion = d.Uint8()
		case unix.NL80211_ATTR_REG_RULES:
			d.Decode(func(rules *nl.AttrDecoder) error {
				for rules.Next() {
					var r RegRule
					rules.Decode(func(a *nl.AttrDecoder) error {
						for a.Next() {
							switch a.Type() {
							case unix.NL80211_ATTR_REG_RULE_FLAGS:
								r.Flags = a.Uint32()
							case unix.NL80211_ATTR_FREQ_RANGE_START:
								r.StartKHz = a.Uint32()
							case unix.NL80211_ATTR_FREQ_RANGE_END:
								r.EndKHz = a.Uint32()
							case unix.NL80211_ATTR_FREQ_RANGE_MAX_BW:
								r.MaxBandwidth = a.Uint32()
							case unix.NL80211_ATTR_POWER_RULE_MAX_ANT_GAIN:
								r.MaxAntGainMBi = a.Uint32()
							case unix.NL80211_ATTR_POWER_RULE_MAX_EIRP:
								r.MaxEIRPMBm = a.Uint32()
							case unix.NL80211_ATTR_DFS_CAC_TIME:
								r.DFSCACTimeMs = ptr(a.Uint32())
							}
						}
						return nil
					})
					rd.Rules = append(rd.Rules, r)
				}
				return nil
			})
		}
	}
	if err := d.Err(); err != nil {
		return RegDomain{}, fmt.Errorf("nl80211: decoding regulatory domain: %w", err)
	}
	if !haveAlpha {
		return RegDomain{}, errors.New("nl80211: regulatory domain without a country code")
	}
	return rd, nil
}

// RegDomains returns the global regulatory domain and the domains of
// wiphys that have their own, as the kernel's GET_REG dump lists them.
// Kernels too old for the dump answer a plain GET_REG with the global one.
func (c *Client) RegDomains() ([]RegDomain, error) {
	var out []RegDomain
	err := c.dumpEach(unix.NL80211_CMD_GET_REG, nil, func() { out = nil }, func(m genl.Message) error {
		rd, err := ParseRegDomain(m.Attrs)
		if err == nil {
			out = append(out, rd)
		}
		return err
	})
	if errors.Is(err, unix.EOPNOTSUPP) && len(out) == 0 {
		rd, err := c.RegDomain(-1)
		if err != nil {
			return nil, err
		}
		return []RegDomain{rd}, nil
	}
	return out, err
}

// RegDomain returns the regulatory domain of a wiphy, or the global one for
// wiphy < 0.
func (c *Client) RegDomain(wiphy int) (RegDomain, error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_REG, func(e *nl.AttrEncoder) {
		if wiphy >= 0 {
			e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		}
	})
	if err != nil {
		return RegDomain{}, err
	}
	for _, m := range msgs {
		return ParseRegDomain(m.Attrs)
	}
	return RegDomain{}, errors.New("nl80211: no regulatory domain in the answer to GET_REG")
}

// SetRegDomain asks the kernel to use the country's regulatory domain
// (a user hint; the regulatory database decides what it means).
func (c *Client) SetRegDomain(alpha2 string) error {
	_, err := c.execute(unix.NL80211_CMD_REQ_SET_REG, func(e *nl.AttrEncoder) {
		e.String(unix.NL80211_ATTR_REG_ALPHA2, alpha2)
	})
	return err
}
