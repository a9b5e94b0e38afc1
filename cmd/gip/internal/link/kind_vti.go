package link

import (
	"net/netip"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// vti, vti6: virtual tunnel interfaces, the route into IPsec tunnel mode
// states whose mark matches the keys. They share the tunnel family's
// model and grammar (kind_tunnel.go) with the IFLA_VTI_* attributes: the
// endpoints, keys, lower device and fwmark.

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
