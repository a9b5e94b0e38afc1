package bridge

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

func TestPlanVlanOptions(t *testing.T) {
	info := func(vid uint16) rtnl.Attr {
		return rtnl.Bytes(rtnl.VlanDBEntryInfo, nativeVlanInfo(rtnl.VlanInfoOnlyOpts, vid))
	}
	for _, c := range []struct {
		line   string
		global bool
		err    string
	}{
		{line: "dev vx0 vid 1000 state learning"},
		{line: "state 4 dev vx0 vid 10-12 mcast_router 0x2 frob"},
		{line: "dev vx0 vid 1 he", err: `Command line is not complete. Try option "help"`},
		{line: "dev vx0 vid 1 state bogus", err: "Error: invalid STP state"},
		{line: "dev vx0 vid 1 mcast_router 256", err: `Error: argument "256" is wrong: invalid mcast_router`},
		{line: "dev vx0 vid 12-10", err: `Invalid VLAN range "12-10"`},
		{line: "dev vx0 vid 5000", err: `Invalid VLAN ID "5000"`},
		{line: "dev vx0 state 1", err: "Device and VLAN ID are required arguments."},
		{line: "dev br0 vid 1-3 mcast_snooping 1 mcast_query_interval 0x10 mcast_last_member_count 7 he", global: true},
		{line: "dev br0 vid 1 mcast_querier 256", global: true, err: `Error: argument "256" is wrong: invalid mcast_querier`},
		{line: "dev br0 vid 1 help", global: true, err: `Command line is not complete. Try option "help"`},
	} {
		read := readVlanSetWord
		if c.global {
			read = readVlanGlobalWord
		}
		steps, err := planVlanOptions(strings.Fields(c.line), c.global, read)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: %v, want %q", c.line, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		if _, err := steps[0].Build(testEnv()); err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
	}
	// The attributes themselves, in the order given.
	for _, c := range []struct {
		line   string
		global bool
		want   []rtnl.Attr
	}{
		{"dev vx0 vid 1000 state learning", false, []rtnl.Attr{info(1000), rtnl.U8(rtnl.VlanDBEntryState, 2)}},
		{"state 4 dev vx0 vid 10-12 mcast_router 0x2 frob", false, []rtnl.Attr{
			rtnl.U8(rtnl.VlanDBEntryState, 4), info(10), rtnl.U16(rtnl.VlanDBEntryRange, 12), rtnl.U8(rtnl.VlanDBEntryMcastRouter, 2)}},
		{"dev br0 vid 1-3 mcast_snooping 1 mcast_query_interval 0x10 mcast_last_member_count 7", true, []rtnl.Attr{
			rtnl.U16(rtnl.VlanGOptID, 1), rtnl.U16(rtnl.VlanGOptRange, 3), rtnl.U8(rtnl.VlanGOptMcastSnooping, 1),
			rtnl.U64(rtnl.VlanGOptMcastQueryInterval, 16), rtnl.U32(rtnl.VlanGOptMcastLastMemberCount, 7)}},
	} {
		read := readVlanSetWord
		if c.global {
			read = readVlanGlobalWord
		}
		steps, err := planVlanOptions(strings.Fields(c.line), c.global, read)
		if err != nil {
			t.Fatal(err)
		}
		m, err := steps[0].Build(testEnv())
		if err != nil {
			t.Fatal(err)
		}
		fields := strings.Fields(c.line)
		dev := fields[slices.Index(fields, "dev")+1]
		want := rtnl.BridgeVlanOptions{Index: mustIndex(t, dev), Global: c.global, Attrs: c.want}
		wm, _ := want.Message()
		if !reflect.DeepEqual(m.Data, wm.Data) {
			t.Errorf("%q: %x, want %x", c.line, m.Data, wm.Data)
		}
	}
}

// mustIndex is the test resolver's index of a device.
func mustIndex(t *testing.T, name string) int32 {
	i, err := testEnv().Links().Index(name)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// FuzzPlanVlanOptions parses arbitrary vlan set and vlan global set
// lines.
func FuzzPlanVlanOptions(f *testing.F) {
	for _, s := range []string{"dev vx0 vid 10-12 state learning mcast_router 2", "dev br0 vid 1 mcast_snooping 1 mcast_query_interval 100", "vid 5- dev v1 he"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, line string, global bool) {
		args := strings.Fields(line)
		read := readVlanSetWord
		if global {
			read = readVlanGlobalWord
		}
		steps, err := planVlanOptions(args, global, read)
		if err != nil || !known(args, "dev") {
			return
		}
		if _, err := steps[0].Build(testEnv()); err != nil {
			return
		}
	})
}
