package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// stateQdiscs are qdiscs of the kinds whose options gip state writes as
// words, each made by tc on a device of its own (an htb's classes carry
// two of them), with options of every kind the grammar takes.
var stateQdiscs = []struct {
	dev   string
	f     testenv.Feature
	setup [][]string // tc's words after "tc -n NS"
}{
	{"q0", testenv.QdiscNetem, [][]string{{"qdisc", "add", "dev", "q0", "root", "handle", "1:", "netem", "limit", "3000",
		"delay", "100ms", "10ms", "25%", "loss", "0.3%", "25%", "duplicate", "1%", "corrupt", "0.1%", "reorder", "25%", "50%",
		"gap", "5", "rate", "1mbit", "-20", "48", "4", "ecn"}}},
	{"q1", testenv.QdiscNetem, [][]string{{"qdisc", "add", "dev", "q1", "root", "handle", "1:", "netem", "delay", "10ms",
		"loss", "state", "1%", "10%", "5%", "20%", "0.5%", "slot", "10ms", "20ms", "packets", "5", "bytes", "3000"}}},
	{"q2", testenv.QdiscNetem, [][]string{{"qdisc", "add", "dev", "q2", "root", "handle", "1:", "netem", "delay", "1s", "3s",
		"loss", "gemodel", "1%", "10%", "70%", "0.1%", "rate", "5gbit"}}},
	{"q3", testenv.QdiscFqCodel, [][]string{{"qdisc", "add", "dev", "q3", "root", "handle", "1:", "fq_codel", "limit", "2000",
		"flows", "512", "quantum", "100", "target", "3ms", "interval", "50ms", "memory_limit", "8mb", "noecn",
		"ce_threshold", "1ms", "ce_threshold_selector", "0x01/0xff", "drop_batch", "32"}}},
	{"q4", testenv.QdiscFq, [][]string{{"qdisc", "add", "dev", "q4", "root", "handle", "1:", "fq", "limit", "500",
		"flow_limit", "50", "quantum", "3000", "initial_quantum", "15000", "maxrate", "100mbit", "buckets", "1000", "nopacing",
		"refill_delay", "40ms", "low_rate_threshold", "1mbit", "orphan_mask", "511", "timer_slack", "20us",
		"ce_threshold", "5ms", "horizon", "5s", "horizon_cap"}}},
	{"q5", testenv.QdiscSFQ, [][]string{{"qdisc", "add", "dev", "q5", "root", "handle", "1:", "sfq", "limit", "1000",
		"perturb", "10", "quantum", "1600", "divisor", "512", "flows", "200", "depth", "60", "headdrop"}}},
	{"q6", testenv.QdiscSFQ, [][]string{{"qdisc", "add", "dev", "q6", "root", "handle", "1:", "sfq", "limit", "1000",
		"redflowlimit", "100000", "min", "8000", "max", "60000", "probability", "0.2", "ecn", "harddrop"}}},
	{"q7", testenv.QdiscCodel, [][]string{{"qdisc", "add", "dev", "q7", "root", "handle", "1:", "codel", "limit", "500",
		"target", "4999us", "interval", "30ms", "ce_threshold", "2ms", "ecn"}}},
	{"q8", testenv.QdiscRED, [][]string{{"qdisc", "add", "dev", "q8", "root", "handle", "1:", "red", "limit", "400000",
		"min", "30000", "max", "90000", "avpkt", "1000", "burst", "55", "ecn", "harddrop", "bandwidth", "10Mbit", "probability", "0.02"}}},
	{"q9", testenv.QdiscRED, [][]string{{"qdisc", "add", "dev", "q9", "root", "handle", "1:", "red", "limit", "1mb",
		"avpkt", "1500", "ecn", "nodrop", "qevent", "early_drop", "block", "10"}}},
	{"q10", testenv.QdiscPie, [][]string{{"qdisc", "add", "dev", "q10", "root", "handle", "1:", "pie", "limit", "500",
		"target", "20ms", "tupdate", "32ms", "alpha", "3", "beta", "30", "ecn", "bytemode", "dq_rate_estimator"}}},
	{"q11", testenv.QdiscFqPie, [][]string{{"qdisc", "add", "dev", "q11", "root", "handle", "1:", "fq_pie", "limit", "500",
		"flows", "256", "target", "7ms", "tupdate", "16ms", "alpha", "1", "beta", "10", "quantum", "1500",
		"memory_limit", "16mb", "ecn_prob", "20", "ecn", "nobytemode"}}},
	{"q12", testenv.QdiscFqCodel, [][]string{
		{"qdisc", "add", "dev", "q12", "root", "handle", "1:", "htb", "default", "2"},
		{"class", "add", "dev", "q12", "parent", "1:", "classid", "1:1", "htb", "rate", "5mbit"},
		{"class", "add", "dev", "q12", "parent", "1:", "classid", "1:2", "htb", "rate", "1mbit"},
		{"qdisc", "add", "dev", "q12", "parent", "1:1", "handle", "10:", "codel"},
		{"qdisc", "add", "dev", "q12", "parent", "1:2", "handle", "20:", "fq_codel"}}},
	{"q13", testenv.QdiscFq, [][]string{{"qdisc", "add", "dev", "q13", "root", "handle", "1:", "fq"}}},
	{"q14", testenv.QdiscPie, [][]string{{"qdisc", "add", "dev", "q14", "root", "handle", "1:", "pie"}}},
	{"q15", testenv.QdiscSFQ, [][]string{{"qdisc", "add", "dev", "q15", "root", "handle", "1:", "sfq"}}},
}

