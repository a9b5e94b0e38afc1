package tunnel

import (
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/iptunnel"
	"golang.org/x/sys/unix"
)

func render(r format.FieldRecord, json bool) string {
	if json {
		w := format.NewJSONWriter(false)
		w.StartObject()
		r.Fields(format.NewJSONFields(w, format.Normal))
		w.EndObject()
		return string(w.Bytes())
	}
	var t format.Text
	r.Fields(format.NewTextFields(&t))
	return string(*t.Bytes())
}

// The expected lines are what ip 6.1 prints for the same tunnels in the
// vm tier.
func TestViews(t *testing.T) {
	gre := iptunnel.NewParm()
	gre.Name, gre.Protocol, gre.TTL = "gre1", unix.IPPROTO_GRE, 64
	gre.Remote, gre.Local = netip.MustParseAddr("192.0.2.2"), netip.MustParseAddr("192.0.2.1")
	gre.IFlags, gre.OFlags, gre.IKey, gre.OKey = iptunnel.GREKey|iptunnel.GRESeq, iptunnel.GREKey|iptunnel.GRESeq, 5, 5
	sit := iptunnel.Parm{Name: "sit0", Protocol: unix.IPPROTO_IPV6, TTL: 64}
	six := &iptunnel.SixRD{Prefix: netip.MustParseAddr("2002::"), PrefixLen: 16, RelayPrefix: netip.IPv4Unspecified()}
	names := env.NewNames(false)
	p6 := iptunnel.Parm6{Name: "ip6t1", Proto: unix.IPPROTO_IPV6, EncapLimit: 4, HopLimit: 64,
		Remote: netip.MustParseAddr("2001:db8::2"), Local: netip.MustParseAddr("2001:db8::1")}
	for _, c := range []struct {
		r          format.FieldRecord
		text, json string
	}{
		{&view4{p: gre, names: names, ending: "\n"},
			"gre1: gre/ip remote 192.0.2.2 local 192.0.2.1 ttl 64 key 5\n  Drop packets out of sequence.\n  Sequence packets on output.\n",
			`{"ifname":"gre1","mode":"gre/ip","remote":"192.0.2.2","local":"192.0.2.1","ttl":64,"key":5,"flags":["rx_drop_ooseq","tx_seq"]}`},
		{&view4{p: sit, names: names, sixrd: six},
			"sit0: ipv6/ip remote any local any ttl 64 nopmtudisc 6rd-prefix 2002::/16",
			`{"ifname":"sit0","mode":"ipv6/ip","remote":"0.0.0.0","local":"0.0.0.0","ttl":64,"nopmtudisc":null,"6rd-prefix":"2002::","6rd-prefixlen":16}`},
		{&view6{p: p6},
			"ip6t1: ipv6/ipv6 remote 2001:db8::2 local 2001:db8::1 encaplimit 4 hoplimit 64 tclass 0x00 flowlabel 0x00000 (flowinfo 0x00000000)",
			`{"ifname":"ip6t1","mode":"ipv6/ipv6","remote":"2001:db8::2","local":"2001:db8::1","encap_limit":4,"hoplimit":64,"tclass":"0x00","flowlabel":"0x00000","flowinfo":"0x00000000"}`},
	} {
		if got := render(c.r, false); got != c.text {
			t.Errorf("text:\n got %q\nwant %q", got, c.text)
		}
		if got := render(c.r, true); got != c.json {
			t.Errorf("json:\n got %s\nwant %s", got, c.json)
		}
	}
}
