package tunnel

import (
	"math"
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/iptunnel"
	"golang.org/x/sys/unix"
)

// getter reads the parameters a tunnel has (change starts from them).
type getter func(name string, p *iptunnel.Parm) error

// parse4 reads the words of an IPv4 verb into the parameter block ip
// sends. For change (cmd ChgTunnel) a name as the first word loads the
// tunnel's own parameters through get, and the later words change them.
func parse4(e *env.Env, words []string, cmd iptunnel.Request, get getter) (iptunnel.Parm, error) {
	p := iptunnel.NewParm()
	var medium string
	isatap := false
	a := grammar.NewArgs(words)
	for count := 0; a.More(); count++ {
		w := a.Next()
		if ok, err := greWord(w, a, greFields{&p.IFlags, &p.OFlags, &p.IKey, &p.OKey}); ok {
			if err != nil {
				return p, err
			}
			continue
		}
		var err error
		switch w {
		case "mode":
			var v string
			if v, err = a.Value(); err == nil {
				err = setMode4(&p, v, &isatap)
			}
		case "nopmtudisc":
			p.FragOff = 0
		case "pmtudisc":
			p.FragOff = iptunnel.DontFragment
		case "remote", "local":
			var v string
			if v, err = a.Value(); err != nil {
				break
			}
			var addr netip.Addr
			if addr, err = addr32(v); err == nil {
				if w == "remote" {
					p.Remote = addr
				} else {
					p.Local = addr
				}
			}
		case "dev":
			medium, err = a.Value()
		case "ttl", "hoplimit", "hlim":
			var v string
			if v, err = a.Value(); err == nil && v != "inherit" {
				n, ok := grammar.CUint(v, 0, math.MaxUint8)
				if !ok {
					return p, fail.Invalid("invalid TTL\n", v)
				}
				p.TTL = uint8(n)
			}
		case "tos", "tclass":
			err = parseTOS(e, a, &p)
		default:
			if grammar.Matches(w, "dsfield") {
				err = parseTOS(e, a, &p)
				break
			}
			var n string
			if n, err = nameWord(w, a, p.Name, func() error { return fail.Usagef("%s", usageOf(unix.AF_INET)) }); err != nil {
				return p, err
			}
			p.Name = n
			if cmd == iptunnel.ChgTunnel && count == 0 {
				old := iptunnel.Parm{}
				if err := get(n, &old); err != nil {
					return p, err
				}
				p = old
			}
		}
		if err != nil {
			return p, err
		}
	}
	if p.Protocol == 0 {
		guessMode4(&p, &isatap)
	}
	if (p.IFlags|p.OFlags)&iptunnel.GREKey != 0 && p.IFlags&iptunnel.VTIIsVTI == 0 && p.Protocol != unix.IPPROTO_GRE {
		return p, fail.Localf("Keys are not allowed with ipip and sit tunnels")
	}
	if medium != "" {
		i, err := e.Links().Index(medium)
		if err != nil || i == 0 {
			return p, fail.NoDevice(medium)
		}
		p.Link = i
	}
	if multicast := p.Remote.Is4() && p.Remote.IsMulticast(); multicast {
		daddr := be32(p.Remote)
		if p.IKey == 0 {
			p.IKey, p.IFlags = daddr, p.IFlags|iptunnel.GREKey
		}
		if p.OKey == 0 {
			p.OKey, p.OFlags = daddr, p.OFlags|iptunnel.GREKey
		}
		if !p.Local.IsValid() || p.Local.IsUnspecified() {
			return p, fail.Localf("A broadcast tunnel requires a source address")
		}
	}
	if isatap {
		p.IFlags |= iptunnel.SITIsatap
	}
	return p, nil
}

// setMode4 reads an IPv4 tunnel mode.
func setMode4(p *iptunnel.Parm, v string, isatap *bool) error {
	var proto uint8
	switch v {
	case "ipip", "ip/ip":
		proto = unix.IPPROTO_IPIP
	case "gre", "gre/ip":
		proto = unix.IPPROTO_GRE
	case "sit", "ipv6/ip":
		proto = unix.IPPROTO_IPV6
	case "isatap":
		proto = unix.IPPROTO_IPV6
		*isatap = true
	case "vti":
		proto = unix.IPPROTO_IPIP
		p.IFlags |= iptunnel.VTIIsVTI
	default:
		return fail.Usagef("Unknown tunnel mode \"%s\"", v)
	}
	if p.Protocol != 0 && p.Protocol != proto {
		return fail.Usagef("You managed to ask for more than one tunnel mode.")
	}
	p.Protocol = proto
	return nil
}

// guessMode4 takes the mode from the name's beginning when none was given.
func guessMode4(p *iptunnel.Parm, isatap *bool) {
	switch n := p.Name; {
	case strings.HasPrefix(n, "gre"):
		p.Protocol = unix.IPPROTO_GRE
	case strings.HasPrefix(n, "ipip"):
		p.Protocol = unix.IPPROTO_IPIP
	case strings.HasPrefix(n, "sit"):
		p.Protocol = unix.IPPROTO_IPV6
	case strings.HasPrefix(n, "isatap"):
		p.Protocol = unix.IPPROTO_IPV6
		*isatap = true
	case strings.HasPrefix(n, "vti"):
		p.Protocol = unix.IPPROTO_IPIP
		p.IFlags |= iptunnel.VTIIsVTI
	}
}

// addr32 is ip's get_addr32: an IPv4 address, "any" (and "all",
// "default") being 0.0.0.0.
func addr32(v string) (netip.Addr, error) {
	pr, err := grammar.ParseAddr(v, unix.AF_INET)
	if err != nil {
		return netip.Addr{}, fail.Fatal(fail.ExitLocal, "Error: an IP address is expected rather than \""+v+"\"")
	}
	if !pr.Addr.IsValid() {
		return netip.IPv4Unspecified(), nil
	}
	return pr.Addr, nil
}

// be32 is an IPv4 address as the number its bytes make.
func be32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// parseTOS reads tos TOS as ip does: "inherit" sets the low bit (copy the
// inner header's), "inherit/X" adds X to it, and an rt_dsfield name or
// hexadecimal number is the TOS itself (anything after a slash ignored).
func parseTOS(e *env.Env, a *grammar.Args, p *iptunnel.Parm) error {
	v, err := a.Value()
	if err != nil {
		return err
	}
	first, rest, slash := strings.Cut(v, "/")
	field, have := rest, slash
	if first != "inherit" {
		field, have = first, true
		p.TOS = 0
	} else {
		p.TOS = 1
	}
	if have {
		n, ok := e.Names().ParseDSField(field)
		if !ok {
			return fail.Invalid("bad TOS value", first)
		}
		p.TOS |= n
	}
	return nil
}
