package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// tcFilterSetup builds u32 filters (hash tables, links, samples, every
// selector, a mirred action) on v0 under an htb root, and a clsact's
// ingress hook on v2; "v1" is the other end of v0.
var tcFilterSetup = []string{
	"qdisc add dev v0 root handle 1: htb",
	"qdisc add dev v2 ingress",
	"filter add dev v0 parent 1: protocol ip prio 10 u32 match ip dst 10.0.0.0/8 flowid 1:1",
	"filter add dev v0 parent 1: protocol ip prio 20 u32 match ip src 192.168.1.1 match ip dport 80 0xffff match ip protocol 6 0xff classid 1:2",
	"filter add dev v0 parent 1: protocol ip prio 20 u32 match ip tos 0x10 0xff match ip nofrag match ip icmp_type 8 0xff flowid 1:3",
	"filter add dev v0 parent 1: prio 30 handle 2: protocol ip u32 divisor 256",
	"filter add dev v0 parent 1: protocol ip prio 30 u32 ht 800:: match ip dst 10.0.0.0/8 hashkey mask 0x000000ff at 16 link 2:",
	"filter add dev v0 parent 1: protocol ip prio 30 u32 ht 2:5: match ip dst 10.0.0.5/32 flowid 1:5",
	"filter add dev v0 parent 1: protocol ip prio 30 u32 ht 2: sample ip dst 10.0.0.7/32 divisor 256 match ip dst 10.0.0.7/32 flowid 1:7",
	"filter add dev v0 parent 1: protocol ip prio 40 u32 match u32 0 0 action mirred egress redirect dev v1",
	"filter add dev v0 parent 1: protocol ip prio 41 u32 match u16 0x1234 0xffff at 2 match u8 5 0xf at 3 action mirred egress mirror dev v1 pass",
	"filter add dev v0 parent 1: protocol ipv6 prio 50 u32 match ip6 dst 2001:db8::/32 match tcp dst 443 0xffff flowid 1:3",
	"filter add dev v0 parent 1: protocol ipv6 prio 51 u32 match ip6 src 2001:db8:1::/48 match ip6 protocol 17 0xff match udp src 53 0xffff flowid 1:4",
	"filter add dev v0 parent 1: protocol ip prio 60 u32 match mark 0x10 0xff flowid 1:6",
	"filter add dev v0 parent 1: protocol all prio 70 u32 match ether dst 02:00:00:00:00:01 flowid 1:8",
	"filter add dev v0 parent 1: protocol ip prio 80 u32 match icmp type 8 0xff offset at 0 mask 0f00 shift 6 eat flowid 1:9",
	"filter add dev v0 parent 1: protocol ip prio 90 handle 5:0:1 u32 ht 5: match ip dst 1.2.3.4 flowid 1:a",
	"filter add dev v2 parent ffff: protocol ip prio 1 u32 match ip src 1.1.1.1 action mirred egress redirect dev v3",
	"filter replace dev v0 parent 1: protocol ip prio 10 handle 800::800 u32 match ip dst 10.1.0.0/16 flowid 1:11",
	"chain add dev v0 parent 1: chain 5",
	"chain add dev v0 parent 1: chain 7",
	"filter add dev v0 parent 1: chain 5 protocol ip prio 3 u32 match ip dst 1.1.1.1 flowid 1:1",
	"chain del dev v0 parent 1: chain 7",
	"filter change dev v0 parent 1: protocol ip prio 20 handle 801::800 u32 match ip src 192.168.1.2 classid 1:12",
	"filter del dev v0 parent 1: protocol ipv6 prio 51",
	// keys for -p's decoders, their quirks included
	"filter add dev v0 parent 1: protocol ip prio 100 u32 match ip src 1.2.3.0/24 match ip dst 10.0.0.1 match ip protocol 6 0xff flowid 1:1",
	"filter add dev v0 parent 1: protocol ip prio 101 u32 match ip ihl 5 0xf match ip sport 80 0xffff flowid 1:2",
	"filter add dev v0 parent 1: protocol ip prio 102 u32 match ip dport 22 0xffff match ip tos 0x10 0xff flowid 1:3",
	"filter add dev v0 parent 1: protocol ip prio 103 u32 match ip sport 80 0xffff match ip dport 22 0xffff match ip src 0.0.0.0/0 match ip tos 0 0xff flowid 1:3",
	"filter add dev v0 parent 1: protocol ip prio 104 u32 match ip icmp_type 8 0xff match tcp dst 80 0xffff match u32 0x0a000000 0xff00ff00 at 12 flowid 1:3",
	"filter add dev v0 parent 1: protocol ipv6 prio 105 u32 match u32 0x00500016 0xffffffff at 20 match ip6 dst 2001:db8::1/128 match ip6 protocol 6 0xff flowid 1:4",
	"filter add dev v0 parent 1: protocol ipv6 prio 106 u32 match u16 0x50 0xffff at 22 match u16 0x51 0xffff at 40 match u32 0x0a000001 0xffffffff at 12 flowid 1:4",
	"filter add dev v0 parent 1: protocol ipv6 prio 107 u32 match u16 0x50 0xffff at 20 match u8 5 0xf at 0 flowid 1:4",
}

