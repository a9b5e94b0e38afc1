package main

import "github.com/gip-suite/gip/internal/nl/nl80211"

// channelsBandJSON is one band of "giw -j phy X channels".
type channelsBandJSON struct {
	Band     int              `json:"band"` // iw's "Band N"
	Channels []phyChannelJSON `json:"channels"`
}

// phyChannelJSON is one channel: its regulatory state and the widths it can
// be the control channel of (iw's words: "20MHz", "HT40-", "HT40+",
// "VHT80", "VHT160"; empty for a disabled channel).
type phyChannelJSON struct {
	Freq         uint32   `json:"freq"`
	OffsetKHz    uint32   `json:"freq_offset_khz,omitempty"`
	Channel      int      `json:"channel"`
	Disabled     bool     `json:"disabled"`
	MaxTxPower   *float64 `json:"max_tx_power_dbm,omitempty"`
	NoIR         bool     `json:"no_ir"`
	NoIBSS       bool     `json:"no_ibss"`
	Radar        bool     `json:"radar"`
	Widths       []string `json:"widths"`
	DFSState     string   `json:"dfs_state,omitempty"` // "usable"|"available"|"unavailable"|"unknown"
	DFSTimeMs    *uint32  `json:"dfs_time_ms,omitempty"`
	DFSCACTimeMs *uint32  `json:"dfs_cac_time_ms,omitempty"`
}

// bandWidths is what a band's capabilities allow beyond 20 MHz, as iw
// reads them: HT40 from the HT capabilities, 80 MHz from any VHT
// capabilities, 160 MHz from their supported widths field.
type bandWidths struct{ ht40, vht80, vht160 bool }

func widthsOf(b nl80211.Band) bandWidths {
	var w bandWidths
	w.ht40 = b.HTCapa != nil && *b.HTCapa&(1<<1) != 0
	if b.VHTCapa != nil {
		w.vht80 = true
		switch (*b.VHTCapa >> 2) & 3 {
		case 1, 2:
			w.vht160 = true
		}
	}
	return w
}

// channelWidths lists the widths an enabled channel offers, in iw's order.
func (w bandWidths) channelWidths(f nl80211.Frequency) []string {
	out := []string{}
	for _, c := range []struct {
		ok   bool
		name string
	}{
		{!f.No20MHz, "20MHz"},
		{w.ht40 && !f.NoHT40Minus, "HT40-"},
		{w.ht40 && !f.NoHT40Plus, "HT40+"},
		{w.vht80 && !f.No80MHz, "VHT80"},
		{w.vht160 && !f.No160MHz, "VHT160"},
	} {
		if c.ok {
			out = append(out, c.name)
		}
	}
	return out
}

func dfsStateName(s uint32) string {
	switch s {
	case nl80211.DFSUsable:
		return "usable"
	case nl80211.DFSAvailable:
		return "available"
	case nl80211.DFSUnavailable:
		return "unavailable"
	}
	return "unknown"
}

// runPhyChannels prints the channels of every band, as "iw phy X
// channels".
func runPhyChannels(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, channelsView(tg.phy))
	}
	t := &tw{w: e.stdout}
	for _, b := range tg.phy.Bands {
		printChannels(t, b)
	}
	return t.err
}

func printChannels(t *tw, b nl80211.Band) {
	t.f("Band %d:\n", b.ID+1)
	w := widthsOf(b)
	for _, f := range b.Frequencies {
		t.f("\t* %d MHz [%d] ", f.MHz, nl80211.FreqToChannel(f.MHz))
		if f.Disabled {
			t.f("(disabled)\n")
			continue
		}
		t.f("\n")
		if f.MaxTxPower != nil {
			t.f("\t  Maximum TX power: %.1f dBm\n", 0.01*float64(*f.MaxTxPower))
		}
		switch {
		case f.NoIR && f.NoIBSS:
			t.f("\t  No IR\n")
		case f.NoIR:
			t.f("\t  Passive scan\n")
		case f.NoIBSS:
			t.f("\t  No IBSS\n")
		}
		if f.Radar {
			t.f("\t  Radar detection\n")
		}
		t.f("\t  Channel widths:")
		for _, name := range w.channelWidths(f) {
			t.f(" %s", name)
		}
		t.f("\n")
		if f.DFSState != nil {
			t.f("\t  DFS state: %s", dfsStateName(*f.DFSState))
			if f.DFSTime != nil {
				t.f(" (for %d sec)", *f.DFSTime/1000)
			}
			t.f("\n")
			if f.DFSCACTime != nil {
				t.f("\t  DFS CAC time: %d ms\n", *f.DFSCACTime)
			}
		}
	}
}

func channelsView(p nl80211.Phy) []channelsBandJSON {
	out := []channelsBandJSON{}
	for _, b := range p.Bands {
		w := widthsOf(b)
		bv := channelsBandJSON{Band: b.ID + 1, Channels: []phyChannelJSON{}}
		for _, f := range b.Frequencies {
			c := phyChannelJSON{Freq: f.MHz, OffsetKHz: f.OffsetKHz, Channel: nl80211.FreqToChannel(f.MHz),
				Disabled: f.Disabled, NoIR: f.NoIR, NoIBSS: f.NoIBSS, Radar: f.Radar, Widths: []string{}}
			if !f.Disabled {
				if f.MaxTxPower != nil {
					c.MaxTxPower = ptrTo(float64(*f.MaxTxPower) / 100)
				}
				c.Widths = w.channelWidths(f)
				if f.DFSState != nil {
					c.DFSState = dfsStateName(*f.DFSState)
					c.DFSTimeMs, c.DFSCACTimeMs = f.DFSTime, f.DFSCACTime
				}
			}
			bv.Channels = append(bv.Channels, c)
		}
		out = append(out, bv)
	}
	return out
}
