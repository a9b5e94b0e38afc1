package app

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// tcSetup is a traffic-control configuration of the host kernel's kinds:
// every line runs as `tc -n NS LINE` and `gip tc -n NS LINE`, on links
// that stay down so that no packet changes a counter between the two
// listings.
var tcSetup = []string{
	"qdisc add dev v0 root handle 1: htb default 10 r2q 5",
	"class add dev v0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit",
	"class add dev v0 parent 1: classid 1:20 htb rate 100kbit burst 15k/8 mpu 64 overhead 24 linklayer atm prio 3 quantum 3000",
	"class add dev v0 parent 1:20 classid 1:21 htb rate 100kbit ceil 1mbit cburst 3000",
	"qdisc add dev v0 parent 1:10 handle 10: pfifo limit 100",
	"qdisc add dev v0 parent 1:21 handle 21: bfifo limit 10k",
	"qdisc add dev v0 ingress",
	"qdisc add dev v1 root tbf rate 1mbit burst 32k latency 400ms",
	"qdisc add dev v2 root handle 2: tbf rate 5mbit burst 10k limit 50k peakrate 6mbit mtu 1600",
	"qdisc add dev v3 root pfifo_fast",
	"qdisc add dev v3 clsact",
	"qdisc change dev v0 parent 1:10 handle 10: pfifo limit 200",
	"qdisc replace dev v1 root tbf rate 2mbit burst 64k latency 100ms",
	"class change dev v0 classid 1:10 htb rate 20mbit ceil 40mbit",
	"qdisc add dev v4 root handle 4: stab overhead -4 mtu 1600 htb",
	"qdisc add dev v4 parent 4: handle 40: pfifo_head_drop",
	"qdisc add dev v5 root stab linklayer adsl overhead 20 mpu 64 tsize 128 tbf rate 8mbit burst 100k latency 20ms linklayer ethernet overhead 4",
	"class add dev v0 parent 1: classid 1:30 htb rate 2mbit",
	"class add dev v0 parent 1:30 classid 1:31 htb rate 1mbit",
	"class add dev v0 parent 1:31 classid 1:32 htb rate 500kbit",
	"class add dev v0 parent 1:30 classid 1:33 htb rate 500kbit",
}

// autoHandle matches a handle the kernel chose.
var autoHandle = regexp.MustCompile(`\b8[0-9a-f]{3}(:|0000\])`)

// TestTCBurstAtHighRates checks where gip knowingly differs from tc 6.1:
// tc 6.1 turns bursts into scheduler ticks through whole microseconds, so
// at 1gbit a class's default burst of 1600 bytes becomes 1375 and at
// 10gbit nothing (burst 0b); gip computes the ticks as tc 6.15+ does and
// the class gets the burst it asked for.
func TestTCBurstAtHighRates(t *testing.T) {
	ns := tcNS(t)
	for _, line := range []string{
		"qdisc add dev v0 root handle 1: htb",
		"class add dev v0 parent 1: classid 1:1 htb rate 1gbit",
		"class add dev v0 parent 1: classid 1:2 htb rate 10gbit",
	} {
		mustGip(t, append([]string{"tc", "-n", ns}, strings.Fields(line)...)...)
	}
	r := gip(t, "tc", "-n", ns, "class", "show", "dev", "v0")
	for _, want := range []string{
		"class htb 1:1 root prio 0 rate 1Gbit ceil 1Gbit burst 1600b cburst 1600b \n",
		// 1601 bytes rounded up to whole ticks of 80 bytes at 10gbit
		"class htb 1:2 root prio 0 rate 10Gbit ceil 10Gbit burst 1680b cburst 1680b \n",
	} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("gip tc class show:\n%s\nlacks %q", r.Stdout, want)
		}
	}
	must(t, "tc", "-n", ns, "class", "add", "dev", "v0", "parent", "1:", "classid", "1:3", "htb", "rate", "10gbit")
	if r := tool(t, "tc", "-n", ns, "class", "show", "dev", "v0", "classid", "1:3"); !strings.Contains(r.Stdout, "burst 0b cburst 0b") {
		t.Logf("tc no longer truncates (tc 6.15+?): %s", r.Stdout)
		return
	}
	// What gip-tc(8) says of the two tools showing each other's classes:
	// tc 6.1 shows gip's 21 ticks as 1250 bytes, gip tc 6.1's 15 as 1200.
	if r := tool(t, "tc", "-n", ns, "class", "show", "dev", "v0", "classid", "1:2"); !strings.Contains(r.Stdout, "burst 1250b cburst 1250b") {
		t.Errorf("tc class show classid 1:2 (gip's 10gbit class): %s", r.Stdout)
	}
	if r := gip(t, "tc", "-n", ns, "class", "show", "dev", "v0", "classid", "1:3"); !strings.Contains(r.Stdout, "burst 1200b cburst 1200b") {
		t.Errorf("gip tc class show classid 1:3 (tc's 10gbit class): %s", r.Stdout)
	}
	if r := gip(t, "tc", "help", "json"); !strings.Contains(r.Stdout, "burst 1680 where tc 6.1 shows\n                   1250") {
		t.Errorf("gip tc help json does not say how bursts differ:\n%s", r.Stdout)
	}
}

