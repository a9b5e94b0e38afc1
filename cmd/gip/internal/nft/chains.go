package nft

import (
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/internal/nl/nftables"
)

// hookNames are the hooks of each family, by number.
func hookNames(f nftables.Family) []string {
	switch f {
	case nftables.FamilyNetdev:
		return []string{"ingress", "egress"}
	case nftables.FamilyARP:
		return []string{"input", "output", "forward"}
	}
	return []string{"prerouting", "input", "forward", "output", "postrouting", "ingress"}
}

func hookName(f nftables.Family, n uint32) string {
	if names := hookNames(f); int(n) < len(names) {
		return names[n]
	}
	return "unknown"
}

func hookNumber(f nftables.Family, name string) (uint32, bool) {
	for i, n := range hookNames(f) {
		if n == name {
			return uint32(i), true
		}
	}
	return 0, false
}

type stdPrio struct {
	name string
	prio int32
	hook string // the one hook it is allowed on, "" for any
}

// stdPrios are the priorities nft names, per family.
func stdPrios(f nftables.Family) []stdPrio {
	switch f {
	case nftables.FamilyBridge:
		return []stdPrio{{"dstnat", -300, "prerouting"}, {"filter", -200, ""}, {"out", 100, "output"}, {"srcnat", 300, "postrouting"}}
	case nftables.FamilyARP, nftables.FamilyNetdev:
		return []stdPrio{{"filter", 0, ""}}
	}
	return []stdPrio{{"raw", -300, ""}, {"mangle", -150, ""}, {"dstnat", -100, "prerouting"},
		{"filter", 0, ""}, {"security", 50, ""}, {"srcnat", 100, "postrouting"}}
}

// prioText prints a base chain's priority as nft does: by name, with an
// offset of at most ten, or as a number.
func prioText(f nftables.Family, hook string, prio int32) string {
	for _, p := range stdPrios(f) {
		if p.hook != "" && p.hook != hook {
			continue
		}
		off := prio - p.prio
		switch {
		case off == 0:
			return p.name
		case off > 0 && off <= 10:
			return fmt.Sprintf("%s + %d", p.name, off)
		case off < 0 && off >= -10:
			return fmt.Sprintf("%s - %d", p.name, -off)
		}
	}
	return strconv.Itoa(int(prio))
}

// prioNamed reads a priority: a number, or a name with an optional offset
// given as separate words by the caller.
func prioNamed(f nftables.Family, hook, name string) (int32, bool) {
	for _, p := range stdPrios(f) {
		if p.name == name && (p.hook == "" || p.hook == hook) {
			return p.prio, true
		}
	}
	return 0, false
}

func policyName(p uint32) string {
	if p == uint32(nftables.VerdictAccept) {
		return "accept"
	}
	return "drop"
}
