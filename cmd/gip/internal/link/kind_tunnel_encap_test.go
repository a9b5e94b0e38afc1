package link

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// TestTunnelEncapWords: the encapsulation words of the IP and GRE
// tunnels become their attributes; a later word of a switch wins.
func TestTunnelEncapWords(t *testing.T) {
	for _, c := range []struct {
		args string
		fam  rtnl.TunnelFamily
		want rtnl.TunnelEncap
	}{
		{"add t1 type ipip remote 192.0.2.2 encap fou encap-sport auto encap-dport 5555 encap-csum", rtnl.TunnelIP4,
			rtnl.TunnelEncap{Type: rtnl.Some(uint16(1)), Sport: rtnl.Some(uint16(0)), Dport: rtnl.Some(uint16(5555)), Flags: rtnl.Some(uint16(1))}},
		{"add g1 type gre remote 192.0.2.2 encap gue encap-sport 4000 encap-remcsum encap-udp6-csum noencap-udp6-csum", rtnl.TunnelGRE,
			rtnl.TunnelEncap{Type: rtnl.Some(uint16(2)), Sport: rtnl.Some(uint16(4000)), Flags: rtnl.Some(uint16(4))}},
		{"add t6 type ip6tnl remote 2001:db8::2 encap fou noencap", rtnl.TunnelIP6,
			rtnl.TunnelEncap{Type: rtnl.Some(uint16(0)), Flags: rtnl.Some(uint16(2))}},
		{"add t7 type ip6gre remote 2001:db8::2 encap gue noencap-udp6-csum", rtnl.TunnelGRE,
			rtnl.TunnelEncap{Type: rtnl.Some(uint16(2)), Flags: rtnl.Some(uint16(0))}},
	} {
		words := strings.Fields(c.args)
		_, k, err := runLink(t, [][]byte{eth7()}, env.Global{}, words[0], words[1:]...)
		if err != nil {
			t.Fatalf("%s: %v", c.args, err)
		}
		l, err := rtnl.ParseLink(nl.Message{Data: request(k)})
		if err != nil {
			t.Fatal(err)
		}
		tun := &rtnl.Tunnel{Family: c.fam}
		if err := tun.Decode(l.Data); err != nil {
			t.Fatal(err)
		}
		if tun.Encap != c.want {
			t.Errorf("%s: encap %+v, want %+v", c.args, tun.Encap, c.want)
		}
	}
}
