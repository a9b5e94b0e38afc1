package tc

import (
	"path/filepath"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/filter"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Every registered filter kind has a golden fixture,
// filter/testdata/kinds/<kind>.txtar:
//
//	-- cmd --      one filter a line: the words after
//	               `filter add dev eth7 parent ffff:`
//	-- request --  the RTM_NEWTFILTER payload of each line, in hex
//	-- reply --    the kernel's RTM_NEWTFILTER payloads of
//	               `filter show dev eth7 parent ffff:`, one a line
//	-- show --, -- details --, -- stats --, -- json --
//	               that listing with nothing, -d, -s, -j -s
//
// The filters hang on eth7's ingress qdisc (ffff:). Several lines give a
// kind's distinct shapes (u32's hash tables and links, flower's keys).
// Requests are checked against a fake kernel in which eth7 is index 7
// and eth7p, its veth peer, index 8; the listings are made from a fake
// kernel holding the replies, without privileges.
//
// A kind added later fails this test until it has a fixture: write its
// cmd section, then run (as root, which captures from the host kernel)
//
//	GIP_UPDATE_KINDS=1 go test ./cmd/gip/internal/tc -run TestFilterKindFixtures/KIND
//
// which fills the other sections. When the host kernel has the kind, the
// update adds the filters in a namespace (created and deleted by the
// test) and records its dump, the times of actions masked, comparing
// gip's listings of it with tc's in that namespace; otherwise each reply
// is built from its request, as the kernel echoes it with TCA_CHAIN.
func TestFilterKindFixtures(t *testing.T) {
	filterFixtures.test(t)
}

// ingressParent is eth7's ingress qdisc, the parent of the fixtures'
// filters.
const ingressParent = 0xffff0000

var filterFixtures = &lineObject{
	object:  "filter",
	dir:     filepath.Join("filter", "testdata", "kinds"),
	kinds:   filter.Kinds,
	newType: unix.RTM_NEWTFILTER,
	getType: unix.RTM_GETTFILTER,
	add:     []string{"filter", "add", "dev", "eth7", "parent", "ffff:"},
	list:    func(string) []string { return []string{"filter", "show", "dev", "eth7", "parent", "ffff:"} },
	views:   views,
	setup:   [][]string{{"qdisc", "add", "dev", "eth7", "handle", "ffff:", "ingress"}},
	capture: func(t *testing.T, conn *nl.Conn, _ string) [][]byte {
		return dumpTC(t, conn, unix.RTM_GETTFILTER, rtnl.TCMsg{Ifindex: 7, Parent: ingressParent})
	},
	build:  builtFilterReplies,
	hdrLen: rtnl.TCMsgLen,
}

// builtFilterReplies are the requests as the kernel lists the filters
// they add: with the chain (TCA_CHAIN, 0 unless the request named one),
// their actions bound to them (bindBuiltActions).
func builtFilterReplies(reqs [][]byte) [][]byte {
	var out [][]byte
	taken := map[string][]uint32{}
	for _, req := range reqs {
		hasChain := false
		d := nl.NewAttrDecoder(req[rtnl.TCMsgLen:])
		for d.Next() {
			hasChain = hasChain || d.Type() == unix.TCA_CHAIN
		}
		e := nl.NewAttrEncoder(append([]byte(nil), req...))
		if !hasChain {
			e.Uint32(unix.TCA_CHAIN, 0)
		}
		b, _ := e.Encode()
		bindBuiltActions(b[rtnl.TCMsgLen:], true, taken)
		out = append(out, b)
	}
	return out
}
