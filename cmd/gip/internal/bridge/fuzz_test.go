package bridge

import (
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// known says every device a line names is one the test resolver knows,
// so that building its request never asks the kernel.
func known(args []string, keys ...string) bool {
	for i, w := range args {
		if slices.Contains(keys, w) && i+1 < len(args) && !slices.Contains([]string{"v1", "br0", "vx0"}, args[i+1]) {
			return false
		}
	}
	return true
}

// FuzzPlanFdb parses arbitrary fdb add lines: refused or planned, never a
// panic, and a planned line builds a request that decodes.
func FuzzPlanFdb(f *testing.F) {
	for _, s := range []string{
		"02:00:00:00:00:aa dev v1 master static", "0:0:0:0:0:0 dev vx0 dst 2001:db8::1 vni 7 port 4790 via v1",
		"02:00:00:00:00:aa dev v1 vlan 0x10 sticky extern_learn use router local", "zz dev v1", "dev",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		steps, err := planFdb(args, unix.RTM_NEWNEIGH, rtnl.FlagsAdd)
		if err != nil || !known(args, "dev", "via") {
			return
		}
		m, err := steps[0].Build(testEnv())
		if err != nil {
			return
		}
		if _, err := rtnl.ParseNeigh(m); err != nil {
			t.Fatalf("%q: the request does not decode: %v", line, err)
		}
	})
}

// FuzzPlanVlan parses arbitrary vlan add lines.
func FuzzPlanVlan(f *testing.F) {
	for _, s := range []string{"dev v1 vid 10-12 untagged", "dev vx0 vid 1010-1020 tunnel_info id 10-20", "vid 30 dev br0 pvid self master", "dev v1 vid 4095", "vid 5-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		steps, err := planVlan(args, unix.RTM_SETLINK)
		if err != nil || !known(args, "dev") {
			return
		}
		if _, err := steps[0].Build(testEnv()); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
	})
}

// FuzzFdbFilter parses arbitrary selectors of fdb show that name no
// device.
func FuzzFdbFilter(f *testing.F) {
	for _, s := range []string{"vlan 10 state static", "state 0x40", "state bogus", "vlan", "frob 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		if slices.ContainsFunc(args, func(w string) bool { return w == "br" || w == "brport" || w == "dev" }) {
			return // these resolve a device with the kernel
		}
		if fl, err := parseFdbFilter(testEnv(), args); err == nil {
			fl.match(&rtnl.Neigh{Family: unix.AF_BRIDGE})
		}
	})
}

// FuzzPlanMdb parses arbitrary mdb add, replace and flush lines: refused
// or planned, never a panic, and a planned line builds a request (or
// bridge's error for a group or protocol it cannot read).
func FuzzPlanMdb(f *testing.F) {
	for _, s := range []string{
		"dev br0 port v1 grp 239.1.1.1 permanent vid 5", "dev br0 port v1 grp ff0e::1 src 2001:db8::1 temp",
		"dev br0 port v1 grp 01:00:5e:01:02:03 filter_mode include source_list 10.0.0.1,10.0.0.2 proto 99",
		"dev br0 port v1 grp 1:2:3", "dev br0 port v1 grp 300.1.1.1", "dev br0 nopermanent port v1 vid 0x10", "grp",
	} {
		f.Add(s)
	}
	e := testEnv()
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		for _, planLine := range []func() ([]plan.Step, error){
			func() ([]plan.Step, error) { return planMdbModify(e, args, unix.RTM_NEWMDB, 0) },
			func() ([]plan.Step, error) { return planMdbFlush(e, args) },
		} {
			steps, err := planLine()
			if err != nil || !known(args, "dev", "port") {
				continue
			}
			m, err := steps[0].Build(e)
			if err != nil {
				continue
			}
			if len(m.Data) < rtnl.BrPortMsgLen+4+rtnl.MDBEntryLen {
				t.Fatalf("%q: a request of %d bytes", line, len(m.Data))
			}
		}
	})
}
