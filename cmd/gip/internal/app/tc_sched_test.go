package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// schedCase is one qdisc kind proven against tc: setup lines run as `tc
// -n NS LINE` in one namespace and `gip tc -n NS LINE` in another (both
// must answer alike, and change/replace lines read back through the
// listings), listings compared with both tools on both namespaces, and
// command lines that fail, which must fail alike.
type schedCase struct {
	kind    string
	feature testenv.Feature
	setup   []string
	shows   []string
	errors  []string
}

// schedShows are the listings every case compares.
var schedShows = []string{
	"qdisc show", "-d qdisc show", "-s qdisc show", "-s -d qdisc show", "-r qdisc show", "-iec qdisc show",
}

var schedCases = []schedCase{
	{
		kind: "cake", feature: testenv.QdiscCake,
		setup: []string{
			"qdisc add dev v0 root cake",
			"qdisc add dev v1 root handle 2: cake bandwidth 100mbit rtt 50ms diffserv4 dual-srchost nat wash ack-filter split-gso memlimit 32m fwmark 0xff ptm overhead 18 mpu 64 ingress",
			"qdisc add dev v2 root cake bandwidth 10mbit besteffort flows nonat nowash no-split-gso ack-filter-aggressive conservative",
			"qdisc add dev v3 root cake unlimited diffserv8 docsis egress lan",
			"qdisc add dev v4 root cake autorate-ingress precedence hosts pppoe-ptm ether-vlan raw",
			"qdisc add dev v5 root cake diffserv3 triple-isolate satellite ethernet srchost",
			"qdisc change dev v0 root cake bandwidth 20mbit diffserv4 dsthost",
			"qdisc replace dev v3 root cake bandwidth 5mbit ingress rtt 20ms",
		},
		shows: []string{"-j qdisc show", "-j -s qdisc show", "-j -s -iec qdisc show dev v1", "class show dev v0", "-s class show dev v0"},
		errors: []string{
			"qdisc add dev v0 root cake foo", "qdisc add dev v0 root cake lan metro", "qdisc add dev v0 root cake overhead 300",
			"qdisc add dev v0 root cake mpu -1", "qdisc add dev v0 root cake bandwidth x", "qdisc add dev v0 root cake rtt",
			"qdisc add dev v0 root cake memlimit abc", "qdisc add dev v0 root cake fwmark zz", "qdisc add dev v0 root cake help",
			"qdisc change dev v0 root cake diffserv9",
		},
	},
	{
		kind: "ets", feature: testenv.QdiscETS,
		setup: []string{
			"qdisc add dev v0 root handle 1: ets bands 4 strict 1 quanta 1500 3000 priomap 3 2 1 0",
			"qdisc add dev v1 root handle 2: ets quanta 1000 2000 3000",
			"qdisc add dev v2 root ets strict 3",
			"qdisc add dev v3 root handle 3: ets bands 8 strict 2 quanta 100 200 300 priomap 7 6 5 4 3 2 1 0 7 6 5 4 3 2 1 0",
			"class change dev v0 classid 1:3 ets quantum 2500",
			"class change dev v1 classid 2:1 ets quantum 4000",
			"qdisc add dev v0 parent 1:2 handle 20: pfifo limit 10",
			"qdisc change dev v3 root handle 3: ets bands 5 strict 1 quanta 400 500",
			"qdisc replace dev v1 root handle 2: ets bands 3 quanta 700 800 900 priomap 2 1 0",
		},
		shows: []string{
			"-j qdisc show", "-j -s qdisc show", "class show dev v0", "-s class show dev v0", "-d class show dev v1",
			"class show dev v3", "class show dev v0 classid 1:3", "class show dev v0 qdisc 1:",
		},
		errors: []string{
			"qdisc add dev v4 root ets", "qdisc add dev v4 root ets bands 17", "qdisc add dev v4 root ets bands 2 quanta 1 2 3",
			"qdisc add dev v4 root ets bands 3 priomap 0 3", "qdisc add dev v4 root ets quanta 0", "qdisc add dev v4 root ets bands 3 bands 4",
			"qdisc add dev v4 root ets quanta 10 x", "qdisc add dev v4 root ets strict 1 foo",
			"class change dev v0 classid 1:3 ets quantum 0", "class change dev v0 classid 1:1 ets quantum 100",
			"class add dev v0 parent 1: classid 1:9 ets quantum 100", "class change dev v0 classid 1:3 ets foo",
			"class change dev v0 classid 1:3 ets help", "qdisc add dev v4 root ets help",
		},
	},
	{
		kind: "mqprio", feature: testenv.QdiscMQPrio,
		setup: []string{
			"qdisc add dev m0 root handle 1: mqprio num_tc 2 map 0 0 0 0 1 1 1 1 queues 2@0 2@2 hw 0",
			"qdisc add dev m2 root handle 2: mqprio num_tc 4 map 0 1 2 3 3 2 1 0 queues 1@0 1@1 1@2 1@3 hw 0",
			"qdisc replace dev m0 root handle 1: mqprio num_tc 1 queues 4@0 hw 0",
			// The queues' default qdiscs (fq_codel in the vm) become
			// other kinds, with handles of their own: the kernel lists
			// them in the order of their handles' hash.
			"qdisc replace dev m0 parent 1:1 handle 11: pfifo limit 10", "qdisc replace dev m0 parent 1:2 handle 12: bfifo",
			"qdisc replace dev m0 parent 1:3 handle 13: pfifo_fast", "qdisc replace dev m0 parent 1:4 handle 14: pfifo_head_drop",
			"qdisc replace dev m2 parent 2:1 handle 21: pfifo", "qdisc replace dev m2 parent 2:2 handle 22: pfifo",
			"qdisc replace dev m2 parent 2:3 handle 23: pfifo", "qdisc replace dev m2 parent 2:4 handle 24: pfifo",
		},
		shows: []string{
			"-j qdisc show", "-j -s qdisc show", "class show dev m0", "-s class show dev m0", "-d class show dev m2",
			"qdisc show dev m0 root",
		},
		errors: []string{
			"qdisc add dev m1 root mqprio", "qdisc add dev m1 root mqprio num_tc 2 queues 1@0 1@1 1@2 hw 0",
			"qdisc add dev m1 root mqprio hw 0 mode channel", "qdisc add dev m1 root mqprio mode channel hw 0",
			"qdisc add dev v0 root mqprio hw 0", "qdisc add dev m1 root mqprio num_tc 2 map 0 1 2 queues 1@0 1@1 hw 0",
			"qdisc add dev m1 root mqprio num_tc 300", "qdisc add dev m1 root mqprio shaper bw_rlimit",
			"qdisc add dev m1 root mqprio shaper foo", "qdisc add dev m1 root mqprio mode foo", "qdisc add dev m1 root mqprio help",
			"qdisc add dev m1 root mqprio num_tc 2 shaper bw_rlimit min_rate 1mbit",
			"qdisc add dev m1 root mqprio num_tc 2 shaper bw_rlimit min_rate 1mbit 2mbit max_rate 3mbit 4mbit hw 0",
		},
	},
	{
		kind: "drr", feature: testenv.QdiscDRR,
		setup: []string{
			"qdisc add dev v0 root handle 1: drr",
			"class add dev v0 parent 1: classid 1:1 drr",
			"class add dev v0 parent 1: classid 1:2 drr quantum 3000",
			"class add dev v0 parent 1: classid 1:3 drr quantum 1k",
			"qdisc add dev v0 parent 1:2 handle 12: pfifo",
			"class change dev v0 classid 1:1 drr quantum 9000",
			"class replace dev v0 parent 1: classid 1:3 drr quantum 2k",
			"qdisc add dev v1 root drr",
		},
		shows: []string{
			"-j qdisc show", "-j -s qdisc show", "class show dev v0", "-s class show dev v0", "-d class show dev v0",
			"-iec class show dev v0", "class show dev v0 parent 1:", "class show dev v1",
		},
		errors: []string{
			"qdisc add dev v2 root drr foo", "qdisc add dev v2 root drr help", "class add dev v0 parent 1: classid 1:4 drr quantum x",
			"class add dev v0 parent 1: classid 1:5 drr quantum 0", "class add dev v0 parent 1: classid 1:1 drr",
			"class add dev v0 parent 1: classid 1:6 drr foo", "class add dev v0 parent 1: classid 1:6 drr help",
		},
	},
	{
		kind: "hfsc", feature: testenv.QdiscHFSC,
		setup: []string{
			"qdisc add dev v0 root handle 1: hfsc default 10",
			"class add dev v0 parent 1: classid 1:1 hfsc sc rate 10mbit ul rate 20mbit",
			"class add dev v0 parent 1:1 classid 1:10 hfsc rt m1 2mbit d 10ms m2 1mbit ls rate 5mbit",
			"class add dev v0 parent 1:1 classid 1:20 hfsc rt umax 1500 dmax 10ms rate 1mbit ls m2 2mbit",
			"class add dev v0 parent 1:1 classid 1:30 hfsc ls umax 1500 dmax 30ms rate 1mbit",
			"qdisc add dev v1 root hfsc",
			"class change dev v0 classid 1:10 hfsc rt m2 3mbit ls m2 3mbit",
			"class replace dev v0 parent 1:1 classid 1:30 hfsc sc m1 0 d 5ms m2 4mbit",
			"qdisc change dev v0 root handle 1: hfsc default 20",
			"qdisc add dev v0 parent 1:20 handle 20: pfifo limit 7",
		},
		// tc 6.1 prints hfsc's default class as text under -j
		// (TestTCSchedHFSCJSON checks gip's JSON instead).
		shows: []string{
			"-j qdisc show dev v1", "class show dev v0", "-s class show dev v0", "-d class show dev v0",
			"-iec class show dev v0", "-r class show dev v0", "class show dev v0 parent 1:1",
		},
		errors: []string{
			"class add dev v0 parent 1:1 classid 1:40 hfsc", "class add dev v0 parent 1:1 classid 1:40 hfsc ul rate 1mbit",
			"class add dev v0 parent 1:1 classid 1:40 hfsc rt m1 1mbit", "class add dev v0 parent 1:1 classid 1:40 hfsc rt d x",
			"class add dev v0 parent 1:1 classid 1:40 hfsc foo", "class add dev v0 parent 1:1 classid 1:40 hfsc help",
			"class add dev v0 parent 1:1 classid 1:40 hfsc rt umax 1500 rate 1mbit",
			"qdisc add dev v2 root hfsc default 10 default 11", "qdisc add dev v2 root hfsc default x",
			"qdisc add dev v2 root hfsc foo", "qdisc add dev v2 root hfsc help",
			"class add dev v0 parent 1:1 classid 1:10 hfsc sc rate 1mbit",
		},
	},
	{
		kind: "prio", feature: testenv.QdiscPrio,
		setup: []string{
			"qdisc add dev v0 root handle 1: prio",
			"qdisc add dev v1 root prio bands 5 priomap 0 1 2 3 4 0 1 2 3 4 0 1 2 3 4 0",
			"qdisc add dev v2 root handle 2: prio bands 2 priomap 1 1 0",
			"qdisc add dev v0 parent 1:2 handle 12: pfifo limit 5",
			"qdisc change dev v0 root handle 1: prio bands 3 priomap 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2",
			"qdisc replace dev v2 root handle 2: prio bands 4",
			"qdisc add dev m0 root prio bands 4 multiqueue",
		},
		shows: []string{"-j qdisc show", "-j -s qdisc show", "class show dev v0", "-s class show dev v0", "class show dev m0"},
		errors: []string{
			"qdisc add dev v3 root prio bands 1", "qdisc add dev v3 root prio bands 3 priomap 1 2 3",
			"qdisc add dev v3 root prio bands x", "qdisc add dev v3 root prio foo", "qdisc add dev v3 root prio priomap 0 priomap 1",
			"qdisc add dev v3 root prio bands 2 priomap 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
			"qdisc add dev v3 root prio help", "class add dev v0 parent 1: classid 1:1 prio",
		},
	},
}

