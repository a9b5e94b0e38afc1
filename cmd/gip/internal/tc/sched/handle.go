package sched

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// strtoulHex reads a number the way C's strtoul(s, &end, 16) does:
// optional leading blanks, an optional sign and 0x, then hex digits. It
// returns the value (saturated to 2^64-1), the rest of s and whether any
// digit was read; a minus sign negates modulo 2^64 as C does.
func strtoulHex(s string) (v uint64, rest string, ok bool) {
	v, n, _ := grammar.Strtoul(s, 16)
	return v, s[n:], n > 0
}

// ParseQdiscHandle reads a qdisc handle as tc does: "MAJ:" or "MAJ" in
// hex (the minor must be absent), or "none" for 0. It reports false for
// anything else, including a major of 0x10000 or more.
func ParseQdiscHandle(s string) (uint32, bool) {
	if s == "none" {
		return 0, true
	}
	maj, rest, ok := strtoulHex(s)
	if !ok || maj >= 1<<16 || rest != "" && rest[0] != ':' {
		return 0, false
	}
	return uint32(maj) << 16, true
}

// ParseClassID reads a class id or parent as tc does: "root", "none",
// "MAJ:MIN", "MAJ:", ":MIN" or a bare hex number (the whole 32-bit id),
// in hex.
func ParseClassID(s string) (uint32, bool) {
	switch s {
	case "root":
		return rtnl.HandleRoot, true
	case "none":
		return 0, true
	}
	maj, rest, ok := strtoulHex(s)
	if !ok {
		maj = 0
		if rest == "" || rest[0] != ':' {
			return 0, false
		}
	}
	if rest == "" {
		return uint32(maj), maj < 1<<32
	}
	if rest[0] != ':' || maj >= 1<<16 {
		return 0, false
	}
	min, tail, ok := strtoulHex(rest[1:])
	if !ok {
		// strtoul read nothing: the minor is 0 when nothing follows.
		min, tail = 0, rest[1:]
	}
	if tail != "" || min >= 1<<16 {
		return 0, false
	}
	return uint32(maj)<<16 | uint32(min), true
}

// HandleText is a qdisc's handle as tc prints it: "MAJ:" in hex.
func HandleText(h uint32) string {
	return strconv.FormatUint(uint64(rtnl.Major(h)), 16) + ":"
}

// ClassIDText is a class id or parent as tc prints it: "root", "none",
// ":MIN", "MAJ:" or "MAJ:MIN", in hex.
func ClassIDText(h uint32) string {
	maj, min := rtnl.Major(h), rtnl.Minor(h)
	switch {
	case h == rtnl.HandleRoot:
		return "root"
	case h == 0:
		return "none"
	case maj == 0:
		return ":" + strconv.FormatUint(uint64(min), 16)
	case min == 0:
		return strconv.FormatUint(uint64(maj), 16) + ":"
	}
	return strconv.FormatUint(uint64(maj), 16) + ":" + strconv.FormatUint(uint64(min), 16)
}
