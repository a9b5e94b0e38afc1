package app

import (
	"strings"
	"testing"
)

// maddrSetup makes a namespace with devices whose multicast lists have
// link, IPv4 and IPv6 groups.
func maddrSetup(t *testing.T) string {
	t.Helper()
	ns := testNS(t)
	ip := func(lines ...string) {
		for _, l := range lines {
			must(t, "ip", append([]string{"-n", ns}, splitArgs(l)...)...)
		}
	}
	ip("link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02", "link set lo up", "link set v0 up", "link set v1 up")
	// The groups of the link-local addresses join when those come, a
	// moment after the carrier: first, so that both namespaces list the
	// groups in the same order.
	settleIPv6(t, ns, "v0", "v1")
	ip("addr add 239.1.1.1/32 dev v0 autojoin", "addr add ff05::1:3/128 dev v1 autojoin")
	return ns
}

// maddrSteps run with ip on one namespace and gip on its twin.
var maddrSteps = []string{
	"add 01:00:5e:01:02:03 dev v0", "add 01:00:5e:01:02:03 dev v0", "add address 33:33:00:00:00:07 dev v1",
	"add 01:00:5e:01:02:04 dev v0", "del 01:00:5e:01:02:04 dev v0", "del 01:00:5e:01:02:04 dev v0",
	"add 01:00:5e:01:02 dev v0", "add zz dev v0", "add 1.2.3.4 dev v0", "add 01:00:5e:01:02:04",
	"add 01:00:5e:01:02:04 dev nosuch", "add 01:00:5e:01:02:04 dev v0 dev v0",
	"add 01:00:5e:01:02:04 02:00:5e:01:02:04 dev v0", "add address", "add dev",
	"add 1:2:3:4:5:6:7:8:9:10:11:12:13:14:15 dev v0", "add 1g:0x2:3:4:5:6 dev v0", "-6 del 1g:0x2:3:4:5:6 dev v0",
	"add 1:2:3:4:5:1ff dev v0", "add help", "add address h", "frob", "help", "h", "show dev", "show v0 v1",
	"show help", "add 01:00:5e:01:02:05 dev a/b", "-0 add 01:00:5e:01:02:06 dev v1",
}

var maddrShows = []string{
	"maddr", "maddress show", "maddr list", "maddr lst", "maddr show dev v0", "maddr show v1", "-4 maddr",
	"-6 maddr", "-0 maddr", "-f mpls maddr", "maddr show nosuch", "-o maddr", "-4 -o maddr show dev v0",
}

func TestMaddressMatchesIP(t *testing.T) {
	ref, ns := maddrSetup(t), maddrSetup(t)
	for _, s := range maddrSteps {
		w := splitArgs(s)
		args := append([]string{"maddr"}, w...)
		if strings.HasPrefix(s, "-") {
			args = append([]string{w[0], "maddr"}, w[1:]...)
		}
		want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
		got := gip(t, append([]string{"-n", ns}, args...)...)
		if got.code != want.code || got.Stderr != usageName(gipName(want.Stderr)) || got.Stdout != want.Stdout {
			t.Errorf("maddr %s: ip exit %d %q %q, gip exit %d %q %q", s, want.code, want.Stderr, want.Stdout, got.code, got.Stderr, got.Stdout)
		}
	}
	for _, c := range maddrShows {
		for _, n := range []string{ref, ns} {
			for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
				args := append(append([]string{"-n", n}, opts...), splitArgs(c)...)
				want, got := tool(t, "ip", args...), gip(t, args...)
				if got.code != want.code || got.Stderr != want.Stderr {
					t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
				}
				if opts == nil {
					compareLines(t, strings.Join(args, " "), want.Stdout, got.Stdout)
				} else if !jsonEqual(t, want.Stdout, got.Stdout) {
					t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
				}
			}
		}
	}
	// gip's changes are ip's.
	a, b := tool(t, "ip", "-n", ref, "maddr").Stdout, tool(t, "ip", "-n", ns, "maddr").Stdout
	compareLines(t, "ip maddr of both namespaces", a, b)
	if !strings.Contains(b, "link  01:00:5e:01:02:03 static") || !strings.Contains(b, "link  33:33:00:00:00:07 static") {
		t.Errorf("gip's groups are missing:\n%s", b)
	}
	if strings.Contains(b, "01:00:5e:01:02:04") {
		t.Errorf("a deleted group is listed:\n%s", b)
	}
}
