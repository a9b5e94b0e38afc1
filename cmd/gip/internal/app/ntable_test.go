package app

import (
	"fmt"
	"strings"
	"testing"
)

// What moves between two listings: the reachable time the kernel draws
// again now and then, and (-s) the tables' kernel-wide configuration and
// statistics.
var ntableMoving = newMasker(
	`\breachable( |": ?)[0-9]+`, "reachable${1}0",
	`[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}`, "DATE",
	`\b(entries|allocs|destroys|hash_grows|res_failed|lookups|hits|rcv_probes_mcast|rcv_probes_ucast|periodic_gc_runs|forced_gc_runs|table_fulls|hash_rnd|hash_chain_gc|proxy_qlen)( |": ?)[0-9]+`, "${1}${2}0",
	`hash_mask( |": ?)"?[0-9a-fx]+"?`, "hash_mask${1}0",
)

var ntableShows = []string{
	"ntable", "ntbl", "ntable show", "ntable list", "ntable lst", "ntable s", "ntable show dev v0",
	"ntable show dev none", "ntable show name arp_cache", "ntable show name ndisc_cache dev v1", "-4 ntable",
	"-6 ntable", "-s ntable show dev none", "-s ntable", "-o ntable", "-o -s ntable show name arp_cache",
	"ntable show name nosuch", "-f link ntable", "-f mpls ntable", "ntable show dev v0 dev none",
}

var ntableErrors = []string{
	"ntable show dev nosuch", "ntable show frob", "ntable show dev", "ntable show name", "ntable help", "ntable frob",
	"ntable change", "ntable change name arp_cache", "ntable change name arp_cache dev nosuch queue 5",
	"ntable change name arp_cache frob 1", "ntable change name arp_cache queue x", "ntable change name arp_cache thresh1 -1",
	"ntable change name arp_cache name x queue 3", "ntable change queue 3", "ntable change name nosuch dev v0 queue 3",
	"ntable change name arp_cache gc_int 99999999999999999999", "ntable change name arp_cache dev v0",
	"ntable change name arp_cache dev", "ntable change name arp_cache queue 0x100000000",
	// Outside the first namespace the kernel refuses the thresholds,
	// the interval and the tables' default parameters.
	"ntable change name arp_cache thresh1 100", "ntable change name arp_cache gc_int 1000",
	"ntable change name arp_cache queue 50", "ntable change name arp_cache dev v0 thresh3 5",
}

var ntableChanges = []string{
	"ntable change name arp_cache dev v0 retrans 2000 locktime 0x10",
	"ntable chg name ndisc_cache dev v1 base_reachable 12000 gc_stale 010 delay_probe 7 queue 33 app_probes 1 ucast_probes 4 mcast_probes 5 anycast_delay 6 proxy_delay 9 proxy_queue 11",
	"-6 ntable change name ndisc_cache dev v0 queue 44", "-4 ntable change name ndisc_cache dev v0 queue 45",
	"ntable change name arp_cache dev v1 queue 0",
}

func TestNtableMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link add v0 type veth peer name v1")
	same := func(c string) {
		t.Helper()
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
			args := append(append([]string{"-n", ns}, opts...), splitArgs(c)...)
			want, got := tool(t, "ip", args...), gip(t, args...)
			if got.code != want.code || got.Stderr != asGip(want.Stderr) {
				t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
			}
			w, g := ntableMoving.apply(want.Stdout), ntableMoving.apply(got.Stdout)
			if opts == nil {
				compareLines(t, strings.Join(args, " "), w, g)
			} else if !jsonEqual(t, w, g) {
				t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
			}
		}
	}
	for _, c := range ntableShows {
		same(c)
	}
	for _, c := range ntableErrors {
		compareCommand(t, ref, ns, c)
	}
	listings := func(what string) {
		t.Helper()
		a := ntableMoving.apply(tool(t, "ip", "-n", ref, "ntable").Stdout)
		b := ntableMoving.apply(tool(t, "ip", "-n", ns, "ntable").Stdout)
		compareLines(t, what+": the tables ip changed and those gip changed, as ip lists them", a, b)
	}
	for _, c := range ntableChanges {
		compareCommand(t, ref, ns, c)
		listings(c)
	}
	if out := tool(t, "ip", "-n", ns, "ntable", "show", "dev", "v1", "name", "ndisc_cache").Stdout; !strings.Contains(out, "queue 33") || !strings.Contains(out, "proxy_queue 11") {
		t.Errorf("gip's change does not read back through ip:\n%s", out)
	}
	for _, c := range []string{"ntable show dev v1", "-s ntable show dev v0"} {
		same(c)
	}
	// A batch: a refused change ends it at once, even with -force (ip
	// exits there).
	batch := "ntable change name arp_cache dev v0 queue 61\nntable change name arp_cache queue 62\nntable change name arp_cache dev v1 queue 63\n"
	for _, force := range [][]string{nil, {"-force"}} {
		compareBatch(t, ref, ns, batch, force...)
		listings("batch")
	}
	compareBatch(t, ref, ns, "ntable change name arp_cache dev v1 queue 64\nntable change name arp_cache dev nosuch queue 1\nntable change name arp_cache dev v0 queue 65\n", "-force")
	listings("batch with an unknown device")
}

// With many devices the kernel's dump of the tables spans many
// datagrams and repeats a table's own record at each datagram it starts
// inside that table: the listing follows the dump's cut, which must be
// ip's.
func TestNtableManyDevicesMatchesIP(t *testing.T) {
	ns := testNS(t)
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "link add a%d type veth peer name b%d\n", i, i)
	}
	cmd := execIP(t, "-n", ns, "-batch", "-")
	cmd.Stdin = strings.NewReader(b.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ip -batch: %v: %s", err, out)
	}
	for _, opts := range [][]string{nil, {"-j"}} {
		args := append(append([]string{"-n", ns}, opts...), "ntable", "show")
		want, got := tool(t, "ip", args...), gip(t, args...)
		w, g := ntableMoving.apply(want.Stdout), ntableMoving.apply(got.Stdout)
		if opts == nil {
			compareLines(t, strings.Join(args, " "), w, g)
		} else if !jsonEqual(t, w, g) {
			t.Errorf("%v: JSON differs", args)
		}
	}
}
