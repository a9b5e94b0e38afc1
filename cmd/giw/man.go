package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/roff"
)

// manCommand is the hidden command that writes giw(8):
// `giw __man DIR` (make man runs it into docs/man).
const manCommand = "__man"

// writeManPage writes giw.8 into dir.
func writeManPage(dir string) error { return roff.WritePage(dir, "giw.8", manPage()) }

// manPage renders giw(8) from the command table and the option list that
// giw help prints.
func manPage() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w(".TH GIW 8 \"\" \"gip-suite\" \"System Administration\"\n")
	w(".SH NAME\ngiw \\- show and manipulate wireless devices (an iw replacement)\n")
	w(".SH SYNOPSIS\n.B giw\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR\n.br\n.B giw\n[\\fIOPTIONS\\fR] \\fBdev\\fR \\fIDEVICE\\fR \\fICOMMAND\\fR\n.br\n.B giw\n[\\fIOPTIONS\\fR] \\fBphy\\fR \\fIPHY\\fR \\fICOMMAND\\fR\n")
	w(".SH DESCRIPTION\n%s", roff.Escape(`giw talks to the kernel's wireless subsystem through nl80211. It takes iw `+iwVersion+`'s command grammar and prints iw's text, messages and exit codes, so scripts written for iw keep working; -j adds a JSON output whose keys are only ever added, never renamed.`))
	w(".PP\n%s", roff.Escape(`A command acts on nothing in particular, on a network interface (dev DEVICE) or on a wireless device (phy PHY, where PHY is a name such as phy0 or phy#0 for the index). giw help lists the commands, giw help WORD those that start with WORD.`))

	w(".SH OPTIONS\n")
	var opts bytes.Buffer
	printOptions(&opts)
	for _, l := range strings.Split(opts.String(), "\n") {
		name, desc, ok := strings.Cut(strings.TrimPrefix(l, "\t"), "\t")
		if !ok || !strings.HasPrefix(l, "\t") {
			continue
		}
		w(".TP\n.B %s%s", roff.Escape(name), roff.Escape(strings.TrimLeft(desc, "\t")))
	}

	groups := []struct {
		by    idBy
		title string
	}{
		{byNone, "GENERAL COMMANDS"},
		{byDev, "INTERFACE COMMANDS"},
		{byPhy, "DEVICE COMMANDS"},
		{byWdev, "WIRELESS DEVICE COMMANDS (wdev <idx> takes the interface commands too)"},
	}
	for _, g := range groups {
		w(".SH %s\n", g.title)
		for _, c := range commands() {
			if c.idby != g.by {
				continue
			}
			w(".TP\n.B giw %s", roff.Escape(c.usageLine()))
			// The help is wrapped for a terminal: rejoin its lines, keeping
			// the breaks after a sentence and before an option's line.
			prev := ""
			for i, l := range strings.Split(c.help, "\n") {
				if i > 0 && (strings.HasSuffix(prev, ".") || strings.HasPrefix(l, "-")) {
					w(".br\n")
				}
				w("%s", roff.Escape(l))
				prev = l
			}
		}
	}

	w(".SH JSON\n%s", roff.Escape(`With -j, dev, info, link, scan, station, phy, reg and event print JSON instead of iw's text; -p indents it. Values the kernel does not report are left out; lists are [] when empty. event prints one JSON object per line. The schema, as giw help json prints it:`))
	w(".PP\n.nf\n%s.fi\n", roff.Escape(jsonSchemaHelp))
	w(".SH EXIT STATUS\n%s", roff.Escape(`As iw: 0 on success; 1 for a usage error or when the kernel has no nl80211; when the kernel refuses a request, 256 minus the error number (237 for "No such device", errno 19), after a "command failed" line on standard error.`))
	w(".SH DIFFERENCES FROM IW\n%s", roff.Escape(`Usage text goes to standard error, so standard output stays clean. phy and list print a summary: the bands with their HT, VHT, HE and EHT capabilities as iw prints them, without iw's blocks on interface combinations, frame types, WoWLAN and feature flags. Scan results decode the common elements and show the others only with -u, as iw does. HE and EHT (Wi-Fi 6 and 7) text follows iw 6.x rather than 5.19: phy's HE and EHT capabilities, scan's HE and EHT capabilities and operation and Multi-Link elements, HE and EHT rates. connect joins open, WEP and WPA2-PSK (CCMP) networks, the last by itself, without a supplicant (psk, psk -, psk-file; -f stays and answers group rekeys). -j, -p and -n are giw's additions, and so is "giw completion bash|zsh|fish", which prints a completion script (commands, options, and the wireless devices and phys of the namespace -n chooses).`))
	w(".SH EXAMPLES\n.nf\n%s.fi\n", roff.Escape(`giw dev
giw dev wlan0 link
giw dev wlan0 scan
giw -j -p dev wlan0 scan dump
giw dev wlan0 connect -w guest
giw phy phy0 interface add mon0 type monitor
giw -n lab reg get`))
	w(".SH SEE ALSO\n.BR iw (8),\n.BR gip (8),\n.BR gip\\-link (8)\n")
	return b.String()
}
