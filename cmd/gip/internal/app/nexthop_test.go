package app

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
)

// nexthopNS makes a namespace with a link of each family's addresses.
func nexthopNS(t *testing.T) string {
	t.Helper()
	ns := nltest.NetNS(t)
	for _, c := range [][]string{
		{"link", "set", "lo", "up"},
		{"link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		// No link-local addresses: they appear at their own pace and would
		// race the comparisons.
		{"link", "set", "veth0", "addrgenmode", "none"}, {"link", "set", "veth1", "addrgenmode", "none"},
		{"link", "set", "veth0", "up"},
		{"link", "set", "veth1", "up"},
		{"addr", "add", "192.0.2.1/24", "dev", "veth0"},
		{"addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"},
	} {
		must(t, "ip", append([]string{"-n", ns}, c...)...)
	}
	return ns
}

// nexthopSteps run with ip on one namespace and gip on its twin: stderr
// and exit codes must agree, successes and failures alike.
var nexthopSteps = [][]string{
	{"add", "id", "1", "via", "192.0.2.2", "dev", "veth0"},
	{"add", "id", "2", "via", "192.0.2.3", "dev", "veth0", "protocol", "static"},
	{"add", "id", "3", "blackhole"},
	{"add", "id", "4", "via", "2001:db8::2", "dev", "veth0"},
	{"add", "id", "5", "via", "192.0.2.9", "dev", "veth0", "onlink"},
	{"add", "id", "10", "group", "1/2"},
	{"add", "id", "11", "group", "1,3/2,5"},
	{"add", "id", "12", "group", "1/2", "type", "resilient", "buckets", "8", "idle_timer", "10"},
	{"add", "id", "13", "group", "1/5", "type", "mpath"},
	{"add", "id", "1", "via", "192.0.2.2", "dev", "veth0"},
	{"add", "id", "20", "group", "1/99"},
	{"add", "id", "21", "via", "172.16.0.1", "dev", "veth0"},
	{"add", "id", "22", "via", "192.0.2.2", "dev", "nosuch"},
	{"add", "id", "23", "frob"},
	{"add", "id", "24", "group", "1,0"},
	{"add", "id", "25", "via", "192.0.2.2", "via", "2001:db8::3"},
	{"del", "id", "99"},
	{"get", "id", "99"},
	{"replace", "id", "2", "via", "192.0.2.4", "dev", "veth0"},
	{"del", "id", "5"},
}

var nexthopShows = [][]string{
	{"nexthop"}, {"nexthop", "show", "groups"}, {"nexthop", "show", "dev", "veth0"}, {"nexthop", "get", "id", "12"},
	{"nexthop", "show", "id", "11"}, {"-d", "nexthop"}, {"nexthop", "show", "protocol", "4"}, {"-6", "nexthop"},
	{"-4", "nexthop", "list"}, {"nexthop", "show", "fdb"}, {"nexthop", "show", "dev", "nosuch"},
}

func TestNexthopMatchesIP(t *testing.T) {
	ref, ns := nexthopNS(t), nexthopNS(t)
	for _, s := range nexthopSteps {
		want := tool(t, "ip", append([]string{"-n", ref, "nexthop"}, s...)...)
		got := gip(t, append([]string{"-n", ns, "nexthop"}, s...)...)
		if got.code != want.code || got.Stderr != want.Stderr || got.Stdout != want.Stdout {
			t.Errorf("nexthop %s: ip exit %d %q, gip exit %d %q", strings.Join(s, " "), want.code, want.Stderr, got.code, got.Stderr)
		}
	}
	for _, args := range nexthopShows {
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
			want := tool(t, "ip", append(append([]string{"-n", ref}, opts...), args...)...)
			got := gip(t, append(append([]string{"-n", ns}, opts...), args...)...)
			if got != want {
				t.Errorf("%v %s: ip exit %d, gip exit %d\n%s", opts, strings.Join(args, " "), want.code, got.code,
					firstDifference(want.Stdout+want.Stderr, got.Stdout+got.Stderr))
			}
		}
	}
	// Routes through objects show the object with -d.
	must(t, "ip", "-n", ref, "route", "add", "10.4.0.0/16", "nhid", "12")
	mustGip(t, "-n", ns, "route", "add", "10.4.0.0/16", "nhid", "12")
	for _, opts := range [][]string{{"-d"}, {"-d", "-j"}} {
		want := tool(t, "ip", append(append([]string{"-n", ref}, opts...), "route", "get", "10.4.1.1")...)
		got := gip(t, append(append([]string{"-n", ns}, opts...), "route", "get", "10.4.1.1")...)
		if got.code != want.code || got.Stdout != want.Stdout {
			t.Errorf("%v route get: %s", opts, firstDifference(want.Stdout+want.Stderr, got.Stdout+got.Stderr))
		}
	}
	for _, flush := range [][]string{{"nexthop", "flush", "id", "11"}, {"nexthop", "flush", "protocol", "4"}, {"nexthop", "flush"}, {"nexthop", "flush"}} {
		want := tool(t, "ip", append([]string{"-n", ref}, flush...)...)
		got := gip(t, append([]string{"-n", ns}, flush...)...)
		if got != want {
			t.Errorf("%s: ip exit %d %q %q, gip exit %d %q %q", strings.Join(flush, " "), want.code, want.Stdout, want.Stderr,
				got.code, got.Stdout, got.Stderr)
		}
	}
}
