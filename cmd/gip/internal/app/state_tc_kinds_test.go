package app

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// tcKindsDevs are the devices of testdata/state/tc_kinds.batch.
var tcKindsDevs = []string{"k0", "k1", "k2", "k3", "k4", "k5", "k6", "m0"}

// tcKindsLinks makes the devices of testdata/state/tc_kinds.batch in ns.
// m0 has four transmit queues for mqprio: gip state does not carry a
// link's queue count, so the twin gets it the same way.
func tcKindsLinks(t *testing.T, ns string, all bool) {
	t.Helper()
	lines := [][]string{{"link", "add", "m0", "numtxqueues", "4", "type", "dummy"}}
	if all {
		lines = append(lines, []string{"link", "add", "k0", "type", "veth", "peer", "name", "k1"},
			[]string{"link", "add", "k2", "type", "veth", "peer", "name", "k3"},
			[]string{"link", "add", "k4", "type", "veth", "peer", "name", "k5"},
			[]string{"link", "add", "k6", "type", "dummy"})
	}
	for _, l := range lines {
		if r := tool(t, "ip", append([]string{"-n", ns}, l...)...); r.code != 0 {
			testenv.Missing(t, testenv.LinkDummy, "ip %v: %s", l, r.Stderr)
		}
	}
}

// tcJSONState is tc -d -j's qdiscs and classes of each device, each
// listing's objects sorted (their order follows the kernel's hash
// tables). A listing tc 6.1 cannot write as JSON (hfsc's options are
// text under -j) compares by its sorted lines.
func tcJSONState(t *testing.T, ns string, devs ...string) string {
	t.Helper()
	var out []string
	for _, d := range devs {
		for _, what := range []string{"qdisc", "class"} {
			r := tool(t, "tc", "-n", ns, "-d", "-j", what, "show", "dev", d)
			if r.code != 0 {
				t.Fatalf("tc -j %s show dev %s: %s", what, d, r.Stderr)
			}
			var objs []json.RawMessage
			parts := strings.Split(strings.TrimSpace(r.Stdout), "\n")
			if json.Unmarshal([]byte(r.Stdout), &objs) == nil {
				parts = parts[:0]
				for _, o := range objs {
					parts = append(parts, string(o))
				}
			}
			slices.Sort(parts)
			out = append(out, what+" dev "+d+":\n"+strings.Join(parts, "\n"))
		}
	}
	return strings.Join(out, "\n")
}

// TestStateTCKindsShowApplyReproduces makes cake, ets (a band's quantum
// changed), prio with a drr under a band, hfsc with classes of every
// curve, pfifo_fast and mqprio with tc, writes them with gip state show,
// applies the file to a twin namespace and compares both by tc's -d and
// -d -j dumps; a second apply changes nothing.
func TestStateTCKindsShowApplyReproduces(t *testing.T) {
	src := testNS(t)
	tcKindsLinks(t, src, true)
	for _, k := range []struct {
		f    testenv.Feature
		line string
	}{
		{testenv.QdiscCake, "cake"}, {testenv.QdiscETS, "ets bands 2"}, {testenv.QdiscPrio, "prio"},
		{testenv.QdiscDRR, "drr"}, {testenv.QdiscHFSC, "hfsc"}, {testenv.QdiscMQPrio, "mqprio num_tc 2 map 0 1 queues 2@0 2@2 hw 0"},
	} {
		dev := "k6"
		if k.f == testenv.QdiscMQPrio {
			dev = "m0"
		}
		w := append([]string{"-n", src, "qdisc", "add", "dev", dev, "root", "handle", "ff:"}, strings.Fields(k.line)...)
		if r := tool(t, "tc", w...); r.code != 0 {
			testenv.Missing(t, k.f, "tc %s: %s", k.line, r.Stderr)
		}
		tool(t, "tc", "-n", src, "qdisc", "del", "dev", dev, "root")
	}
	if r := tool(t, "tc", "-n", src, "-batch", filepath.Join("testdata", "state", "tc_kinds.batch")); r.code != 0 {
		t.Fatalf("setup: exit %d: %s", r.code, r.Stderr)
	}
	want, wantJSON := tcState(t, src, tcKindsDevs...), tcJSONState(t, src, tcKindsDevs...)
	shown, file, dst := stateShowApply(t, src, []string{
		"    kind: cake\n    options: bandwidth 10Mbit rtt 20ms diffserv4 dual-srchost nat wash egress ack-filter no-split-gso overhead 18 atm mpu 64 memlimit 32768kb fwmark 0xff\n",
		"    kind: ets\n    options: bands 4 strict 1 quanta 3000 2000 4000 priomap 0 1 2 3 3 3 3 3 3 3 3 3 3 3 3 3\n",
		"    kind: prio\n    options: bands 5 priomap 4 3 2 1 0 2 0 0 1 1 1 1 1 1 1 1\n",
		"    classid: 30:1\n    kind: drr\n    options: quantum 3000b\n",
		"    classid: 30:2\n    kind: drr\n    options: quantum 1514b\n",
		"    classid: 4:1\n    kind: hfsc\n    options: rt m2 10Mbit ls m2 10Mbit ul m2 20Mbit\n",
		"    kind: hfsc\n    options: default 11\n",
		"    classid: 4:11\n    kind: hfsc\n    options: rt m1 2Mbit d 10ms m2 1Mbit ls m2 5Mbit\n",
		"    classid: 4:12\n    kind: hfsc\n    options: ls m1 600Kbit d 20ms m2 500Kbit\n",
		"    handle: \"6:\"\n    kind: pfifo_fast\n",
		"    kind: cake\n    options: unlimited autorate-ingress rtt 1ms ",
		"    kind: mqprio\n    options: num_tc 2 map 0 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 queues 2@0 2@2 hw 0\n",
	}, func(t *testing.T, dst string) { tcKindsLinks(t, dst, false) })
	// The classes the qdiscs make themselves, and hfsc's root class.
	for _, made := range []string{"classid: 2:", "classid: 3:", "classid: 9:", "classid: 1:", "classid: \"4:\""} {
		if strings.Contains(shown, made) {
			t.Errorf("state show writes a class the kernel makes (%s):\n%s", made, shown)
		}
	}
	if got := tcState(t, dst, tcKindsDevs...); got != want {
		t.Errorf("the applied namespace differs from the original (tc -d):\n%s", stateDiff(want, got))
	}
	if got := tcJSONState(t, dst, tcKindsDevs...); got != wantJSON {
		t.Errorf("the applied namespace differs from the original (tc -d -j):\n%s", stateDiff(wantJSON, got))
	}
	secondApplyNoChanges(t, dst, file)
	j := gip(t, "-n", src, "-j", "state", "show", "qdiscs", "classes")
	r := gip(t, "-n", dst, "state", "plan", stateFile(t, j.Stdout))
	if j.code != 0 || r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("plan of show -j: exit %d/%d: %s%s", j.code, r.code, r.Stdout, r.Stderr)
	}
}

