package neigh

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func TestPlanModify(t *testing.T) {
	for _, c := range []struct {
		line  string
		flags nl.Flags
		want  rtnl.Neigh // family, index, state, flags, dst, lladdr
		ll    string
		undo  bool
	}{
		{line: "192.0.2.2 lladdr 02:00:00:00:00:02 dev v0", flags: rtnl.FlagsAdd, undo: true,
			want: rtnl.Neigh{Family: unix.AF_INET, Index: 2, State: unix.NUD_PERMANENT, Dst: netip.MustParseAddr("192.0.2.2")},
			ll:   "02:00:00:00:00:02"},
		{line: "to 2001:db8::2 dev v0 nud stale router", flags: rtnl.FlagsReplace,
			want: rtnl.Neigh{Family: unix.AF_INET6, Index: 2, State: unix.NUD_STALE, Flags: unix.NTF_ROUTER, Dst: netip.MustParseAddr("2001:db8::2")}},
		{line: "proxy 192.0.2.100", flags: rtnl.FlagsAdd, // a proxy add may find its entry: no undo
			want: rtnl.Neigh{Family: unix.AF_INET, State: unix.NUD_PERMANENT, Flags: unix.NTF_PROXY, Dst: netip.MustParseAddr("192.0.2.100")}},
		{line: "192.0.2.3 dev br0 lladdr null extern_learn nud noarp", flags: rtnl.FlagsChange,
			want: rtnl.Neigh{Family: unix.AF_INET, Index: 3, State: unix.NUD_NOARP, Flags: unix.NTF_EXT_LEARNED, Dst: netip.MustParseAddr("192.0.2.3")}},
	} {
		t.Run(c.line, func(t *testing.T) {
			steps, err := planModify(strings.Fields(c.line), 0, unix.RTM_NEWNEIGH, c.flags)
			if err != nil {
				t.Fatal(err)
			}
			if len(steps) != 1 {
				t.Fatalf("%d steps, want 1", len(steps))
			}
			m, err := steps[0].Build(testEnv())
			if err != nil {
				t.Fatal(err)
			}
			if m.Header.Type != unix.RTM_NEWNEIGH || m.Header.Flags != c.flags {
				t.Errorf("header %+v", m.Header)
			}
			got, err := rtnl.ParseNeigh(m)
			if err != nil {
				t.Fatal(err)
			}
			w := c.want
			if got.Family != w.Family || got.Index != w.Index || got.State != w.State || got.Flags != w.Flags || got.Dst != w.Dst {
				t.Errorf("request %+v, want %+v", got, w)
			}
			if ll := got.LLAddr.String(); ll != c.ll {
				t.Errorf("lladdr %q, want %q", ll, c.ll)
			}
			if (steps[0].Undo != nil) != c.undo {
				t.Fatalf("undo: %v, want %v", steps[0].Undo != nil, c.undo)
			}
			if !c.undo {
				return
			}
			u, ok := steps[0].Undo(m, nil)
			if !ok {
				t.Fatal("undo refused")
			}
			del, err := rtnl.ParseNeigh(u)
			if err != nil {
				t.Fatal(err)
			}
			if u.Header.Type != unix.RTM_DELNEIGH || del.Index != w.Index || del.Dst != w.Dst ||
				del.Family != w.Family || del.Flags != w.Flags&unix.NTF_PROXY || del.HasLL {
				t.Errorf("undo %+v %+v", u.Header, del)
			}
		})
	}
}

func TestPlanModifyErrors(t *testing.T) {
	for _, c := range []struct {
		line string
		msg  string
		code int
	}{
		{"192.0.2.2", "Device and destination are required arguments.", fail.ExitUsage},
		{"dev v0", "Device and destination are required arguments.", fail.ExitUsage},
		{"192.0.2.2 192.0.2.3 dev v0", `Error: either "to" is duplicate, or "192.0.2.3" is a garbage.`, fail.ExitUsage},
		{"192.0.2.2 dev v0 lladdr 1 lladdr 2", `Error: duplicate "lladdr": "2" is the second value.`, fail.ExitUsage},
		{"proxy 192.0.2.2 proxy 192.0.2.3", `Error: duplicate "address": "192.0.2.3" is the second value.`, fail.ExitUsage},
		{"192.0.2.2 dev v0 nud all", `Error: argument "all" is wrong: nud state is bad`, fail.ExitUsage},
		{"192.0.2.2 dev v0 nud", `Command line is not complete. Try option "help"`, fail.ExitUsage},
		{"192.0.2.2 dev v0 lladdr zz", `"zz" is invalid lladdr.`, fail.ExitLocal},
		{"nonsense dev v0", `Error: any valid address is expected rather than "nonsense".`, fail.ExitLocal},
		{"he", usage, fail.ExitUsage},
	} {
		_, err := planModify(strings.Fields(c.line), 0, unix.RTM_NEWNEIGH, rtnl.FlagsAdd)
		if err == nil || err.Error() != c.msg || fail.ExitCode(err) != c.code {
			t.Errorf("%q: %v (exit %d), want %q (exit %d)", c.line, err, fail.ExitCode(err), c.msg, c.code)
		}
	}
}
