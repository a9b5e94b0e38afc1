package link

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const AddrUsage = `Usage: gip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]
                                                      [ CONFFLAG-LIST ]
       gip address del IFADDR dev IFNAME [mngtmpaddr]
       gip address {show|flush} [ dev IFNAME ] [ scope SCOPE-ID ]
                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]
                            [ master DEVICE ] [ type TYPE ] [ nomaster ]
       gip address help
IFADDR := PREFIX | ADDR peer PREFIX
          [ broadcast ADDR ] [ anycast ADDR ]
          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]
SCOPE-ID := [ host | link | global | NUMBER ]
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG  := [ permanent | dynamic | secondary | primary |
           [-]tentative | [-]deprecated | [-]dadfailed | temporary |
           CONFFLAG-LIST ]
CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG
CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]
LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]
LFT := forever | SECONDS`

// addrFilterWord handles the flag selectors of `ip addr show`.
func addrFilterWord(f *ListFilter, w string) bool {
	switch w {
	case "primary":
		f.Flags &^= unix.IFA_F_SECONDARY
		f.flagMask |= unix.IFA_F_SECONDARY
		return true
	case "secondary", "temporary":
		f.Flags |= unix.IFA_F_SECONDARY
		f.flagMask |= unix.IFA_F_SECONDARY
		return true
	case "dynamic":
		f.Flags &^= unix.IFA_F_PERMANENT
		f.flagMask |= unix.IFA_F_PERMANENT
		return true
	case "permanent":
		f.Flags |= unix.IFA_F_PERMANENT
		f.flagMask |= unix.IFA_F_PERMANENT
		return true
	}
	neg := strings.HasPrefix(w, "-")
	bit, ok := ParseAddrFlag(strings.TrimPrefix(w, "-"))
	if !ok || bit == unix.IFA_F_SECONDARY || bit == unix.IFA_F_PERMANENT {
		return false
	}
	if neg {
		f.Flags &^= bit
	} else {
		f.Flags |= bit
	}
	f.flagMask |= bit
	return true
}

// matchAddr applies the address selectors (and the family).
func (f *ListFilter) MatchAddr(a *rtnl.Addr, family uint8, labelOf func(*rtnl.Addr) string) bool {
	if family != 0 && a.Family != family {
		return false
	}
	if f.scope != nil && !f.scopeAll && a.Scope != *f.scope {
		return false
	}
	if (f.Flags^a.Flags)&f.flagMask != 0 {
		return false
	}
	if f.Label != "" && !MatchGlob(f.Label, labelOf(a)) {
		return false
	}
	if f.To != nil && !f.To.Contains(a.LocalOrAddress()) {
		return false
	}
	return true
}

// matchGlob is fnmatch(3) with * and ? for the label selector, in time
// linear in the pattern times the string (one backtracking point).
func MatchGlob(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
