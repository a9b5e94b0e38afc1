package app

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tunnelAtomicNS is a namespace with the fallback tunnel devices, a veth
// pair with an address, and tunnels made by ip's ioctls: gre, ip6ip6 and
// sit.
func tunnelAtomicNS(t *testing.T) string {
	t.Helper()
	ns := tunnelNetNS(t, true)
	for _, c := range [][]string{
		{"link", "set", "lo", "up"},
		{"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
		{"addr", "add", "10.0.0.1/24", "dev", "v0"},
		{"link", "set", "v0", "up"},
		{"tunnel", "add", "pre", "mode", "gre", "remote", "10.9.9.9", "local", "10.0.0.1", "ttl", "10"},
		{"link", "set", "pre", "up"},
		{"-6", "tunnel", "add", "pre6", "mode", "ip6ip6", "remote", "2001:db8::2", "local", "2001:db8::1"},
		{"tunnel", "add", "pres", "mode", "sit", "remote", "10.9.9.8", "local", "10.0.0.1"},
	} {
		must(t, "ip", append([]string{"-n", ns}, c...)...)
	}
	return ns
}

// ioctlLimits are what a tunnel re-created by a rollback cannot get back:
// the MTU limits the kernel gives a tunnel made through the ioctls only,
// and the random permanent address of an ip6tnl device. They are left
// out of the comparison.
var (
	ioctlLimits = regexp.MustCompile(`"(m(in|ax)_mtu":[0-9]+|permaddr":"[^"]*"),`)
	tunnelLink  = regexp.MustCompile(`"info_kind":"(` + strings.Join(tunnelKinds, "|") + `)"`)
)

// tunnelState is nsState and the tunnels as ip -j tunnel show lists them
// (IPv4 and IPv6).
func tunnelState(t *testing.T, ns string) string {
	t.Helper()
	lines := strings.Split(nsState(t, ns), "\n")
	for i, l := range lines {
		if tunnelLink.MatchString(l) {
			lines[i] = ioctlLimits.ReplaceAllString(l, "")
		}
	}
	var b strings.Builder
	b.WriteString(strings.Join(lines, "\n"))
	for _, fam := range []string{"-4", "-6"} {
		r := tool(t, "ip", "-n", ns, fam, "-j", "tunnel", "show")
		if r.code != 0 {
			t.Fatalf("ip %s tunnel show: %s", fam, r.Stderr)
		}
		fmt.Fprintf(&b, "== %s tunnel show\n%s\n", fam, r.Stdout)
	}
	return b.String()
}

// TestAtomicBatchTunnel runs a batch mixing tunnel add, change, del and
// 6rd lines (ip's ioctl-based tunnel object) with link, addr and route
// lines, failing after each line in turn: the rollback deletes the
// tunnels the batch made, re-creates the deleted ones and gives the
// changed ones their parameters back, so that ip -d -j link show and
// ip -j tunnel show read as before.
func TestAtomicBatchTunnel(t *testing.T) {
	needTunnelModules(t)
	atomicFaultRuns{
		batch: "tunnel.batch", setup: tunnelAtomicNS, state: tunnelState, name: "fails after line %d",
		faulty: func(lines []string, i int) string {
			return strings.Join(lines[:i+1], "\n") + "\n" + atomicFaults[i%len(atomicFaults)] + "\n"
		},
		applied: func(t *testing.T, ns string) {
			show := tool(t, "ip", "-n", ns, "tunnel", "show", "pre").Stdout
			if !strings.Contains(show, "remote 10.2.2.2") || !strings.Contains(show, "ttl 20") {
				t.Errorf("pre after the batch: %q", show)
			}
		},
	}.run(t)
}

// TestAtomicBatchTunnelRefused ends a batch, rolled back, at a tunnel
// line rtnetlink cannot undo: the fallback devices' own parameters, a
// change without a name, the potential routers of an ISATAP tunnel.
func TestAtomicBatchTunnelRefused(t *testing.T) {
	needTunnelModules(t)
	ns := tunnelAtomicNS(t)
	must(t, "ip", "-n", ns, "tunnel", "add", "is0", "mode", "isatap", "local", "10.0.0.1")
	pre := tunnelState(t, ns)
	for _, c := range []struct{ line, what string }{
		{"tunnel change gre0 mode gre ttl 3 nopmtudisc", "tunnel change of the fallback device gre0"},
		{"tunnel change name tunl0 mode ipip ttl 3", "tunnel change of the fallback device tunl0"},
		{"tunnel change mode ip6ip6 hoplimit 3", "tunnel change without a name, which may change a fallback device"},
		{"tunnel change mode gre remote 10.9.9.9 local 10.0.0.1 ttl 3", "tunnel change without a name, which may change a fallback device"},
		{"tunnel 6rd 6rd-prefix 2001:db8::/32 dev sit0", "tunnel 6rd of the fallback device sit0"},
		{"tunnel prl prl-default 10.0.0.7 dev is0", "tunnel prl"},
	} {
		file := filepath.Join(t.TempDir(), "b")
		if err := os.WriteFile(file, []byte("tunnel add t9 mode gre remote 10.1.1.9 local 10.0.0.1\n"+c.line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := gip(t, "-n", ns, "-atomic", "-batch", file)
		want := "An atomic batch cannot undo this change (" + c.what + ").\nCommand failed " + file + ":2\nrolled back 1 changes\n"
		if r.code != 1 || r.Stderr != want {
			t.Errorf("%s: exit %d, stderr %q, want 1, %q", c.line, r.code, r.Stderr, want)
		}
		if got := tunnelState(t, ns); got != pre {
			t.Errorf("%s: the namespace differs:\n%s", c.line, stateDiff(pre, got))
		}
	}
}
