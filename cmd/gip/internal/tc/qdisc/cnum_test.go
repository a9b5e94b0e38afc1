package qdisc

import "testing"

func TestCStrtoul(t *testing.T) {
	for _, c := range []struct {
		s    string
		base int
		max  uint64
		v    uint64
		ok   bool
	}{
		{"10", 10, 255, 10, true}, {" +7", 10, 255, 7, true}, {"-0", 10, 255, 0, true}, {"-1", 10, 255, 0, false},
		{"256", 10, 255, 0, false}, {"", 10, 255, 0, false}, {"1x", 10, 255, 0, false}, {"0x10", 10, 255, 0, false},
		{"0x10", 16, 0xffff, 16, true}, {"10", 16, 0xffff, 16, true}, {"0x", 16, 0xffff, 0, false},
		{"077", 0, 1<<32 - 1, 63, true}, {"0xff", 0, 1<<32 - 1, 255, true}, {"0x1ffffffff", 0, 1<<32 - 1, 0, false},
		{"99999999999999999999", 10, 1<<64 - 1, 0, false},
	} {
		v, ok := cStrtoul(c.s, c.base, c.max)
		if ok != c.ok || ok && v != c.v {
			t.Errorf("cStrtoul(%q, %d, %d) = %d, %v; want %d, %v", c.s, c.base, c.max, v, ok, c.v, c.ok)
		}
	}
}

func TestCStrtol(t *testing.T) {
	for _, c := range []struct {
		s  string
		v  int64
		ok bool
	}{
		{"5", 5, true}, {"-64", -64, true}, {" +3", 3, true}, {"", 0, true}, {"x", 0, false}, {"5x", 5, false},
		{"+", 0, false}, {"99999999999999999999", 1<<63 - 1, true}, {"-99999999999999999999", -1 << 63, true},
	} {
		v, ok := cStrtol(c.s)
		if ok != c.ok || v != c.v {
			t.Errorf("cStrtol(%q) = %d, %v; want %d, %v", c.s, v, ok, c.v, c.ok)
		}
	}
}
