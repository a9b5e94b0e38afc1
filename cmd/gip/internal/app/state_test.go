package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// stateNS is a namespace with DAD off (IPv6 addresses compare without
// their tentative phase), set up by lines, ip's batch file.
func stateNS(t *testing.T, batch string) string {
	t.Helper()
	ns := testNS(t)
	must(t, "ip", "netns", "exec", ns, "sh", "-c",
		"echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad && echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad")
	if batch != "" {
		must(t, "ip", "-n", ns, "-batch", batch)
	}
	return ns
}

// comparableState is nsState without interface indexes, which differ
// between a namespace and its copy made in another order (and so
// without the order of the objects, sorted within each dump), and
// without operational states, which follow timers.
func comparableState(t *testing.T, ns string) string {
	t.Helper()
	var out []string
	section := 0 // where the objects of the current dump start in out
	for _, l := range strings.Split(nsState(t, ns), "\n") {
		if strings.HasPrefix(l, "==") || l == "" {
			slices.Sort(out[section:])
			out = append(out, l)
			section = len(out)
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		m, _ := v.(map[string]any)
		delete(m, "ifindex")
		delete(m, "operstate") // a bridge's follows its forward delay
		if info, ok := m["linkinfo"].(map[string]any); ok {
			if port, ok := info["info_slave_data"].(map[string]any); ok {
				delete(port, "mii_status")         // a bond's link monitor's, by its timers
				delete(port, "link_failure_count") // the same monitor's count of carrier losses
			}
		}
		if m["link_type"] != "ether" {
			delete(m, "permaddr") // an IPv6 tunnel's is random
		}
		b, _ := json.Marshal(m)
		out = append(out, string(b))
	}
	slices.Sort(out[section:])
	return strings.Join(out, "\n")
}

// settledStateOf waits until carrier and IPv6 link-local addresses have
// followed the links' states (late under emulation) and the namespace
// reads the same twice, and returns it.
func settledStateOf(t *testing.T, ns string) string {
	t.Helper()
	last := ""
	for range 100 {
		st := comparableState(t, ns)
		if st == last && !strings.Contains(st, "NO-CARRIER") && !strings.Contains(st, "tentative") {
			return st
		}
		last = st
		time.Sleep(200 * time.Millisecond)
	}
	return last
}

func settledComparable(t *testing.T, ns, want string) string {
	t.Helper()
	var got string
	for range 60 {
		if got = comparableState(t, ns); got == want {
			break
		}
		time.Sleep(150 * time.Millisecond)
	}
	return got
}

func stateFile(t *testing.T, text string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "state.yaml")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestStateShowApplyReproduces writes a namespace holding veth, bridge,
// vxlan and macvlan links, addresses, nexthops and groups, routes of
// several tables (multipath, blackhole, by nexthop, IPv6), rules and
// permanent neighbours with gip state show, applies the file to an empty
// namespace, and compares both by ip -d -j dumps; a second apply changes
// nothing.
func TestStateShowApplyReproduces(t *testing.T) {
	src := stateNS(t, filepath.Join("testdata", "state", "setup.batch"))
	want := settledStateOf(t, src)
	shown := gip(t, "-n", src, "state", "show")
	if shown.code != 0 {
		t.Fatalf("state show: exit %d: %s", shown.code, shown.Stderr)
	}
	for _, kernel := range []string{"table: local", "fe80::", "protocol: kernel", "127.0.0.1"} {
		if strings.Contains(shown.Stdout, kernel) {
			t.Errorf("state show writes what the kernel makes (%s):\n%s", kernel, shown.Stdout)
		}
	}
	file := stateFile(t, shown.Stdout)

	dst := stateNS(t, "")
	r := gip(t, "-n", dst, "state", "apply", "--detailed-exitcode", file)
	if r.code != 2 {
		t.Fatalf("first apply: exit %d, want 2 (changed)\n%s%s", r.code, r.Stdout, r.Stderr)
	}
	if got := settledComparable(t, dst, want); got != want {
		t.Errorf("the applied namespace differs from the original:\n%s", stateDiff(want, got))
	}
	secondApplyNoChanges(t, dst, file)
	r = gip(t, "-n", dst, "-j", "state", "apply", file)
	var res struct {
		Changed bool `json:"changed"`
		Diff    struct{ Before, After map[string]any }
	}
	if err := json.Unmarshal([]byte(r.Stdout), &res); err != nil || r.code != 0 || res.Changed || res.Diff.Before == nil {
		t.Errorf("apply -j of an applied file: exit %d, %q (%v)", r.code, r.Stdout, err)
	}
	// JSON by show -j is a state file too.
	j := gip(t, "-n", src, "-j", "state", "show")
	r = gip(t, "-n", dst, "state", "plan", stateFile(t, j.Stdout))
	if j.code != 0 || r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("plan of show -j: exit %d/%d: %s%s", j.code, r.code, r.Stdout, r.Stderr)
	}
}

