package bridge

import (
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func TestPlanVlan(t *testing.T) {
	for _, c := range []struct {
		line string
		typ  uint16
		want []rtnl.VlanInfo
	}{
		{"dev v1 vid 10-12 untagged", unix.RTM_SETLINK, []rtnl.VlanInfo{
			{Flags: rtnl.VlanInfoUntagged | rtnl.VlanInfoRangeBegin, VID: 10}, {Flags: rtnl.VlanInfoUntagged | rtnl.VlanInfoRangeEnd, VID: 12}}},
		{"vid 30 dev br0 pvid self", unix.RTM_SETLINK, []rtnl.VlanInfo{{Flags: rtnl.VlanInfoPVID, VID: 30}}},
		{"dev v1 vid 0x10", unix.RTM_DELLINK, []rtnl.VlanInfo{{VID: 16}}},
	} {
		steps, err := planVlan(strings.Fields(c.line), c.typ)
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		if steps[0].Undo != nil {
			t.Errorf("%q: a vlan change has no exact undo", c.line)
		}
		m, err := steps[0].Build(testEnv())
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type != c.typ {
			t.Errorf("%q: type %d", c.line, m.Header.Type)
		}
		d := nl.NewAttrDecoder(m.Data[unix.SizeofIfInfomsg:])
		var got []rtnl.VlanInfo
		for d.Next() {
			if d.Type() == unix.IFLA_AF_SPEC {
				got, _ = rtnl.Vlans(d.Bytes())
			}
		}
		if len(got) != len(c.want) {
			t.Fatalf("%q: %+v, want %+v", c.line, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: %+v, want %+v", c.line, got, c.want)
			}
		}
	}
}

func TestParseVIDs(t *testing.T) {
	for _, c := range []struct {
		in       string
		vid, end uint16
		ok       bool
	}{
		{"1", 1, 0, true}, {"4094", 4094, 0, true}, {"10-12", 10, 12, true}, {"0x10-0x11", 16, 17, true},
		{"0", 0, 0, false}, {"4095", 0, 0, false}, {"5-3", 0, 0, false}, {"5-5", 0, 0, false},
		{"5-4095", 0, 0, false}, {"x", 0, 0, false}, {"5-", 0, 0, false}, {"-5", 0, 0, false},
	} {
		vid, end, err := parseVIDs(c.in)
		if (err == nil) != c.ok || vid != c.vid || end != c.end {
			t.Errorf("%q: %d %d %v", c.in, vid, end, err)
		}
		if err != nil && (err.Error() != `Error: argument "`+c.in+`" is wrong: invalid VLAN ID` || fail.ExitCode(err) != fail.ExitUsage) {
			t.Errorf("%q: %v", c.in, err)
		}
	}
}

func TestVlanView(t *testing.T) {
	vs := vlanRanges([]rtnl.VlanInfo{
		{Flags: rtnl.VlanInfoPVID | rtnl.VlanInfoUntagged, VID: 1},
		{Flags: rtnl.VlanInfoUntagged | rtnl.VlanInfoRangeBegin, VID: 10}, {Flags: rtnl.VlanInfoRangeEnd, VID: 12},
	})
	v := &vlanView{name: "v1", ranges: vs}
	for _, c := range []struct {
		opts format.Options
		want string
	}{
		{format.Options{}, "v1                1 PVID Egress Untagged\n                  10-12 Egress Untagged\n"},
		{format.Options{Color: true}, "\x1b[36mv1              \x1b[0m  1 PVID Egress Untagged\n\x1b[36m                \x1b[0m  10-12 Egress Untagged\n"},
		{format.Options{JSON: true}, `[{"ifname":"v1","vlans":[{"vlan":1,"flags":["PVID","Egress Untagged"]},{"vlan":10,"vlanEnd":12,"flags":["Egress Untagged"]}]}]` + "\n"},
	} {
		if got := render(t, v, c.opts); got != c.want {
			t.Errorf("%+v:\n got %q\nwant %q", c.opts, got, c.want)
		}
	}
	if got := onlyVID(vs, 11); len(got) != 1 || got[0] != (vlanRange{11, 11, rtnl.VlanInfoUntagged}) {
		t.Errorf("onlyVID: %+v", got)
	}
}

func TestParseTunnelInfo(t *testing.T) {
	for _, c := range []struct {
		line, err string
		id, end   uint32
	}{
		{line: "id 1000", id: 1000},
		{line: "i 0x10-0x20", id: 16, end: 32},
		{line: "id 16777215", id: 16777215},
		{line: "id 16777216", err: `Error: argument "16777216" is wrong: invalid tun id`},
		{line: "id 5-x", err: `Error: argument "5" is wrong: invalid tun id`},
		{line: "foo 3", err: `Error: argument "foo" is wrong: tunnel id expected`},
		{line: "id", err: `Command line is not complete. Try option "help"`},
		{line: "", err: `Command line is not complete. Try option "help"`},
	} {
		var s rtnl.BridgeVlanSpec
		err := parseTunnelInfo(grammar.NewArgs(strings.Fields(c.line)), &s)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: %v, want %s", c.line, err, c.err)
			}
			continue
		}
		if err != nil || !s.Tunnel || s.TunID != c.id || s.TunIDEnd != c.end {
			t.Errorf("%q: %+v %v", c.line, s, err)
		}
	}
}

func TestTunnelMaps(t *testing.T) {
	ts := []rtnl.VlanTunnel{
		{VID: 1000, ID: 1000},
		{VID: 1010, ID: 10, Flags: rtnl.VlanInfoRangeBegin}, {VID: 1020, ID: 20, Flags: rtnl.VlanInfoRangeEnd},
		{VID: 1030, ID: 65556},
	}
	for _, c := range []struct {
		vid  int
		want []tunnelMap
	}{
		{0, []tunnelMap{{1000, 1000, 1000, 1000}, {1010, 1020, 10, 20}, {1030, 1030, 65556, 65556}}},
		{1015, []tunnelMap{{1010, 1020, 10, 20}}},
		{1030, []tunnelMap{{1030, 1030, 65556, 65556}}},
		{1, nil},
	} {
		if got := tunnelMaps(ts, c.vid); !slices.Equal(got, c.want) {
			t.Errorf("vid %d: %+v, want %+v", c.vid, got, c.want)
		}
	}
}
