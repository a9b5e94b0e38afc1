package action

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// FuzzParseList reads arbitrary words as an action list (the words after
// a filter's "action"; devices never resolve): never a panic, and what
// parses encodes.
func FuzzParseList(f *testing.F) {
	for _, s := range []string{
		"mirred egress redirect dev v1", "police rate 1mbit burst 10k conform-exceed drop/pipe",
		"gact drop random determ pass 10", "vlan push id 100 protocol 802.1ad priority 3 pass",
		"skbedit queue_mapping 3 priority 1:2 mark 7/0xff ptype host", "csum iph tcp udp",
		"nat ingress 10.0.0.0/8 192.168.1.1", "connmark zone 3 index 4", "pedit ex munge ip ttl decrement",
		"pedit munge offset 12 u32 set 0x0a000001 retain 0xff00 pipe", "tunnel_key set src_ip 1.1.1.1 dst_ip 2.2.2.2 id 7 dst_port 4789",
		"ct commit zone 1 nat src addr 10.0.0.1-10.0.0.9 port 1000-2000", "sample rate 100 group 5 trunc 64",
		"mpls push label 20 tc 3 ttl 9", "skbmod set dmac 02:00:00:00:00:01 swap mac", "bpf bytecode '1,6 0 0 0'",
		"drop action goto chain 5 action jump 2", "police rate 1mbit burst 10k index 5 cookie 0a0b",
	} {
		f.Add(s)
	}
	noDevices := func(string) (int32, error) { return 0, errors.New("no devices here") }
	f.Fuzz(func(t *testing.T, s string) {
		acts, err := ParseList(grammar.NewArgs(strings.Fields(s)), noDevices, io.Discard)
		defer Release(acts)
		if err != nil {
			return
		}
		e := nl.NewAttrEncoder(nil)
		rtnl.EncodeActions(e, 1, acts)
		_, _ = e.Encode()
	})
}
