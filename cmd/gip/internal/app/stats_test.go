package app

import (
	"os"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// statsSetup is a bridge with a veth port, all down so that no counter
// moves between two listings.
var statsSetup = []string{
	"link add v0 type veth peer name v1", "link add br0 type bridge", "link set v0 master br0",
}

var statsShows = []string{
	"stats", "stats show", "stats show dev v0", "stats show dev br0 group xstats",
	"stats show dev v0 group xstats_slave subgroup bridge suite stp",
	"stats show group xstats_slave subgroup bridge suite stp suite mcast group link",
	"stats show group offload", "stats show group offload subgroup l3_stats", "stats show group offload subgroup hw_stats_info",
	"stats show group offload subgroup cpu_hit group afstats", "stats show dev lo group link group link",
	"stats show group xstats subgroup bond", "stats show dev v1 group link group offload subgroup cpu_hit",
	"-s stats show dev v1 group link", "-d stats show group link", "-s -s stats show dev br0", "-h stats show dev lo group link",
}

var statsErrors = []string{
	"stats help", "stats sh", "stats frob", "stats show dev nosuch", "stats show frob", "stats show group",
	"stats show group foo", "stats show subgroup x", "stats show group link subgroup x",
	"stats show group offload subgroup x", "stats show group xstats subgroup bridge suite x",
	"stats show group link suite x", "stats show dev v0 dev v1", "stats show help", "stats show dev 0123456789abcdefg",
	"stats show dev a/b", "stats set", "stats set dev v0", "stats set dev v0 l3_stats", "stats set dev v0 l3_stats maybe",
	"stats set dev v0 l3_stats on l3_stats off", "stats set l3_stats on", "stats set dev nosuch l3_stats on",
	"stats set frob", "stats set help", "stats set dev v0 dev v1 l3_stats on", "stats set dev lo l3_stats on",
}

func TestStatsMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, statsSetup...)
	compareListings(t, ref, ns, statsShows)
	for _, c := range statsErrors {
		compareCommand(t, ref, ns, c)
	}
	offload := []string{"stats show group offload subgroup hw_stats_info"}
	for _, c := range []string{"stats set dev v1 l3_stats on", "stats set dev v0 l3_stats off", "stats set dev br0 l3_stats on"} {
		compareCommand(t, ref, ns, c)
		compareListings(t, ref, ns, offload)
	}
	if out := tool(t, "ip", "-n", ns, "stats", "show", "dev", "v1", "group", "offload", "subgroup", "hw_stats_info").Stdout; !strings.Contains(out, "l3_stats on") {
		t.Errorf("gip's set does not read back through ip:\n%s", out)
	}
	compareBatch(t, ref, ns, "stats set dev v1 l3_stats off\nstats set dev nosuch l3_stats on\nstats set dev v0 l3_stats on\n", "-force")
	compareListings(t, ref, ns, offload)

	// MPLS counts what a device with MPLS input takes (afstats).
	if _, err := os.Stat("/proc/sys/net/mpls"); err != nil {
		testenv.Missing(t, testenv.MPLS, "no /proc/sys/net/mpls: %v", err)
	}
	for _, n := range []string{ref, ns} {
		must(t, "ip", "netns", "exec", n, "sysctl", "-q", "net.mpls.conf.v1.input=1")
	}
	compareListings(t, ref, ns, []string{"stats show group afstats", "stats show dev v1 group afstats subgroup mpls", "-s stats show dev v1"})
	if out := tool(t, "ip", "-n", ns, "stats", "show", "dev", "v1", "group", "afstats").Stdout; !strings.Contains(out, "noroute") {
		t.Errorf("no MPLS counters of v1:\n%s", out)
	}

	// An 802.3ad bond counts LACP frames, of the bond and of its ports.
	if r := tool(t, "ip", "-n", ns, "link", "add", "bond0", "type", "bond", "mode", "802.3ad"); r.code != 0 {
		testenv.Missing(t, testenv.LinkBond, "%s", strings.TrimSpace(r.Stderr))
	}
	must(t, "ip", "-n", ref, "link", "add", "bond0", "type", "bond", "mode", "802.3ad")
	for _, n := range []string{ref, ns} {
		must(t, "ip", "-n", n, "link", "add", "p0", "type", "veth", "peer", "name", "p1")
		must(t, "ip", "-n", n, "link", "set", "p0", "master", "bond0")
	}
	compareListings(t, ref, ns, []string{
		"stats show dev bond0 group xstats subgroup bond", "stats show dev p0 group xstats_slave",
		"stats show group xstats subgroup bond suite 802.3ad",
	})
	if out := tool(t, "ip", "-n", ns, "stats", "show", "dev", "bond0", "group", "xstats", "subgroup", "bond").Stdout; !strings.Contains(out, "LACPDU Rx 0") {
		t.Errorf("no LACP counters of bond0:\n%s", out)
	}
}
