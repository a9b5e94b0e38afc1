package bridge

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func TestPlanFdb(t *testing.T) {
	for _, c := range []struct {
		line  string
		flags nl.Flags
		want  rtnl.Neigh
		undo  bool
	}{
		{"02:00:00:00:00:aa dev v1 master static", rtnl.FlagsAdd,
			rtnl.Neigh{Index: 3, State: unix.NUD_NOARP | unix.NUD_REACHABLE, Flags: unix.NTF_MASTER}, false}, // master: may find its entry
		{"02:00:00:00:00:ab dev v1 static", rtnl.FlagsAdd,
			rtnl.Neigh{Index: 3, State: unix.NUD_NOARP | unix.NUD_REACHABLE, Flags: unix.NTF_SELF}, true},
		{"02:00:00:00:00:bb dev v1 permanent vlan 10", rtnl.FlagsReplace,
			rtnl.Neigh{Index: 3, State: unix.NUD_NOARP | unix.NUD_PERMANENT, Flags: unix.NTF_SELF, VLAN: 10, HasVLAN: true}, false},
		{"0:0:0:0:0:0 dev vx0 dst 192.0.2.5 vni 7 port 4790 via v1 dynamic", rtnl.FlagsAppend,
			rtnl.Neigh{Index: 5, State: unix.NUD_REACHABLE, Flags: unix.NTF_SELF, Dst: netip.MustParseAddr("192.0.2.5"),
				VNI: 7, HasVNI: true, Port: 4790, Via: 3}, false},
	} {
		t.Run(c.line, func(t *testing.T) {
			steps, err := planFdb(strings.Fields(c.line), unix.RTM_NEWNEIGH, c.flags)
			if err != nil {
				t.Fatal(err)
			}
			m, err := steps[0].Build(testEnv())
			if err != nil {
				t.Fatal(err)
			}
			got, err := rtnl.ParseNeigh(m)
			if err != nil {
				t.Fatal(err)
			}
			w := c.want
			if got.Family != unix.AF_BRIDGE || got.Index != w.Index || got.State != w.State || got.Flags != w.Flags ||
				got.Dst != w.Dst || got.VLAN != w.VLAN || got.HasVLAN != w.HasVLAN || got.VNI != w.VNI ||
				got.Port != w.Port || got.Via != w.Via || len(got.LLAddr) != 6 {
				t.Errorf("request %+v, want %+v", got, w)
			}
			if (steps[0].Undo != nil) != c.undo {
				t.Fatalf("undo %v, want %v", steps[0].Undo != nil, c.undo)
			}
			if c.undo {
				u, ok := steps[0].Undo(m, nil)
				if !ok || u.Header.Type != unix.RTM_DELNEIGH || u.Header.Flags != 0 || string(u.Data) != string(m.Data) {
					t.Errorf("undo %+v", u)
				}
			}
		})
	}
}

func TestPlanFdbErrors(t *testing.T) {
	for _, c := range []struct{ line, msg string }{
		{"dev v1", "Device and address are required arguments."},
		{"02:00:00:00:00:aa", "Device and address are required arguments."},
		{"02:00:00:00:00:aa 02:00:00:00:00:ab dev v1", `Error: either "addr" is duplicate, or "02:00:00:00:00:ab" is a garbage.`},
		{"02:00:00:00:00:aa:01 dev v1", "Invalid mac address 02:00:00:00:00:aa:01"},
		{"02:00:00:00:00:aa dev v1 vlan x", `Error: argument "x" is wrong: invalid VLAN ID`},
		{"02:00:00:00:00:aa dev v1 port 70000", `Error: argument "70000" is wrong: invalid port`},
		{"02:00:00:00:00:aa dev v1 vni -1", `Error: argument "-1" is wrong: invalid VNI`},
		{"02:00:00:00:00:aa dev v1 dst x", `Error: argument "x" is wrong: invalid destination address`},
		{"02:00:00:00:00:aa dev", `Command line is not complete. Try option "help"`},
		{"hel", usage},
	} {
		_, err := planFdb(strings.Fields(c.line), unix.RTM_NEWNEIGH, rtnl.FlagsAdd)
		if err == nil || err.Error() != c.msg || fail.ExitCode(err) != fail.ExitUsage {
			t.Errorf("%q: %v, want %q", c.line, err, c.msg)
		}
	}
}

func TestFdbView(t *testing.T) {
	mac := rtnl.HardwareAddr{2, 0, 0, 0, 0, 0xaa}
	static := &rtnl.Neigh{Family: unix.AF_BRIDGE, Index: 3, State: unix.NUD_NOARP, Flags: unix.NTF_MASTER,
		LLAddr: mac, HasLL: true, Master: 4, HasCacheInfo: true, Used: 500, Updated: 700}
	remote := &rtnl.Neigh{Family: unix.AF_BRIDGE, Index: 5, State: unix.NUD_REACHABLE, Flags: unix.NTF_SELF,
		LLAddr: make(rtnl.HardwareAddr, 6), HasLL: true, Dst: netip.MustParseAddr("192.0.2.5"), VNI: 7, HasVNI: true, Port: 4790, FlagsExt: 1}
	for _, c := range []struct {
		name string
		v    *fdbView
		opts format.Options
		want string
	}{
		{"text", &fdbView{n: static, dev: "v1", master: "br0", showDev: true}, format.Options{},
			"02:00:00:00:00:aa dev v1 master master br0 static\n"},
		{"stats", &fdbView{n: static, dev: "v1", master: "br0", stats: true}, format.Options{},
			"02:00:00:00:00:aa used 5/7 master master br0 static\n"},
		{"remote", &fdbView{n: remote, dev: "vx0", showDev: true}, format.Options{},
			"00:00:00:00:00:00 dev vx0 dst 192.0.2.5 port 4790 vni 7 self locked \n"},
		{"colour", &fdbView{n: remote, dev: "vx0", showDev: true}, format.Options{Color: true},
			"\x1b[33m00:00:00:00:00:00 \x1b[0mdev \x1b[36mvx0 \x1b[0mdst \x1b[35m192.0.2.5 \x1b[0mport 4790 vni 7 self locked \n"},
		{"json", &fdbView{n: static, dev: "v1", master: "br0", showDev: true, stats: true}, format.Options{JSON: true},
			`[{"mac":"02:00:00:00:00:aa","ifname":"v1","used":5,"updated":7,"flags":["master"],"master":"br0","state":"static"}]` + "\n"},
		{"json remote", &fdbView{n: remote, dev: "vx0"}, format.Options{JSON: true},
			`[{"mac":"00:00:00:00:00:00","dst":"192.0.2.5","port":4790,"vni":7,"flags":["self","locked"],"state":""}]` + "\n"},
	} {
		if got := render(t, c.v, c.opts); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
