package addr

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// modifyVerb is add, change, replace or delete: one request of type typ
// with flags for the address the arguments name.
func modifyVerb(verb string, typ uint16, flags nl.Flags) command.Verb {
	return command.Planned(verb+" IFADDR dev IFNAME [ LIFETIME ] [ CONFFLAG-LIST ]", verb+" an address",
		func(e *env.Env, args []string) ([]plan.Step, error) { return planModify(e, args, typ, flags) })
}

// planModify parses a command line into the step that makes the change.
// The device is resolved when the step is built, so that a batch can name
// a device an earlier line creates.
func planModify(e *env.Env, args []string, typ uint16, flags nl.Flags) ([]plan.Step, error) {
	s, dev, warn, err := parseModify(e, args, typ)
	if err != nil {
		return nil, err
	}
	step := plan.Step{Report: fail.Kernel, Alone: warn != "", Build: func(e *env.Env) (nl.Message, error) {
		fmt.Fprint(e.Stderr, warn)
		i, err := e.Links().Index(dev)
		if err != nil {
			return nl.Message{}, err
		}
		s.Index = i
		return s.Message(typ, flags)
	}}
	// An add has no undo: deleting the address again is not exact, since
	// the kernel flushes the device's neighbours with its last IPv4
	// address, those made before the add included. Without -force an
	// add therefore waits for the lines before it and runs alone.
	return []plan.Step{step}, nil
}

func parseLifetime(v string) (uint32, error) {
	if v == "forever" {
		return rtnl.Forever, nil
	}
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return 0, fail.Invalid("Invalid lifetime value", v)
	}
	return uint32(n), nil
}

// parseModify reads the words of a change as ip's ipaddr_modify does,
// into the request but for the device, which it returns by name.
//
// warn is ip's warning for a wildcard deletion, which ip prints as it
// reads the line: a line that fails after it prints it first.
func parseModify(e *env.Env, args []string, typ uint16) (s *rtnl.AddrSpec, dev, warn string, err error) {
	defer func() {
		if err != nil && warn != "" {
			fmt.Fprint(e.Stderr, warn)
		}
	}()
	a := grammar.NewArgs(args)
	s = &rtnl.AddrSpec{}
	var local, peer *grammar.Prefix
	var brdWord string
	scopeSet := false
	family := e.G.Family
	for a.More() {
		w := a.Next()
		switch w {
		case "peer", "remote":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			if peer != nil {
				return nil, "", warn, fail.Duplicate("peer", v)
			}
			p, err := grammar.ParsePrefix(v, family)
			if err != nil {
				return nil, "", warn, err
			}
			if !p.Addr.IsValid() {
				return nil, "", warn, grammar.BadPrefix(v, family)
			}
			peer = &p
		case "broadcast", "brd":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			if brdWord != "" || s.Broadcast.IsValid() {
				return nil, "", warn, fail.Duplicate("broadcast", v)
			}
			if v == "+" || v == "-" {
				brdWord = v
				break
			}
			ip, err := netip.ParseAddr(v)
			if err != nil {
				return nil, "", warn, fail.Localf("Error: an inet address is expected rather than %q.", v)
			}
			s.Broadcast = ip
		case "anycast":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			ip, err := netip.ParseAddr(v)
			if err != nil {
				return nil, "", warn, fail.Localf("Error: an inet address is expected rather than %q.", v)
			}
			s.Anycast = ip
		case "scope":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			sc, ok := e.Names().ParseScope(v)
			if !ok {
				return nil, "", warn, fail.Invalid("invalid scope value.", v)
			}
			s.Scope, scopeSet = sc, true
		case "dev":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			dev = v
		case "label":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			s.Label = v
		case "valid_lft", "preferred_lft":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			n, err := parseLifetime(v)
			if err != nil {
				return nil, "", warn, err
			}
			if w == "valid_lft" {
				s.Valid = &n
			} else {
				s.Preferred = &n
			}
		case "metric", "priority", "preference":
			v, err := a.Value()
			if err != nil {
				return nil, "", warn, err
			}
			n, err := strconv.ParseUint(v, 0, 32)
			if err != nil {
				return nil, "", warn, fail.Invalid("\"metric\" value is invalid\n", v)
			}
			m := uint32(n)
			s.Metric = &m
		case "home", "nodad", "mngtmpaddr", "noprefixroute", "autojoin":
			bit, _ := link.ParseAddrFlag(w)
			s.Flags |= bit
		default:
			if w == "local" {
				v, err := a.Value()
				if err != nil {
					return nil, "", warn, err
				}
				w = v
			} else if grammar.Matches(w, "help") {
				return nil, "", warn, fail.Usagef("%s", link.AddrUsage)
			}
			if local != nil {
				return nil, "", warn, fail.Garbage("local", w)
			}
			p, err := grammar.ParsePrefix(w, family)
			if err != nil {
				return nil, "", warn, err
			}
			if !p.Addr.IsValid() {
				return nil, "", warn, grammar.BadPrefix(w, family)
			}
			local = &p
		}
	}
	if dev == "" {
		return nil, "", warn, fail.Localf("Not enough information: \"dev\" argument is required.")
	}
	if local == nil {
		if peer == nil {
			return nil, "", warn, fail.Localf("Not enough information: \"local\" argument is required.")
		}
	}
	if local != nil {
		s.Family = local.Family
		s.Local = local.Addr
		if !local.HasLen && typ == unix.RTM_DELADDR && local.Family == unix.AF_INET && peer == nil {
			warn = fmt.Sprintf("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"+
				"         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"+
				"         This special behaviour is likely to disappear in further releases,\n"+
				"         fix your scripts!\n", local.Addr, local.Addr.BitLen())
			s.PrefixLen = 0
		} else {
			s.PrefixLen = uint8(local.Bits)
			if !local.HasLen {
				s.PrefixLen = uint8(local.Addr.BitLen())
			}
			if peer == nil {
				s.Address = local.Addr
			}
		}
	}
	if peer != nil {
		if local != nil && peer.Family != local.Family {
			return nil, "", warn, fail.Localf("Error: inconsistent address families.")
		}
		s.Address = peer.Addr
		if s.Family == 0 {
			s.Family = peer.Family
		}
		if peer.HasLen {
			s.PrefixLen = uint8(peer.Bits)
		}
	}
	if brdWord != "" {
		if s.Family != unix.AF_INET {
			return nil, "", warn, fail.Localf("Broadcast can be set only for IPv4 addresses")
		}
		if s.PrefixLen <= 30 && local != nil {
			b := local.Addr.As4()
			mask := uint32(0xffffffff) >> s.PrefixLen
			x := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
			if brdWord == "+" {
				x |= mask
			} else {
				x &^= mask
			}
			s.Broadcast = netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)})
		}
	}
	if s.Valid != nil || s.Preferred != nil {
		valid, pref := uint32(rtnl.Forever), uint32(rtnl.Forever)
		if s.Valid != nil {
			valid = *s.Valid
		}
		if s.Preferred != nil {
			pref = *s.Preferred
		}
		if pref > valid {
			return nil, "", warn, fail.Localf("preferred_lft is greater than valid_lft")
		}
		s.Valid, s.Preferred = &valid, &pref
	}
	if !scopeSet && s.Family == unix.AF_INET && local != nil && local.Addr.As4()[0] == 127 {
		s.Scope = unix.RT_SCOPE_HOST
	}
	if typ == unix.RTM_NEWADDR && s.Flags != 0 {
		s.SendFlags = true
	}
	return s, dev, warn, nil
}
