package qdisc

import (
	"slices"
	"strings"
	"testing"
)

// TestCanonWords parses option words, writes them as the kernel would
// report them, and checks that those words parse back to themselves.
func TestCanonWords(t *testing.T) {
	for _, c := range []struct {
		kind  string
		class bool
		in    string
		want  string
	}{
		{"htb", false, "default 10", "default 10 r2q 10"},
		{"htb", false, "r2q 5 default 1a direct_qlen 30", "default 1a r2q 5 direct_qlen 30"},
		{"htb", true, "rate 1mbit", "rate 1Mbit ceil 1Mbit burst 1600b cburst 1600b prio 0"},
		{"htb", true, "rate 3mbit ceil 5mbit burst 15k prio 2 quantum 3000 overhead 4 mpu 64 linklayer atm",
			"rate 3Mbit ceil 5Mbit burst 15kb cburst 1600b prio 2 quantum 3000 overhead 4 mpu 64 linklayer atm"},
		{"htb", true, "rate 10gbit", "rate 10Gbit ceil 10Gbit burst 1680b cburst 1680b prio 0"}, // 80-byte ticks
		{"tbf", false, "rate 1mbit burst 10k latency 50ms", "rate 1Mbit burst 10kb limit 16490b"},
		{"tbf", false, "rate 2mbit burst 4k limit 30000 peakrate 3mbit mtu 1600", "rate 2Mbit burst 4kb limit 30000b peakrate 3Mbit mtu 1600b"},
		{"pfifo", false, "limit 50", "limit 50"},
		{"bfifo", false, "", ""},
		{"clsact", false, "", ""},
	} {
		got, err := CanonWords(c.kind, c.class, "", strings.Fields(c.in))
		if err != nil {
			t.Errorf("%s %q: %v", c.kind, c.in, err)
			continue
		}
		if s := strings.Join(got.Flat(), " "); s != c.want {
			t.Errorf("%s %q: %q, want %q", c.kind, c.in, s, c.want)
		}
		again, err := CanonWords(c.kind, c.class, "", got.Flat())
		if err != nil || !slices.EqualFunc(again, got, slices.Equal) {
			t.Errorf("%s %q: words %q parse to %q, %v", c.kind, c.in, got.Flat(), again.Flat(), err)
		}
	}
	if _, err := CanonWords("choke", false, "", nil); err == nil {
		t.Errorf("a kind gip does not know has words")
	}
}
