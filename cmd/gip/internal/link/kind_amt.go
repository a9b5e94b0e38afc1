package link

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const amtUsage = `Usage: ... amt
               [ discovery IP_ADDRESS ]
               [ mode MODE ]
               [ local ADDR ]
               [ dev PHYS_DEV ]
               [ relay_port PORT ]
               [ gateway_port PORT ]
               [ max_tunnels NUMBER ]

Where: ADDR	:= { IP_ADDRESS }
       MODE	:= { gateway | relay }
`

// amt: Automatic Multicast Tunneling, a gateway or relay over IPv4.
func amtKind() Kind {
	return newKind("amt", amtUsage, parseAMT, printAMT)
}

func parseAMT(p *kindParser, a *rtnl.AMT) error {
	seen := map[string]bool{}
	for p.More() {
		w := p.Next()
		switch w {
		case "mode", "relay_port", "gateway_port", "max_tunnels", "dev", "local", "discovery":
		case "help":
			return explained("", amtUsage)
		default:
			return explained(fmt.Sprintf("amt: unknown command %q?", w), amtUsage)
		}
		v, err := p.Value()
		if err != nil {
			return err
		}
		switch w {
		case "mode":
			switch v {
			case "gateway":
				a.Mode = rtnl.Some[uint32](rtnl.AMTModeGateway)
			case "relay":
				a.Mode = rtnl.Some[uint32](rtnl.AMTModeRelay)
			default:
				return explained("", amtUsage)
			}
		case "relay_port", "gateway_port":
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return fail.Invalid(w, v)
			}
			if w == "relay_port" {
				a.RelayPort = rtnl.Some(uint16(n))
			} else {
				a.GatewayPort = rtnl.Some(uint16(n))
			}
		case "max_tunnels":
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid(w, v)
			}
			a.MaxTunnels = rtnl.Some(uint32(n))
		case "dev":
			// ip looks the device up at once and exits with 255.
			l, err := env.LookupLink(p.env, v)
			if err != nil {
				return &fail.Error{Msg: fmt.Sprintf("Cannot find device %q", v), Code: fail.ExitUsage, Err: err}
			}
			a.Link = rtnl.Some(uint32(l.Index))
		case "local", "discovery":
			if err := seenOnce(seen, w, v); err != nil {
				return err
			}
			pfx, err := grammar.ParseAddr(v, 0)
			if err != nil {
				return err
			}
			ip := pfx.Addr
			if !ip.IsValid() {
				continue // "default", "any": no address to send
			}
			if w == "local" {
				a.Local = rtnl.Some(ip)
			} else {
				a.Discovery = rtnl.Some(ip)
			}
		}
	}
	return nil
}

func printAMT(f *format.Fields, a *rtnl.AMT, v *View) {
	if m, ok := a.Mode.Get(); ok {
		name := "relay"
		if m == rtnl.AMTModeGateway {
			name = "gateway"
		}
		f.String("mode", "%s ", name)
	}
	printUint(f, "gateway_port", "gateway_port", a.GatewayPort)
	printUint(f, "relay_port", "relay_port", a.RelayPort)
	for _, x := range []struct {
		key string
		o   rtnl.Opt[netip.Addr]
	}{{"local", a.Local}, {"remote", a.Remote}, {"discovery", a.Discovery}} {
		if ip, ok := x.o.Get(); ok {
			f.String(x.key, x.key+" %s ", ip.String())
		}
	}
	if l, ok := a.Link.Get(); ok {
		f.String("link", "dev %s ", v.linkName(l))
	}
	printUint(f, "max_tunnels", "max_tunnels", a.MaxTunnels)
}