var tcFilterShows = []string{
	"filter show dev v0", "filter", "filter ls dev v0 parent 1:", "-s filter show dev v0", "-d filter show dev v0",
	"-r filter show dev v0", "-p filter show dev v0", "-p filter show dev v2 ingress",
	"filter show dev v0 prio 30", "filter show dev v0 protocol ipv6",
	"filter show dev v0 chain 0", "filter show dev v2 ingress", "-s filter show dev v2 parent ffff:",
	"filter get dev v0 parent 1: protocol ip prio 10 handle 800::800 u32",
	"filter get dev v0 parent 1: protocol ip prio 30 handle 2:5:800 u32",
	// (tc's JSON of prio 80's offset holds bare strings: not JSON)
	"-j filter show dev v0 prio 10", "-j filter show dev v0 prio 20", "-j filter show dev v0 prio 30",
	"-j filter show dev v0 prio 40", "-j filter show dev v0 prio 50", "-j filter show dev v0 prio 70",
	"-j -s filter show dev v2 parent ffff:", "-br filter show dev v2 parent ffff:",
	"chain show dev v0", "chain", "chain get dev v0 parent 1: chain 5", "-j chain show dev v0",
	"filter show dev v0 chain 5",
}

var tcFilterErrors = []string{
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 300.0.0.0 flowid 1:1",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip foo 1 flowid 1:1",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match u32 1 flowid 1:1",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 divisor 3",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 foo",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 flowid zz",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 link 1:2:3",
	"filter add dev v0 parent 1: protocol ip prio 1 handle 1:2:3:4 u32 match u32 0 0",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match u32 0 0 skip_hw skip_sw",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match u32 0 0 action mirred egress redirect dev nosuch",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match u32 0 0 action mirred sideways",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match u32 0 0 action frob",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match mark 3 1",
	"filter add dev v0 parent 1: protocol ip prio 1 u32 match ether src 1:2:3",
	"filter add dev v0 parent 1: protocol foo prio 1 u32",
	"filter add dev v0 parent 1: prio 70000 u32",
	"filter add dev v0 block 5 u32", "filter add dev nosuch parent 1: u32", "filter add dev v0 handle 1 parent 1:",
	"filter add dev v0 root root u32", "filter show dev v0 foo", "filter get dev v0 parent 1: prio 10 u32",
	"filter get dev v0 parent 1: protocol ip u32", "filter get dev v0 protocol ip prio 10 u32",
	"filter get dev v0 parent 1: protocol ip prio 10", "filter get dev v0 parent 1: protocol ip prio 10 u32",
	"filter del dev v0 parent 1: prio 99", "filter frob", "filter help", "chain help", "qdisc help", "class help",
	"chain get dev v0 parent 1: chain 9", "chain get dev v0 chain 5", "chain foo", "chain add dev v0 parent 1: chain 0", "filter add dev v0 parent 9: protocol ip prio 1 u32 match u32 0 0",
}

// matchObjects turns tc's repeated "match" keys into one array, as gip
// prints them, so that the two documents compare by value. Under -s, on a
// kernel that counts u32 key hits, tc prints each key's "success" count
// as a sibling after its "match" object (a repeated key of the options);
// gip prints it inside the key's element, where it belongs.
var (
	matchObjects = regexp.MustCompile(`("match":\{[^{}]*\}(,"success":\d+)?,?)+`)
	matchItem    = regexp.MustCompile(`"match":(\{[^{}]*)\}(,"success":\d+)?`)
)

