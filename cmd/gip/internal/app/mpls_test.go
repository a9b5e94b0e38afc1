package app

import (
	"os"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
)

// TestMPLSMatchesIP needs a kernel with MPLS (the vm tier): label stacks,
// via inet, encap on IP routes and the sysctl helpers, compared with ip.
func TestMPLSMatchesIP(t *testing.T) {
	ref, ns := nltest.NetNS(t), nltest.NetNS(t)
	if _, err := os.Stat("/proc/sys/net/mpls"); err != nil {
		testenv.Missing(t, testenv.MPLS, "no /proc/sys/net/mpls: %v", err)
	}
	for _, n := range []string{ref, ns} {
		must(t, "ip", "-n", n, "link", "set", "lo", "up")
		must(t, "ip", "-n", n, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1")
		must(t, "ip", "-n", n, "link", "set", "veth0", "up")
		must(t, "ip", "-n", n, "link", "set", "veth1", "up")
		must(t, "ip", "-n", n, "addr", "add", "10.0.0.1/24", "dev", "veth0")
	}
	// The sysctls, set by ip's way (sysctl in the namespace) and by gip's.
	must(t, "ip", "netns", "exec", ref, "sysctl", "-q", "net.mpls.platform_labels=1000")
	must(t, "ip", "netns", "exec", ref, "sysctl", "-q", "net.mpls.conf.veth0.input=1")
	mustGip(t, "-n", ns, "mpls", "labels", "1000")
	mustGip(t, "-n", ns, "mpls", "dev", "veth0", "input", "on")
	for _, c := range [][]string{
		{"-f", "mpls", "route", "add", "100", "as", "200/300", "via", "inet", "10.0.0.2", "dev", "veth0"},
		{"-f", "mpls", "route", "add", "101", "via", "inet", "10.0.0.3", "dev", "veth0"},
		{"-f", "mpls", "route", "add", "102", "nexthop", "as", "400", "via", "inet", "10.0.0.2", "dev", "veth0",
			"nexthop", "via", "inet", "10.0.0.3", "dev", "veth0"},
		{"route", "add", "10.5.0.0/16", "encap", "mpls", "200/300", "via", "10.0.0.2"},
		{"route", "add", "10.6.0.0/16", "encap", "mpls", "500", "ttl", "9", "via", "10.0.0.2"},
		{"-f", "mpls", "route", "add", "100", "via", "inet", "10.0.0.2", "dev", "veth0"},
		{"-f", "mpls", "route", "del", "101"},
	} {
		want := tool(t, "ip", append([]string{"-n", ref}, c...)...)
		got := gip(t, append([]string{"-n", ns}, c...)...)
		if got.code != want.code || got.Stderr != want.Stderr {
			t.Errorf("%v: ip exit %d %q, gip exit %d %q", c, want.code, want.Stderr, got.code, got.Stderr)
		}
	}
	for _, show := range [][]string{{"-f", "mpls", "route"}, {"-j", "-f", "mpls", "route"}, {"route"}, {"-j", "route"}, {"-d", "-f", "mpls", "route"}} {
		want := tool(t, "ip", append([]string{"-n", ref}, show...)...)
		got := gip(t, append([]string{"-n", ns}, show...)...)
		if got != want {
			t.Errorf("%v:\n%s", show, firstDifference(want.Stdout+want.Stderr, got.Stdout+got.Stderr))
		}
	}
	if a, b := tool(t, "ip", "-n", ns, "-f", "mpls", "route").Stdout, gip(t, "-n", ns, "mpls", "route", "show").Stdout; a != b {
		t.Errorf("gip mpls route show differs from -f mpls route show:\n%s", firstDifference(a, b))
	}
}

func TestMPLSSysctlWithoutMPLS(t *testing.T) {
	ns := nltest.NetNS(t)
	if _, err := os.Stat("/proc/sys/net/mpls"); err == nil {
		t.Skip("skipped: this kernel has MPLS; the refusal is tested where it has not")
	}
	r := gip(t, "-n", ns, "mpls", "labels", "100")
	if r.code != 1 || r.Stderr == "" {
		t.Fatalf("mpls labels without MPLS: exit %d, stderr %q", r.code, r.Stderr)
	}
}
