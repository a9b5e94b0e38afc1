package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// aqmKind is one queueing discipline of the AQM and emulation family:
// command lines that configure it (run as `tc -n NS LINE` and `gip tc -n
// NS LINE` alike, changes and replacements included) and command lines
// that fail, whose messages and exit codes must be tc's.
type aqmKind struct {
	kind    string
	feature testenv.Feature
	setup   []string
	errors  []string
}

var aqmKinds = []aqmKind{
	{
		kind: "netem", feature: testenv.QdiscNetem,
		setup: []string{
			"qdisc add dev v0 root handle 1: netem delay 100ms 10ms 25% loss 1% 30% duplicate 2% reorder 5% 50% corrupt 0.1% rate 1mbit 20 100 -5 limit 500",
			"qdisc add dev v1 root netem loss state 1% 2% 3% 4% 5% ecn",
			"qdisc add dev v2 root netem loss gemodel 1% 10% 70% 0.1% slot 10ms 20ms packets 5 bytes 3000",
			"qdisc add dev v3 root netem delay 10ms 5ms distribution normal slot distribution pareto 5ms 1ms",
			"qdisc add dev v4 root handle 4: netem rate 40gbit gap 3 reorder 10% delay 1ms",
			"qdisc add dev v5 root netem drop 0.5 corrupt 1 2 duplicate 3 4 lat 2ms 1ms",
			"qdisc change dev v0 root handle 1: netem delay 50ms",
			"qdisc replace dev v4 root netem delay 1s loss random 0.5% 10%",
		},
		errors: []string{
			"netem foo", "netem help", "netem limit x", "netem delay x", "netem delay 10ms x", "netem delay",
			"netem loss 1% loss 2%", "netem loss state x", "netem loss foo", "netem loss gemodel 101%",
			"netem reorder 5%", "netem gap 5", "netem ecn", "netem distribution normal",
			"netem distribution nosuch delay 1ms 1ms", "netem slot foo", "netem slot distribution normal 1ms 0",
			"netem slot 10ms 5ms", "netem slot 1ms packets", "netem slot 1ms bytes x", "netem rate x",
			"netem rate 1mbit x", "netem delay 300s", "netem corrupt 2x", "netem duplicate 1% x",
		},
	},
	{
		kind: "fq_codel", feature: testenv.QdiscFqCodel,
		setup: []string{
			"qdisc add dev v0 root fq_codel",
			"qdisc add dev v1 root handle 2: fq_codel limit 2000 flows 512 quantum 1400 target 4ms interval 90ms ecn ce_threshold 2ms ce_threshold_selector 0x1/0xff memory_limit 16mb drop_batch 32",
			"qdisc add dev v2 root fq_codel noecn target 1s",
			"qdisc change dev v0 root fq_codel limit 100 ecn",
			"qdisc replace dev v2 root fq_codel ce_threshold 0.5ms",
		},
		errors: []string{
			"fq_codel foo", "fq_codel help", "fq_codel limit x", "fq_codel limit", "fq_codel ce_threshold_selector 1",
			"fq_codel ce_threshold_selector 1/x", "fq_codel ce_threshold_selector 300/1", "fq_codel target x",
			"fq_codel memory_limit x", "fq_codel flows -1", "fq_codel quantum 0x",
		},
	},
	{
		kind: "fq", feature: testenv.QdiscFq,
		setup: []string{
			"qdisc add dev v0 root fq",
			"qdisc add dev v1 root fq limit 5000 flow_limit 50 quantum 3028 initial_quantum 15140 maxrate 100mbit buckets 2000 nopacing refill_delay 50ms low_rate_threshold 1mbit orphan_mask 511 timer_slack 20us ce_threshold 3ms horizon 5s horizon_cap",
			"qdisc add dev v2 root fq pacing horizon_drop defrate 1mbit",
			"qdisc change dev v0 root fq quantum 1514 maxrate 1gbit",
			"qdisc replace dev v2 root fq buckets 16 timer_slack 1ms",
		},
		errors: []string{
			"fq foo", "fq help", "fq orphan_mask x", "fq timer_slack -1", "fq timer_slack x", "fq maxrate x",
			"fq low_rate_threshold 10%", "fq horizon x", "fq buckets",
		},
	},
	{
		kind: "sfq", feature: testenv.QdiscSFQ,
		setup: []string{
			"qdisc add dev v0 root sfq",
			"qdisc add dev v1 root sfq perturb 10 quantum 1600 limit 300 divisor 512 flows 64 depth 32 headdrop",
			"qdisc add dev v2 root sfq redflowlimit 100000 min 8000 max 60000 probability 0.2 ecn harddrop",
			"qdisc add dev v3 root sfq redflowlimit 200000",
			"qdisc replace dev v4 root sfq limit 50",
		},
		errors: []string{
			"sfq foo", "sfq help", "sfq limit 1", "sfq limit x", "sfq quantum x", "sfq depth x", "sfq perturb x",
			"sfq redflowlimit 1000 max 2000", "sfq min 1000", "sfq redflowlimit 100000 min 50000 max 40000",
			"sfq redflowlimit 100000 burst 1 min 10000 max 20000 avpkt 1000", "sfq probability x",
		},
	},
	{
		kind: "codel", feature: testenv.QdiscCodel,
		setup: []string{
			"qdisc add dev v0 root codel",
			"qdisc add dev v1 root codel limit 800 target 3ms interval 80ms ecn ce_threshold 1ms",
			"qdisc change dev v0 root codel noecn target 10ms",
		},
		errors: []string{"codel foo", "codel help", "codel limit -1", "codel target 1x", "codel interval"},
	},
	{
		kind: "red", feature: testenv.QdiscRED,
		setup: []string{
			"qdisc add dev v0 root red limit 400k min 30k max 90k avpkt 1500 burst 55 probability 0.05 bandwidth 20mbit ecn harddrop",
			"qdisc add dev v1 root red limit 1m avpkt 1000 adaptive",
			"qdisc add dev v2 root red limit 200k min 20k avpkt 1000 nodrop ecn qevent mark block 10",
			"qdisc change dev v0 root red limit 400k min 30k max 90k avpkt 1500 burst 55 probability 0.1 bandwidth 20mbit",
		},
		errors: []string{
			"red foo", "red help", "red limit 1k", "red avpkt 1000", "red limit x", "red probability x",
			"red limit 100k avpkt 1000 qevent foo block 1", "red limit 100k avpkt 1000 qevent mark",
			"red limit 100k avpkt 1000 qevent mark foo", "red limit 100k avpkt 1000 qevent mark block 0",
			"red limit 100k avpkt 1000 qevent mark block 1 block 2",
			"red limit 100k avpkt 1000 qevent mark block 1 qevent mark block 2",
			"red limit 100k min 10k max 90k avpkt 1000 burst 1", "red limit 100k avpkt 1000 nodrop",
		},
	},
	{
		kind: "pie", feature: testenv.QdiscPie,
		setup: []string{
			"qdisc add dev v0 root pie",
			"qdisc add dev v1 root pie limit 2000 target 10ms tupdate 20ms alpha 4 beta 20 ecn bytemode dq_rate_estimator",
			"qdisc change dev v0 root pie noecn nobytemode no_dq_rate_estimator limit 100",
		},
		errors: []string{"pie foo", "pie help", "pie alpha 33", "pie beta x", "pie target x"},
	},
	{
		kind: "fq_pie", feature: testenv.QdiscFqPie,
		setup: []string{
			"qdisc add dev v0 root fq_pie",
			"qdisc add dev v1 root fq_pie limit 5000 flows 2048 target 10ms tupdate 30ms alpha 3 beta 25 quantum 1514 memory_limit 64mb ecn_prob 20 ecn nobytemode dq_rate_estimator",
			"qdisc change dev v0 root fq_pie limit 100 ecn",
		},
		errors: []string{"fq_pie foo", "fq_pie help", "fq_pie ecn_prob 100", "fq_pie beta 40", "fq_pie quantum x"},
	},
}

