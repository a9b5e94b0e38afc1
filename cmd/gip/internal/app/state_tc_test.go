package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// tcDevs are the devices of testdata/state/tc.batch.
var tcDevs = []string{"t0", "t1", "t2", "t3"}

// tcStateNS is a namespace holding htb with nested classes and leaf
// fifos, tbf, clsact and ingress, u32 keys, hash tables and links, and a
// classic BPF program: what the host kernel has.
func tcStateNS(t *testing.T) string { t.Helper(); return batchNS(t, "state", "tc.batch") }

// TestStateTCShowApplyReproduces writes the qdiscs, classes and filters
// of a namespace with gip state show, applies the file to an empty
// namespace and compares both by tc's own dumps; a second apply changes
// nothing.
func TestStateTCShowApplyReproduces(t *testing.T) {
	src := tcStateNS(t)
	want := tcState(t, src, tcDevs...)
	shown, file, dst := stateShowApply(t, src, []string{
		"    options: default 10 r2q 20 direct_qlen 1000\n",
		"    options: rate 10Mbit ceil 20Mbit burst 15kb cburst 1600b prio 0 quantum 62500\n",
		"    handle: \"::800\"\n    kind: u32\n    options: match u32 0xa000000 0xff000000 at 16 match u32 0x50 0xffff at 20 classid 1:11\n",
		"    options: bytecode '1,6 0 0 65535' classid 1:1\n",
	}, nil)
	for _, made := range []string{"noqueue", "handle: \"800:\"", "kind: mq", "pfifo_fast"} {
		if strings.Contains(shown, made) {
			t.Errorf("state show writes what the kernel makes (%s):\n%s", made, shown)
		}
	}
	if got := tcState(t, dst, tcDevs...); got != want {
		t.Errorf("the applied namespace differs from the original:\n%s", stateDiff(want, got))
	}
	secondApplyNoChanges(t, dst, file)
	j := gip(t, "-n", src, "-j", "state", "show", "qdiscs", "classes", "filters")
	r := gip(t, "-n", dst, "state", "plan", stateFile(t, j.Stdout))
	if j.code != 0 || r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("plan of show -j: exit %d/%d: %s%s", j.code, r.code, r.Stdout, r.Stderr)
	}
}

// TestStateTCPlanApply changes a class in place, replaces a qdisc by one
// of another kind (which takes what sat on it), deletes a filter and adds
// one, qdiscs, classes and filters written by hand as tc spells them.
func TestStateTCPlanApply(t *testing.T) {
	ns := tcStateNS(t)
	file := stateFile(t, `qdiscs:
  - dev: t2
    parent: root
    handle: "7:"
    kind: htb
    options: default 1
classes:
  - dev: t0
    parent: "1:10"
    classid: "1:11"
    kind: htb
    options: rate 1mbit prio 2 quantum 3000
  - dev: t2
    parent: "7:"
    classid: "7:1"
    kind: htb
    options: rate 5mbit
filters:
  - dev: t1
    parent: ingress
    protocol: ip
    pref: 3
    kind: u32
    state: absent
  - dev: t2
    parent: "7:"
    protocol: ip
    pref: 1
    kind: matchall
    options: classid 7:1
    state: absent
  - dev: t0
    parent: "1:"
    protocol: ip
    pref: 9
    kind: u32
    options: match ip src 192.0.2.0/24 flowid 1:12
`)
	r := statePlan(t, ns, file,
		"-/+ qdisc htb dev t2 parent root\n      handle: 5: -> 7:\n      kind: tbf -> htb\n",
		"  ~ class htb dev t0 classid 1:11\n      options: rate 512Kbit ceil 512Kbit burst 1600b cburst 1600b prio 2 quantum 3000 -> rate 1Mbit ceil 1Mbit burst 1600b cburst 1600b prio 2 quantum 3000\n",
		"  + class htb dev t2 classid 7:1\n",
		"  - filter u32 dev t1 parent ingress protocol ip pref 3 handle ::800\n",
		"  + filter u32 dev t0 parent 1: protocol ip pref 9\n",
		"\nPlan: 3 to add, 1 to change, 2 to destroy.\n",
	)
	r = gip(t, "-n", ns, "state", "apply", file)
	if r.code != 0 {
		t.Fatalf("apply: exit %d: %s%s", r.code, r.Stdout, r.Stderr)
	}
	if r = gip(t, "-n", ns, "state", "plan", file); r.Stdout != "No changes.\n" {
		t.Errorf("plan after apply: %s%s", r.Stdout, r.Stderr)
	}
	for _, c := range []struct{ args []string }{
		{[]string{"qdisc", "show", "dev", "t2"}}, {[]string{"class", "show", "dev", "t0", "classid", "1:11"}},
		{[]string{"filter", "show", "dev", "t1", "ingress"}}, {[]string{"filter", "show", "dev", "t0", "parent", "1:", "pref", "9"}},
	} {
		got := tool(t, "tc", append([]string{"-n", ns}, c.args...)...).Stdout
		switch c.args[0] {
		case "qdisc":
			if !strings.HasPrefix(got, "qdisc htb 7: root") {
				t.Errorf("tc %v: %q", c.args, got)
			}
		case "class":
			if !strings.Contains(got, "rate 1Mbit ceil 1Mbit") {
				t.Errorf("tc %v: %q", c.args, got)
			}
		default:
			if want := c.args[len(c.args)-1] == "9"; strings.Contains(got, "match") != want {
				t.Errorf("tc %v: %q", c.args, got)
			}
		}
	}
}