// gipSelectors is what gip's JSON adds to tc's u32 options: the keys
// decoded back to selectors.
var gipSelectors = regexp.MustCompile(`,"selectors":\[[^\]]*\]`)

// withoutSelectors is gip's JSON without its u32 "selectors", to compare
// with tc's.
func withoutSelectors(s string) string { return gipSelectors.ReplaceAllString(s, "") }

func matchArray(s string) string {
	return matchObjects.ReplaceAllStringFunc(s, func(m string) string {
		comma := ""
		if strings.HasSuffix(m, ",") {
			m, comma = strings.TrimSuffix(m, ","), ","
		}
		var items []string
		for _, it := range matchItem.FindAllStringSubmatch(m, -1) {
			items = append(items, it[1]+it[2]+"}")
		}
		return `"match":[` + strings.Join(items, ",") + `]` + comma
	})
}

// TestTCFilterMatchesTC builds the same filters with tc in one namespace
// and with gip tc in another and compares the listings of both tools on
// both; JSON compares by value, with tc's repeated "match" keys as the
// array gip prints.
func TestTCFilterMatchesTC(t *testing.T) {
	byTC, byGip := tcNS(t), tcNS(t)
	for _, line := range tcFilterSetup {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
	}
	for _, line := range tcFilterShows {
		compareFilterListing(t, line, byTC, byGip)
	}
}

// compareFilterListing compares a listing of tc and gip tc on both
// namespaces (JSON by value, tc's repeated "match" keys as gip's array,
// without gip's "selectors"), and tc's listings of the two.
func compareFilterListing(t *testing.T, line, byTC, byGip string) {
	t.Helper()
	w := strings.Fields(line)
	for _, ns := range []string{byTC, byGip} {
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
		if strings.Contains(line, "-j") {
			var a, b any
			if err := json.Unmarshal([]byte(maskTimes(matchArray(ref.Stdout))), &a); err != nil {
				t.Fatalf("tc %s: %v\n%s", line, err, matchArray(ref.Stdout))
			}
			if err := json.Unmarshal([]byte(maskTimes(withoutSelectors(got.Stdout))), &b); err != nil {
				t.Fatalf("gip tc %s: not JSON: %v\n%s", line, err, got.Stdout)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("tc %s: JSON differs\n tc:  %s\n gip: %s", line, matchArray(ref.Stdout), got.Stdout)
			}
			continue
		}
		compareLines(t, "tc "+line, maskTimes(ref.Stdout), maskTimes(got.Stdout))
	}
	a := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
	b := tool(t, "tc", append([]string{"-n", byGip}, w...)...)
	compareLines(t, "tc "+line+" (built by tc, by gip)", stripTimes(a.Stdout), stripTimes(b.Stdout))
}

// actionIndex matches the index the kernel gave an action, which counts on
// across namespaces.
var actionIndex = regexp.MustCompile(`(index|"index":) ?[0-9]+`)

func stripIndex(s string) string { return actionIndex.ReplaceAllString(s, "index N") }

func TestTCFilterErrorsMatchTC(t *testing.T) {
	ns := tcNS(t)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "1:", "htb")
	must(t, "tc", "-n", ns, "filter", "add", "dev", "v0", "parent", "1:", "protocol", "ip", "prio", "10", "u32", "match", "ip", "dst", "10.0.0.0/8", "flowid", "1:1")
	for _, line := range tcFilterErrors {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
			t.Errorf("tc %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
				line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
		}
	}
}

