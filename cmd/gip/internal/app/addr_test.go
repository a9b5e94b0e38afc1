package app

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
)

func TestMatchGlob(t *testing.T) {
	cases := []struct {
		p, s string
		want bool
	}{
		{"v0*", "v0:sec", true}, {"v0*", "v1", false}, {"*", "", true}, {"", "", true}, {"", "x", false},
		{"v?:a", "v0:a", true}, {"*:sec", "eth0:sec", true}, {"*a*b", "xxaxxb", true}, {"*a*b", "xxaxx", false},
		{"eth0", "eth0", true}, {"eth0", "eth00", false},
		{strings.Repeat("*a", 30) + "b", strings.Repeat("a", 200), false},
	}
	for _, c := range cases {
		if got := link.MatchGlob(c.p, c.s); got != c.want {
			t.Errorf("matchGlob(%q, %q) = %v", c.p, c.s, got)
		}
	}
}

func TestParsePrefixArg(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		Bits int
		Addr string
	}{
		{"192.0.2.1/24", true, 24, "192.0.2.1"}, {"10.9", true, 32, "10.9.0.0"}, {"2001:db8::/32", true, 32, "2001:db8::"},
		{"default", true, 0, "invalid IP"}, {"300.1.1.1/24", false, 0, ""}, {"10.1.1.1/33", false, 0, ""},
		{"fe80::1%eth0", false, 0, ""}, {"0x0a.1", true, 32, "10.1.0.0"}, {"1.2.3.4.5", false, 0, ""},
	} {
		p, err := grammar.ParsePrefixArg(c.in, 0)
		if (err == nil) != c.ok {
			t.Errorf("%q: err %v", c.in, err)
			continue
		}
		if err == nil && (p.Bits != c.Bits || p.Addr.String() != c.Addr) {
			t.Errorf("%q: %v/%d", c.in, p.Addr, p.Bits)
		}
	}
}
