package main

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// parseSARSpecs reads "<sar type> <range index:sar power>...": the type
// as atoi reads it, each range as sscanf's "%u:%d" with exactly one ':'.
// Like iw, it answers anything else with EINVAL, before asking the kernel.
func parseSARSpecs(args []string) (nl80211.SARSpecs, error) {
	if len(args) <= 1 {
		return nl80211.SARSpecs{}, unix.EINVAL
	}
	s := nl80211.SARSpecs{Type: uint32(cAtoi(args[0]))}
	for _, a := range args[1:] {
		idx, pwr, ok := strings.Cut(a, ":")
		if !ok || strings.Contains(pwr, ":") {
			return s, unix.EINVAL
		}
		i, whole := cNumber(idx)
		p, digits := cLeadingNumber(pwr)
		if idx == "" || !whole || !digits {
			return s, unix.EINVAL
		}
		s.Ranges = append(s.Ranges, nl80211.SARRange{Index: uint32(i), Power: int32(p)})
	}
	return s, nil
}

// cLeadingNumber reads the decimal number s starts with, as scanf's %d:
// white space, a sign, at least one digit; what follows is ignored.
func cLeadingNumber(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	if t != "" && (t[0] == '-' || t[0] == '+') {
		t = t[1:]
	}
	if t == "" || t[0] < '0' || t[0] > '9' {
		return 0, false
	}
	v, _ := cNumber(s)
	return v, true
}

func runPhySetSARSpecs(e *env, tg target, args []string) error {
	s, err := parseSARSpecs(args)
	if err != nil {
		return err
	}
	return e.client.SetSARSpecs(tg.phy.Index, s)
}