// TestTCBatch runs batch files with tc and gip tc: a good one must leave
// the same state; one with a mistake on its third line prints tc's
// messages, and where tc has applied the two lines before it gip has
// applied nothing (it parses the whole file first); with -force both go
// on past it.
func TestTCBatch(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, lines ...string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good", tcFilterSetup[:8]...)
	bad := write("bad", "qdisc add dev v0 root handle 1: htb",
		"class add dev v0 parent 1: classid 1:1 htb rate 1mbit",
		"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 300.1.1.1 flowid 1:1",
		"qdisc add dev v1 root pfifo")
	refused := write("refused", "qdisc add dev v0 root handle 1: htb",
		"qdisc add dev v0 root handle 1: htb",
		"qdisc add dev v1 root pfifo limit 5")
	// u32 keys are sent ahead once a key of their classifier stands, and
	// undone when an earlier line fails: the classifier, its hash table
	// and the keys before the failure stay, as tc leaves them.
	u32Lines := []string{"qdisc add dev v0 root handle 1: htb",
		"filter add dev v0 parent 1: prio 10 handle 2: protocol ip u32 divisor 256",
		"filter add dev v0 parent 1: protocol ip prio 10 u32 ht 800:: match ip dst 10.0.0.0/8 hashkey mask 0x000000ff at 16 link 2:"}
	for i := range 40 {
		u32Lines = append(u32Lines, fmt.Sprintf("filter add dev v0 parent 1: protocol ip prio 10 u32 ht 2:%x: match ip dst 10.0.0.%d/32 flowid 1:1", i%3, i))
		if i == 20 {
			u32Lines = append(u32Lines, "filter add dev v0 parent 1: protocol ip prio 10 handle 2:1:7 u32 ht 2:1: match ip dst 10.9.9.9/32 flowid 1:1")
		}
	}
	u32Refused := write("u32-refused", u32Lines...)
	onlyNode := write("only-node-refused", "qdisc add dev v0 root handle 1: htb",
		"filter add dev v0 parent 1: prio 10 handle 2: protocol ip u32 divisor 16",
		"filter add dev v0 parent 1: protocol ip prio 10 u32 ht 2:1: match ip dst 10.0.0.1/32 flowid 1:1",
		"filter add dev v0 parent 1: protocol ip prio 10 handle 2:1:800 u32 ht 2:1: match ip dst 10.0.0.2/32 flowid 1:1",
		"filter add dev v0 parent 1: protocol ip prio 10 u32 ht 2:2: match ip dst 10.0.0.3/32 flowid 1:1")
	for _, c := range []struct {
		name       string
		args       []string
		gipApplies bool // else gip leaves the namespace as it was
	}{
		{"u32 keys after a refused key", []string{"-batch", u32Refused}, true},
		{"u32 keys after a refused key -force", []string{"-force", "-batch", u32Refused}, true},
		{"the classifier's only key refused", []string{"-batch", onlyNode}, true},
		{"good", []string{"-batch", good}, true},
		{"bad", []string{"-batch", bad}, false},
		{"bad -force", []string{"-force", "-batch", bad}, true},
		{"refused", []string{"-batch", refused}, true},
		{"refused -force", []string{"-force", "-batch", refused}, true},
	} {
		byTC, byGip := tcNS(t), tcNS(t)
		ref := tool(t, "tc", append([]string{"-n", byTC}, c.args...)...)
		got := gip(t, append([]string{"tc", "-n", byGip}, c.args...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("%s: gip exit %d %q, tc exit %d %q", c.name, got.code, got.Stderr, ref.code, ref.Stderr)
		}
		for _, show := range []string{"qdisc show", "class show dev v0", "filter show dev v0"} {
			a := tool(t, "tc", append([]string{"-n", byTC}, strings.Fields(show)...)...)
			b := tool(t, "tc", append([]string{"-n", byGip}, strings.Fields(show)...)...)
			if !c.gipApplies {
				if strings.Contains(b.Stdout, "htb") {
					t.Errorf("%s: gip applied lines before the bad one:\n%s", c.name, b.Stdout)
				}
				continue
			}
			compareLines(t, c.name+": "+show, autoHandle.ReplaceAllString(a.Stdout, "8XXX$1"), autoHandle.ReplaceAllString(b.Stdout, "8XXX$1"))
		}
	}
}

// TestTCShowDevice checks gip tc show dev: the qdisc, class and filter
// listings of the device in one, and in JSON one document holding what
// the listings print.
func TestTCShowDevice(t *testing.T) {
	ns := tcNS(t)
	for _, line := range []string{
		"qdisc add dev v0 root handle 1: htb", "class add dev v0 parent 1: classid 1:1 htb rate 1mbit",
		"qdisc add dev v0 parent 1:1 handle 10: pfifo", "qdisc add dev v0 clsact",
		"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1",
		"filter add dev v0 ingress protocol ip prio 2 u32 match ip src 2.2.2.2 action mirred egress redirect dev v1",
	} {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	want := gip(t, "tc", "-n", ns, "qdisc", "show", "dev", "v0").Stdout +
		gip(t, "tc", "-n", ns, "class", "show", "dev", "v0").Stdout +
		"filters parent 1:\n" + gip(t, "tc", "-n", ns, "filter", "show", "dev", "v0", "parent", "1:").Stdout +
		"filters ingress\n" + gip(t, "tc", "-n", ns, "filter", "show", "dev", "v0", "ingress").Stdout
	got := gip(t, "tc", "-n", ns, "show", "dev", "v0")
	if got.code != 0 || got.Stdout != want {
		t.Errorf("gip tc show dev v0: exit %d\n%s\nwant\n%s", got.code, got.Stdout, want)
	}
	var doc struct {
		Dev     string           `json:"dev"`
		Qdiscs  []map[string]any `json:"qdiscs"`
		Classes []map[string]any `json:"classes"`
		Filters []struct {
			Parent  string           `json:"parent"`
			Hook    string           `json:"hook"`
			Filters []map[string]any `json:"filters"`
		} `json:"filters"`
	}
	j := gip(t, "tc", "-n", ns, "-j", "show", "dev", "v0")
	if err := json.Unmarshal([]byte(j.Stdout), &doc); err != nil {
		t.Fatalf("gip tc -j show dev v0: %v\n%s", err, j.Stdout)
	}
	if doc.Dev != "v0" || len(doc.Qdiscs) != 3 || len(doc.Classes) != 1 || len(doc.Filters) != 2 ||
		doc.Filters[1].Hook != "ingress" || len(doc.Filters[1].Filters) != 3 {
		t.Errorf("gip tc -j show dev v0: %s", j.Stdout)
	}
}

func TestMatchArrayFoldsKeys(t *testing.T) {
	for in, want := range map[string]string{
		`{"match":{"a":1},"match":{"a":2},"actions":[]}`:                           `{"match":[{"a":1},{"a":2}],"actions":[]}`,
		`{"match":{"a":1},"success":3,"match":{"a":2},"success":0}`:                `{"match":[{"a":1,"success":3},{"a":2,"success":0}]}`,
		`{"rule_hit":0,"success":0,"match":{"value":"1"},"success":0,"actions":1}`: `{"rule_hit":0,"success":0,"match":[{"value":"1","success":0}],"actions":1}`,
	} {
		if got := matchArray(in); got != want {
			t.Errorf("matchArray(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestTCBatchWarnsFullU32Bucket runs a batch of 4096 keys into one u32
// bucket with tc and gip tc: gip warns at the 4096th key (a bucket has
// 4095 node ids) and otherwise does what tc does, which depends on the
// kernel (it refuses the key, or gives it the last id again).
func TestTCBatchWarnsFullU32Bucket(t *testing.T) {
	var b strings.Builder
	b.WriteString("qdisc add dev v0 root handle 1: htb\n")
	for i := range 4096 {
		fmt.Fprintf(&b, "filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.%d.%d/32 flowid 1:1\n", i>>8, i&0xff)
	}
	file := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	byTC, byGip := tcNS(t), tcNS(t)
	ref := tool(t, "tc", "-n", byTC, "-batch", file)
	got := gip(t, "tc", "-n", byGip, "-batch", file)
	const warning = "Warning: u32: this is key 4096 of bucket 800: of pref 1: a bucket has 4095 node ids; " +
		"hash the keys into more buckets (divisor, hashkey, link)\n"
	if got.code != ref.code || got.Stderr != warning+ref.Stderr {
		t.Errorf("gip exit %d stderr %q\n tc exit %d stderr %q", got.code, got.Stderr, ref.code, ref.Stderr)
	}
	a := tool(t, "tc", "-n", byTC, "filter", "show", "dev", "v0")
	c := tool(t, "tc", "-n", byGip, "filter", "show", "dev", "v0")
	if a.Stdout != c.Stdout {
		t.Errorf("the filters differ: tc made %d lines, gip %d", strings.Count(a.Stdout, "\n"), strings.Count(c.Stdout, "\n"))
	}
}
