package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
)

// atomicFaults are the lines put in place of a batch line to make it
// fail: a refusal of the kernel's, an unknown device, a bad argument.
var atomicFaults = []string{
	"route add 192.0.2.0/24 via 198.51.100.1",
	"addr add 10.9.9.9/24 dev nosuch",
	"route add 10.0.0.0/33 dev lo",
}

// atomicNS is a namespace holding every kind of object the mixed batch
// changes, replaces and deletes (testdata/atomic/before.batch). DAD is
// off, so that IPv6 addresses compare without their tentative phase.
func atomicNS(t *testing.T) string {
	t.Helper()
	ns := testNS(t)
	must(t, "ip", "netns", "exec", ns, "sh", "-c",
		"echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad && echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad")
	must(t, "ip", "-n", ns, "link", "set", "lo", "up")
	must(t, "ip", "-n", ns, "-batch", filepath.Join("testdata", "atomic", "before.batch"))
	// Carrier comes late (the kernel's link watch), and with it the IPv6
	// addresses and the routes' linkdown flags: the state before is the
	// settled one.
	for range 50 {
		st := nsState(t, ns)
		if !strings.Contains(st, "NO-CARRIER") && !strings.Contains(st, "tentative") && !strings.Contains(st, "linkdown") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return ns
}

// nsState is the namespace by ip -d -j dumps of links, addresses, routes
// of every table, rules, nexthops and neighbours: one object per line,
// sorted, without timers and counters.
func nsState(t *testing.T, ns string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range [][]string{
		{"link", "show"}, {"addr", "show"}, {"-4", "route", "show", "table", "all"}, {"-6", "route", "show", "table", "all"},
		{"-4", "rule", "show"}, {"-6", "rule", "show"}, {"nexthop", "show"}, {"neigh", "show"},
	} {
		r := tool(t, "ip", append([]string{"-n", ns, "-d", "-j"}, args...)...)
		if r.code != 0 {
			t.Fatalf("ip %v: %s", args, r.Stderr)
		}
		var v []any
		if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil {
			t.Fatalf("ip %v: %v", args, err)
		}
		fmt.Fprintf(&b, "== %s\n", strings.Join(args, " "))
		var lines []string
		for _, o := range v {
			j, _ := json.Marshal(withoutKeys(o, timersAndStats))
			lines = append(lines, string(j))
		}
		slices.Sort(lines)
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// withoutKeys is the JSON value v without the members, at any depth,
// whose keys drop says.
func withoutKeys(v any, drop func(key string) bool) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if !drop(k) {
				out[k] = withoutKeys(x, drop)
			}
		}
		return out
	case []any:
		var out []any
		for _, x := range v {
			out = append(out, withoutKeys(x, drop))
		}
		return out
	}
	return v
}

// timersAndStats are the members that change on their own: timers and
// counters.
func timersAndStats(k string) bool {
	return strings.Contains(k, "timer") || strings.Contains(k, "stats")
}

// settledState waits for the namespace's state (as state reads it) to
// equal want (carrier and IPv6 link-local addresses follow a link's state
// late) and returns the last state read.
func settledState(t *testing.T, ns, want string, state func(*testing.T, string) string) string {
	t.Helper()
	var got string
	for range 20 {
		if got = state(t, ns); got == want {
			break
		}
		time.Sleep(150 * time.Millisecond)
	}
	return got
}

// atomicFaultRuns runs testdata/atomic/batch with -atomic whole in a
// namespace setup makes (exit 0, the state changed, applied's checks),
// then, in parallel, once for each line with the batch faulty makes of
// it: exit 1, "rolled back N changes", no refusal, and the state (as
// state reads it) as before the batch.
type atomicFaultRuns struct {
	batch   string
	setup   func(t *testing.T) string
	state   func(t *testing.T, ns string) string
	faulty  func(lines []string, i int) string
	applied func(t *testing.T, ns string) // nil: no more checks
	name    string                        // a failing run's name, %d its line
}

func (c atomicFaultRuns) run(t *testing.T) {
	path := filepath.Join("testdata", "atomic", c.batch)
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
	dir := t.TempDir()
	t.Run("every line applied", func(t *testing.T) {
		ns := c.setup(t)
		pre := c.state(t, ns)
		r := gip(t, "-n", ns, "-atomic", "-batch", path)
		if r.code != 0 || r.Stderr != "" {
			t.Fatalf("exit %d, stderr %q", r.code, r.Stderr)
		}
		if c.state(t, ns) == pre {
			t.Fatal("the batch changed nothing")
		}
		if c.applied != nil {
			c.applied(t, ns)
		}
	})
	for i := range lines {
		t.Run(fmt.Sprintf(c.name, i+1), func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(dir, fmt.Sprintf("fault%d.batch", i+1))
			if err := os.WriteFile(file, []byte(c.faulty(lines, i)), 0o644); err != nil {
				t.Fatal(err)
			}
			ns := c.setup(t)
			pre := c.state(t, ns)
			r := gip(t, "-n", ns, "-atomic", "-batch", file)
			if r.code != 1 || !rolledBack.MatchString(r.Stderr) || strings.Contains(r.Stderr, "cannot undo") {
				t.Errorf("exit %d, want 1 and \"rolled back N changes\"; stderr:\n%s", r.code, r.Stderr)
			}
			if got := settledState(t, ns, pre, c.state); got != pre {
				t.Errorf("the namespace differs from before the batch:\n%s", stateDiff(pre, got))
			}
		})
	}
}

