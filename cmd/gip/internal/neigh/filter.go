package neigh

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// nudNone is the filter bit that stands for entries in state NUD_NONE (0).
const nudNone = 0x100

// filter is what show and flush select: the dump's kernel-side filters
// and the tests ip applies to each entry it receives.
type filter struct {
	dump   rtnl.NeighDump
	dev    string // resolved into dump.Index before the dump
	state  uint32 // NUD_* bits, and nudNone
	unused bool
	to     *grammar.Prefix
	family uint8
}

// parseFilter reads the selectors of show (flush false) or flush. master
// and vrf name devices that must exist now; dev is resolved by the caller.
func parseFilter(e *env.Env, args []string, flush bool) (*filter, error) {
	f := &filter{family: e.G.Family}
	a := grammar.NewArgs(args)
	var state uint32
	stateSet := false
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			f.dev = v
		case "master", "vrf":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			l, err := env.ArgLink(e, v)
			if err != nil {
				return nil, err
			}
			f.dump.Master = l.Index
		case "unused":
			f.unused = true
		case "nud":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			stateSet = true
			if v == "all" {
				// "all" replaces what came before; a flush keeps noarp
				// entries even then.
				state = ^uint32(0)
				if flush {
					state &^= unix.NUD_NOARP
				}
				break
			}
			st, ok := ParseNUD(v)
			if !ok {
				return nil, fail.Invalid("nud state is bad", v)
			}
			if st == unix.NUD_NONE {
				state |= nudNone
			} else {
				state |= uint32(st)
			}
		case "proxy":
			f.dump.Proxy = true
		default:
			w, err := addressWord(a, w)
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(w, f.family)
			if err != nil {
				return nil, err
			}
			f.to = &p
			if f.family == 0 {
				f.family = p.Family
			}
		}
	}
	switch {
	case stateSet:
		f.state = state
	case flush:
		f.state = ^uint32(unix.NUD_PERMANENT | unix.NUD_NOARP)
	default:
		f.state = 0xff &^ unix.NUD_NOARP
	}
	return f, nil
}

// match reports whether the filter selects n.
func (f *filter) match(n *rtnl.Neigh) bool {
	if n.Family != unix.AF_INET && n.Family != unix.AF_INET6 {
		return false
	}
	if f.family != 0 && n.Family != f.family {
		return false
	}
	if f.dump.Index != 0 && n.Index != f.dump.Index {
		return false
	}
	stateOK := f.state&uint32(n.State) != 0 ||
		n.Flags&(unix.NTF_PROXY|unix.NTF_EXT_LEARNED) != 0 ||
		(n.State == 0 && f.state&nudNone != 0)
	if !stateOK {
		return false
	}
	if f.unused && n.HasCacheInfo && n.RefCount != 0 {
		return false
	}
	if f.to != nil && !f.to.Contains(n.Dst) {
		return false
	}
	return true
}
