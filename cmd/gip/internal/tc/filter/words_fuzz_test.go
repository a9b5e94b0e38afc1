package filter

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// FuzzWords reads words as a filter kind's grammar does: what parses
// writes, once encoded and decoded as the kernel's answer is, as words
// that parse back to themselves.
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"u32||match ip dst 10.0.0.0/8 match ip dport 80 0xffff flowid 1:10", "u32|2:|divisor 16",
		"u32||ht 2:3: match u32 0 0 at 0 link 3: hashkey mask 0xff at 16 skip_sw",
		"u32||match u16 0x50 0xffff at nexthdr+2 offset plus 4 at 2 mask 0f00 shift 6 eat classid 1:1",
		"u32||match mark 0x10 0xff classid 1:2 indev t0", "matchall||classid 1:10 skip_hw", "basic||classid 1:3",
		"fw|5|classid 1:5 indev t0", "route||to 1 from 2 classid 1:1", "bpf||bytecode 1,6_0_0_0 classid 1:1 da",
		"matchall||action gact pass index 7 cookie 0a0b action mirred egress mirror dev t1 continue hw_stats delayed",
		"u32||match u32 0 0 police rate 1mbit burst 10k mtu 9000 peakrate 2mbit conform-exceed drop/pipe action vlan push id 10",
		"basic||action skbedit mark 0x10/0xff ptype host action csum tcp udp action nat egress 10.0.0.0/8 10.1.0.1",
		"fw|1|action connmark zone 3 action sample rate 10 group 2 action police pkts_rate 100 pkts_burst 10 drop",
		"flow||hash keys src,dst divisor 16 perturb 5 baseclass 1:4", "flow||map key dst and 0xff xor 3 addend 10.0.0.1",
		"flower||ip_proto tcp dst_ip 10.0.0.0/8 dst_port 80 src_port 1-20 tcp_flags 0x2/0x12 ct_state +trk+est action drop",
		"flower||ip_proto udp enc_dst_ip 10.0.0.1 enc_key_id 5 enc_dst_port 4789 geneve_opts 0102:80:00112233 ip_flags frag",
		"flower||dst_mac 02:00:00:00:00:01/24 ip_tos 4/fc ip_ttl 64 ct_mark 1/0xf ct_zone 2 ct_label 01/ff verbose skip_sw",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := strings.SplitN(s, "|", 3)
		if len(parts) != 3 {
			return
		}
		kind, handle, words := parts[0], parts[1], strings.Fields(parts[2])
		for i, w := range words {
			words[i] = strings.ReplaceAll(w, "_", " ")
		}
		// CanonWords sends the options through their encoding and
		// decoding: what it writes is what the kernel's answer reads as.
		w, err := CanonWords(kind, handle, testParent, unix.ETH_P_IP, words)
		if err != nil {
			return
		}
		again, err := CanonWords(kind, handle, testParent, unix.ETH_P_IP, w.Flat())
		if err != nil || !slices.EqualFunc(again, w, slices.Equal) {
			t.Fatalf("%s %q: words %q read back as %q, %v", kind, words, w.Flat(), again.Flat(), err)
		}
	})
}
