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
	r, err := parseRequest(e, s, args, cmd)
	if err != nil {
		return err
	}
	switch p := r.p4; {
	case p == nil && r.name == "":
		// ip says so and goes on: the kernel names the tunnel.
		fmt.Fprintln(e.Stderr, "Tunnel interface name not specified")
	case p != nil && p.TTL != 0 && p.FragOff == 0:
		return fail.Localf("ttl != 0 and nopmtudisc are incompatible")
	case p != nil && r.fallback == "":
		return fail.Localf("cannot determine tunnel mode (ipip, gre, vti or sit)")
	}
	dev := r.fallback
	if cmd == iptunnel.ChgTunnel && r.name != "" {
		dev = r.name
	}
	return s.do(cmd, dev, r.buf)
}

// request is what add, change and delete send: the parameter block, the
// tunnel's name and its mode's fallback device.
type request struct {
	buf            []byte
	name, fallback string
	p4             *iptunnel.Parm // the IPv4 block; nil for IPv6
}

// parseRequest reads the words of add, change or delete in the family of
// the command line.
func parseRequest(e *env.Env, s *ioctls, args []string, cmd iptunnel.Request) (request, error) {
	if v6(e) {
		p := newParm6(true)
		if err := parse6(e, args, cmd, &p, s.get6); err != nil {
			return request{}, err
		}
		return request{buf: p.Encode(), name: p.Name, fallback: fallback6(&p)}, nil
	}
	p, err := parse4(e, args, cmd, s.get4)
	if err != nil {
		return request{}, err
	}
	return request{buf: p.Encode(), name: p.Name, fallback: fallback4(&p), p4: &p}, nil
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