// TestStateTCApplyRollsBack makes the kernel refuse the last tc line of
// an apply that deleted and changed qdiscs, classes and filters before:
// tc's dumps after the rollback equal those before.
func TestStateTCApplyRollsBack(t *testing.T) {
	ns := tcStateNS(t)
	before := tcState(t, ns, tcDevs...)
	file := stateFile(t, `qdiscs:
  - dev: t2
    parent: root
    kind: pfifo
    options: limit 5
  - dev: t3
    parent: ingress
    kind: ingress
    state: absent
classes:
  - dev: t0
    parent: "1:10"
    classid: "1:11"
    kind: htb
    options: rate 3mbit
filters:
  - dev: t0
    parent: "1:"
    protocol: ip
    pref: 5
    kind: u32
    options: match ip src 10.9.0.0/16 flowid 1:11
  - dev: t0
    parent: "9:"
    protocol: ip
    pref: 5
    kind: u32
    options: match ip src 10.9.0.0/16 flowid 1:11
`)
	r := gip(t, "-n", ns, "state", "apply", file)
	if r.code != 1 || !strings.Contains(r.Stderr, "gip tc filter add dev t0 parent 9: protocol ip pref 5 u32 match u32 0xa090000 0xffff0000 at 12 classid 1:11: ") ||
		!rolledBack.MatchString(r.Stderr) {
		t.Errorf("apply of a refused filter: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}
	if got := tcState(t, ns, tcDevs...); got != before {
		t.Errorf("tc's dumps differ after the rollback:\n%s", stateDiff(before, got))
	}
}

// TestStateTCBadInput: options a kind's grammar refuses, and filters
// with actions gip cannot write as words, are FILE:LINE: message, exit
// 1, before anything is touched.
func TestStateTCBadInput(t *testing.T) {
	ns := tcStateNS(t)
	before := tcState(t, ns, tcDevs...)
	for _, c := range []struct{ text, want string }{
		{"classes:\n  - dev: t0\n    parent: \"1:\"\n    classid: \"1:30\"\n    kind: htb\n    options: ceil 1mbit\n",
			`state.yaml:2: options of htb ceil 1mbit: "rate" is required.`},
		{"qdiscs:\n  - dev: t0\n    parent: root\n    kind: tbf\n    options: rate 1mbit\n",
			`state.yaml:2: options of tbf rate 1mbit: tbf: the "burst" parameter is mandatory.`},
		{"filters:\n  - dev: t0\n    parent: \"1:\"\n    pref: 3\n    kind: u32\n    options: match u32 0 0 action pedit munge offset 4 u32 at 8 offmask f0 shift 2 set 1\n",
			"state.yaml:2: options of u32 match u32 0 0 action pedit munge offset 4 u32 at 8 offmask f0 shift 2 set 1: Bad pedit construct (4)"},
		{"filters:\n  - dev: t0\n    parent: root\n    pref: 3\n    kind: u32\n",
			`state.yaml:3: parent: "root" is not a filter's parent (MAJ:MIN, ingress, egress)`},
		{"qdiscs:\n  - dev: t0\n    parent: root\n    kind: choke\n    options: limit 5\n",
			"state.yaml:2: options of choke limit 5: the options of choke cannot be written as words"},
		{"qdiscs:\n  - dev: t0\n    parent: root\n    kind: netem\n    options: delay 10ms 1ms distribution normal\n",
			"state.yaml:2: options of netem delay 10ms 1ms distribution normal: netem: the kernel does not report a delay distribution's table"},
		{"qdiscs:\n  - dev: t0\n    parent: root\n    kind: netem\n    options: reorder 10%\n",
			"state.yaml:2: options of netem reorder 10%: reordering not possible without specifying some delay"},
	} {
		file := stateFile(t, c.text)
		r := gip(t, "-n", ns, "state", "apply", file)
		if r.code != 1 || !strings.HasPrefix(r.Stderr, strings.Replace(c.want, "state.yaml", file, 1)) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.text, r.code, r.Stderr, c.want)
		}
	}
	if got := tcState(t, ns, tcDevs...); got != before {
		t.Errorf("a refused file changed tc's state:\n%s", stateDiff(before, got))
	}
}

