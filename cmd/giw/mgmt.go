package main

import (
	"encoding/hex"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

const mgmtDumpArgs = "frame <type as hex ab> <pattern as hex ab:cd:..> [frame <type> <pattern>]* [count <frames>]"

const mgmtDumpHelp = "Register for receiving certain mgmt frames and print them.\n" +
	"Frames are selected by their type and pattern containing\n" +
	"the first several bytes of the frame that should match.\n\n" +
	"Example: giw dev wlan0 mgmt dump frame 40 00 frame 40 01:02 count 10\n" +
	"Without count, until interrupted; with -j, one JSON object per frame."

// mgmtDump is what "mgmt dump" asks for: frames to register and how many
// to print (negative: until interrupted).
type mgmtDump struct {
	frames []nl80211.FrameMatch
	count  int
}

// parseMgmtDump reads iw's "frame <type> <pattern> [frame ...]* [count
// <n>]" with its messages (exit 2) for a type or pattern that does not
// parse. As with iw, a count of 0 or -1 prints nothing, one below -1 is
// no limit.
func parseMgmtDump(args []string) (mgmtDump, error) {
	d := mgmtDump{count: -1}
	if len(args) < 3 {
		return d, &usageError{}
	}
	for len(args) >= 3 {
		if args[0] != "frame" {
			return d, &usageError{}
		}
		typ, ok := scanHex(args[1])
		if !ok {
			return d, refusal("invalid frame type: " + args[1])
		}
		match, ok := parseHexPattern(args[2])
		if !ok {
			return d, refusal("invalid frame pattern: " + args[2])
		}
		d.frames = append(d.frames, nl80211.FrameMatch{Type: uint16(typ), Match: match})
		args = args[3:]
	}
	switch {
	case len(args) == 2 && args[0] == "count":
		n := int(cAtoi(args[1]))
		switch {
		case n == 0 || n == -1:
			d.count = 0
		case n > 0:
			d.count = n
		}
	case len(args) > 0:
		return d, &usageError{}
	}
	return d, nil
}

// parseHexPattern reads "ab:cd:..": hex bytes, each read as strtoul with
// base 16 reads it (an empty one is 0), up to ff.
func parseHexPattern(s string) ([]byte, bool) {
	var b []byte
	for _, part := range strings.Split(s, ":") {
		v, whole := cNumberBase16(part)
		if !whole || v < 0 || v > 0xff {
			return nil, false
		}
		b = append(b, byte(v))
	}
	return b, true
}

// cNumberBase16 reads a whole string as strtoul with base 16 does: white
// space, a sign, 0x, hex digits; "" is 0. Values beyond 32 bits stay
// beyond them.
func cNumberBase16(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, t = t[0] == '-', t[1:]
	}
	if len(t) > 2 && (t[:2] == "0x" || t[:2] == "0X") && isHexDigit(t[2]) {
		t = t[2:]
	}
	if t == "" {
		return 0, s == ""
	}
	var v int64
	for i := range len(t) {
		if !isHexDigit(t[i]) {
			return 0, false
		}
		v = min(v<<4|int64(hexValue(t[i])), 1<<40)
	}
	if neg {
		v = -v
	}
	return v, true
}

// mgmtFrameJSON is one frame of "giw -j dev X mgmt dump" (JSON lines).
type mgmtFrameJSON struct {
	Ifname    string  `json:"ifname"`
	Freq      *uint32 `json:"freq,omitempty"`
	SignalDBM *int32  `json:"signal_dbm,omitempty"`
	Frame     string  `json:"frame"`
}

// printMgmtFrame writes a frame as iw's mgmt dump does.
func printMgmtFrame(t *tw, f nl80211.MgmtFrame) {
	if f.Freq != nil {
		t.f("freq %d MHz\n", *f.Freq)
	}
	if f.SignalDBM != nil {
		t.f("rssi %d dBm\n", *f.SignalDBM)
	}
	if f.Frame != nil {
		hexdumpLines(t, "mgmt", f.Frame)
	}
}

func runMgmtDump(e *env, tg target, args []string) error {
	d, err := parseMgmtDump(args)
	if err != nil {
		return err
	}
	for _, m := range d.frames {
		if err := e.client.RegisterFrame(tg.dev.Index, m); err != nil {
			return err
		}
	}
	t := &tw{w: e.stdout}
	err = e.client.ReceiveFrames(e.ctx, d.count, func(f nl80211.MgmtFrame) {
		if e.opts.json {
			if err := printJSON(e, mgmtFrameJSON{Ifname: tg.dev.Name, Freq: f.Freq, SignalDBM: f.SignalDBM,
				Frame: hex.EncodeToString(f.Frame)}); err != nil && t.err == nil {
				t.err = err
			}
			return
		}
		printMgmtFrame(t, f)
	})
	if err != nil {
		return err
	}
	return t.err
}