// tcQdiscsJSON is tc -d -j qdisc show of ns by device and handle,
// without the kernel's own (noqueue).
func tcQdiscsJSON(t *testing.T, ns string) map[string]any {
	t.Helper()
	r := tool(t, "tc", "-n", ns, "-d", "-j", "qdisc", "show")
	if r.code != 0 {
		t.Fatalf("tc -d -j qdisc show: exit %d: %s", r.code, r.Stderr)
	}
	var qs []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &qs); err != nil {
		t.Fatalf("tc -d -j qdisc show: %v: %s", err, r.Stdout)
	}
	out := map[string]any{}
	for _, q := range qs {
		if q["kind"] != "noqueue" {
			out[q["dev"].(string)+" "+q["handle"].(string)] = q
		}
	}
	return out
}

// TestStateTCQdiscKinds makes qdiscs of netem, fq_codel, fq, sfq (with
// and without RED), codel, red, pie and fq_pie with tc, writes them with
// gip state show, applies the document to an empty namespace and
// compares both by tc -d -j's dumps; a second apply changes nothing.
func TestStateTCQdiscKinds(t *testing.T) {
	src := testNS(t)
	for i := 0; i < len(stateQdiscs); i += 2 {
		must(t, "ip", "-n", src, "link", "add", stateQdiscs[i].dev, "type", "veth", "peer", "name", stateQdiscs[i+1].dev)
	}
	for _, q := range stateQdiscs {
		for _, s := range q.setup {
			if r := tool(t, "tc", append([]string{"-n", src}, s...)...); r.code != 0 {
				if strings.Contains(r.Stderr, "unknown") || strings.Contains(r.Stderr, "not supported") {
					testenv.Missing(t, q.f, "%s", r.Stderr)
				}
				t.Fatalf("setup: tc %s: exit %d: %s", strings.Join(s, " "), r.code, r.Stderr)
			}
		}
	}
	want := tcQdiscsJSON(t, src)
	_, file, dst := stateShowApply(t, src, []string{
		"    kind: netem\n    options: limit 3000 delay 100ms 10ms 25% loss random 0.3% 25% ecn duplicate 1% reorder 25% 50% gap 5 corrupt 0.1% rate 1Mbit -20 48 4\n",
		"    kind: netem\n    options: limit 1000 delay 10ms loss state 1% 10% 5% 20% 0.5% slot 10ms 20ms packets 5 bytes 3000\n",
		"    kind: fq_codel\n    options: limit 2000 flows 512 quantum 256 target 3ms interval 50ms ce_threshold 1ms ce_threshold_selector 0x1/0xff memory_limit 8192kb noecn drop_batch 32\n",
		"    kind: codel\n    options: limit 500 target 4999us interval 30ms ce_threshold 2ms ecn\n",
		"    kind: sfq\n    options: limit 1000 quantum 1600 divisor 512 flows 200 depth 60 perturb 10 headdrop\n",
		"    kind: red\n    options: limit 400000b min 30000b max 90000b avpkt 1000b burst 45 probability 0.02 bandwidth 10Mbit ecn harddrop\n",
		"    kind: pie\n    options: limit 500 target 20ms tupdate 32ms alpha 3 beta 30 ecn bytemode dq_rate_estimator\n",
	}, nil)
	got := tcQdiscsJSON(t, dst)
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			gj, _ := json.Marshal(got[k])
			wj, _ := json.Marshal(w)
			t.Errorf("qdisc %s differs:\n got %s\nwant %s", k, gj, wj)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d qdiscs applied, want %d", len(got), len(want))
	}
	secondApplyNoChanges(t, dst, file)
	if r := gip(t, "-n", src, "state", "plan", file); r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("plan against the original: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}
}