// aqmShows are the listings compared after a kind's setup.
var aqmShows = []string{
	"qdisc show", "-d qdisc show", "-s qdisc show", "-s -d qdisc show", "-r qdisc show", "-iec qdisc show",
	"-j qdisc show", "-j -s qdisc show", "-j -p -s -d qdisc show", "qdisc show dev v0", "qdisc show dev v1 root",
}

// TestTCAQM configures each kind with tc in one namespace and with gip tc
// in another, compares what both tools say while doing it, then every
// listing of both tools on both namespaces, then the failures.
func TestTCAQM(t *testing.T) {
	for _, k := range aqmKinds {
		t.Run(k.kind, func(t *testing.T) {
			byTC, byGip := tcNS(t), tcNS(t)
			for i, line := range k.setup {
				w := strings.Fields(line)
				ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
				if i == 0 && ref.code != 0 {
					testenv.Missing(t, k.feature, "%s", ref.Stderr)
				}
				if ref.code != 0 {
					t.Errorf("setup: tc %s: exit %d: %s", line, ref.code, ref.Stderr)
				}
				got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
				if got.code != ref.code || got.Stderr != ref.Stderr {
					t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
				}
			}
			t.Logf("gip tc -s -d qdisc show of the namespace gip configured:\n%s", gip(t, "tc", "-n", byGip, "-s", "-d", "qdisc", "show").Stdout)
			for _, line := range aqmShows {
				w := strings.Fields(line)
				for _, ns := range []string{byTC, byGip} {
					ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
					got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
					if got.code != ref.code || got.Stderr != ref.Stderr {
						t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
					}
					compareLines(t, "tc "+line, ref.Stdout, got.Stdout)
					if strings.Contains(line, "-j") {
						var v any
						if err := json.Unmarshal([]byte(got.Stdout), &v); err != nil {
							t.Errorf("gip tc %s: not JSON: %v\n%s", line, err, got.Stdout)
						}
					}
				}
				a := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
				b := tool(t, "tc", append([]string{"-n", byGip}, w...)...)
				compareLines(t, "tc "+line+" (built by tc, by gip)",
					autoHandle.ReplaceAllString(a.Stdout, "8XXX$1"), autoHandle.ReplaceAllString(b.Stdout, "8XXX$1"))
			}
		})
	}
}

// TestTCAQMErrors compares the failures of each kind's command lines:
// most fail in the grammar, which needs no kernel support; the others get
// the same kernel's answer through both tools.
func TestTCAQMErrors(t *testing.T) {
	ns := tcNS(t)
	for _, k := range aqmKinds {
		t.Run(k.kind, func(t *testing.T) {
			for _, line := range k.errors {
				w := append([]string{"-n", ns, "qdisc", "add", "dev", "v0", "root"}, strings.Fields(line)...)
				ref := tool(t, "tc", w...)
				got := gip(t, append([]string{"tc"}, w...)...)
				if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
					t.Errorf("tc qdisc add dev v0 root %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
						line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
				}
				if ref.code == 0 {
					must(t, "tc", "-n", ns, "qdisc", "del", "dev", "v0", "root")
				}
			}
		})
	}
}
