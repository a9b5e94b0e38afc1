package app

import (
	"strings"
	"testing"
)

// errorCases are failing command lines; gip must print what ip (or bridge)
// prints, with its own name where the tool names itself, and exit with the
// same status. They run against a namespace holding v0/v1, lo and
// addresses, so that the kernel's refusals are real ones.
var errorCases = []string{
	"link show dev nosuch", "link show nosuch", "-j link show dev nosuch", "-j -p -br addr show dev nosuch",
	"link set nosuch up", "link set dev nosuch up", "link del nosuch", "link delete dev nosuch",
	"link frob", "frob", "a frob", "neigh frob", "netns frob", "amt", "am",
	"link set", "link add", "link del", "link set v0 mtu abc", "link set v0 mtu 1400 mtu 1300",
	"link set v0 arp x", "link set v0 master nosuch", "link set v0 netns nosuch", "link set v0 address zz",
	"link set v0 txqueuelen x", "link set v0 group x", "link set v0 promisc", "link set v0 name",
	"link set v0 frob", "link show dev v0 dev v1", "link show v0 garbage", "link show type",
	"link show master nosuch", "link show group x", "link set v0 mtu 10",
	"link add v0 type veth peer name vx", "link add x1 type nosuchkind",
	"link add link nosuch name m type macvlan", "link add x type vxlan",
	"link add name x type bridge forward_delay x",
	"addr add 300.1.1.1/24 dev v0", "addr add 192.0.2.1/24 dev v0", "addr del 192.0.2.99/24 dev v0",
	"addr add 10.1.1.1/24", "addr add 10.1.1.1/24 dev nosuch", "addr add 10.1.1.1/24 dev lo valid_lft 10 preferred_lft 20",
	"addr flush", "addr add 10.1.1.1/24 dev lo frob", "addr show scope foo", "addr add 10.1.1.1/33 dev lo",
	"addr del 10.77.0.1 dev lo", "addr add fe80::1/64 dev lo brd +", "addr show dev v0 garbage",
	"neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev v0", "neigh add 192.0.2.8 dev v0",
	"neigh add 192.0.2.8 lladdr zz dev v0", "neigh add 192.0.2.8 lladdr 02:00:00:00:00:05 dev nosuch",
	"neigh add 192.0.2.8 lladdr 02:00:00:00:00:05", "neigh add 192.0.2.8 lladdr 02:00:00:00:00:05 dev v0 nud foo",
	"neigh del 192.0.2.99 dev v0", "neigh flush", "neigh get 192.0.2.99 dev v0", "neigh show garbage",
	"-foo link", "-f foo link", "link add x type macvlan mode foo", "neigh get 1.2.3.4",
	"link add x type veth peer name v0", "link set v0 master v0", "link property frob",
}

var bridgeErrorCases = []string{
	"fdb add 02:00:00:00:00:aa dev nosuch", "fdb add zz dev v1", "fdb del 02:00:00:00:00:ee dev v1 master",
	"fdb add zz dev v1 via nosuch", "fdb add 02:00:00:00:00:aa dev nosuch via nosuch2",
	"link set dev nosuch cost 5", "link frob", "frob",
}

// gipName rewrites the reference tool's name in its messages to gip's.
func gipName(s string) string {
	s = strings.ReplaceAll(s, `"ip `, `"gip `)
	s = strings.ReplaceAll(s, `"bridge `, `"gip bridge `)
	return s
}

func TestErrorsMatchIP(t *testing.T) {
	ns := testNS(t)
	for _, s := range [][]string{
		{"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
		{"link", "add", "br0", "type", "bridge"},
		{"link", "set", "v1", "master", "br0"},
		{"addr", "add", "192.0.2.1/24", "dev", "v0"},
		{"neigh", "add", "192.0.2.2", "lladdr", "02:00:00:00:00:02", "dev", "v0"},
	} {
		must(t, "ip", append([]string{"-n", ns}, s...)...)
	}
	check := func(t *testing.T, ref, got result) {
		if got.code != ref.code {
			t.Errorf("exit %d, reference exits %d", got.code, ref.code)
		}
		if want := gipName(ref.Stderr); got.Stderr != want {
			t.Errorf("stderr\n gip: %q\n ref: %q", got.Stderr, want)
		}
		if got.Stdout != ref.Stdout {
			t.Errorf("stdout\n gip: %q\n ref: %q", got.Stdout, ref.Stdout)
		}
	}
	// Refusals that still leave state behind are undone between the two
	// runs, so that both meet the same kernel state.
	undo := map[string][]string{
		"neigh add 192.0.2.8 dev v0": {"neigh", "del", "192.0.2.8", "dev", "v0"},
	}
	for _, c := range errorCases {
		t.Run("ip "+c, func(t *testing.T) {
			args := append([]string{"-n", ns}, splitArgs(c)...)
			ref := tool(t, "ip", args...)
			if u, ok := undo[c]; ok {
				tool(t, "ip", append([]string{"-n", ns}, u...)...)
			}
			check(t, ref, gip(t, args...))
		})
	}
	for _, c := range bridgeErrorCases {
		t.Run("bridge "+c, func(t *testing.T) {
			args := splitArgs(c)
			ref := tool(t, "bridge", append([]string{"-n", ns}, args...)...)
			got := gip(t, append([]string{"-n", ns, "bridge"}, args...)...)
			check(t, ref, got)
		})
	}
	t.Run("missing namespace", func(t *testing.T) {
		check(t, tool(t, "ip", "-n", ns+"-nosuch", "link"), gip(t, "-n", ns+"-nosuch", "link"))
	})
}
