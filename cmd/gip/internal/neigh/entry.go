package neigh

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// entry is one neighbour entry as a command line names it: the request
// without its device index, which is learnt when the request is built.
type entry struct {
	spec   rtnl.NeighSpec
	dev    string // "" when not given
	lladdr string // "" when not given; "null" sends none
	hasDst bool
	// hasDev says "dev" or "proxy" was given: ip accepts a proxy entry
	// without a device for add and delete.
	hasDev bool
}

// parseEntry reads the words add, change, replace, delete and get share,
// in family (0 for any), as ip's ipneigh_modify does. It checks words only;
// what must be present the caller says.
func parseEntry(args []string, family uint8) (entry, error) {
	en := entry{spec: rtnl.NeighSpec{State: unix.NUD_PERMANENT}}
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "lladdr"):
			v, err := a.Value()
			if err != nil {
				return en, err
			}
			if en.lladdr != "" {
				return en, fail.Duplicate("lladdr", v)
			}
			en.lladdr = v
		case w == "nud":
			v, err := a.Value()
			if err != nil {
				return en, err
			}
			st, ok := ParseNUD(v)
			if !ok || v == "all" {
				return en, fail.Invalid("nud state is bad", v)
			}
			en.spec.State = st
		case grammar.Matches(w, "proxy"):
			v, err := a.Value()
			if err != nil {
				return en, err
			}
			if en.hasDst {
				return en, fail.Duplicate("address", v)
			}
			if err := en.setDst(v, family); err != nil {
				return en, err
			}
			en.hasDev = true
			en.spec.Flags |= unix.NTF_PROXY
		case w == "router":
			en.spec.Flags |= unix.NTF_ROUTER
		case grammar.Matches(w, "extern_learn"):
			en.spec.Flags |= unix.NTF_EXT_LEARNED
		case w == "dev":
			v, err := a.Value()
			if err != nil {
				return en, err
			}
			en.dev, en.hasDev = v, true
		default:
			w, err := addressWord(a, w)
			if err != nil {
				return en, err
			}
			if en.hasDst {
				return en, fail.Garbage("to", w)
			}
			if err := en.setDst(w, family); err != nil {
				return en, err
			}
		}
	}
	en.spec.Family = unix.AF_INET
	if en.spec.Dst.Is6() {
		en.spec.Family = unix.AF_INET6
	}
	return en, nil
}

// setDst reads the entry's address (iproute2's get_addr).
func (en *entry) setDst(s string, family uint8) error {
	ip, err := parseAddr(s, family)
	if err != nil {
		return err
	}
	en.spec.Dst, en.hasDst = ip, true
	return nil
}

// parseAddr reads a neighbour's address: an address of family, never a
// prefix or "default".
func parseAddr(s string, family uint8) (netip.Addr, error) {
	p, err := grammar.ParseAddr(s, family)
	if err != nil {
		return netip.Addr{}, err
	}
	if !p.Addr.IsValid() {
		return netip.Addr{}, grammar.BadAddr(s, family)
	}
	return p.Addr, nil
}

// addressWord is the address a word that is no keyword gives: the word,
// or the value after "to". "help" (abbreviated too) asks for the usage.
func addressWord(a *grammar.Args, w string) (string, error) {
	if w == "to" {
		v, err := a.Value()
		if err != nil {
			return "", err
		}
		w = v
	}
	if grammar.Matches(w, "help") {
		return "", fail.Usagef("%s", usage)
	}
	return w, nil
}