// tcShows are the listings compared after the setup.
var tcShows = []string{
	"qdisc show", "qdisc", "-d qdisc show", "-s qdisc show", "-s -d qdisc ls", "-r qdisc show",
	"-j qdisc show", "-j -p -s qdisc show", "-j -d qdisc show", "-iec qdisc show",
	"qdisc show dev v0", "qdisc show dev v0 parent 1:10", "qdisc show dev v0 handle 1:",
	"qdisc show dev v0 ingress", "qdisc show dev v3 clsact", "qdisc show dev v0 root",
	"class show dev v0", "class show dev v4", "-d class show dev v0", "-s -d class show dev v0",
	"-r class show dev v0", "-iec class show dev v0", "class show dev v0 qdisc 1:",
	"class show dev v0 classid 1:20", "class show dev v0 parent 1:20", "class show dev v0 root",
	"-g class show dev v0", "-g -s class show dev v0", "-g class show dev v4",
}

// tcErrors are command lines that fail; gip tc must print what tc prints
// and exit alike.
var tcErrors = []string{
	"qdisc add dev nosuch root pfifo", "qdisc add dev v0 root pfifo limit x",
	"qdisc add dev v0 root tbf rate 1mbit", "qdisc add dev v0 root tbf burst 1k limit 1k latency 1ms",
	"qdisc add dev v0 root handle 1: htb", "qdisc add dev v0 root root pfifo",
	"qdisc add dev v0 handle zz: root pfifo", "qdisc add dev v0 parent 1:zz pfifo",
	"qdisc show foo", "qdisc foo", "qdisc add dev v0 root xyz foo", "qdisc add dev v0 root xyz",
	"qdisc add dev v0 root pfifo foo", "qdisc add dev v0 root htb foo", "qdisc add dev v0 root htb r2q x",
	"qdisc add dev v0 root tbf rate 1mbit burst 1k latency 1ms limit 1k",
	"qdisc add dev v0 root tbf rate 1mbit rate 2mbit", "qdisc add dev v0 root tbf rate x burst 1k latency 1ms",
	"qdisc add dev v0 root prio bands 3 priomap 1 2 3", "qdisc add dev v0 root clsact foo",
	"qdisc del dev v0 parent 1:99", "qdisc show dev v0 root root", "qdisc add dev v0 root",
	"class add dev v0 parent 1: classid 1:30 htb", "class add dev v0 parent 1: classid 1:30 pfifo",
	"class add dev v0 parent 1: handle 1:30 htb rate 1mbit", "class add dev v0 parent 1: classid 1:30 htb rate 1mbit rate 2mbit",
	"class add dev v0 parent 1: classid 1:30 htb rate 1mbit foo", "class show dev v0 foo",
	"class add dev v0 parent 1: classid 1:10 htb rate 1mbit", "class del dev v0 classid 1:99",
	"class foo", "-x qdisc", "foo", "qdisc add dev v0 root handle 5: estimator 1s 1s pfifo",
	"qdisc add dev v0 root stab", "qdisc add dev v0 root stab help", "qdisc add dev v0 root stab mtu 2000 htb",
	"qdisc add dev v0 root stab mtu 2000 mtu 3 htb", "qdisc add dev v0 root stab mtu x htb",
	"qdisc add dev v0 root stab linklayer foo htb", "qdisc add dev v0 root stab linklayer eth linklayer atm",
	"qdisc add dev v0 root stab overhead 2147483648 htb", "qdisc add dev v0 root stab tsize -1 htb",
}

// tcNS makes a namespace with three veth pairs, down.
func tcNS(t *testing.T) string {
	ns := testNS(t)
	for _, p := range [][2]string{{"v0", "v1"}, {"v2", "v3"}, {"v4", "v5"}} {
		must(t, "ip", "-n", ns, "link", "add", p[0], "type", "veth", "peer", "name", p[1])
	}
	return ns
}