// tcKindsNS is a namespace with testdata/state/tc_kinds.batch made by tc.
func tcKindsNS(t *testing.T) string {
	t.Helper()
	ns := testNS(t)
	tcKindsLinks(t, ns, true)
	if r := tool(t, "tc", "-n", ns, "-batch", filepath.Join("testdata", "state", "tc_kinds.batch")); r.code != 0 {
		testenv.Missing(t, testenv.QdiscCake, "setup: exit %d: %s", r.code, r.Stderr)
	}
	return ns
}

// TestStateTCKindsPlanApply changes the options of cake, ets, prio and
// hfsc in place, of hfsc and drr classes, and replaces an mqprio (which
// the kernel cannot change) by a new one, from a file written as tc
// spells the options.
func TestStateTCKindsPlanApply(t *testing.T) {
	ns := tcKindsNS(t)
	file := stateFile(t, `qdiscs:
  - {dev: k0, parent: root, handle: "1:", kind: cake, options: bandwidth 20mbit}
  - {dev: k1, parent: root, handle: "2:", kind: ets, options: bands 4 strict 1 quanta 3000 2000 5000 priomap 0 1 2 3}
  - {dev: k2, parent: root, handle: "3:", kind: prio, options: bands 5 priomap 0 1 2 3 4}
  - {dev: k3, parent: root, handle: "4:", kind: hfsc, options: default 12}
  - {dev: m0, parent: root, handle: "9:", kind: mqprio, options: num_tc 2 map 1 0 queues 2@0 2@2 hw 0}
classes:
  - {dev: k3, parent: "4:1", classid: "4:11", kind: hfsc, options: rt m2 2mbit ls m2 5mbit}
  - {dev: k2, parent: "30:", classid: "30:1", kind: drr, options: quantum 6000}
`)
	statePlan(t, ns, file,
		"  ~ qdisc cake dev k0 parent root\n      options: bandwidth 10Mbit",
		"  ~ qdisc ets dev k1 parent root\n      options: bands 4 strict 1 quanta 3000 2000 4000 priomap 0 1 2 3 3 3 3 3 3 3 3 3 3 3 3 3 -> bands 4 strict 1 quanta 3000 2000 5000 priomap 0 1 2 3 3 3 3 3 3 3 3 3 3 3 3 3\n",
		"-/+ qdisc mqprio dev m0 parent root\n      options: num_tc 2 map 0 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 queues 2@0 2@2 hw 0 -> num_tc 2 map 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 queues 2@0 2@2 hw 0\n",
		"  ~ class hfsc dev k3 classid 4:11\n      options: rt m1 2Mbit d 10ms m2 1Mbit ls m2 5Mbit -> rt m2 2Mbit ls m2 5Mbit\n",
		"  ~ class drr dev k2 classid 30:1\n      options: quantum 3000b -> quantum 6000b\n",
		"Plan: 1 to add, 6 to change, 1 to destroy.\n",
	)
	if r := gip(t, "-n", ns, "state", "apply", file); r.code != 0 {
		t.Fatalf("apply: exit %d: %s%s", r.code, r.Stdout, r.Stderr)
	}
	if r := gip(t, "-n", ns, "state", "plan", file); r.Stdout != "No changes.\n" {
		t.Errorf("plan after apply: %s%s", r.Stdout, r.Stderr)
	}
	for _, c := range []struct{ args, want string }{
		{"qdisc show dev k0", "bandwidth 20Mbit"},
		{"class show dev k1 classid 2:4", "quantum 5000"},
		{"qdisc show dev k2 root", "priomap 0 1 2 3 4 2 0 0 1 1 1 1 1 1 1 1"},
		{"qdisc show dev k2 parent 3:2", "qdisc drr 30:"},
		{"qdisc show dev k3", "default 12"},
		{"class show dev k3 classid 4:11", "rt m1 0bit d 0us m2 2Mbit ls m1 0bit d 0us m2 5Mbit"},
		{"class show dev k2 classid 30:1", "quantum 6000b"},
		{"qdisc show dev m0 root", "map 1 0 0 0"},
	} {
		if got := tool(t, "tc", append([]string{"-n", ns}, strings.Fields(c.args)...)...).Stdout; !strings.Contains(got, c.want) {
			t.Errorf("tc %s: %q, want %q in it", c.args, got, c.want)
		}
	}
}