// schedNS is tcNS with two multiqueue veth pairs, m0-m1 and m2-m3, of
// four transmit queues each (mqprio needs several).
func schedNS(t *testing.T) string {
	ns := tcNS(t)
	for _, p := range [][2]string{{"m0", "m1"}, {"m2", "m3"}} {
		must(t, "ip", "-n", ns, "link", "add", p[0], "numtxqueues", "4", "numrxqueues", "4", "type", "veth",
			"peer", "name", p[1], "numtxqueues", "4", "numrxqueues", "4")
	}
	return ns
}

// TestTCSched proves each kind against tc 6.1 in the vm tier.
func TestTCSched(t *testing.T) {
	for _, c := range schedCases {
		t.Run(c.kind, func(t *testing.T) {
			byTC, byGip := schedNS(t), schedNS(t)
			for i, line := range c.setup {
				w := strings.Fields(line)
				ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
				if i == 0 && ref.code != 0 && strings.Contains(ref.Stderr, "kind is unknown") {
					testenv.Missing(t, c.feature, "%s", ref.Stderr)
				}
				got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
				if got.code != ref.code || got.Stderr != ref.Stderr {
					t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
				}
			}
			for _, line := range append(append([]string{}, schedShows...), c.shows...) {
				compareShow(t, line, byTC, byGip)
			}
			for _, line := range c.errors {
				compareFailure(t, line, byTC, byGip)
			}
			// gip's class listings are JSON where tc 6.1's are text.
			for _, dev := range []string{"v0", "m0"} {
				r := gip(t, "tc", "-n", byGip, "-j", "-s", "-d", "class", "show", "dev", dev)
				var v []map[string]any
				if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil || r.code != 0 {
					t.Errorf("gip tc -j -s -d class show dev %s: exit %d, not JSON (%v):\n%s", dev, r.code, err, r.Stdout)
				}
			}
		})
	}
}

