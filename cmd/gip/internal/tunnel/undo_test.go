package tunnel

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"golang.org/x/sys/unix"
)

// TestCannotUndo checks which tunnel lines an atomic batch refuses,
// without a kernel: those on a fallback device, a change without a name,
// prl; and those it takes.
func TestCannotUndo(t *testing.T) {
	for _, c := range []struct {
		verb, line string
		family     uint8
		want       string
	}{
		{"change", "pre mode gre remote 10.2.2.2 ttl 20", 0, ""},
		{"change", "name pre ttl 20", 0, ""},
		{"change", "t6 mode ip6gre hoplimit 3", unix.AF_INET6, ""},
		{"change", "gre0 mode gre ttl 3", 0, "tunnel change of the fallback device gre0"},
		{"change", "name tunl0 ttl 3", 0, "tunnel change of the fallback device tunl0"},
		{"change", "ip6tnl0 hoplimit 3", unix.AF_INET6, "tunnel change of the fallback device ip6tnl0"},
		{"change", "mode gre remote 10.1.1.1", 0, "tunnel change without a name, which may change a fallback device"},
		{"change", "mode ip6ip6 hoplimit 3", unix.AF_INET6, "tunnel change without a name, which may change a fallback device"},
		{"change", "pre ttl nonsense", 0, ""}, // fails by itself
		{"6rd", "6rd-prefix 2001:db8::/32 dev s1", 0, ""},
		{"6rd", "6rd-reset dev sit0", 0, "tunnel 6rd of the fallback device sit0"},
		{"prl", "prl-default 10.0.0.7 dev is0", 0, "tunnel prl"},
	} {
		e := &env.Env{G: &env.Global{Family: c.family}}
		rest, _, err := chooseFamily(e, append([]string{c.verb}, strings.Fields(c.line)...))
		if err != nil {
			t.Fatalf("%s %s: %v", c.verb, c.line, err)
		}
		v := Object().Verb(c.verb)
		if got := v.CannotUndo(e, rest[1:]); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.verb, c.line, got, c.want)
		}
	}
}
