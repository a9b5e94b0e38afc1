package bridge

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
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
