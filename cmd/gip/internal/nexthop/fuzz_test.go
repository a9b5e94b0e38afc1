package nexthop

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The NH grammar never panics, and what it accepts encodes.
func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{
		"id 10 via 192.0.2.2 dev veth0", "blackhole", "id 3 group 1,2/2 type resilient buckets 8 idle_timer 3",
		"id 4 encap mpls 100/200 ttl 3 via inet6 fe80::1 dev veth0 onlink fdb", "id 1 group 1/2 type mpath proto 99",
	} {
		f.Add(s)
	}
	names := env.NewNames(false)
	f.Fuzz(func(t *testing.T, line string) {
		words := strings.Fields(line)
		if s, err := parseSpec(words, unix.AF_UNSPEC, names); err == nil {
			s.obj.MessageAsIs(rtnl.NexthopAdd)
		}
		parseIDOnly(words, true)
	})
}
