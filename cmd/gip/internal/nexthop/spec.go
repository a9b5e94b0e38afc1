package nexthop

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// spec is a parsed `nexthop add|replace` command line: the object to
// send, with its device still a name.
type spec struct {
	obj rtnl.NexthopObject
	dev string // resolved into obj.OIF when the step runs
}

// parseSpec reads ip's NH grammar (ipnh_modify).
func parseSpec(words []string, family uint8, names *env.Names) (*spec, error) {
	s := &spec{obj: rtnl.NexthopObject{Family: family}}
	a := grammar.NewArgs(words)
	for a.More() {
		if err := s.word(a.Next(), a, names); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// word reads one keyword of NH and its value.
func (s *spec) word(w string, a *grammar.Args, names *env.Names) error {
	n := &s.obj
	var err error
	switch {
	case w == "id":
		n.ID, err = grammar.ParseValue(a, parseID, "invalid id value")
	case w == "dev":
		s.dev, err = a.Value()
		n.Family = orInet(n.Family)
	case w == "via":
		return s.via(a)
	case w == "encap":
		n.EncapType, n.Encap, err = ParseEncap(a, n.Family)
	case w == "blackhole":
		n.Blackhole = true
		n.Family = orInet(n.Family)
	case w == "fdb":
		n.FDB = true
	case w == "onlink":
		n.Flags |= unix.RTNH_F_ONLINK
	case w == "group":
		var v string
		if v, err = a.Value(); err == nil {
			n.Group, err = parseGroup(v)
		}
	case w == "type":
		return s.groupType(a)
	case grammar.Matches(w, "protocol"):
		n.Protocol, err = grammar.ParseValue(a, names.ParseProto, "\"protocol\" value is invalid\n")
	case w == "help":
		return usageError()
	default:
		return fail.Invalid("", w)
	}
	return err
}

// via reads `via [FAMILY] ADDRESS`, which must agree with the family
// already chosen.
func (s *spec) via(a *grammar.Args) error {
	n := &s.obj
	v, err := a.Value()
	if err != nil {
		return err
	}
	fam := grammar.ReadFamily(v)
	if fam == unix.AF_UNSPEC {
		fam = n.Family
	} else if v, err = a.Value(); err != nil {
		return err
	}
	p, err := grammar.ParseAddr(v, fam)
	if err != nil {
		return err
	}
	if n.Family == unix.AF_UNSPEC {
		n.Family = p.Family
	} else if n.Family != p.Family {
		return fail.Invalid("address family mismatch\n", v)
	}
	n.Gateway = p.Addr
	return nil
}

// groupType reads `type mpath` or `type resilient [RESILIENT_ARGS]`.
func (s *spec) groupType(a *grammar.Args) error {
	n := &s.obj
	v, err := a.Value()
	if err != nil {
		return err
	}
	switch v {
	case "mpath":
		n.GroupType, n.HasGroupType = rtnl.GroupMultipath, true
	case "resilient":
		n.GroupType, n.HasGroupType = rtnl.GroupResilient, true
		n.Resilient, err = parseResilientArgs(a)
	default:
		return fail.Invalid("\"type\" value is invalid\n", v)
	}
	return err
}

// orInet is the family a device or blackhole implies: IPv4 unless one
// was chosen.
func orInet(f uint8) uint8 {
	if f == unix.AF_UNSPEC {
		return unix.AF_INET
	}
	return f
}

// parseID reads a nexthop id.
func parseID(v string) (uint32, bool) {
	n, ok := grammar.ParseCUint(v, 32)
	return uint32(n), ok
}

// parseGroup reads "ID[,WEIGHT]/ID[,WEIGHT]/...".
func parseGroup(s string) ([]rtnl.GroupMember, error) {
	var out []rtnl.GroupMember
	for part := range strings.SplitSeq(s, "/") {
		idStr, wStr, hasW := strings.Cut(part, ",")
		id, ok := parseID(idStr)
		if !ok {
			return nil, fail.Invalid("\"group\" value is invalid\n", s)
		}
		m := rtnl.GroupMember{ID: id, Weight: 1}
		if hasW {
			w, ok := grammar.ParseCUint(wStr, 32)
			if !ok || w == 0 || w > 256 {
				return nil, fail.Invalid("\"weight\" is invalid\n", wStr)
			}
			m.Weight = int(w)
		}
		out = append(out, m)
	}
	return out, nil
}

// parseResilientArgs reads [buckets N] [idle_timer S] [unbalanced_timer S].
func parseResilientArgs(a *grammar.Args) (*rtnl.ResilientGroup, error) {
	rg := &rtnl.ResilientGroup{}
	for a.More() {
		w := a.Next()
		switch w {
		case "buckets":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return nil, fail.Invalid("invalid buckets value", v)
			}
			rg.Buckets = uint16(n)
		case "idle_timer", "unbalanced_timer":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok || n >= (1<<32-1)/100 {
				return nil, fail.Invalid("invalid "+strings.ReplaceAll(w, "_", " ")+" value", v)
			}
			if w == "idle_timer" {
				rg.IdleTimer = uint32(n) * env.UserHZ
			} else {
				rg.UnbalancedTimer = uint32(n) * env.UserHZ
			}
		default:
			a.Back()
			return rg, nil
		}
	}
	return rg, nil
}

// parseIDOnly reads `id ID` for get and del; get insists on it.
func parseIDOnly(words []string, get bool) (uint32, error) {
	var id uint32
	a := grammar.NewArgs(words)
	for a.More() {
		if w := a.Next(); w != "id" {
			if get {
				return 0, usageError()
			}
			return 0, fail.Invalid("", w)
		}
		var err error
		if id, err = grammar.ParseValue(a, parseID, "invalid id value"); err != nil {
			return 0, err
		}
	}
	if id == 0 && get {
		return 0, usageError()
	}
	return id, nil
}
