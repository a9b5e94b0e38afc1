package link

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// vti, vti6: virtual tunnel interfaces, the route into IPsec tunnel mode
// states whose mark matches the keys. They share the tunnel family's
// model and grammar (kind_tunnel.go) with the IFLA_VTI_* attributes: the
// endpoints, keys, lower device and fwmark.

// vtiKind is the tunnel family's vti or vti6 with ip's vti grammar.
func vtiKind(name string) Kind {
	k := tunnelKind(name)
	k.Usage = vtiUsage(name)
	k.Parse = func(p *kindParser, d rtnl.LinkData) error { return parseVTI(p, d.(*rtnl.Tunnel)) }
	return k
}

// vtiUsage is ip's help for vti or vti6, also its answer to a word it
// does not know.
func vtiUsage(kind string) string {
	addr := "IP_ADDRESS"
	if kind == "vti6" {
		addr = "IPV6_ADDRESS"
	}
	return fmt.Sprintf("Usage: ... %-4s\t[ remote ADDR ]\n"+
		"\t\t[ local ADDR ]\n\t\t[ [i|o]key KEY ]\n\t\t[ dev PHYS_DEV ]\n\t\t[ fwmark MARK ]\n\n"+
		"Where:\tADDR := { %s }\n\tKEY  := { DOTTED_QUAD | NUMBER }\n\tMARK := { 0x0..0xffffffff }\n", kind, addr)
}

// vtiWords are ip's vti words in the order it tries them; fwmark is
// taken only whole.
var vtiWords = []string{"key", "ikey", "okey", "remote", "local", "dev"}

// parseVTI reads a vti's or vti6's words as ip does. The keys and the
// fwmark are always sent (0 unless given or, on a change, the link's),
// the endpoints unless any.
func parseVTI(p *kindParser, tun *rtnl.Tunnel) error {
	family := uint8(unix.AF_INET)
	if p.kind == "vti6" {
		family = unix.AF_INET6
	}
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, vtiWords)
		if !ok && w == "fwmark" {
			kw, ok = w, true
		}
		if !ok {
			return explained("", vtiUsage(p.kind))
		}
		v, err := p.Value()
		if err != nil {
			return err
		}
		switch kw {
		case "key", "ikey", "okey":
			key, err := grammar.TunnelKey(kw, v)
			if err != nil {
				return err
			}
			if kw != "okey" {
				tun.IKey = rtnl.Some(key)
			}
			if kw != "ikey" {
				tun.OKey = rtnl.Some(key)
			}
		case "remote", "local":
			a, err := grammar.ParseAddr(v, family)
			if err != nil {
				return err
			}
			end := &tun.Remote
			if kw == "local" {
				end = &tun.Local
			}
			*end = rtnl.Opt[netip.Addr]{}
			if a.Addr.IsValid() {
				*end = rtnl.Some(a.Addr)
			}
		case "dev":
			p.Back()
			if err := p.linkName(func(i uint32) { tun.Link = rtnl.Some(i) }); err != nil {
				return err
			}
		case "fwmark":
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid("invalid fwmark\n", v)
			}
			tun.FwMark = rtnl.Some(uint32(n))
		}
	}
	tun.IKey = rtnl.Some(tun.IKey.V)
	tun.OKey = rtnl.Some(tun.OKey.V)
	tun.FwMark = rtnl.Some(tun.FwMark.V)
	return nil
}

// printVTI prints vti and vti6: keys and the fwmark only when not 0.
func (t tunnelSpec) printVTI(f *format.Fields, tun *rtnl.Tunnel, v *View) {
	f.String("remote", "remote %s ", endpoint(tun.Remote))
	f.String("local", "local %s ", endpoint(tun.Local))
	printTunnelLink(f, tun, v)
	for _, k := range []struct {
		name string
		key  rtnl.Opt[uint32]
	}{{"ikey", tun.IKey}, {"okey", tun.OKey}} {
		if key := k.key.V; key != 0 {
			f.String(k.name, k.name+" %s ", dottedKey(key))
		}
	}
	if tun.FwMark.V != 0 {
		printHex(f, "fwmark", "fwmark", tun.FwMark)
	}
}

// dottedKey prints a tunnel key as ip does, as a dotted quad.
func dottedKey(k uint32) string {
	return netip.AddrFrom4([4]byte{byte(k >> 24), byte(k >> 16), byte(k >> 8), byte(k)}).String()
}