// TestStateTCQdiscKindsByHand applies qdiscs written by hand as tc spells
// them, whose values the kernel rounds, clamps or caps: a plan after the
// apply finds nothing to do. Changing them changes them in place, but
// what the kernel cannot change in place (fq_pie's flows, any sfq) is
// made again.
func TestStateTCQdiscKindsByHand(t *testing.T) {
	ns := testNS(t)
	for i := 0; i < 8; i += 2 {
		must(t, "ip", "-n", ns, "link", "add", "h"+strconv.Itoa(i), "type", "veth", "peer", "name", "h"+strconv.Itoa(i+1))
	}
	doc := func(opts ...string) string {
		kinds := []string{"fq_codel", "pie", "netem", "sfq", "red", "fq", "codel", "fq_pie"}
		var b strings.Builder
		b.WriteString("qdiscs:\n")
		for i, k := range kinds {
			fmt.Fprintf(&b, "  - dev: h%d\n    parent: root\n    handle: \"1:\"\n    kind: %s\n    options: %s\n", i, k, opts[i])
		}
		return b.String()
	}
	file := stateFile(t, doc("target 5ms quantum 100 interval 99999 ce_threshold 1ms", "target 20001us limit 100",
		"delay 1s 3s loss 1% 30 reorder 5% limit 100", "limit 127 flows 1000 perturb 5", "limit 1mb avpkt 1500 ecn probability 0.05",
		"buckets 1000 defrate 1mbit maxrate 1gbit", "target 4999999 interval 1s", "target 3ms memory_limit 1mb"))
	if r := gip(t, "-n", ns, "state", "apply", file); r.code != 0 {
		if strings.Contains(r.Stderr, "unknown") {
			testenv.Missing(t, testenv.QdiscFqCodel, "%s", r.Stderr)
		}
		t.Fatalf("apply: exit %d: %s%s", r.code, r.Stdout, r.Stderr)
	}
	if r := gip(t, "-n", ns, "state", "plan", file); r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("plan after the apply: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}
	got := tcQdiscsJSON(t, ns)
	for _, c := range []struct{ key, option, want string }{
		{"h0 1:", "quantum", "256"}, {"h3 1:", "flows", "127"}, {"h2 1:", "limit", "100"},
	} {
		if o, _ := got[c.key].(map[string]any)["options"].(map[string]any); fmt.Sprint(o[c.option]) != c.want {
			t.Errorf("tc: %s %s is %v, want %s", c.key, c.option, o[c.option], c.want)
		}
	}

	changed := stateFile(t, doc("flows 1024 target 10ms", "target 30ms", "delay 20ms", "perturb 7", "limit 1mb avpkt 1500 ecn probability 0.05",
		"buckets 1000 maxrate 2gbit", "target 4999999 interval 1s", "flows 512"))
	r := statePlan(t, ns, changed, "  ~ qdisc fq_codel dev h0 parent root\n", "-/+ qdisc sfq dev h3 parent root\n",
		"-/+ qdisc fq_pie dev h7 parent root\n", "  ~ qdisc netem dev h2 parent root\n")
	if r = gip(t, "-n", ns, "state", "apply", changed); r.code != 0 {
		t.Fatalf("apply of the changes: exit %d: %s%s", r.code, r.Stdout, r.Stderr)
	}
	if r := gip(t, "-n", ns, "state", "plan", changed); r.code != 0 || r.Stdout != "No changes.\n" {
		t.Errorf("plan after the changes: exit %d, %q %q", r.code, r.Stdout, r.Stderr)
	}
	got = tcQdiscsJSON(t, ns)
	for _, c := range []struct{ key, option, want string }{
		{"h0 1:", "target", "9999"}, {"h3 1:", "perturb", "7"}, {"h7 1:", "flows", "512"}, {"h0 1:", "flows", "1024"},
	} {
		if o, _ := got[c.key].(map[string]any)["options"].(map[string]any); fmt.Sprint(o[c.option]) != c.want {
			t.Errorf("tc after the changes: %s %s is %v, want %s", c.key, c.option, o[c.option], c.want)
		}
	}
}
