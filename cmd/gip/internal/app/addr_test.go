package app

import (
	"strings"
	"testing"

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
