package app

import (
	"strings"
	"testing"
)

// tcBlockSetup builds shared filter blocks: clsact and ingress qdiscs
// bound to blocks (one block shared by two devices), filters and chains
// added to a block by number, a filter deleted from one.
var tcBlockSetup = []string{
	"qdisc add dev v0 ingress_block 22 egress_block 23 clsact",
	"qdisc add dev v2 ingress_block 22 clsact",
	"qdisc add dev v4 ingress_block 30 ingress",
	"filter add block 22 protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1",
	"filter add block 22 protocol ip prio 2 u32 match ip src 10.0.0.0/8 action mirred egress redirect dev v1",
	"filter add block 23 protocol ip prio 1 u32 match ip dport 80 0xffff flowid 1:2",
	"filter add block 22 chain 3 protocol ip prio 5 u32 match ip dst 3.3.3.3 flowid 1:3",
	"chain add block 30 chain 7",
	"filter add block 30 protocol ipv6 prio 4 handle 5: u32 divisor 16",
	"filter replace block 22 protocol ip prio 1 handle 800::800 u32 match ip dst 1.1.1.2 flowid 1:1",
	"filter add block 23 protocol ip prio 9 u32 match ip dst 9.9.9.9 flowid 1:9",
	"filter del block 23 protocol ip prio 9",
	// tc takes a parent with a block, and the kernel ignores it
	"filter add block 22 parent 1: protocol ip prio 7 u32 match u32 0 0",
}

// tcBlockShows are the listings compared: the qdiscs with their blocks,
// each block's filters and chains, and a device whose hook is a block.
var tcBlockShows = []string{
	"qdisc show", "-d qdisc show", "-j qdisc show", "qdisc show dev v2",
	"filter show block 22", "-s filter show block 22", "-j filter show block 22", "-d filter show block 22",
	"filter show block 23", "-j -s filter show block 23", "filter show block 22 chain 3", "filter show block 22 prio 2",
	"filter show block 30", "chain show block 22", "chain show block 30", "-j chain show block 30",
	"filter get block 22 protocol ip prio 1 handle 800::800 u32", "filter show block 99", "chain show block 99",
}

// tcBlockErrors are mistakes about blocks: tc's messages and exit codes.
var tcBlockErrors = []string{
	"filter add block 0 protocol ip prio 1 u32 match u32 0 0",
	"filter add block x protocol ip prio 1 u32 match u32 0 0",
	"filter add block 22 dev v0 protocol ip prio 1 u32 match u32 0 0",
	"filter add dev v0 ingress protocol ip prio 7 u32 match u32 0 0",
	"filter show block x", "filter show block", "chain add block 22 chain 3",
	"qdisc add dev v4 root ingress_block 5 pfifo",
	"qdisc add dev v5 ingress_block 0 clsact", "qdisc add dev v5 ingress_block x clsact",
	"qdisc add dev v5 egress_block 5 ingress",
	"filter del block 22 protocol ip prio 99",
}

// TestTCSharedBlocksMatchTC builds the blocks with tc in one namespace and
// with gip tc in another, compares the listings of both tools on both
// (JSON by value), then the errors of both.
func TestTCSharedBlocksMatchTC(t *testing.T) {
	byTC, byGip := tcNS(t), tcNS(t)
	for _, line := range tcBlockSetup {
		w := strings.Fields(line)
		ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
		got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
		if ref.code != 0 {
			t.Fatalf("tc %s: exit %d %s", line, ref.code, ref.Stderr)
		}
		if got.code != ref.code || got.Stderr != ref.Stderr {
			t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
	}
	for _, line := range tcBlockShows {
		compareFilterListing(t, line, byTC, byGip)
	}
	for _, line := range tcBlockErrors {
		compareFailure(t, line, byTC, byGip)
	}
}
