package tunnel

import (
	"math"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/iptunnel"
	"golang.org/x/sys/unix"
)

// DefaultHopLimit is the hop limit add gives an IPv6 tunnel unless told.
const DefaultHopLimit = 64

// getter6 reads the parameters an IPv6 tunnel has.
type getter6 func(name string, p *iptunnel.Parm6) error

// newParm6 is the block ip starts an IPv6 verb with: inner protocol IPv6
// and, for add, change and delete, the default hop and encapsulation
// limits.
func newParm6(defaults bool) iptunnel.Parm6 {
	p := iptunnel.Parm6{Proto: unix.IPPROTO_IPV6}
	if defaults {
		p.HopLimit, p.EncapLimit = DefaultHopLimit, iptunnel.DefaultEncapLimit
	}
	return p
}

// parse6 reads the words of an IPv6 verb into p, as parse4 does.
func parse6(e *env.Env, words []string, cmd iptunnel.Request, p *iptunnel.Parm6, get getter6) error {
	var medium string
	a := grammar.NewArgs(words)
	for count := 0; a.More(); count++ {
		w := a.Next()
		if ok, err := greWord(w, a, greFields{&p.IFlags, &p.OFlags, &p.IKey, &p.OKey}); ok {
			if err != nil {
				return err
			}
			continue
		}
		switch w {
		case "allow-localremote":
			p.Flags |= iptunnel.IP6AllowLocalRemote
			continue
		case "noallow-localremote":
			p.Flags &^= iptunnel.IP6AllowLocalRemote
			continue
		}
		if w == "name" || !isKeyword6(w) {
			n, err := nameWord(w, a, p.Name, func() error { return fail.Usagef("%s", usageOf(unix.AF_INET6)) })
			if err != nil {
				return err
			}
			p.Name = n
			if cmd == iptunnel.ChgTunnel && count == 0 {
				old := iptunnel.Parm6{}
				if err := get(n, &old); err != nil {
					return err
				}
				*p = old
			}
			continue
		}
		v, err := a.Value()
		if err != nil {
			return err
		}
		if err := setWord6(p, w, v, &medium); err != nil {
			return err
		}
	}
	if medium != "" {
		i, err := e.Links().Index(medium)
		if err != nil || i == 0 {
			return fail.NoDevice(medium)
		}
		p.Link = i
	}
	return nil
}

// isKeyword6 reports whether w is one of the IPv6 words that take a
// value or a flag of their own (not a name).
func isKeyword6(w string) bool {
	switch w {
	case "mode", "remote", "local", "dev", "encaplimit", "hoplimit", "ttl", "hlim",
		"tclass", "tc", "tos", "flowlabel", "fl", "dscp":
		return true
	}
	return grammar.Matches(w, "dsfield")
}

// setWord6 applies one IPv6 keyword with its value v.
func setWord6(p *iptunnel.Parm6, w, v string, medium *string) error {
	switch w {
	case "mode":
		switch v {
		case "ipv6/ipv6", "ip6ip6":
			p.Proto = unix.IPPROTO_IPV6
		case "vti6":
			p.Proto = unix.IPPROTO_IPV6
			p.IFlags |= iptunnel.VTIIsVTI
		case "ip/ipv6", "ipv4/ipv6", "ipip6", "ip4ip6":
			p.Proto = unix.IPPROTO_IPIP
		case "ip6gre", "gre/ipv6":
			p.Proto = unix.IPPROTO_GRE
		case "any/ipv6", "any":
			p.Proto = 0
		default:
			return fail.Usagef("Unknown tunnel mode \"%s\"", v)
		}
	case "remote", "local":
		pr, err := grammar.ParseAddr(v, unix.AF_INET6)
		if err != nil {
			return err
		}
		a := pr.Addr
		if !a.IsValid() {
			a = netip.IPv6Unspecified()
		}
		if w == "remote" {
			p.Remote = a
		} else {
			p.Local = a
		}
	case "dev":
		*medium = v
	case "encaplimit":
		if v == "none" {
			p.Flags |= iptunnel.IP6IgnEncapLimit
			break
		}
		// ip ignores a bad number here (its check can never fail) and
		// sends what its variable held; gip sends 0.
		n, _ := grammar.CUint(v, 0, math.MaxUint8)
		p.EncapLimit = uint8(n)
		p.Flags &^= iptunnel.IP6IgnEncapLimit
	case "hoplimit", "ttl", "hlim":
		n, ok := grammar.CUint(v, 0, math.MaxUint8)
		if !ok {
			return fail.Invalid("invalid TTL", v)
		}
		p.HopLimit = uint8(n)
	case "flowlabel", "fl":
		p.FlowInfo &^= iptunnel.FlowInfoFlowlabel
		if v == "inherit" {
			p.Flags |= iptunnel.IP6UseOrigFlowlabel
			break
		}
		n, ok := grammar.CUint(v, 16, math.MaxUint32)
		if !ok || n > 0xfffff {
			return fail.Invalid("invalid Flowlabel", v)
		}
		p.FlowInfo |= uint32(n) & iptunnel.FlowInfoFlowlabel
		p.Flags &^= iptunnel.IP6UseOrigFlowlabel
	case "dscp":
		if v != "inherit" {
			return fail.Invalid("not inherit", v)
		}
		p.Flags |= iptunnel.IP6RcvDSCPCopy
	default: // tclass, tc, tos, dsfield...
		p.FlowInfo &^= iptunnel.FlowInfoTclass
		if v == "inherit" {
			p.Flags |= iptunnel.IP6UseOrigTclass
			break
		}
		n, ok := grammar.CUint(v, 16, math.MaxUint8)
		if !ok {
			return fail.Invalid("invalid TClass", v)
		}
		p.FlowInfo |= uint32(n) << 20 & iptunnel.FlowInfoTclass
		p.Flags &^= iptunnel.IP6UseOrigTclass
	}
	return nil
}
