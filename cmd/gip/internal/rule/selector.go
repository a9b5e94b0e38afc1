package rule

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// selectorWord reads one keyword that a rule and a filter of rules share
// into r, reporting whether w was one. Both grammars try these first:
// none of them is an abbreviation of a keyword either tries before.
func selectorWord(w string, a *grammar.Args, r *rtnl.Rule) (bool, error) {
	var err error
	switch {
	case grammar.Matches(w, "preference") || grammar.Matches(w, "order") || grammar.Matches(w, "priority"):
		var p uint32
		if p, err = grammar.ParseValue(a, parseUint32, "preference value is invalid\n"); err == nil {
			r.Priority = &p
		}
	case w == "not":
		r.Flags |= rtnl.RuleInvert
	case w == "fwmark":
		err = fwmark(a, r)
	case w == "dev" || w == "iif" || w == "oif":
		err = ifName(w, a, r)
	case w == "l3mdev":
		r.L3MDev = true
	case w == "uidrange":
		var u [2]uint32
		if u, err = grammar.ParseValue(a, parseUIDRange, "invalid UID range\n"); err == nil {
			r.UIDRange = &u
		}
	case grammar.Matches(w, "tun_id"):
		r.TunID, err = grammar.ParseValue(a, parseUint64, "\"tun_id\" value is invalid\n")
	case w == "ipproto":
		r.IPProto, err = grammar.ParseValue(a, env.IPProtoNumber, "Invalid \"ipproto\" value\n")
	case w == "sport":
		var p [2]uint16
		if p, err = grammar.ParseValue(a, parsePortRange, "invalid port range\n"); err == nil {
			r.SPort = &p
		}
	case w == "dport":
		var p [2]uint16
		if p, err = grammar.ParseValue(a, parsePortRange, "invalid dport range\n"); err == nil {
			r.DPort = &p
		}
	default:
		return false, nil
	}
	return true, err
}

// fwmark reads FWMARK[/MASK].
func fwmark(a *grammar.Args, r *rtnl.Rule) error {
	v, err := a.Value()
	if err != nil {
		return err
	}
	markStr, maskStr, hasMask := strings.Cut(v, "/")
	mark, ok := parseUint32(markStr)
	if !ok {
		return fail.Invalid("fwmark value is invalid\n", markStr)
	}
	r.Mark = &mark
	if hasMask {
		mask, ok := parseUint32(maskStr)
		if !ok {
			return fail.Invalid("fwmask value is invalid\n", maskStr)
		}
		r.Mask = &mask
	}
	return nil
}

// ifName reads the interface of dev, iif (the input one) or oif.
func ifName(w string, a *grammar.Args, r *rtnl.Rule) error {
	v, err := a.Value()
	if err != nil {
		return err
	}
	if !grammar.ValidIfName(v) {
		if w == "oif" {
			return fail.Invalid("\"oif\" not a valid ifname", v)
		}
		return fail.Invalid("\"iif\"/\"dev\" not a valid ifname", v)
	}
	if w == "oif" {
		r.OIFName = v
	} else {
		r.IIFName = v
	}
	return nil
}

func parseUint32(s string) (uint32, bool) {
	n, ok := grammar.ParseCUint(s, 32)
	return uint32(n), ok
}

func parseUint64(s string) (uint64, bool) { return grammar.ParseCUint(s, 64) }

// parseUIDRange reads "A-B" as sscanf("%u-%u") does.
func parseUIDRange(s string) ([2]uint32, bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return [2]uint32{}, false
	}
	x, err1 := strconv.ParseUint(a, 10, 32)
	y, err2 := strconv.ParseUint(b, 10, 32)
	return [2]uint32{uint32(x), uint32(y)}, err1 == nil && err2 == nil
}

// parsePortRange reads "P" or "P-Q".
func parsePortRange(s string) ([2]uint16, bool) {
	a, b, hasEnd := strings.Cut(s, "-")
	x, err := strconv.ParseUint(a, 10, 16)
	if err != nil {
		return [2]uint16{}, false
	}
	if !hasEnd {
		return [2]uint16{uint16(x), uint16(x)}, true
	}
	y, err := strconv.ParseUint(b, 10, 16)
	return [2]uint16{uint16(x), uint16(y)}, err == nil
}
