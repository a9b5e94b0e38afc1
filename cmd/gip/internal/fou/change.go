package fou

import (
	"math"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/fou"
	"golang.org/x/sys/unix"
)

// change is a parsed add or del: the port, the device it names (looked
// up again when the step is built) and, when ip's checks after the words
// failed, ip's complaint. ip then sends the request without attributes
// all the same, and the kernel's refusal follows the complaint.
type change struct {
	m         fou.Mapping
	dev       string
	complaint string
}

// parse reads the words as ip's fou_parse_opt does, with its checks in
// its order.
func parse(e *env.Env, adding bool, args []string) (*change, error) {
	c := &change{}
	m := &c.m
	family := e.G.Family
	if family == unix.AF_UNSPEC {
		family = unix.AF_INET
	}
	var local, peer string
	var gue bool
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "port"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if m.Port, err = port(v, "invalid port"); err != nil {
				return nil, err
			}
			m.HasPort = true
		case grammar.Matches(w, "ipproto"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, ok := ipProto(v)
			if !ok {
				return nil, fail.Invalid("invalid ipproto", v)
			}
			m.IPProto, m.HasIPProto = p, true
		case grammar.Matches(w, "gue"):
			gue = true
		case grammar.Matches(w, "-6"):
			family = unix.AF_INET6
		case grammar.Matches(w, "local"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			local = v
		case grammar.Matches(w, "peer"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			peer = v
		case grammar.Matches(w, "peer_port"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			var err2 error
			if m.PeerPort, err2 = port(v, "invalid peer port"); err2 != nil {
				return nil, err2
			}
		case grammar.Matches(w, "dev"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if _, err := index(e, v); err != nil {
				return nil, err
			}
			c.dev = v
		default:
			return nil, fail.Usagef("fou: unknown command %q?\n%s", w, usageText)
		}
	}
	switch {
	case !m.HasPort:
		return &change{complaint: "fou: missing port"}, nil
	case !m.HasIPProto && !gue && adding:
		return &change{complaint: "fou: must set ipproto or gue"}, nil
	case m.HasIPProto && gue:
		return &change{complaint: "fou: cannot set ipproto and gue"}, nil
	case (m.PeerPort != 0) != (peer != ""):
		return &change{complaint: "fou: both peer and peer port must be set"}, nil
	}
	m.Encap, m.HasEncap = fou.EncapDirect, true
	if gue {
		m.Encap = fou.EncapGUE
	}
	m.Family, m.HasFamily = family, true
	for _, s := range []struct {
		word string
		dst  *netip.Addr
	}{{local, &m.Local}, {peer, &m.Peer}} {
		if s.word == "" {
			continue
		}
		p, err := grammar.ParseAddr(s.word, family)
		if err != nil {
			return nil, err
		}
		*s.dst = p.NetIP().Addr() // any: the unspecified address, as ip sends it
	}
	return c, nil
}

// port is ip's get_be16 of a port that must not be 0.
func port(v, complaint string) (uint16, error) {
	p, ok := grammar.CUint(v, 0, math.MaxUint16)
	if !ok || p == 0 {
		return 0, fail.Invalid(complaint, v)
	}
	return uint16(p), nil
}

// ipProto is a protocol's name from /etc/protocols, else a number from 1
// to 255.
func ipProto(v string) (uint8, bool) {
	if p, ok := grammar.CUint(v, 0, math.MaxUint8); ok {
		return uint8(p), p != 0
	}
	return env.IPProtoNumber(v)
}

// index is the device's index, with ip's complaints (which end it).
func index(e *env.Env, name string) (int32, error) {
	if !grammar.ValidIfName(name) {
		return 0, fail.Fatal(fail.ExitLocal, "fou: invalid device name")
	}
	i, err := e.Links().Index(name)
	if err != nil || i == 0 {
		return 0, fail.Fatal(fail.ExitLocal, "fou: unknown device name")
	}
	return i, nil
}

// attrs makes the request's attributes.
func (c *change) attrs(e *env.Env) ([]byte, error) {
	m := c.m
	if c.dev != "" {
		i, err := index(e, c.dev)
		if err != nil {
			return nil, err
		}
		m.IfIndex = i
	}
	return m.Attrs(nil)
}

// planChange is add or del: one request of the family.
func planChange(cmd fou.Cmd) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		c, err := parse(e, cmd == fou.CmdAdd, args)
		if err != nil {
			return nil, err
		}
		r := &genlcmd.Request{Family: fou.FamilyName, Cmd: uint8(cmd), Attrs: c.attrs, Complaint: c.complaint}
		return []plan.Step{r.Step()}, nil
	}
}