// TestTCMatchesTC builds the same configuration with tc in one namespace
// and with gip tc in another, then compares every listing of both tools
// on both: the requests gip sends must make the same kernel state (-r
// shows the buffers' ticks), and gip must print it as tc does.
func TestTCMatchesTC(t *testing.T) {
	byTC, byGip := tcNS(t), tcNS(t)
	for _, line := range tcSetup {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
	}
	for _, line := range tcShows {
		w := strings.Fields(line)
		for _, ns := range []string{byTC, byGip} {
			ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
			got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
			if got.code != ref.code || got.Stderr != ref.Stderr {
				t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
			}
			if strings.Contains(line, "-j") && ref.Stdout != got.Stdout && testenv.NumbersWithinOne(ref.Stdout, got.Stdout) {
				// JSON shows bytes and microseconds computed from ticks:
				// tc 6.1 truncates ticks to whole microseconds first.
				t.Logf("tc %s: numbers a unit off, as tc 6.1 truncates ticks to microseconds", line)
				continue
			}
			compareLines(t, "tc "+line, ref.Stdout, got.Stdout)
		}
		// The same listing of the namespace each tool built; the kernel
		// numbers handles it picks itself (8001:, 8002:, ...) from one
		// counter for all namespaces.
		a := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		b := tool(t, "tc", append([]string{"-n", byGip}, w...)...)
		compareLines(t, "tc "+line+" (built by tc, by gip)", autoHandle.ReplaceAllString(a.Stdout, "8XXX$1"), autoHandle.ReplaceAllString(b.Stdout, "8XXX$1"))
	}
}

// TestTCClassJSON checks what tc cannot do: -j class show is valid JSON
// (tc 6.1 prints text) with the keys newer tc uses.
func TestTCClassJSON(t *testing.T) {
	ns := tcNS(t)
	for _, line := range tcSetup[:4] {
		mustGip(t, append([]string{"tc", "-n", ns}, strings.Fields(line)...)...)
	}
	r := gip(t, "tc", "-n", ns, "-j", "-s", "class", "show", "dev", "v0")
	var classes []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &classes); err != nil || r.code != 0 {
		t.Fatalf("gip tc -j -s class show: exit %d, not JSON (%v):\n%s", r.code, err, r.Stdout)
	}
	if len(classes) != 3 {
		t.Fatalf("gip tc -j class show: %d classes, want 3:\n%s", len(classes), r.Stdout)
	}
	c := classes[0]
	want := map[string]any{"class": "htb", "handle": "1:10", "root": true, "prio": 0.0, "rate": 1250000.0, "ceil": 2500000.0, "burst": 1600.0, "cburst": 1600.0}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("class 1:10: %q is %v, want %v", k, c[k], v)
		}
	}
	stats, _ := c["stats"].(map[string]any)
	for _, k := range []string{"bytes", "packets", "drops", "overlimits", "requeues", "backlog", "qlen", "lended", "borrowed", "giants", "tokens", "ctokens"} {
		if _, ok := stats[k]; !ok {
			t.Errorf("class 1:10: no stats.%s in %v", k, c)
		}
	}
}

func TestTCErrorsMatchTC(t *testing.T) {
	ns := tcNS(t)
	for _, line := range []string{"qdisc add dev v0 root handle 1: htb", "class add dev v0 parent 1: classid 1:10 htb rate 1mbit"} {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	for _, line := range tcErrors {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
			t.Errorf("tc %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
				line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
		}
	}
}

// TestTCHelpJSON checks gip's own "tc help json": the document on stdout,
// exit 0, and tc's usage still for "tc help" with anything else.
func TestTCHelpJSON(t *testing.T) {
	r := gip(t, "tc", "help", "json")
	if r.code != 0 || r.Stderr != "" || !strings.Contains(r.Stdout, "bytes per second") || !strings.Contains(r.Stdout, `"match":[`) {
		t.Errorf("gip tc help json: exit %d, stderr %q, stdout\n%s", r.code, r.Stderr, r.Stdout)
	}
	ref := tool(t, "tc", "help", "foo")
	got := gip(t, "tc", "help", "foo")
	if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
		t.Errorf("tc help foo: gip exit %d %q, tc exit %d %q", got.code, got.Stderr, ref.code, ref.Stderr)
	}
}

// TestTCWarnsSmallBuckets checks gip's warnings where tc is silently
// wrong: a tbf or htb bucket smaller than the device's MTU. The command
// still succeeds, as tc's does.
func TestTCWarnsSmallBuckets(t *testing.T) {
	ns := tcNS(t)
	for _, c := range []struct{ line, warn string }{
		{"qdisc add dev v0 root tbf rate 1mbit burst 1000 latency 10ms",
			"Warning: tbf: burst 1000b is below the MTU of v0 (1500 bytes): it drops every packet larger than its burst.\n"},
		{"qdisc add dev v2 root handle 1: htb", ""},
		{"class add dev v2 parent 1: classid 1:1 htb rate 1mbit burst 1k cburst 1499",
			"Warning: htb: burst 1Kb is below the MTU of v2 (1500 bytes): the class may not reach its rate.\n" +
				"Warning: htb: cburst 1499b is below the MTU of v2 (1500 bytes): the class may not reach its ceil.\n"},
		{"class add dev v2 parent 1: classid 1:2 htb rate 1mbit burst 1500", ""},
	} {
		r := gip(t, append([]string{"tc", "-n", ns}, strings.Fields(c.line)...)...)
		if r.code != 0 || r.Stderr != c.warn {
			t.Errorf("gip tc %s: exit %d, stderr %q; want 0, %q", c.line, r.code, r.Stderr, c.warn)
		}
	}
}
