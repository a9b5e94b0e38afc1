package link

import (
	"encoding/binary"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// TestKindKernelAttrs shows links of kinds neither kernel of the test
// tiers has (they need hardware or a newer kernel) from the attributes
// the kernel's fill_info of each kind sends, including those only the
// kernel reports (hsr's sequence and supervision address, netkit's
// primary). The -d text and JSON are what ip prints for them, as its
// print_opt functions read them.
func TestKindKernelAttrs(t *testing.T) {
	cases := []struct {
		kind  string
		attrs func(e *nl.AttrEncoder)
		text  string
		json  string
	}{
		{"hsr", func(e *nl.AttrEncoder) {
			e.Uint32(unix.IFLA_HSR_SLAVE1, 7)
			e.Uint32(unix.IFLA_HSR_SLAVE2, 8)
			e.Bytes(unix.IFLA_HSR_SUPERVISION_ADDR, []byte{0x01, 0x15, 0x4e, 0x00, 0x01, 0x2d})
			e.Uint16(unix.IFLA_HSR_SEQ_NR, 65535)
			e.Uint8(unix.IFLA_HSR_PROTOCOL, 1)
		}, "hsr slave1 eth7 slave2 eth8 sequence 65535 supervision 01:15:4e:00:01:2d proto 1 ",
			`{"slave1":"eth7","slave2":"eth8","seq_nr":65535,"supervision_addr":"01:15:4e:00:01:2d","proto":1}`},
		{"hsr", func(e *nl.AttrEncoder) {
			e.Uint32(unix.IFLA_HSR_SLAVE1, 7)
			e.Bytes(unix.IFLA_HSR_SUPERVISION_ADDR, []byte{0x01, 0x15, 0x4e, 0x00, 0x01, 0x00})
			e.Uint16(unix.IFLA_HSR_SEQ_NR, 3)
		}, "hsr slave1 eth7 slave2 <none> sequence 3 supervision 01:15:4e:00:01:00 ",
			`{"slave1":"eth7","slave2":null,"seq_nr":3,"supervision_addr":"01:15:4e:00:01:00"}`},
		{"bareudp", func(e *nl.AttrEncoder) {
			e.Uint16BE(unix.IFLA_BAREUDP_PORT, 6635)
			e.Uint16BE(unix.IFLA_BAREUDP_ETHERTYPE, unix.ETH_P_IPV6)
			e.Uint16(unix.IFLA_BAREUDP_SRCPORT_MIN, 49153)
		}, "bareudp dstport 6635 ethertype ipv6 srcportmin 49153 nomultiproto ",
			`{"dstport":6635,"ethertype":"ipv6","srcportmin":49153,"multiproto":false}`},
		{"amt", func(e *nl.AttrEncoder) {
			e.Uint32(1, 0)                      // IFLA_AMT_MODE gateway
			e.Uint16BE(2, 2268)                 // RELAY_PORT
			e.Uint16BE(3, 2268)                 // GATEWAY_PORT
			e.Uint32(4, 7)                      // LINK
			e.Uint32(8, 128)                    // MAX_TUNNELS
			e.Bytes(7, []byte{198, 51, 100, 1}) // DISCOVERY_IP
			e.Bytes(6, []byte{198, 51, 100, 2}) // REMOTE_IP
			e.Bytes(5, []byte{192, 0, 2, 1})    // LOCAL_IP
		}, "amt gateway gateway_port 2268 relay_port 2268 local 192.0.2.1 remote 198.51.100.2 discovery 198.51.100.1 dev eth7 max_tunnels 128 ",
			`{"mode":"gateway","gateway_port":2268,"relay_port":2268,"local":"192.0.2.1","remote":"198.51.100.2","discovery":"198.51.100.1","link":"eth7","max_tunnels":128}`},
		{"netkit", func(e *nl.AttrEncoder) {
			e.Uint8(unix.IFLA_NETKIT_PRIMARY, 1)
			e.Uint32(unix.IFLA_NETKIT_POLICY, 0)
			e.Uint32(unix.IFLA_NETKIT_MODE, 1)
			e.Uint32(unix.IFLA_NETKIT_PEER_POLICY, 2)
			e.Uint32(6, 1) // SCRUB
			e.Uint32(7, 0) // PEER_SCRUB
			e.Uint16(8, 0) // HEADROOM, which ip does not print
		}, "netkit mode l3 type primary policy forward peer policy blackhole scrub default peer scrub none ",
			`{"mode":"l3","type":"primary","policy":"forward","peer_policy":"blackhole","scrub":"default","peer_scrub":"none"}`},
		{"rmnet", func(e *nl.AttrEncoder) {
			e.Uint16(unix.IFLA_RMNET_MUX_ID, 9)
			e.Bytes(unix.IFLA_RMNET_FLAGS, make([]byte, 8))
		}, "rmnet mux_id 9 ", `{"mux_id":9}`},
		{"ipoib", func(e *nl.AttrEncoder) {
			e.Uint16(unix.IFLA_IPOIB_PKEY, 0xffff)
			e.Uint16(unix.IFLA_IPOIB_MODE, 0)
			e.Uint16(unix.IFLA_IPOIB_UMCAST, 0)
		}, "ipoib pkey 0xffff mode datagram umcast 0000 ", `{"key":"0xffff","mode":"datagram","umcast":"0000"}`},
		{"ipoib", func(e *nl.AttrEncoder) {
			e.Uint16(unix.IFLA_IPOIB_PKEY, 0x8001)
		}, "ipoib pkey 0x8001 ", `{"key":"0x8001"}`},
		{"wwan", func(e *nl.AttrEncoder) { e.Uint32(1, 4294967295) }, "wwan linkid 4294967295 ", `{"linkid":4294967295}`},
		{"dsa", func(e *nl.AttrEncoder) { e.Uint32(unix.IFLA_DSA_CONDUIT, 8) }, "dsa conduit eth8 ", `{"conduit":"eth8"}`},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			reply := kindLinkReply(t, c.kind, c.attrs)
			eth8 := eth7()
			binary.NativeEndian.PutUint32(eth8[4:], 8)
			copy(eth8[rtnl.IfInfoLen+4:], "eth8")
			links := [][]byte{eth7(), eth8, reply}

			out, _, err := runLink(t, links, env.Global{Details: 1}, "show", "dev", "x0")
			if err != nil {
				t.Fatal(err)
			}
			if lines := strings.Split(out, "\n"); len(lines) < 3 || !strings.HasPrefix(lines[2], "    "+c.text) {
				t.Errorf("-d text:\n%s\nwant the kind's line to start %q", out, "    "+c.text)
			}
			out, _, err = runLink(t, links, env.Global{Details: 1, JSON: true}, "show", "dev", "x0")
			if err != nil {
				t.Fatal(err)
			}
			var got []map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
				t.Fatalf("-d -j: %v\n%s", err, out)
			}
			info, _ := got[0]["linkinfo"].(map[string]any)
			var want any
			if err := json.Unmarshal([]byte(c.json), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(info["info_data"], want) {
				t.Errorf("info_data\n got  %v\n want %v", info["info_data"], want)
			}
		})
	}
}
