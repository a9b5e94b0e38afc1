package filter

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestCanonWords parses filter option words, writes them as the kernel
// would report them, and checks that those words parse back to
// themselves.
func TestCanonWords(t *testing.T) {
	for _, c := range []struct{ kind, handle, in, want string }{
		{"u32", "", "match ip dst 10.0.0.0/8 flowid 1:10", "match u32 0xa000000 0xff000000 at 16 classid 1:10"},
		{"u32", "", "match ip src 1.2.3.4 match ip dport 80 0xffff classid 1:1",
			"match u32 0x1020304 0xffffffff at 12 match u32 0x50 0xffff at 20 classid 1:1"},
		{"u32", "", "match u16 0x50 0xffff at nexthdr+2", "match u32 0x50 0xffff at nexthdr+0"},
		{"u32", "2:", "divisor 16", "divisor 16"},
		{"u32", "", "ht 2:3: match u32 0 0 at 0 link 3: hashkey mask 0xff at 16 skip_sw", "match u32 0x0 0x0 at 0 hashkey mask 0x000000ff at 16 ht 2:3: link 3: skip_sw"},
		{"u32", "", "match mark 0x10 0xff classid 1:2", "match mark 0x10 0xff classid 1:2"},
		{"matchall", "", "classid 1:10 skip_hw", "classid 1:10 skip_hw"},
		{"basic", "", "classid 1:3", "classid 1:3"},
		{"fw", "5", "classid 1:5", "classid 1:5"},
		{"route", "", "to 1 from 2 classid 1:1", "to 1 from 2 classid 1:1"},
		{"bpf", "", "bytecode 1,6\\ 0\\ 0\\ 0 classid 1:1", ""},
	} {
		words := strings.Fields(c.in)
		if c.kind == "bpf" {
			words, c.want = []string{"bytecode", "1,6 0 0 0", "classid", "1:1"}, "bytecode 1,6 0 0 0 classid 1:1"
		}
		got, err := CanonWords(c.kind, c.handle, unix.ETH_P_IP, words, nil)
		if err != nil {
			t.Errorf("%s %q: %v", c.kind, c.in, err)
			continue
		}
		if s := strings.Join(got.Flat(), " "); s != c.want {
			t.Errorf("%s %q: %q, want %q", c.kind, c.in, s, c.want)
		}
		again, err := CanonWords(c.kind, c.handle, unix.ETH_P_IP, got.Flat(), nil)
		if err != nil || !slices.EqualFunc(again, got, slices.Equal) {
			t.Errorf("%s %q: words %q parse to %q, %v", c.kind, c.in, got.Flat(), again.Flat(), err)
		}
	}
	if _, err := CanonWords("u32", "", unix.ETH_P_IP, strings.Fields("match u32 0 0 action drop"), nil); err == nil {
		t.Errorf("u32 with an action has words")
	}
}
