package main

import (
	"github.com/gip-suite/gip/internal/nl/nl80211"
)

const wowlanEnableArgs = "[any] [disconnect] [magic-packet] [gtk-rekey-failure] [eap-identity-request]" +
	" [4way-handshake] [rfkill-release] [net-detect " + schedScanArgs + "]" +
	" [tcp <config-file>] [patterns [offset1+]<pattern1> ...]"

const wowlanEnableHelp = "Enable WoWLAN with the given triggers.\n" +
	"Each pattern is given as a bytestring with '-' in places where any byte\n" +
	"may be present, e.g. 00:11:22:-:44 will match 00:11:22:33:44 and\n" +
	"00:11:22:33:ff:44 etc.\n" +
	"Offset and pattern should be separated by '+', e.g. 18+43:34:00:12 will match " +
	"'43:34:00:12' after 18 bytes of offset in Rx packet.\n\n" +
	"The TCP configuration file contains:\n" +
	"  source=ip[:port]\n" +
	"  dest=ip:port@mac\n" +
	"  data=<hex data packet>\n" +
	"  data.interval=seconds\n" +
	"  [wake=<hex packet with masked out bytes indicated by '-'>]\n" +
	"  [data.seq=len,offset[,start]]\n" +
	"  [data.tok=len,offset,<token stream>]\n\n" +
	"Net-detect configuration example:\n" +
	" giw phy0 wowlan enable net-detect interval 5000 delay 30 freqs 2412 2422 matches ssid foo ssid bar"

// wowlanFlags are the triggers that are one word, in the order iw shows
// them, with the words of the grammar and of "wowlan show".
var wowlanFlags = []struct {
	word, shown string
	field       func(*nl80211.WoWLAN) *bool
}{
	{"any", "wake up on special any trigger", func(w *nl80211.WoWLAN) *bool { return &w.Any }},
	{"disconnect", "wake up on disconnect", func(w *nl80211.WoWLAN) *bool { return &w.Disconnect }},
	{"magic-packet", "wake up on magic packet", func(w *nl80211.WoWLAN) *bool { return &w.MagicPacket }},
	{"gtk-rekey-failure", "wake up on GTK rekeying failure", func(w *nl80211.WoWLAN) *bool { return &w.GTKRekeyFailure }},
	{"eap-identity-request", "wake up on EAP identity request", func(w *nl80211.WoWLAN) *bool { return &w.EAPIdentityRequest }},
	{"4way-handshake", "wake up on 4-way handshake", func(w *nl80211.WoWLAN) *bool { return &w.FourWayHandshake }},
	{"rfkill-release", "wake up on RF-kill release", func(w *nl80211.WoWLAN) *bool { return &w.RFKillRelease }},
}

// parseWoWLAN reads the triggers of "wowlan enable". Every word after
// "patterns" is a pattern; net-detect takes the scheduled scan arguments
// that follow it, up to the first word that is not one of them.
func parseWoWLAN(args []string) (*nl80211.WoWLAN, error) {
	w := &nl80211.WoWLAN{}
	rest := argList(args)
	for len(rest) > 0 {
		word, _ := rest.next()
		if flag := wowlanFlag(word); flag != nil {
			*flag(w) = true
			continue
		}
		switch word {
		case "tcp":
			file, ok := rest.next()
			if !ok {
				return nil, &usageError{}
			}
			tcp, err := parseWoWLANTCPFile(file)
			if err != nil {
				return nil, err
			}
			w.TCP = tcp
		case "net-detect":
			if len(rest) == 0 {
				return nil, &usageError{}
			}
			nd, more, err := parseSchedScanPrefix(rest)
			if err != nil {
				return nil, err
			}
			w.NetDetect, rest = &nd, more
		case "patterns":
			w.Patterns = []nl80211.PacketPattern{}
			for _, a := range rest {
				p, ok := parsePattern(a)
				if !ok {
					return nil, &usageError{}
				}
				w.Patterns = append(w.Patterns, p)
			}
			rest = nil
		default:
			return nil, &usageError{}
		}
	}
	return w, nil
}

func wowlanFlag(word string) func(*nl80211.WoWLAN) *bool {
	for _, f := range wowlanFlags {
		if f.word == word {
			return f.field
		}
	}
	return nil
}

