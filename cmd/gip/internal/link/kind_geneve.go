package link

import (
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// geneve: a Geneve tunnel endpoint.
func geneveKind() Kind {
	return newKind("geneve", "Usage: ... geneve id VNI remote ADDR [ ttl TTL ] [ tos TOS ] [ dstport PORT ] [ external ]",
		parseGeneve, printGeneve)
}

func parseGeneve(p *kindParser, g *rtnl.Geneve) error {
	for p.More() {
		w := p.Next()
		var err error
		switch w {
		case "id", "vni":
			g.ID, err = vni(p)
		case "remote":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			ip, err := ParseAddr(v, "remote address")
			if err != nil {
				return err
			}
			g.Remote = rtnl.Some(ip)
		case "ttl", "hoplimit":
			g.TTL, err = p.u8("invalid " + w)
		case "tos":
			g.TOS, err = p.u8("invalid " + w)
		case "dstport":
			g.Port, err = p.u16("dstport")
		case "external":
			g.CollectMetadata = true
		default:
			return p.unknown(w)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func printGeneve(f *format.Fields, g *rtnl.Geneve, _ *View) {
	if g.CollectMetadata {
		f.Bool("external", "external ", true)
	}
	printUint(f, "id", "id", g.ID)
	if ip, ok := g.Remote.Get(); ok && !ip.IsUnspecified() {
		if ip.Is4() {
			f.String("remote", "remote %s ", ip.String())
		} else if !ip.IsMulticast() {
			f.String("remote6", "remote %s ", ip.String())
		}
	}
	if i, ok := g.TTLInherit.Get(); ok && i != 0 {
		f.String("ttl", "ttl %s ", "inherit")
	} else if ttl, ok := g.TTL.Get(); ok {
		if ttl == 0 {
			f.Uint("ttl", "ttl auto ", 0)
		} else {
			f.Uint("ttl", "ttl %d ", uint64(ttl))
		}
	}
	if tos, ok := g.TOS.Get(); ok && tos != 0 {
		if tos == 1 {
			f.String("tos", "tos %s ", "inherit")
		} else {
			f.String("tos", "tos %s ", cHex(uint64(tos)))
		}
	}
	printDF(f, g.DF)
	printLabel(f, g.Label)
	printUint(f, "port", "dstport", g.Port)
	printCsum(f, "udp_csum", "udpcsum", g.UDPCsum)
	printCsum(f, "udp_zero_csum6_tx", "udp6zerocsumtx", g.UDPZeroCsum6TX)
	printCsum(f, "udp_zero_csum6_rx", "udp6zerocsumrx", g.UDPZeroCsum6RX)
	if g.InnerProtoInherit {
		f.Bool("inner_proto_inherit", "innerprotoinherit ", true)
	}
}