// replaceLine is the batch of lines with line i replaced by fault.
func replaceLine(lines []string, i int, fault string) string {
	faulty := slices.Clone(lines)
	faulty[i] = fault
	return strings.Join(faulty, "\n") + "\n"
}

// stateDiff lists the lines only one of two states has.
func stateDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

var rolledBack = regexp.MustCompile(`(?m)^rolled back ([0-9]+) changes\n\z`)

// TestAtomicBatchFaultInjection makes a 61-line batch that creates,
// changes, replaces and deletes links (veth, bridge, vxlan, macvlan),
// addresses, routes, rules, nexthops and neighbours fail at each line in
// turn: the state after the rollback must equal the state before, by ip's
// dumps; the failure prints as ip -batch prints it, then "rolled back N
// changes", and the exit status is 1.
func TestAtomicBatchFaultInjection(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "atomic", "mixed.batch"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
	dir := t.TempDir()

	t.Run("every line applied", func(t *testing.T) {
		ns := atomicNS(t)
		pre := nsState(t, ns)
		file := filepath.Join(dir, "whole.batch")
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		r := gip(t, "-n", ns, "-atomic", "-batch", file)
		if r.code != 0 || r.Stderr != "" {
			t.Fatalf("exit %d, stderr %q", r.code, r.Stderr)
		}
		if nsState(t, ns) == pre {
			t.Fatal("the batch changed nothing")
		}
		for _, check := range [][]string{
			{"link", "show", "c0"}, {"link", "show", "a1x"}, {"route", "show", "10.116.0.0/16", "metric", "100"},
			{"rule", "show", "pref", "3000"}, {"nexthop", "show", "id", "30"},
		} {
			if r := tool(t, "ip", append([]string{"-n", ns}, check...)...); r.code != 0 || r.Stdout == "" {
				t.Errorf("ip %v after the batch: exit %d, %q %q", check, r.code, r.Stdout, r.Stderr)
			}
		}
		if r := tool(t, "ip", "-n", ns, "link", "show", "br0"); r.code == 0 {
			t.Errorf("br0 is still there")
		}
	})

	// Every line here; under the vm tier's software emulation, where a
	// link's deletion costs seconds, a sample of every kind of fault
	// spread over the batch (the whole run belongs to the host tier).
	stride := 1
	if testenv.Strict() {
		stride = 8
	}
	for i := 0; i < len(lines); i += stride {
		fault := atomicFaults[i%len(atomicFaults)]
		t.Run(fmt.Sprintf("line %d fails", i+1), func(t *testing.T) {
			// Most of a run is the kernel's waits (a deleted link's RCU
			// grace periods, carrier changes): runs overlap well.
			t.Parallel()
			file := filepath.Join(dir, fmt.Sprintf("fault%d.batch", i+1))
			if err := os.WriteFile(file, []byte(replaceLine(lines, i, fault)), 0o644); err != nil {
				t.Fatal(err)
			}
			// ip's report of the same failure, on a twin namespace.
			ref := tool(t, "ip", "-n", atomicNS(t), "-batch", file)
			ns := atomicNS(t)
			pre := nsState(t, ns)
			r := gip(t, "-n", ns, "-atomic", "-batch", file)
			if r.code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.Stderr)
			}
			report, ok := strings.CutPrefix(r.Stderr, ref.Stderr)
			m := rolledBack.FindStringSubmatch(report)
			if !ok || m == nil || m[0] != report {
				t.Errorf("stderr %q, want ip's %q then \"rolled back N changes\"", r.Stderr, ref.Stderr)
			}
			if got := settledState(t, ns, pre, nsState); got != pre {
				t.Errorf("the namespace differs from before the batch:\n%s", stateDiff(pre, got))
			}
		})
	}
}

// TestAtomicBatchOptions checks how -atomic combines with the other
// options: it needs -batch, and refuses -force (a forced batch goes on
// after a failure, an atomic one cannot).
func TestAtomicBatchOptions(t *testing.T) {
	for _, args := range [][]string{{"-atomic", "link", "show"}, {"-atomic", "-force", "-batch", "-"}, {"-force", "-atomic", "-batch", "-"}} {
		r := gip(t, args...)
		if r.code != 255 || !strings.Contains(r.Stderr, "-atomic takes -batch FILE, and no -force") {
			t.Errorf("gip %v: exit %d, %q", args, r.code, r.Stderr)
		}
	}
	r := gip(t, "-atomic", "-batch", "/nonexistent/file")
	if r.code != 1 || r.Stderr != "Cannot open file \"/nonexistent/file\" for reading: No such file or directory\n" {
		t.Errorf("missing file: exit %d, %q", r.code, r.Stderr)
	}
}

