package main

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// Packet patterns, as WoWLAN and coalesce rules take them from iw's
// grammar and print them.

// parseHexMask reads "00:11:-:33": hex bytes as strtoul with base 16
// reads them ("" is 0), up to ff; "-", "--" or "xx" is a byte that may be
// anything, left out of the mask.
func parseHexMask(s string) (pattern, mask []byte, ok bool) {
	parts := strings.Split(s, ":")
	pattern = make([]byte, len(parts))
	mask = make([]byte, (len(parts)+7)/8)
	for i, part := range parts {
		if part == "-" || part == "--" || part == "xx" {
			continue
		}
		v, whole := cNumberBase16(part)
		if !whole || v < 0 || v > 0xff {
			return nil, nil, false
		}
		pattern[i] = byte(v)
		mask[i/8] |= 1 << (i % 8)
	}
	return pattern, mask, true
}

// parsePattern reads "[offset+]pattern". As iw splits at '+' with
// strtok, empty pieces are skipped and a third piece is ignored.
func parsePattern(s string) (nl80211.PacketPattern, bool) {
	var pieces []string
	for _, p := range strings.Split(s, "+") {
		if p != "" {
			pieces = append(pieces, p)
		}
	}
	var offset uint32
	switch len(pieces) {
	case 0:
		return nl80211.PacketPattern{}, false
	case 1:
	default:
		n, whole := cNumber(pieces[0])
		if !whole {
			return nl80211.PacketPattern{}, false
		}
		offset, pieces = uint32(n), pieces[1:]
	}
	pat, mask, ok := parseHexMask(pieces[0])
	return nl80211.PacketPattern{Mask: mask, Pattern: pat, Offset: &offset}, ok
}

// patternText shows a pattern's bytes as iw does: "00:11:--:33", "--"
// for a byte outside the mask.
func patternText(p nl80211.PacketPattern) string {
	var b strings.Builder
	for i, c := range p.Pattern {
		if i > 0 {
			b.WriteByte(':')
		}
		if p.Matters(i) {
			b.WriteString(hex2(c))
		} else {
			b.WriteString("--")
		}
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// patternJSON is a pattern in JSON: its offset and its text as iw
// prints it; invalid for one whose mask does not fit its bytes.
type patternJSON struct {
	Offset  *uint32 `json:"offset,omitempty"`
	Pattern string  `json:"pattern"`
	Invalid bool    `json:"invalid,omitempty"`
}

func patternsView(ps []nl80211.PacketPattern) []patternJSON {
	out := []patternJSON{}
	for _, p := range ps {
		if !p.Valid() {
			out = append(out, patternJSON{Offset: p.Offset, Invalid: true})
			continue
		}
		out = append(out, patternJSON{Offset: p.Offset, Pattern: patternText(p)})
	}
	return out
}