func runWoWLANEnable(e *env, tg target, args []string) error {
	w, err := parseWoWLAN(args)
	if err != nil {
		return err
	}
	return e.client.SetWoWLAN(tg.phy.Index, w)
}

// runWoWLANDisable ignores its arguments, as iw does.
func runWoWLANDisable(e *env, tg target, _ []string) error {
	return e.client.SetWoWLAN(tg.phy.Index, nil)
}

// runWoWLANShow ignores its arguments, as iw does.
func runWoWLANShow(e *env, tg target, _ []string) error {
	w, err := e.client.WoWLAN(tg.phy.Index)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, wowlanView(tg.phy.Name, w))
	}
	t := &tw{w: e.stdout}
	printWoWLAN(t, w)
	return t.err
}

func printWoWLAN(t *tw, w *nl80211.WoWLAN) {
	if w == nil {
		t.f("WoWLAN is disabled.\n")
		return
	}
	t.f("WoWLAN is enabled:\n")
	for _, f := range wowlanFlags {
		if *f.field(w) {
			t.f(" * %s\n", f.shown)
		}
	}
	if nd := w.NetDetect; nd != nil {
		t.f(" * wake up on network detection\n")
		if nd.Interval != nil {
			t.f("\tscan interval: %d msecs\n", *nd.Interval)
		}
		if nd.Delay != nil {
			t.f("\tinitial scan delay: %d secs\n", *nd.Delay)
		}
		if nd.Matches != nil {
			t.f("\tmatches:\n")
			for _, m := range nd.Matches {
				t.f("\t\tSSID: %s\n", escapeSSID(m))
			}
		}
		if nd.Freqs != nil {
			t.f("\tfrequencies:")
			for _, f := range nd.Freqs {
				t.f(" %d", int32(f))
			}
			t.f("\n")
		}
	}
	for _, p := range w.Patterns {
		if !p.Valid() {
			t.f(" * (invalid pattern specification)\n")
			continue
		}
		if p.Offset != nil {
			t.f(" * wake up on packet offset: %d", int32(*p.Offset))
		}
		t.f(" pattern: %s\n", patternText(p))
	}
	if w.TCP != nil {
		t.f(" * wake up on TCP connection\n")
	}
}

// wowlanJSON is the JSON view of "giw -j phy X wowlan show".
type wowlanJSON struct {
	Phy       string         `json:"phy"`
	Enabled   bool           `json:"enabled"`
	Triggers  []string       `json:"triggers"` // the words of "wowlan enable": "any", "disconnect", ...
	NetDetect *netDetectJSON `json:"net_detect,omitempty"`
	Patterns  []patternJSON  `json:"patterns"`
	TCP       bool           `json:"tcp"`
}

type netDetectJSON struct {
	IntervalMs *uint32  `json:"interval_ms,omitempty"`
	DelayS     *uint32  `json:"delay_s,omitempty"`
	Matches    []string `json:"matches"` // SSIDs, escaped as iw prints them
	Freqs      []uint32 `json:"freqs"`
}

func wowlanView(phy string, w *nl80211.WoWLAN) wowlanJSON {
	v := wowlanJSON{Phy: phy, Triggers: []string{}, Patterns: []patternJSON{}}
	if w == nil {
		return v
	}
	v.Enabled = true
	for _, f := range wowlanFlags {
		if *f.field(w) {
			v.Triggers = append(v.Triggers, f.word)
		}
	}
	if nd := w.NetDetect; nd != nil {
		v.Triggers = append(v.Triggers, "net-detect")
		v.NetDetect = &netDetectJSON{IntervalMs: nd.Interval, DelayS: nd.Delay, Matches: []string{}, Freqs: []uint32{}}
		for _, m := range nd.Matches {
			v.NetDetect.Matches = append(v.NetDetect.Matches, escapeSSID(m))
		}
		v.NetDetect.Freqs = append(v.NetDetect.Freqs, nd.Freqs...)
	}
	if w.Patterns != nil {
		v.Triggers = append(v.Triggers, "patterns")
		v.Patterns = patternsView(w.Patterns)
	}
	if w.TCP != nil {
		v.Triggers = append(v.Triggers, "tcp")
		v.TCP = true
	}
	return v
}