// TestAtomicBatchResidue makes a rollback that cannot be complete: a
// deleted veth whose peer lives in another namespace cannot be made again
// from this one. The residue is printed and the exit status is 3.
func TestAtomicBatchResidue(t *testing.T) {
	ns, other := testNS(t), testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "x0", "type", "veth", "peer", "name", "y0", "netns", other)
	must(t, "ip", "-n", ns, "addr", "add", "10.8.0.1/24", "dev", "x0")
	file := filepath.Join(t.TempDir(), "b")
	if err := os.WriteFile(file, []byte("route add blackhole 10.80.0.0/16\nlink del x0\nroute add blackhole 10.80.0.0/16\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := gip(t, "-n", ns, "-atomic", "-batch", file)
	if r.code != 3 {
		t.Fatalf("exit %d, want 3; stderr:\n%s", r.code, r.Stderr)
	}
	for _, want := range []string{
		"RTNETLINK answers: File exists\nCommand failed " + file + ":3\n",
		"rolled back 2 changes, but the namespace differs from before the batch:\n",
		"its veth peer is not in this namespace",
		"  - link x0 (ifindex ",
		"  - address inet 10.8.0.1/24 dev ",
	} {
		if !strings.Contains(r.Stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.Stderr)
		}
	}
	if got := tool(t, "ip", "-n", ns, "-br", "route", "show", "10.80.0.0/16"); got.Stdout != "" {
		t.Errorf("the added route stays: %q", got.Stdout)
	}
}

// TestAtomicBatchRefusesWhatItCannotUndo ends a batch, rolled back, at a
// change the atomic batch has no pre-image for.
func TestAtomicBatchRefusesWhatItCannotUndo(t *testing.T) {
	testenv.NeedTools(t, "nft")
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	for _, c := range []struct{ line, object string }{
		{"addrlabel add prefix 2001:db8::/32 label 100", "addrlabel"},
		{"xfrm policy add src 10.0.0.0/24 dst 10.1.0.0/24 dir out", "xfrm"},
		{"mptcp endpoint add 10.8.0.1", "mptcp"},
		{"nft add table ip bt2", "nft"},
		{"nft -j add table ip bt2", "nft"},
		{"nft -f /dev/null", "nft"},
		{"bridge mdb add dev br0 port v0 grp 239.1.1.1", "bridge mdb"},
		{"bridge md del dev br0 port v0 grp 239.1.1.1", "bridge mdb"},
		{"bridge vni add vni 100 dev vx0", "bridge vni"},
		{"bridge vlan set vid 1 dev v0 state 3", "bridge vlan set"},
		{"bridge vlan global set vid 1 dev br0 mcast_snooping 0", "bridge vlan global set"},
		{"bridge -d vlan add vid 10 dev v0 tunnel_info id 100", "bridge vlan tunnel_info"},
		{"bridge link set dev v0 hwmode vepa", "bridge link hwmode"},
		{"bridge link set dev v0 cost 5 self", "bridge link self"},
	} {
		file := filepath.Join(t.TempDir(), "b")
		if err := os.WriteFile(file, []byte("addr add 10.8.0.1/24 dev v0\n"+c.line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := gip(t, "-n", ns, "-atomic", "-batch", file)
		want := "An atomic batch cannot undo this change (" + c.object + ").\nCommand failed " + file + ":2\nrolled back 1 changes\n"
		if r.code != 1 || r.Stderr != want {
			t.Errorf("%s: exit %d, stderr %q, want 1, %q", c.object, r.code, r.Stderr, want)
		}
		if got := tool(t, "ip", "-n", ns, "-br", "addr", "show", "v0"); strings.Contains(got.Stdout, "10.8.0.1") {
			t.Errorf("%s: the address stays: %q", c.object, got.Stdout)
		}
	}
	if got := tool(t, "ip", "-n", ns, "xfrm", "policy"); got.Stdout != "" {
		t.Errorf("a policy stays: %q", got.Stdout)
	}
	if got := tool(t, "ip", "netns", "exec", ns, "nft", "list", "tables"); got.Stdout != "" {
		t.Errorf("a table stays: %q", got.Stdout)
	}
}

// TestAtomicBatchNftList runs a read-only nft line in an atomic batch:
// only changes are refused.
func TestAtomicBatchNftList(t *testing.T) {
	testenv.NeedTools(t, "nft")
	ns := testNS(t)
	must(t, "ip", "netns", "exec", ns, "nft", "add", "table", "ip", "t")
	file := filepath.Join(t.TempDir(), "b")
	if err := os.WriteFile(file, []byte("nft list tables\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := gip(t, "-n", ns, "-atomic", "-batch", file)
	if r.code != 0 || r.Stdout != "table ip t\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.Stdout, r.Stderr)
	}
}
