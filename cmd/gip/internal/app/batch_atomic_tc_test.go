package app

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// tcState is the namespace's traffic control by tc's own dumps (-d, no
// counters): every qdisc, and per device its classes and the filters of
// every parent, lines sorted. The ids the kernel allocates to u32's root
// hash tables (800: and up) are not the namespace's to keep: they read
// as AUTO.
func tcState(t *testing.T, ns string, devs ...string) string {
	t.Helper()
	auto := regexp.MustCompile(`\b8[0-9a-f]{2}\b`)
	var lines []string
	run := func(args ...string) {
		r := tool(t, "tc", append([]string{"-n", ns, "-d"}, args...)...)
		if r.code != 0 && args[0] != "filter" && !strings.Contains(r.Stderr, "Cannot find device") {
			t.Fatalf("tc %v: %s", args, r.Stderr)
		}
		for _, l := range strings.Split(r.Stdout, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, strings.Join(args, " ")+": "+auto.ReplaceAllString(l, "AUTO"))
			}
		}
	}
	run("qdisc", "show")
	// A parent a device lacks answers an error: it has no filters.
	for _, d := range devs {
		run("class", "show", "dev", d)
		for _, p := range []string{"root", "ffff:fff2", "ffff:fff3", "1:", "1:10", "1:11", "1:20", "5:", "ffff:"} {
			run("filter", "show", "dev", d, "parent", p)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestAtomicBatchTC makes a batch that changes, replaces and deletes
// qdiscs, classes and filters (htb, pfifo, bfifo, tbf, clsact, ingress;
// u32 with hash tables and a mirred action, cBPF) fail at each line in
// turn: tc's dumps after the rollback equal those before.
func TestAtomicBatchTC(t *testing.T) {
	devs := []string{"t0", "t1", "t2", "t3"}
	setup := func(t *testing.T) string { return batchNS(t, "atomic", "tc_before.batch") }
	atomicFaultRuns{
		batch: "tc_mixed.batch", setup: setup, name: "line %d fails",
		state: func(t *testing.T, ns string) string { return tcState(t, ns, devs...) },
		faulty: func(lines []string, i int) string {
			return replaceLine(lines, i, "tc qdisc add dev nosuch root pfifo")
		},
	}.run(t)
}

// A rollback puts a changed qdisc back with a change of its own; kinds
// that refuse some changes in place (fq_codel takes no flows on change,
// fq_pie neither) are deleted and made again, and what they held comes
// back with them.
func TestAtomicBatchTCRemakesQdiscs(t *testing.T) {
	ns := testNS(t)
	setup := "link add t0 type veth peer name t1\n" +
		"tc qdisc add dev t0 root handle 1: htb default 1\n" +
		"tc class add dev t0 parent 1: classid 1:1 htb rate 5mbit\n" +
		"tc class add dev t0 parent 1: classid 1:2 htb rate 5mbit\n" +
		"tc qdisc add dev t0 parent 1:1 handle 10: fq_codel limit 500 flows 256\n" +
		"tc qdisc add dev t0 parent 1:2 handle 20: sfq perturb 5\n" +
		"tc qdisc add dev t1 root handle 5: fq_codel limit 700\n"
	file := filepath.Join(t.TempDir(), "setup")
	if err := os.WriteFile(file, []byte(setup), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := gip(t, "-n", ns, "-batch", file); r.code != 0 {
		// The kernel names no kind: the line does (5: fq_codel, 6: sfq).
		if strings.Contains(r.Stderr, "qdisc kind is unknown") {
			f := testenv.QdiscFqCodel
			if strings.HasSuffix(strings.TrimSpace(r.Stderr), ":6") {
				f = testenv.QdiscSFQ
			}
			testenv.Missing(t, f, "%s", r.Stderr)
		}
		t.Fatalf("setup: exit %d: %s", r.code, r.Stderr)
	}
	devs := []string{"t0", "t1"}
	want := tcState(t, ns, devs...)
	batch := "tc qdisc change dev t0 parent 1:1 handle 10: fq_codel limit 100\n" +
		"tc qdisc replace dev t0 parent 1:2 handle 20: sfq perturb 9 limit 50\n" +
		"tc qdisc change dev t1 root handle 5: fq_codel limit 80 target 7ms\n" +
		"tc qdisc add dev nosuch root pfifo\n"
	if err := os.WriteFile(file, []byte(batch), 0o644); err != nil {
		t.Fatal(err)
	}
	r := gip(t, "-n", ns, "-atomic", "-batch", file)
	if r.code != 1 || !rolledBack.MatchString(r.Stderr) {
		t.Errorf("atomic batch: exit %d, %q", r.code, r.Stderr)
	}
	if got := tcState(t, ns, devs...); got != want {
		t.Errorf("tc's dumps differ after the rollback:\n%s", stateDiff(want, got))
	}
}