// TestStateTCVMKinds carries the filter kinds the host kernel lacks
// (matchall, fw, basic, route, flower) and netem from one namespace to
// another, and makes an atomic batch that deletes and changes qdiscs and
// filters (netem, fq_codel, sfq, flower) fail: its rollback restores them
// from the kernel's own dumps.
func TestStateTCVMKinds(t *testing.T) {
	src := testNS(t)
	if r := gip(t, "-n", src, "-batch", filepath.Join("testdata", "state", "tc_vm.batch")); r.code != 0 {
		for _, c := range []struct {
			f    testenv.Feature
			word string
		}{{testenv.FilterMatchall, "matchall"}, {testenv.FilterFW, "fw"}, {testenv.FilterBasic, "basic"},
			{testenv.FilterRoute, "route"}, {testenv.QdiscNetem, "netem"}, {testenv.QdiscClsact, "clsact"},
			{testenv.FilterFlower, "flower"}} {
			if strings.Contains(r.Stderr, c.word) || strings.Contains(r.Stderr, "not found") {
				testenv.Missing(t, c.f, "%s", r.Stderr)
			}
		}
		t.Fatalf("setup: exit %d: %s", r.code, r.Stderr)
	}
	devs := []string{"t0", "t1"}
	want := tcState(t, src, devs...)
	shown := gip(t, "-n", src, "state", "show")
	if shown.code != 0 {
		t.Fatalf("state show: exit %d: %s", shown.code, shown.Stderr)
	}
	if strings.Contains(shown.Stderr, "left out") {
		t.Errorf("state show leaves something out: %q", shown.Stderr)
	}
	for _, part := range []string{
		"    kind: matchall\n    options: classid 1:1 skip_hw\n", "    handle: \"0x5\"\n    kind: fw\n    options: classid 1:1\n",
		"    kind: basic\n    options: classid 1:1\n", "    kind: route\n    options: to 1 from 2 classid 1:1\n",
		"    kind: netem\n    options: limit 1000 delay 10ms\n",
	} {
		if !strings.Contains(shown.Stdout, part) {
			t.Errorf("state show lacks %q:\n%s", part, shown.Stdout)
		}
	}
	file := stateFile(t, shown.Stdout)
	dst := testNS(t)
	if r := gip(t, "-n", dst, "state", "apply", file); r.code != 0 {
		t.Fatalf("apply: exit %d: %s%s", r.code, r.Stdout, r.Stderr)
	}
	got := tcState(t, dst, devs...)
	for _, l := range strings.Split(want, "\n") {
		if !strings.Contains(got+"\n", l+"\n") {
			t.Errorf("the applied namespace lacks %q", l)
		}
	}
	if r := gip(t, "-n", dst, "state", "apply", file); r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("second apply: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}

	batch := filepath.Join(t.TempDir(), "b")
	lines := "tc qdisc change dev t1 root handle 2: netem delay 30ms loss 1%\n" +
		"tc filter del dev t0 ingress protocol ip pref 1 handle 1 flower\n" +
		"tc filter replace dev t0 parent 1: protocol ip prio 1 handle 1 matchall classid 1:2\n" +
		"tc qdisc add dev t0 parent 1:1 handle 10: fq_codel limit 100\n" +
		"tc qdisc replace dev t1 root handle 2: sfq perturb 10\n" +
		"tc qdisc add dev nosuch root pfifo\n"
	if err := os.WriteFile(batch, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	r := gip(t, "-n", src, "-atomic", "-batch", batch)
	if r.code != 1 || !rolledBack.MatchString(r.Stderr) {
		t.Errorf("atomic batch: exit %d, %q", r.code, r.Stderr)
	}
	if got := tcState(t, src, devs...); got != want {
		t.Errorf("tc's dumps differ after the rollback:\n%s", stateDiff(want, got))
	}
}

// stateShowApply writes src's state with gip state show (no warnings),
// checks that the document holds each of parts, and applies it to a new
// namespace (prepared by prepare, unless nil), which must change
// (--detailed-exitcode 2). It returns the document, its file and the
// namespace.
func stateShowApply(t *testing.T, src string, parts []string, prepare func(t *testing.T, dst string)) (shown, file, dst string) {
	t.Helper()
	r := gip(t, "-n", src, "state", "show")
	if r.code != 0 || r.Stderr != "" {
		t.Fatalf("state show: exit %d: %s", r.code, r.Stderr)
	}
	for _, part := range parts {
		if !strings.Contains(r.Stdout, part) {
			t.Errorf("state show lacks %q:\n%s", part, r.Stdout)
		}
	}
	file, dst = stateFile(t, r.Stdout), testNS(t)
	if prepare != nil {
		prepare(t, dst)
	}
	if a := gip(t, "-n", dst, "state", "apply", "--detailed-exitcode", file); a.code != 2 {
		t.Fatalf("first apply: exit %d, want 2 (changed)\n%s%s", a.code, a.Stdout, a.Stderr)
	}
	return r.Stdout, file, dst
}

// secondApplyNoChanges applies file to ns again: nothing to do.
func secondApplyNoChanges(t *testing.T, ns, file string) {
	t.Helper()
	if r := gip(t, "-n", ns, "state", "apply", "--detailed-exitcode", file); r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("second apply: exit %d, %q %q; want 0 and No changes.", r.code, r.Stdout, r.Stderr)
	}
}
