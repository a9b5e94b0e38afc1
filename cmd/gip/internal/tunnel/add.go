package tunnel

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/iptunnel"
	"golang.org/x/sys/unix"
)

func runAdd(e *env.Env, args []string) error    { return addOrChange(e, args, iptunnel.AddTunnel) }
func runChange(e *env.Env, args []string) error { return addOrChange(e, args, iptunnel.ChgTunnel) }

// addOrChange sends SIOCADDTUNNEL to the mode's fallback device, or
// SIOCCHGTUNNEL to the tunnel named (its fallback device without a name).
func addOrChange(e *env.Env, args []string, cmd iptunnel.Request) error {
	s := &ioctls{e: e}
	defer s.close()
	var dev, name string
	var buf []byte
	if v6(e) {
		p := newParm6(true)
		if err := parse6(e, args, cmd, &p, s.get6); err != nil {
			return err
		}
		if p.Name == "" {
			// ip says so and goes on: the kernel names the tunnel.
			fmt.Fprintln(e.Stderr, "Tunnel interface name not specified")
		}
		dev, name, buf = fallback6(&p), p.Name, p.Encode()
	} else {
		p, err := parse4(e, args, cmd, s.get4)
		if err != nil {
			return err
		}
		if p.TTL != 0 && p.FragOff == 0 {
			return fail.Localf("ttl != 0 and nopmtudisc are incompatible")
		}
		dev = fallback4(&p)
		if dev == "" {
			return fail.Localf("cannot determine tunnel mode (ipip, gre, vti or sit)")
		}
		name, buf = p.Name, p.Encode()
	}
	if cmd == iptunnel.ChgTunnel && name != "" {
		dev = name
	}
	return s.do(cmd, dev, buf)
}

// fallback4 is the fallback device of an IPv4 tunnel's mode ("" when no
// mode is known).
func fallback4(p *iptunnel.Parm) string {
	switch p.Protocol {
	case unix.IPPROTO_IPIP:
		if p.IFlags&iptunnel.VTIIsVTI != 0 {
			return "ip_vti0"
		}
		return "tunl0"
	case unix.IPPROTO_GRE:
		return "gre0"
	case unix.IPPROTO_IPV6:
		return "sit0"
	}
	return ""
}

// fallback6 is the fallback device of an IPv6 tunnel's mode.
func fallback6(p *iptunnel.Parm6) string {
	switch {
	case p.Proto == unix.IPPROTO_GRE:
		return "ip6gre0"
	case p.IFlags&iptunnel.VTIIsVTI != 0:
		return "ip6_vti0"
	}
	return "ip6tnl0"
}
