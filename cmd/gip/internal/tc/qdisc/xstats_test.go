package qdisc

import (
	"encoding/binary"
	"testing"

	"github.com/gip-suite/gip/internal/format"
)

// u32s is the native bytes of 32-bit fields, as the kernel sends
// statistics.
func u32s(v ...uint32) []byte {
	var b []byte
	for _, x := range v {
		b = binary.NativeEndian.AppendUint32(b, x)
	}
	return b
}

// TestXStatsText checks the statistics lines that only traffic fills (the
// vm tier's links stay down, so the kernel reports zeros there), against
// the text tc 6.1's format strings make of them.
func TestXStatsText(t *testing.T) {
	fq := make([]byte, 104)
	for i, v := range []uint64{7, 2, 3, 9, 4, 5, 6, 1500000} {
		binary.NativeEndian.PutUint64(fq[8*i:], v)
	}
	copy(fq[64:], u32s(10, 8, 2, 2500))
	binary.NativeEndian.PutUint64(fq[80:], 11)
	binary.NativeEndian.PutUint64(fq[96:], 12)
	pie := binary.NativeEndian.AppendUint64(nil, 1<<62)
	pie = append(pie, u32s(1500, 300, 1, 40, 3, 2, 17, 5)...)
	for _, c := range []struct {
		kind string
		b    []byte
		want string
	}{
		{"codel", u32s(1514, 5, 4, 2500, 0xFFFFFC18, 1, 2, 1, 3),
			"  count 5 lastcount 4 ldelay 2.5ms dropping drop_next -1ms\n  maxpacket 1514 ecn_mark 2 drop_overlimit 1 ce_mark 3"},
		{"codel", u32s(0, 1, 0, 10, 250),
			"  count 1 lastcount 0 ldelay 10us drop_next 250us\n  maxpacket 0 ecn_mark 0 drop_overlimit 0"},
		{"fq_codel", u32s(0, 1514, 1, 2, 3, 4, 5, 6, 7000, 8),
			"  maxpacket 1514 drop_overlimit 1 new_flow_count 3 ecn_mark 2 ce_mark 6 memory_used 7000 drop_overmemory 8\n  new_flows_len 4 old_flows_len 5"},
		{"fq_codel", u32s(1, 0xFFFFFFFF, 1200, 3, 2, 1, 4000),
			"  deficit -1 count 3 lastcount 2 ldelay 1.2ms dropping drop_next 4ms"},
		{"fq", fq,
			"  flows 10 (inactive 8 throttled 2) next_packet_delay 1.5ms\n  gc 7 highprio 2 retrans 3 throttled 9 latency 2.5us ce_mark 11 flows_plimit 4\n pkts_too_long 5 alloc_errors 6  horizon_caps 12"},
		{"pie", pie, "  prob 0.25 delay 1.5ms avg_dq_rate 300\n  pkts_in 40 overlimit 2 dropped 3 maxq 17 ecn_mark 5"},
		{"fq_pie", u32s(1, 2, 3, 4, 5, 6, 7, 8, 9),
			"  pkts_in 1 overlimit 3 overmemory 4 dropped 2 ecn_mark 5\n  new_flow_count 6 new_flows_len 7 old_flows_len 8 memory_used 9"},
		{"red", u32s(1, 2, 3, 4), "  marked 4 early 1 pdrop 2 other 3 "},
		{"sfq", u32s(0xFFFFFA24), "  allot -1500"},
	} {
		text := format.NewText(format.Normal, false)
		Lookup(c.kind).XStats(format.NewTextFields(text), c.b, &View{})
		if got := string(*text.Bytes()); got != c.want {
			t.Errorf("%s xstats:\n got  %q\n want %q", c.kind, got, c.want)
		}
	}
}