// compareFailure runs a line that fails with tc in byTC and with gip tc
// in byGip: the same exit code, standard error and output.
func compareFailure(t *testing.T, line, byTC, byGip string) {
	t.Helper()
	w := strings.Fields(line)
	ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
	got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
	if ref.code == 0 {
		t.Errorf("tc %s: tc succeeded; the line belongs in the setup", line)
	}
	if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
		t.Errorf("tc %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
			line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
	}
}

// compareShow compares a listing of tc and gip on both namespaces, and
// tc's listings of the two (the same kernel state, auto handles aside).
func compareShow(t *testing.T, line, byTC, byGip string) {
	t.Helper()
	w := strings.Fields(line)
	for _, ns := range []string{byTC, byGip} {
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
		if ref.Stdout != got.Stdout && testenv.NumbersWithinOne(ref.Stdout, got.Stdout) {
			t.Logf("tc %s: numbers a unit off, as tc 6.1 truncates ticks to microseconds", line)
			continue
		}
		compareLines(t, "tc "+line, ref.Stdout, got.Stdout)
	}
	a := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
	b := tool(t, "tc", append([]string{"-n", byGip}, w...)...)
	compareLines(t, "tc "+line+" (built by tc, by gip)", autoHandle.ReplaceAllString(a.Stdout, "8XXX$1"), autoHandle.ReplaceAllString(b.Stdout, "8XXX$1"))
}