// TestStatePlan checks the plan's text and JSON: a change in place, a
// creation, a replacement, and the deletions a purging section asks for;
// objects of a section that does not purge stay.
func TestStatePlan(t *testing.T) {
	ns := stateNS(t, filepath.Join("testdata", "state", "setup.batch"))
	settledStateOf(t, ns)
	file := stateFile(t, `links:
  - name: v0
    mtu: 1500
  - name: d0
    kind: veth
    peer: d1
addresses:
  - dev: v0
    address: 10.0.0.1/24
rules:
  - priority: 100
    from: 10.1.0.0/16
    table: 200
routes:
  purge: true
  config:
    - dst: 10.9.0.0/16
      table: 100
      metric: 5
      via: 10.0.0.2
`)
	before := comparableState(t, ns)
	r := statePlan(t, ns, file,
		"  ~ link v0\n      mtu: 1400 -> 1500\n",
		"  + link d0\n      kind: veth\n      peer: d1\n",
		"  + rule priority 100 from 10.1.0.0/16 table 200\n",
		"  - route 10.8.0.0/16\n",
		"  - route 2001:db8:1::/48 metric 7 dev v0\n",
		"  - route default\n",
		"\nPlan: 2 to add, 1 to change, 6 to destroy.\n",
	)
	if strings.Contains(r.Stdout, "address 10.0.0.9/24") || strings.Contains(r.Stdout, "neighbour") {
		t.Errorf("plan touches objects the file does not manage:\n%s", r.Stdout)
	}
	if strings.Contains(r.Stdout, "10.9.0.0/16") {
		t.Errorf("plan changes a route that is as the file says:\n%s", r.Stdout)
	}
	j := gip(t, "-n", ns, "-j", "state", "plan", file)
	var p struct {
		Actions []struct {
			Action, Object, ID string
			Commands           []string
		}
		Add, Change, Destroy int
	}
	if err := json.Unmarshal([]byte(j.Stdout), &p); err != nil || j.code != 0 {
		t.Fatalf("plan -j: exit %d, %v: %s", j.code, err, j.Stdout)
	}
	if p.Add != 2 || p.Change != 1 || p.Destroy != 6 || len(p.Actions) != 9 {
		t.Errorf("plan -j counts: %+v", p)
	}
	if a := p.Actions[0]; a.Action != "change" || a.Object != "link" || a.ID != "v0" || strings.Join(a.Commands, ";") != "link set dev v0 mtu 1500" {
		t.Errorf("plan -j first action: %+v", a)
	}
	if got := comparableState(t, ns); got != before {
		t.Errorf("plan changed the namespace:\n%s", stateDiff(before, got))
	}
	// Applied, the plan leaves nothing to do.
	r = gip(t, "-n", ns, "state", "apply", file)
	if r.code != 0 || !strings.Contains(r.Stdout, "Apply complete! Resources: 2 added, 1 changed, 6 destroyed.") {
		t.Fatalf("apply: exit %d: %s%s", r.code, r.Stdout, r.Stderr)
	}
	if r = gip(t, "-n", ns, "state", "plan", file); r.Stdout != "No changes.\n" {
		t.Errorf("plan after apply: %s%s", r.Stdout, r.Stderr)
	}
	if tool(t, "ip", "-n", ns, "route", "show", "table", "100").Stdout != "10.9.0.0/16 via 10.0.0.2 dev v0 metric 5 \n" {
		t.Errorf("ip route show table 100 after apply: %q", tool(t, "ip", "-n", ns, "route", "show", "table", "100").Stdout)
	}
}

