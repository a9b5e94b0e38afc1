package app

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// fakeLinks answers RTM_GETLINK by name with a link of index 7 ("eth7")
// and acknowledges everything else, recording the requests.
func fakeLinks(t *testing.T) (*env.Env, *nltest.Kernel) {
	t.Helper()
	conn, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		if req.Header.Type == unix.RTM_GETLINK {
			e := nl.NewAttrEncoder(make([]byte, unix.SizeofIfInfomsg))
			binary.NativeEndian.PutUint32(e2b(e)[4:], 7)
			e.String(unix.IFLA_IFNAME, "eth7")
			b, _ := e.Encode()
			return []nltest.Datagram{nltest.FromKernel(nltest.Msg(req, unix.RTM_NEWLINK, 0, b), nltest.Ack(req, 0, "", 0))}
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	ev := &env.Env{Prog: command.Prog, G: &env.Global{}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
	ev.UseConn(conn)
	return ev, k
}

// e2b exposes the encoder's buffer for patching the fixed header.
func e2b(e *nl.AttrEncoder) []byte {
	b, _ := e.Encode()
	return b
}

// linkInfo builds the expected IFLA_LINKINFO of a request by hand.
func linkInfo(kind string, data func(e *nl.AttrEncoder)) []byte {
	e := nl.NewAttrEncoder(nil)
	e.Nest(unix.IFLA_LINKINFO)
	e.String(unix.IFLA_INFO_KIND, kind)
	if data != nil {
		e.Nest(unix.IFLA_INFO_DATA)
		data(e)
		e.Unnest()
	}
	e.Unnest()
	b, _ := e.Encode()
	return b
}

func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// TestLinkAddRequestBytes checks the exact RTM_NEWLINK each kind sends:
// header, flags, name, lower link and IFLA_LINKINFO.
func TestLinkAddRequestBytes(t *testing.T) {
	cases := []struct {
		Args  string
		Name  string
		lower bool // "link eth7" given: IFLA_LINK 7 before the kind
		info  []byte
	}{
		{"d0 type dummy", "d0", false, linkInfo("dummy", nil)},
		{"ifb0 type ifb", "ifb0", false, linkInfo("ifb", nil)},
		{"wg0 type wireguard", "wg0", false, linkInfo("wireguard", nil)},
		{"link eth7 name v10 type vlan id 10", "v10", true, linkInfo("vlan", func(e *nl.AttrEncoder) {
			e.Uint16(unix.IFLA_VLAN_ID, 10)
		})},
		{"link eth7 name v20 type vlan protocol 802.1ad id 20 reorder_hdr off", "v20", true, linkInfo("vlan", func(e *nl.AttrEncoder) {
			e.Bytes(unix.IFLA_VLAN_PROTOCOL, be16(0x88a8))
			e.Uint16(unix.IFLA_VLAN_ID, 20)
			e.Bytes(unix.IFLA_VLAN_FLAGS, []byte{0, 0, 0, 0, 1, 0, 0, 0})
		})},
		{"bond0 type bond mode 802.3ad miimon 100 lacp_rate fast xmit_hash_policy layer3+4 min_links 1", "bond0", false,
			linkInfo("bond", func(e *nl.AttrEncoder) {
				e.Uint8(unix.IFLA_BOND_MODE, 4)
				e.Uint32(unix.IFLA_BOND_MIIMON, 100)
				e.Uint8(unix.IFLA_BOND_AD_LACP_RATE, 1)
				e.Uint8(unix.IFLA_BOND_XMIT_HASH_POLICY, 1)
				e.Uint32(unix.IFLA_BOND_MIN_LINKS, 1)
			})},
		{"bond1 type bond mode active-backup primary eth7", "bond1", false, linkInfo("bond", func(e *nl.AttrEncoder) {
			e.Uint8(unix.IFLA_BOND_MODE, 1)
			e.Uint32(unix.IFLA_BOND_PRIMARY, 7)
		})},
		{"vrf10 type vrf table 10", "vrf10", false, linkInfo("vrf", func(e *nl.AttrEncoder) {
			e.Uint32(unix.IFLA_VRF_TABLE, 10)
		})},
		{"gre1 type gre remote 198.51.100.2 local 198.51.100.1 ttl 64 key 5", "gre1", false, linkInfo("gre", func(e *nl.AttrEncoder) {
			e.Addr(link.IflaGRERemote, netip.MustParseAddr("198.51.100.2"))
			e.Addr(link.IflaGRELocal, netip.MustParseAddr("198.51.100.1"))
			e.Uint8(link.IflaGRETTL, 64)
			e.Bytes(link.IflaGREIKey, be32(5))
			e.Bytes(link.IflaGREOKey, be32(5))
			e.Bytes(link.IflaGREIFlags, be16(link.GreKeyFlag))
			e.Bytes(link.IflaGREOFlags, be16(link.GreKeyFlag))
		})},
		{"gt1 type gretap remote 198.51.100.2", "gt1", false, linkInfo("gretap", func(e *nl.AttrEncoder) {
			e.Addr(link.IflaGRERemote, netip.MustParseAddr("198.51.100.2"))
		})},
		{"g6 type ip6gre remote 2001:db8::2 local 2001:db8::1", "g6", false, linkInfo("ip6gre", func(e *nl.AttrEncoder) {
			e.Addr(link.IflaGRERemote, netip.MustParseAddr("2001:db8::2"))
			e.Addr(link.IflaGRELocal, netip.MustParseAddr("2001:db8::1"))
		})},
		{"t1 type ipip remote 198.51.100.2 dev eth7", "t1", false, linkInfo("ipip", func(e *nl.AttrEncoder) {
			e.Addr(link.IflaIPTunRemote, netip.MustParseAddr("198.51.100.2"))
			e.Uint32(link.IflaIPTunLink, 7)
		})},
		{"s1 type sit remote 198.51.100.2 ttl 10", "s1", false, linkInfo("sit", func(e *nl.AttrEncoder) {
			e.Addr(link.IflaIPTunRemote, netip.MustParseAddr("198.51.100.2"))
			e.Uint8(link.IflaIPTunTTL, 10)
		})},
		{"t6 type ip6tnl mode ip6ip6 remote 2001:db8::2", "t6", false, linkInfo("ip6tnl", func(e *nl.AttrEncoder) {
			e.Uint8(link.IflaIPTunProto, unix.IPPROTO_IPV6)
			e.Addr(link.IflaIPTunRemote, netip.MustParseAddr("2001:db8::2"))
		})},
		{"link eth7 name ipv1 type ipvlan mode l3 private", "ipv1", true, linkInfo("ipvlan", func(e *nl.AttrEncoder) {
			e.Uint16(unix.IFLA_IPVLAN_MODE, 1)
			e.Uint16(unix.IFLA_IPVLAN_FLAGS, 1)
		})},
		{"gen0 type geneve id 5 remote 198.51.100.2 dstport 6081", "gen0", false, linkInfo("geneve", func(e *nl.AttrEncoder) {
			e.Uint32(unix.IFLA_GENEVE_ID, 5)
			e.Addr(unix.IFLA_GENEVE_REMOTE, netip.MustParseAddr("198.51.100.2"))
			e.Bytes(unix.IFLA_GENEVE_PORT, be16(6081))
		})},
		{"vx0 type vxlan id 42 dstport 4789 local 192.0.2.1 dev eth7 nolearning", "vx0", false, linkInfo("vxlan", func(e *nl.AttrEncoder) {
			e.Uint32(unix.IFLA_VXLAN_ID, 42)
			e.Bytes(unix.IFLA_VXLAN_PORT, be16(4789))
			e.Addr(unix.IFLA_VXLAN_LOCAL, netip.MustParseAddr("192.0.2.1"))
			e.Uint32(unix.IFLA_VXLAN_LINK, 7)
			e.Uint8(unix.IFLA_VXLAN_LEARNING, 0)
		})},
		{"link eth7 name mv0 type macvlan mode bridge", "mv0", true, linkInfo("macvlan", func(e *nl.AttrEncoder) {
			e.Uint32(unix.IFLA_MACVLAN_MODE, link.MacvlanModeBridge)
		})},
		{"br0 type bridge stp_state 1 vlan_filtering 1 vlan_protocol 802.1ad priority 7", "br0", false, linkInfo("bridge", func(e *nl.AttrEncoder) {
			e.Uint32(unix.IFLA_BR_STP_STATE, 1)
			e.Uint8(unix.IFLA_BR_VLAN_FILTERING, 1)
			e.Bytes(unix.IFLA_BR_VLAN_PROTOCOL, be16(0x88a8))
			e.Uint16(unix.IFLA_BR_PRIORITY, 7)
		})},
	}
	for _, c := range cases {
		t.Run(c.Args, func(t *testing.T) {
			ev, k := fakeLinks(t)
			if err := link.RunLinkAdd(ev, &link.LinkAddOptions{Args: strings.Fields(c.Args), Flags: rtnl.FlagsAdd}); err != nil {
				t.Fatalf("runLinkAdd: %v", err)
			}
			var req *nl.Message
			for _, r := range k.Requests() {
				if r.Header.Type == unix.RTM_NEWLINK {
					req = &r
				}
			}
			if req == nil {
				t.Fatalf("no RTM_NEWLINK sent")
			}
			if want := nl.Request | nl.Acknowledge | nl.Create | nl.Excl; req.Header.Flags != want {
				t.Errorf("flags %v, want %v", req.Header.Flags, want)
			}
			e := nl.NewAttrEncoder(make([]byte, unix.SizeofIfInfomsg))
			e.String(unix.IFLA_IFNAME, c.Name)
			if c.lower {
				e.Uint32(unix.IFLA_LINK, 7)
			}
			want, _ := e.Encode()
			want = append(want, c.info...)
			if !bytes.Equal(req.Data, want) {
				t.Errorf("request\n got  %x\n want %x", req.Data, want)
			}
		})
	}
}

func TestVethPeerRequestBytes(t *testing.T) {
	ev, k := fakeLinks(t)
	args := strings.Fields("v0 mtu 1400 type veth peer name v1 address 02:00:00:00:00:01")
	if err := link.RunLinkAdd(ev, &link.LinkAddOptions{Args: args, Flags: rtnl.FlagsAdd}); err != nil {
		t.Fatal(err)
	}
	reqs := k.Requests()
	req := reqs[len(reqs)-1]
	e := nl.NewAttrEncoder(make([]byte, unix.SizeofIfInfomsg))
	e.String(unix.IFLA_IFNAME, "v0")
	e.Uint32(unix.IFLA_MTU, 1400)
	e.Nest(unix.IFLA_LINKINFO)
	e.String(unix.IFLA_INFO_KIND, "veth")
	e.Nest(unix.IFLA_INFO_DATA)
	e.Nest(1) // VETH_INFO_PEER
	e.Raw(make([]byte, unix.SizeofIfInfomsg))
	e.String(unix.IFLA_IFNAME, "v1")
	e.Bytes(unix.IFLA_ADDRESS, []byte{2, 0, 0, 0, 0, 1})
	e.Unnest()
	e.Unnest()
	e.Unnest()
	want, _ := e.Encode()
	if !bytes.Equal(req.Data, want) {
		t.Errorf("request\n got  %x\n want %x", req.Data, want)
	}
}

// TestMissingKindsLive creates, in a fresh namespace, every kind the
// host kernel may lack; where the kernel answers "Unknown device type" the
// test skips (the vm tier, whose kernel has them, fails instead).
func TestMissingKindsLive(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	cases := []struct {
		feature testenv.Feature
		Args    string
		dev     string
		check   map[string]any // info_data fields ip -d -j reports
	}{
		{testenv.LinkDummy, "d0 type dummy", "d0", nil},
		{testenv.LinkVLAN, "link v0 name v0.10 type vlan id 10", "v0.10", map[string]any{"id": 10, "protocol": "802.1Q"}},
		{testenv.LinkVLAN, "link v0 name v0.20 type vlan protocol 802.1ad id 20", "v0.20", map[string]any{"id": 20, "protocol": "802.1ad"}},
		{testenv.LinkBond, "bond0 type bond mode active-backup miimon 100", "bond0", map[string]any{"mode": "active-backup", "miimon": 100}},
		{testenv.LinkBond, "bond1 type bond mode 802.3ad lacp_rate fast xmit_hash_policy layer3+4 min_links 1", "bond1", map[string]any{"mode": "802.3ad", "ad_lacp_rate": "fast"}},
		{testenv.LinkBond, "bond2 type bond mode balance-xor arp_interval 100 arp_ip_target 10.0.0.1,10.0.0.2", "bond2", map[string]any{"mode": "balance-xor", "arp_interval": 100}},
		{testenv.LinkVRF, "vrf10 type vrf table 10", "vrf10", map[string]any{"table": 10}},
		{testenv.LinkGRE, "gre1 type gre remote 198.51.100.2 local 198.51.100.1 ttl 64", "gre1", map[string]any{"remote": "198.51.100.2", "ttl": 64}},
		{testenv.LinkGRE, "gt1 type gretap remote 198.51.100.2", "gt1", map[string]any{"remote": "198.51.100.2"}},
		{testenv.LinkGRE, "g6 type ip6gre remote 2001:db8::2", "g6", map[string]any{"remote": "2001:db8::2"}},
		{testenv.LinkGRE, "g7 type ip6gretap remote 2001:db8::2 local 2001:db8::1 key 7", "g7", map[string]any{"local": "2001:db8::1"}},
		{testenv.LinkGRE, "g1k type gre remote 198.51.100.3 key 9 ttl 3", "g1k", map[string]any{"ikey": "0.0.0.9"}},
		{testenv.LinkGRE, "t1 type ipip remote 198.51.100.2", "t1", map[string]any{"remote": "198.51.100.2"}},
		{testenv.LinkGRE, "s1 type sit remote 198.51.100.2", "s1", map[string]any{"remote": "198.51.100.2"}},
		{testenv.LinkGRE, "t6 type ip6tnl remote 2001:db8::2", "t6", map[string]any{"remote": "2001:db8::2"}},
		{testenv.LinkIPVLAN, "link v0 name ipv1 type ipvlan mode l3", "ipv1", map[string]any{"mode": "l3"}},
		{testenv.LinkGeneve, "gen0 type geneve id 5 remote 198.51.100.2", "gen0", map[string]any{"id": 5, "remote": "198.51.100.2"}},
		{testenv.LinkGeneve, "gen1 type geneve id 6 remote 2001:db8::2 ttl 9 dstport 6082", "gen1", map[string]any{"id": 6, "remote6": "2001:db8::2", "port": 6082}},
		{testenv.LinkWireGuard, "wg0 type wireguard", "wg0", nil},
	}
	for _, c := range cases {
		t.Run(c.Args, func(t *testing.T) {
			r := gip(t, append([]string{"-n", ns, "link", "add"}, strings.Fields(c.Args)...)...)
			if r.code != 0 {
				if strings.Contains(r.Stderr, "Unknown device type") {
					testenv.Missing(t, c.feature, "%s", strings.TrimSpace(r.Stderr))
				}
				t.Fatalf("gip link add %s: exit %d: %s", c.Args, r.code, r.Stderr)
			}
			l := ipJSON(t, "ip", "-n", ns, "-d", "link", "show", "dev", c.dev)
			kind := strings.Fields(c.Args)[len(strings.Fields(c.Args))-1]
			for i, w := range strings.Fields(c.Args) {
				if w == "type" {
					kind = strings.Fields(c.Args)[i+1]
				}
			}
			expect(t, "kind", get(l[0], "linkinfo", "info_kind"), kind)
			for k, want := range c.check {
				expect(t, k, get(l[0], "linkinfo", "info_data", k), want)
			}
			// gip shows it as ip does, with and without -d, text and JSON.
			ref := tool(t, "ip", "-n", ns, "link", "show", "dev", c.dev)
			got := gip(t, "-n", ns, "link", "show", "dev", c.dev)
			compareLines(t, "ip link show "+c.dev, ref.Stdout, got.Stdout)
			ref = tool(t, "ip", "-n", ns, "-d", "link", "show", "dev", c.dev)
			got = gip(t, "-n", ns, "-d", "link", "show", "dev", c.dev)
			compareLines(t, "ip -d link show "+c.dev, ref.Stdout, got.Stdout)
			ref = tool(t, "ip", "-n", ns, "-j", "-d", "link", "show", "dev", c.dev)
			got = gip(t, "-n", ns, "-j", "-d", "link", "show", "dev", c.dev)
			if !jsonEqual(t, ref.Stdout, got.Stdout) {
				var r, g []map[string]any
				json.Unmarshal([]byte(ref.Stdout), &r)
				json.Unmarshal([]byte(got.Stdout), &g)
				t.Errorf("ip -j -d link show %s differs\n ref info_data: %v\n gip info_data: %v\n ref: %s\n gip: %s", c.dev,
					get(r[0], "linkinfo", "info_data"), get(g[0], "linkinfo", "info_data"), ref.Stdout, got.Stdout)
			}
			mustGip(t, "-n", ns, "link", "del", c.dev)
		})
	}
}

// TestTunnelDetailsText prints the data of tunnels the host cannot create
// the way ip -d prints them (checked live by the vm tier).
func TestTunnelDetailsText(t *testing.T) {
	enc := func(f func(e *nl.AttrEncoder)) []byte {
		e := nl.NewAttrEncoder(nil)
		f(e)
		b, _ := e.Encode()
		return b
	}
	gre := enc(func(e *nl.AttrEncoder) {
		e.Uint32(link.IflaGRELink, 0)
		e.Bytes(link.IflaGREIFlags, be16(link.GreKeyFlag))
		e.Bytes(link.IflaGREOFlags, be16(link.GreKeyFlag|link.GreSeqFlag))
		e.Bytes(link.IflaGREIKey, be32(5))
		e.Bytes(link.IflaGREOKey, be32(5))
		e.Bytes(link.IflaGRELocal, []byte{0, 0, 0, 0})
		e.Bytes(link.IflaGRERemote, []byte{198, 51, 100, 2})
		e.Uint8(link.IflaGRETTL, 64)
		e.Uint8(link.IflaGRETOS, 0)
		e.Uint8(link.IflaGREPMTUDisc, 1)
	})
	ipip := enc(func(e *nl.AttrEncoder) {
		e.Uint32(link.IflaIPTunLink, 0)
		e.Bytes(link.IflaIPTunLocal, []byte{192, 0, 2, 1})
		e.Bytes(link.IflaIPTunRemote, []byte{198, 51, 100, 2})
		e.Uint8(link.IflaIPTunTTL, 0)
		e.Uint8(link.IflaIPTunTOS, 1)
		e.Uint8(link.IflaIPTunPMTUDisc, 1)
		e.Uint8(link.IflaIPTunProto, unix.IPPROTO_IPIP)
	})
	v := &link.LinkView{G: &env.Global{}, Cache: (&env.Env{G: &env.Global{}}).Links(), Names: env.NewNames(false)}
	for _, c := range []struct {
		Kind string
		data []byte
		Text string
		Json string
	}{
		{"gre", gre, "remote 198.51.100.2 local any ttl 64 ikey 0.0.0.5 okey 0.0.0.5 oseq ",
			`{"remote":"198.51.100.2","local":"any","ttl":64,"pmtudisc":true,"ikey":"0.0.0.5","okey":"0.0.0.5","oseq":true}`},
		{"ipip", ipip, "ipip remote 198.51.100.2 local 192.0.2.1 ttl inherit tos inherit pmtudisc ",
			`{"proto":"ipip","remote":"198.51.100.2","local":"192.0.2.1","ttl":0,"tos":"0x1","pmtudisc":true}`},
	} {
		var tx format.Text
		link.TunnelText(&tx, v, c.Kind, c.data)
		if got := string(*tx.Bytes()); got != c.Text {
			t.Errorf("%s text\n got  %q\n want %q", c.Kind, got, c.Text)
		}
		w := format.NewJSONWriter(false)
		w.Object(link.TunnelJSON(v, c.Kind, c.data))
		if got := string(w.Bytes()); got != c.Json {
			t.Errorf("%s JSON\n got  %s\n want %s", c.Kind, got, c.Json)
		}
	}
}
