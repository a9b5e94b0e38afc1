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

// TestVlanQoSMapShow: -d prints each priority map on a line of its own
// (ip's print_nl, six spaces, the map in braces) and -j as arrays of
// from/to objects, as ip's vlan_print_map does; the kernel reports only
// maps with mappings.
func TestVlanQoSMapShow(t *testing.T) {
	e := nl.NewAttrEncoder(make([]byte, rtnl.IfInfoLen))
	e.String(unix.IFLA_IFNAME, "x0")
	e.Nest(unix.IFLA_LINKINFO)
	e.String(unix.IFLA_INFO_KIND, "vlan")
	e.Nest(unix.IFLA_INFO_DATA)
	e.Uint16BE(unix.IFLA_VLAN_PROTOCOL, 0x8100)
	e.Uint16(unix.IFLA_VLAN_ID, 5)
	e.Bytes(unix.IFLA_VLAN_FLAGS, u32Bytes(rtnl.VlanFlagReorderHdr, 0xffffffff))
	e.Nest(unix.IFLA_VLAN_INGRESS_QOS)
	e.Bytes(unix.IFLA_VLAN_QOS_MAPPING, u32Bytes(1, 2))
	e.Bytes(unix.IFLA_VLAN_QOS_MAPPING, u32Bytes(3, 4))
	e.Unnest()
	e.Nest(unix.IFLA_VLAN_EGRESS_QOS)
	e.Bytes(unix.IFLA_VLAN_QOS_MAPPING, u32Bytes(2, 6))
	e.Unnest()
	e.Unnest()
	e.Unnest()
	reply, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	binary.NativeEndian.PutUint32(reply[4:], 20)
	links := [][]byte{eth7(), reply}

	out, _, err := runLink(t, links, env.Global{Details: 1}, "show", "dev", "x0")
	if err != nil {
		t.Fatal(err)
	}
	want := "    vlan protocol 802.1Q id 5 <REORDER_HDR> \n      ingress-qos-map { 1:2 3:4 } \n      egress-qos-map { 2:6 } "
	if !strings.Contains(out, want) {
		t.Errorf("-d text:\n%s\nwant it to hold %q", out, want)
	}
	out, _, err = runLink(t, links, env.Global{Details: 1, JSON: true}, "show", "dev", "x0")
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		LinkInfo struct {
			Data map[string]any `json:"info_data"`
		} `json:"linkinfo"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
		t.Fatalf("-d -j: %v\n%s", err, out)
	}
	var wantJSON map[string]any
	json.Unmarshal([]byte(`{"protocol":"802.1Q","id":5,"flags":["REORDER_HDR"],
		"ingress_qos":[{"from":1,"to":2},{"from":3,"to":4}],"egress_qos":[{"from":2,"to":6}]}`), &wantJSON)
	if !reflect.DeepEqual(got[0].LinkInfo.Data, wantJSON) {
		t.Errorf("info_data\n got  %v\n want %v", got[0].LinkInfo.Data, wantJSON)
	}
}

func u32Bytes(v ...uint32) []byte {
	var b []byte
	for _, x := range v {
		b = binary.NativeEndian.AppendUint32(b, x)
	}
	return b
}
