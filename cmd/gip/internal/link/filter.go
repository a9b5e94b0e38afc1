package link

import (
	"errors"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// listFilter holds the selectors `ip link show` and `ip addr show` share.
type ListFilter struct {
	dev       string
	up        bool
	master    int32 // 0: any, -1: none
	Kind      string
	slaveKind string
	group     *uint32
	// address selectors
	To       *grammar.Prefix
	scope    *uint8
	scopeAll bool
	Label    string
	Flags    uint32 // address flag selectors (primary, permanent, ...):
	flagMask uint32 // the flags must equal flags in the bits of flagMask
}

// parseListFilter reads the selectors of a show (or flush) command.
func ParseListFilter(e *env.Env, a *grammar.Args, isAddr bool) (*ListFilter, error) {
	f := &ListFilter{}
	for a.More() {
		w := a.Next()
		switch {
		case isAddr && w == "to":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(v, e.G.Family)
			if err != nil {
				return nil, err
			}
			f.To = &p
		case isAddr && w == "scope":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if v == "all" {
				f.scopeAll = true
				break
			}
			s, ok := e.Names().ParseScope(v)
			if !ok {
				return nil, fail.Invalid("invalid \"scope\"\n", v)
			}
			f.scope = &s
		case w == "up":
			f.up = true
		case isAddr && addrFilterWord(f, w):
		case isAddr && w == "label":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			f.Label = v
		case w == "group":
			g, err := grammar.ParseValue(a, e.Names().ParseGroup, "Invalid \"group\" value\n")
			if err != nil {
				return nil, err
			}
			f.group = &g
		case w == "master":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			l, err := env.ArgLink(e, v)
			if err != nil {
				return nil, err
			}
			f.master = l.Index
		case w == "vrf":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			l, err := env.LookupLink(e, v)
			if err != nil || l.Kind != "vrf" {
				if err != nil {
					var ce *fail.Error
					if !errors.As(err, &ce) {
						return nil, err
					}
				}
				return nil, fail.Invalid("Not a valid VRF name\n", v)
			}
			f.master = l.Index
		case w == "nomaster":
			f.master = -1
		case w == "type":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if s, ok := strings.CutSuffix(v, "_slave"); ok {
				f.slaveKind = s
			} else {
				f.Kind = v
			}
		default:
			if w == "dev" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			} else if grammar.Matches(w, "help") {
				if isAddr {
					return nil, fail.Usagef("%s", AddrUsage)
				}
				return nil, fail.Usagef("%s", usage())
			}
			if f.dev != "" {
				return nil, fail.Garbage("dev", w)
			}
			f.dev = w
		}
	}
	return f, nil
}

// matchLink applies the link selectors.
func (f *ListFilter) matchLink(l *rtnl.Link) bool {
	if f.up && l.Flags&unix.IFF_UP == 0 {
		return false
	}
	switch {
	case f.master > 0 && l.Master != f.master:
		return false
	case f.master < 0 && l.Has(unix.IFLA_MASTER) && l.Master != 0:
		return false
	}
	if f.Kind != "" && l.Kind != f.Kind {
		return false
	}
	if f.slaveKind != "" && l.SlaveKind != f.slaveKind {
		return false
	}
	if f.group != nil && l.Group != *f.group {
		return false
	}
	return true
}

// collectLinks returns the links the filter selects, in the kernel's order,
// with a cache of every link for names.
func collectLinks(e *env.Env, f *ListFilter) ([]*rtnl.Link, *env.Links, error) {
	return CollectLinksFamily(e, f, unix.AF_UNSPEC)
}

// collectLinksFamily dumps links as family sees them: `ip -6 addr` asks
// the IPv6 layer, which describes links with fewer attributes.
func CollectLinksFamily(e *env.Env, f *ListFilter, family uint8) ([]*rtnl.Link, *env.Links, error) {
	conn, err := e.Conn()
	if err != nil {
		return nil, nil, err
	}
	cache := e.Links()
	if f.dev != "" {
		l, err := env.ShowLink(e, f.dev)
		if err != nil {
			return nil, nil, err
		}
		if e.G.Stats > 0 {
			// The single-link request skips statistics; ask again in full.
			full, err := fullLink(conn, l.Index, unix.AF_UNSPEC)
			if err != nil {
				return nil, nil, err
			}
			l = full
		}
		cache.Add(l)
		if !f.matchLink(l) {
			return nil, cache, nil
		}
		return []*rtnl.Link{l}, cache, nil
	}
	var out []*rtnl.Link
	ext := uint32(rtnl.ExtFilterVF)
	if e.G.Stats == 0 {
		ext |= rtnl.ExtFilterSkipStats // the kernel need not gather counters
	}
	if family != unix.AF_UNSPEC {
		ext = 0 // per-family link dumps take no attributes
	}
	for l, err := range rtnl.Links(conn, family, ext) {
		if err != nil {
			return nil, nil, err
		}
		cache.Add(l)
		if f.matchLink(l) {
			out = append(out, l)
		}
	}
	return out, cache, nil
}

func fullLink(conn *nl.Conn, idx int32, family uint8) (*rtnl.Link, error) {
	for l, err := range rtnl.Links(conn, family, rtnl.ExtFilterVF) {
		if err != nil {
			return nil, err
		}
		if l.Index == idx {
			return l, nil
		}
	}
	return nil, &nl.OpError{Op: "dump", Err: unix.ENODEV}
}