// TestStateApplyRollsBack makes the kernel refuse the last line of an
// apply, then makes an apply the kernel accepts fail its verification:
// each time everything is undone, by ip's dumps.
func TestStateApplyRollsBack(t *testing.T) {
	ns := stateNS(t, filepath.Join("testdata", "state", "setup.batch"))
	before := settledStateOf(t, ns)
	file := stateFile(t, `links:
  - name: v0
    mtu: 1300
  - name: n0
    kind: bridge
addresses:
  - dev: v0
    address: 10.0.0.9/24
    state: absent
routes:
  - dst: 10.44.0.0/16
    via: 10.0.0.2
  - dst: 10.45.0.0/16
    via: 198.51.100.1
`)
	r := gip(t, "-n", ns, "state", "apply", file)
	if r.code != 1 || !strings.Contains(r.Stderr, "state.yaml:13: gip route add 10.45.0.0/16 table main metric 0 via 198.51.100.1: Error: Nexthop has invalid gateway.\n") ||
		!rolledBack.MatchString(r.Stderr) {
		t.Errorf("apply of a refused route: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}
	if got := settledComparable(t, ns, before); got != before {
		t.Errorf("the namespace differs after the rollback:\n%s", stateDiff(before, got))
	}

	// Accepted, but not what the file says (IPv6 addresses have no
	// labels): the verification fails and rolls back.
	file = stateFile(t, "links:\n  - name: v0\n    mtu: 1300\naddresses:\n  - dev: v0\n    address: 2001:db8::5/64\n    label: foo\n")
	r = gip(t, "-n", ns, "state", "apply", file)
	if r.code != 1 || !strings.HasPrefix(r.Stderr, "gip: the namespace differs from "+file+" after the apply:\n  ~ address 2001:db8::5/64 dev v0 (label)\n") ||
		!rolledBack.MatchString(r.Stderr) {
		t.Errorf("apply that does not verify: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}
	if got := settledComparable(t, ns, before); got != before {
		t.Errorf("the namespace differs after the rollback of an apply that did not verify:\n%s", stateDiff(before, got))
	}
}

// TestStateBadInput: a fault in the file is FILE:LINE: message, exit 1,
// and nothing is touched.
func TestStateBadInput(t *testing.T) {
	ns := stateNS(t, "")
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	before := comparableState(t, ns)
	for _, c := range []struct{ text, msg string }{
		{"links:\n  - name: v0\n    mtu: big\n", ":3: mtu: \"big\" is not a number"},
		{"links:\n  - name: v0\n    colour: red\n", ":3: a link has no field \"colour\""},
		{"routes:\n  - via: 10.0.0.1\n", ":2: a route needs its dst"},
		{"roads: []\n", ":1: unknown section \"roads\""},
		{"links: [\n", ":1: did not find expected node content"},
		{"addresses:\n  - dev: v0\n    address: 10.0.0.300/24\n", ":3: address: \"10.0.0.300/24\" is not an address with a prefix length"},
		{"links:\n  - name: v9\n    mtu: 1400\n", ":2: link v9 does not exist, and a link to create needs its kind"},
		{"links:\n  - name: v0\n    mtu: 1400\n  - name: v1\n    kind: veth\n    options:\n      id: 4\n", ":7: a link of kind \"veth\" has no option \"id\""},
		{"links:\n  - name: v0\n    mtu: 1400\nroutes:\n  - dst: 10.1.0.0/16\n    via: 10.0.0.1\n    protocol: nosuch\n", ":5: gip route add 10.1.0.0/16 table main metric 0 protocol nosuch via 10.0.0.1: Error: argument \"nosuch\" is wrong: \"protocol\" value is invalid"},
	} {
		file := stateFile(t, c.text)
		for _, verb := range []string{"plan", "apply"} {
			r := gip(t, "-n", ns, "state", verb, file)
			if r.code != 1 || !strings.HasPrefix(r.Stderr, file+c.msg) {
				t.Errorf("%s of %q: exit %d, %q; want 1 and %q", verb, c.text, r.code, r.Stderr, file+c.msg)
			}
		}
	}
	if got := comparableState(t, ns); got != before {
		t.Errorf("bad input changed the namespace:\n%s", stateDiff(before, got))
	}
	r := gip(t, "-n", ns, "state", "plan")
	if r.code != 255 || r.Stderr != "Usage: gip state plan FILE|-\n" {
		t.Errorf("plan without a file: exit %d %q", r.code, r.Stderr)
	}
	r = gip(t, "-n", ns, "state", "show", "roads")
	if r.code != 255 || r.Stderr != "Unknown object \"roads\", try \"gip state help\".\n" {
		t.Errorf("show of an unknown object: exit %d %q", r.code, r.Stderr)
	}
	r = gip(t, "-n", ns, "state", "show", "links", "routes")
	if r.code != 0 || !strings.HasPrefix(r.Stdout, "links:\n  - name: v1\n    kind: veth\n    peer: v0\n") || !strings.HasSuffix(r.Stdout, "routes: []\n") {
		t.Errorf("show links routes: exit %d %q %q", r.code, r.Stdout, r.Stderr)
	}
	r = gip(t, "-n", ns, "state", "apply", "--confirm", "soon", "f")
	if r.code != 255 || r.Stderr != "--confirm: \"soon\" is not a duration (120s, 5m)\n" {
		t.Errorf("apply --confirm soon: exit %d %q", r.code, r.Stderr)
	}
	r = gip(t, "-n", ns, "state", "apply", "/nonexistent/state.yaml")
	if r.code != 1 || r.Stderr != "Cannot open file \"/nonexistent/state.yaml\" for reading: No such file or directory\n" {
		t.Errorf("apply of a missing file: exit %d %q", r.code, r.Stderr)
	}
}

// TestStateConfirm runs apply --confirm as a process of its own under a
// shell that is killed once the change is in: the watchdog, in a session
// of its own, rolls the namespace back when the time is up. Confirmed in
// time, the change stays; rolled back at once, it goes at once.
func TestStateConfirm(t *testing.T) {
	ns := stateNS(t, "")
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "link", "set", "v0", "up")
	must(t, "ip", "-n", ns, "addr", "add", "10.0.0.1/24", "dev", "v0")
	before := settledStateOf(t, ns)
	file := stateFile(t, "links:\n  - name: v0\n    mtu: 1280\n  - name: br9\n    kind: bridge\nroutes:\n  - dst: 10.77.0.0/16\n    via: 10.0.0.2\n")
	changed := func() bool {
		return strings.Contains(tool(t, "ip", "-n", ns, "link", "show", "v0").Stdout, "mtu 1280") &&
			tool(t, "ip", "-n", ns, "route", "show", "10.77.0.0/16").Stdout != ""
	}

	// The caller dies: the watchdog rolls back. The window is long
	// enough for the checks made while it is open on a busy machine.
	const window = 10 * time.Second
	started := time.Now()
	caller := exec.Command("sh", "-c", `"$0" -n "$1" state apply --confirm 10s "$2" && sleep 60`, os.Args[0], ns, file)
	caller.Env = append(os.Environ(), asMainEnv+"=1")
	caller.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := caller.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; !changed(); i++ {
		if i == 50 {
			syscall.Kill(-caller.Process.Pid, syscall.SIGKILL)
			t.Fatal("apply --confirm: the change did not come")
		}
		time.Sleep(50 * time.Millisecond)
	}
	syscall.Kill(-caller.Process.Pid, syscall.SIGKILL)
	caller.Wait()
	if r := gip(t, "-n", ns, "state", "apply", file); r.code != 1 || !strings.Contains(r.Stderr, "an apply --confirm is pending on this namespace") {
		t.Errorf("apply while one is pending (%v after the first began): exit %d %q", time.Since(started), r.code, r.Stderr)
	}
	time.Sleep(time.Until(started.Add(window)))
	if got := settledComparable(t, ns, before); got != before {
		t.Errorf("not rolled back after the time was up:\n%s", stateDiff(before, got))
	}
	if r := gip(t, "-n", ns, "state", "confirm"); r.code != 1 || r.Stderr != "gip: no apply --confirm is pending on this namespace\n" {
		t.Errorf("confirm after the rollback: exit %d %q", r.code, r.Stderr)
	}

	// Confirmed in time, the change stays.
	if r := gipProcess(t, "-n", ns, "state", "apply", "--confirm", "2s", file); r.code != 0 || !strings.Contains(r.Stderr, `Waiting 2s for "gip state confirm"`) {
		t.Fatalf("apply --confirm: exit %d %q", r.code, r.Stderr)
	}
	if r := gip(t, "-n", ns, "state", "confirm"); r.code != 0 {
		t.Fatalf("confirm: exit %d %q", r.code, r.Stderr)
	}
	time.Sleep(2500 * time.Millisecond)
	if !changed() {
		t.Errorf("a confirmed change was rolled back")
	}

	// Rolled back at once.
	must(t, "ip", "-n", ns, "link", "del", "br9")
	must(t, "ip", "-n", ns, "route", "del", "10.77.0.0/16")
	must(t, "ip", "-n", ns, "link", "set", "v0", "mtu", "1500")
	settledStateOf(t, ns)
	if r := gipProcess(t, "-n", ns, "state", "apply", "--confirm", "60s", file); r.code != 0 {
		t.Fatalf("apply --confirm: exit %d %q", r.code, r.Stderr)
	}
	if r := gip(t, "-n", ns, "state", "rollback"); r.code != 0 || !strings.Contains(r.Stdout, "- link br9") {
		t.Errorf("rollback: exit %d %q %q", r.code, r.Stdout, r.Stderr)
	}
	if got := settledComparable(t, ns, before); got != before {
		t.Errorf("not as before after state rollback:\n%s", stateDiff(before, got))
	}
}

// TestStateAnsible runs Debian's ansible-playbook on the playbook of
// docs/ansible (connection local) with gip state apply
// --detailed-exitcode: the first run reports changed, the second ok, and
// the namespace holds what the file says.
func TestStateAnsible(t *testing.T) {
	playbook, err := exec.LookPath("ansible-playbook")
	if err != nil {
		t.Skip("skipped: ansible-playbook (ansible-core) is not installed; scripts/deps installs it")
	}
	ns := stateNS(t, "")
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "link", "set", "v1", "up")
	file := stateFile(t, "links:\n  - name: v0\n    mtu: 1400\n    up: true\naddresses:\n  - dev: v0\n    address: 10.0.0.1/24\nroutes:\n  - dst: 10.9.0.0/16\n    via: 10.0.0.2\n")
	run := func() string {
		t.Helper()
		cmd := exec.Command(playbook, "-i", "localhost,", filepath.Join("..", "..", "..", "..", "docs", "ansible", "gip-state.yml"),
			"-e", "gip="+os.Args[0], "-e", "netns="+ns, "-e", "state_file="+file)
		cmd.Env = append(os.Environ(), asMainEnv+"=1", "ANSIBLE_HOME="+t.TempDir(), "ANSIBLE_NOCOLOR=1",
			"ANSIBLE_LOCAL_TEMP="+t.TempDir(), "ANSIBLE_PYTHON_INTERPRETER=auto_silent")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("ansible-playbook: %v\n%s", err, out)
		}
		return string(out)
	}
	recap := regexp.MustCompile(`localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=0\s+failed=0`)
	first := run()
	if m := recap.FindStringSubmatch(first); m == nil || m[2] != "1" {
		t.Errorf("first run: want changed=1:\n%s", first)
	}
	second := run()
	if m := recap.FindStringSubmatch(second); m == nil || m[1] != "1" || m[2] != "0" {
		t.Errorf("second run: want ok=1 changed=0:\n%s", second)
	}
	if r := tool(t, "ip", "-n", ns, "route", "show", "10.9.0.0/16"); r.Stdout != "10.9.0.0/16 via 10.0.0.2 dev v0 \n" {
		t.Errorf("ip route show after the playbook: %q", r.Stdout)
	}
}

// TestStatePurgeAddresses empties a purging section: an IPv4 device's
// secondary address goes before the primary whose deletion would take it
// along, and the apply succeeds.
func TestStatePurgeAddresses(t *testing.T) {
	ns := stateNS(t, "")
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "addr", "add", "10.0.0.1/24", "dev", "v0")
	must(t, "ip", "-n", ns, "addr", "add", "10.0.0.9/24", "dev", "v0")
	must(t, "ip", "-n", ns, "addr", "add", "10.0.1.1/24", "dev", "v1")
	file := stateFile(t, "addresses:\n  purge: true\n  config:\n    - dev: v1\n      address: 10.0.1.1/24\n")
	r := gip(t, "-n", ns, "state", "apply", "--detailed-exitcode", file)
	if r.code != 2 || !strings.Contains(r.Stdout, "Plan: 0 to add, 0 to change, 2 to destroy.") {
		t.Fatalf("apply: exit %d %q %q", r.code, r.Stdout, r.Stderr)
	}
	if got := tool(t, "ip", "-n", ns, "-4", "-br", "addr").Stdout; got != "v1@v0            DOWN           10.0.1.1/24 \n" {
		t.Errorf("ip -4 -br addr after the purge: %q", got)
	}
}

