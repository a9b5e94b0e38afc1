package filter

import (
	"io"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// FuzzParseLine reads arbitrary words as tc filter add's, kind and all,
// with "block 1" in place of a device: never a panic, and what parses
// encodes.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		"parent 1: protocol ip prio 10 u32 match ip dst 10.0.0.0/8 flowid 1:1",
		"parent 1: protocol ip prio 20 u32 match ip src 192.168.1.1 match ip dport 80 0xffff match ip protocol 6 0xff classid 1:2",
		"parent 1: prio 10 handle 2: protocol ip u32 divisor 256",
		"parent 1: protocol ip prio 10 u32 ht 800:: match ip dst 10.0.0.0/8 hashkey mask 0x000000ff at 16 link 2:",
		"ingress prio 1 protocol ip flower src_ip 10.0.0.1 dst_port 80 ip_proto tcp action drop",
		"ingress prio 2 matchall action mirred egress mirror dev v1", "parent 1: handle 5 fw classid 1:5",
		"parent 1: route to 5 classid 1:1", "parent 1: basic match 'meta(priority eq 1)' classid 1:1",
		"parent 1: flow hash keys src,dst divisor 16 baseclass 1:1", "ingress bpf bytecode '1,6 0 0 0' da",
		"parent 1: protocol ip prio 1 u32 match u32 0 0 police rate 1mbit burst 10k drop",
		"ingress chain 3 prio 1 protocol 802.1q flower vlan_id 5 vlan_prio 2 action goto chain 4",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := &env.Env{G: &env.Global{}, Stdout: io.Discard, Stderr: io.Discard}
		l, err := parseLine(e, append([]string{"block", "1"}, strings.Fields(s)...), false)
		if err != nil {
			return
		}
		defer l.release()
		if err := l.parseKind(e, false); err != nil {
			return
		}
		_, _ = l.spec.Message(unix.RTM_NEWTFILTER, nl.Create|nl.Excl)
	})
}
