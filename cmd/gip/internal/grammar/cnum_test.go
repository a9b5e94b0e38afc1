package grammar

import (
	"math"
	"testing"
)

func TestStrtoul(t *testing.T) {
	for _, c := range []struct {
		s        string
		base     int
		v        uint64
		n        int
		overflow bool
	}{
		{"10", 0, 10, 2, false}, {"0x1f", 0, 31, 4, false}, {"010", 0, 8, 3, false},
		{"  7z", 0, 7, 3, false}, {"-1", 0, math.MaxUint64, 2, false}, {"+5", 10, 5, 2, false},
		{"0x", 0, 0, 1, false}, {"ff:", 16, 255, 2, false}, {"", 0, 0, 0, false}, {"z", 0, 0, 0, false},
		{"99999999999999999999", 10, math.MaxUint64, 20, true}, {"0x1f", 10, 0, 1, false},
	} {
		v, n, over := Strtoul(c.s, c.base)
		if v != c.v || n != c.n || over != c.overflow {
			t.Errorf("Strtoul(%q, %d) = %d, %d, %v; want %d, %d, %v", c.s, c.base, v, n, over, c.v, c.n, c.overflow)
		}
	}
	for _, c := range []struct {
		s    string
		base int
		max  uint64
		ok   bool
	}{
		{"255", 0, 255, true}, {"256", 0, 255, false}, {"-0", 0, 255, true}, {"1x", 0, 255, false}, {"", 0, 255, false},
	} {
		if _, ok := CUint(c.s, c.base, c.max); ok != c.ok {
			t.Errorf("CUint(%q) ok = %v", c.s, ok)
		}
	}
}

func FuzzStrtoul(f *testing.F) {
	for _, s := range []string{"10", "0x1f", "-0", " 077", "99999999999999999999"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, base int) {
		if base != 0 && (base < 2 || base > 36) {
			return
		}
		_, n, _ := Strtoul(s, base)
		if n < 0 || n > len(s) {
			t.Fatalf("Strtoul(%q, %d) read %d bytes", s, base, n)
		}
	})
}

func TestCInt(t *testing.T) {
	for _, c := range []struct {
		s    string
		base int
		v    int32
		ok   bool
	}{
		{"20", 10, 20, true}, {"-4", 10, -4, true}, {" +7", 10, 7, true}, {"0x10", 10, 0, false},
		{"0x10", 0, 16, true}, {"010", 0, 8, true}, {"2147483647", 10, 2147483647, true},
		{"2147483648", 10, 0, false}, {"-2147483648", 10, -2147483648, true}, {"-2147483649", 10, 0, false},
		{"", 10, 0, false}, {"-", 10, 0, false}, {"--1", 10, 0, false}, {"- 1", 10, 0, false}, {"1x", 10, 0, false},
	} {
		v, ok := CInt(c.s, c.base)
		if v != c.v || ok != c.ok {
			t.Errorf("CInt(%q, %d) = %d, %v; want %d, %v", c.s, c.base, v, ok, c.v, c.ok)
		}
	}
}

func TestAtoi(t *testing.T) {
	for in, want := range map[string]int{"5": 5, " -12x": -12, "+7": 7, "x": 0, "": 0, "0x10": 0, "4294967301": 5} {
		if got := Atoi(in); got != want {
			t.Errorf("Atoi(%q) = %d, want %d", in, got, want)
		}
	}
}