// TestTCSchedHFSCJSON checks what tc 6.1 cannot: hfsc's default class and
// its classes' curves and statistics as valid JSON, with newer tc's keys.
func TestTCSchedHFSCJSON(t *testing.T) {
	ns := schedNS(t)
	r := tool(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "1:", "hfsc", "default", "10")
	if r.code != 0 {
		testenv.Missing(t, testenv.QdiscHFSC, "%s", r.Stderr)
	}
	mustGip(t, "tc", "-n", ns, "class", "add", "dev", "v0", "parent", "1:", "classid", "1:10", "hfsc", "rt", "m1", "2mbit", "d", "10ms", "m2", "1mbit")
	g := gip(t, "tc", "-n", ns, "-j", "qdisc", "show", "dev", "v0")
	var q []map[string]any
	if err := json.Unmarshal([]byte(g.Stdout), &q); err != nil || len(q) != 1 {
		t.Fatalf("gip tc -j qdisc show: not JSON (%v):\n%s", err, g.Stdout)
	}
	if opts, _ := q[0]["options"].(map[string]any); opts["default"] != "0x10" {
		t.Errorf("options %v, want default 0x10", q[0]["options"])
	}
	g = gip(t, "tc", "-n", ns, "-j", "-s", "class", "show", "dev", "v0")
	var c []map[string]any
	if err := json.Unmarshal([]byte(g.Stdout), &c); err != nil || len(c) != 2 {
		t.Fatalf("gip tc -j -s class show: not JSON or not 2 classes (%v):\n%s", err, g.Stdout)
	}
	for _, cl := range c {
		if cl["handle"] != "1:10" {
			continue
		}
		rt, _ := cl["rt"].(map[string]any)
		if rt["m1"] != 250000.0 || rt["d"] != 10000.0 || rt["m2"] != 125000.0 {
			t.Errorf("class 1:10: rt %v, want m1 250000 d 10000 m2 125000", cl["rt"])
		}
		stats, _ := cl["stats"].(map[string]any)
		for _, k := range []string{"period", "level"} {
			if _, ok := stats[k]; !ok {
				t.Errorf("class 1:10: no stats.%s in %v", k, cl)
			}
		}
	}
}