// TestStateReplaceLink changes a vxlan's id, which only a new link can
// have: the link is replaced, and its address, which went with the old
// one, is created again; a second apply finds nothing to do.
func TestStateReplaceLink(t *testing.T) {
	ns := stateNS(t, "")
	must(t, "ip", "-n", ns, "link", "add", "vx0", "type", "vxlan", "id", "5", "dstport", "4789")
	must(t, "ip", "-n", ns, "addr", "add", "10.5.0.1/24", "dev", "vx0")
	must(t, "ip", "-n", ns, "link", "set", "vx0", "up")
	file := stateFile(t, "links:\n  - name: vx0\n    kind: vxlan\n    up: true\n    options: {id: 6, dstport: 4789}\naddresses:\n  - dev: vx0\n    address: 10.5.0.1/24\n")
	r := gip(t, "-n", ns, "state", "apply", file)
	if r.code != 0 || !strings.HasPrefix(r.Stdout, "-/+ link vx0\n      id: 5 -> 6\n  + address 10.5.0.1/24 dev vx0\n") {
		t.Fatalf("apply: exit %d %q %q", r.code, r.Stdout, r.Stderr)
	}
	if got := tool(t, "ip", "-n", ns, "-d", "-j", "link", "show", "vx0").Stdout; !strings.Contains(got, `"id":6`) {
		t.Errorf("ip -d -j link show vx0 after the apply: %s", got)
	}
	if got := tool(t, "ip", "-n", ns, "-4", "-br", "addr", "show", "vx0").Stdout; got != "vx0              UNKNOWN        10.5.0.1/24 \n" {
		t.Errorf("ip -4 -br addr show vx0 after the apply: %q", got)
	}
	if r := gip(t, "-n", ns, "state", "plan", file); r.Stdout != "No changes.\n" {
		t.Errorf("plan after the apply: %q %q", r.Stdout, r.Stderr)
	}
}

// statePlan runs gip state plan of file in ns, which must succeed, and
// fails the test for each of wants its output lacks.
func statePlan(t *testing.T, ns, file string, wants ...string) result {
	t.Helper()
	r := gip(t, "-n", ns, "state", "plan", file)
	if r.code != 0 {
		t.Fatalf("plan: exit %d: %s", r.code, r.Stderr)
	}
	for _, want := range wants {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.Stdout)
		}
	}
	return r
}
