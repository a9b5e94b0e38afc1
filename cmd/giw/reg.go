package main

import (
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// regJSON is the JSON view of a regulatory domain (giw -j reg get).
type regJSON struct {
	Phy         *int          `json:"phy"` // null for the global domain
	SelfManaged bool          `json:"self_managed"`
	Country     string        `json:"country"`
	DFSRegion   string        `json:"dfs_region"`
	Rules       []regRuleJSON `json:"rules"`
}

type regRuleJSON struct {
	StartMHz      uint32   `json:"start_mhz"`
	EndMHz        uint32   `json:"end_mhz"`
	MaxBWMHz      uint32   `json:"max_bw_mhz"`
	MaxAntGainDBi *float64 `json:"max_ant_gain_dbi"` // null: N/A
	MaxEIRPDBm    float64  `json:"max_eirp_dbm"`
	DFSCACMs      *uint32  `json:"dfs_cac_ms,omitempty"`
	Flags         []string `json:"flags"`
}

func regView(rd nl80211.RegDomain) regJSON {
	v := regJSON{Phy: rd.Wiphy, SelfManaged: rd.SelfManaged, Country: rd.Alpha2,
		DFSRegion: nl80211.DFSRegionName(rd.DFSRegion), Rules: []regRuleJSON{}}
	for _, r := range rd.Rules {
		rv := regRuleJSON{StartMHz: r.StartKHz / 1000, EndMHz: r.EndKHz / 1000, MaxBWMHz: r.MaxBandwidth / 1000,
			MaxEIRPDBm: float64(r.MaxEIRPMBm) / 100, Flags: r.FlagNames()}
		if rv.Flags == nil {
			rv.Flags = []string{}
		}
		if r.MaxAntGainMBi/100 != 0 {
			g := float64(r.MaxAntGainMBi) / 100
			rv.MaxAntGainDBi = &g
		}
		if r.Flags&dfsFlag != 0 {
			rv.DFSCACMs = r.DFSCACTimeMs
		}
		v.Rules = append(v.Rules, rv)
	}
	return v
}

const dfsFlag = unix.NL80211_RRF_DFS

// printReg writes a domain as iw's print_reg_handler does.
func printReg(t *tw, rd nl80211.RegDomain) {
	if rd.Wiphy != nil {
		sm := ""
		if rd.SelfManaged {
			sm = " (self-managed)"
		}
		t.f("phy#%d%s\n", *rd.Wiphy, sm)
	} else {
		t.f("global\n")
	}
	t.f("country %s: %s\n", rd.Alpha2, nl80211.DFSRegionName(rd.DFSRegion))
	for _, r := range rd.Rules {
		t.f("\t(%d - %d @ %d), (", r.StartKHz/1000, r.EndKHz/1000, r.MaxBandwidth/1000)
		if g := r.MaxAntGainMBi / 100; g != 0 {
			t.f("%d", g)
		} else {
			t.f("N/A")
		}
		t.f(", %d)", r.MaxEIRPMBm/100)
		if r.Flags&dfsFlag != 0 && r.DFSCACTimeMs != nil {
			t.f(", (%d ms)", *r.DFSCACTimeMs)
		} else {
			t.f(", (N/A)")
		}
		for _, n := range r.FlagNames() {
			t.f(", %s", n)
		}
		t.f("\n")
	}
	t.f("\n")
}

func printRegs(e *env, rds []nl80211.RegDomain) error {
	if e.opts.json {
		out := make([]regJSON, 0, len(rds))
		for _, rd := range rds {
			out = append(out, regView(rd))
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	for _, rd := range rds {
		printReg(t, rd)
	}
	return t.err
}

func runRegGet(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if tg.phy.Name != "" {
		rd, err := e.client.RegDomain(tg.phy.Index)
		if err != nil {
			return err
		}
		return printRegs(e, []nl80211.RegDomain{rd})
	}
	rds, err := e.client.RegDomains()
	if err != nil {
		return err
	}
	return printRegs(e, rds)
}

func runRegSet(e *env, _ target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	cc, ok := regAlpha2(args[0])
	if !ok {
		return &exitError{code: 2, msg: "not a valid ISO/IEC 3166-1 alpha2\n" +
			"Special non-alpha2 usable entries:\n\t00\tWorld Regulatory domain"}
	}
	return e.client.SetRegDomain(cc)
}

// regAlpha2 takes the first two characters of a country code, as iw does
// ("DEU" is "DE"): two upper-case letters, or "00" for the world domain.
func regAlpha2(s string) (string, bool) {
	if len(s) < 2 {
		return "", false
	}
	cc := s[:2]
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	return cc, cc == "00" || (upper(cc[0]) && upper(cc[1]))
}

func runRegReload(e *env, _ target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return e.client.ReloadRegDB()
}
