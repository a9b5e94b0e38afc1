package neigh

import (
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// FuzzPlanModify parses arbitrary command lines of neigh add: a line is
// refused or planned, never a panic, and a plan builds a request the
// neighbour decoder reads back.
func FuzzPlanModify(f *testing.F) {
	for _, s := range []string{
		"192.0.2.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent", "proxy 2001:db8::1 dev v0",
		"to 10.0.0.1 dev br0 router extern_learn lladdr null", "192.0.2.2 dev v0 nud", "help",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		steps, err := planModify(args, 0, unix.RTM_NEWNEIGH, rtnl.FlagsAdd)
		if err != nil {
			return
		}
		if en, _ := parseEntry(args, 0); en.dev != "" && en.dev != "v0" && en.dev != "br0" {
			return // a device the test resolver does not know is asked of the kernel
		}
		m, err := steps[0].Build(testEnv())
		if err != nil {
			return
		}
		if _, err := rtnl.ParseNeigh(m); err != nil {
			t.Fatalf("%q: the request does not decode: %v", line, err)
		}
	})
}

// FuzzParseFilter parses arbitrary selectors of show and flush.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"dev v0 nud all", "proxy to 192.0.2.0/24 unused", "nud none nud stale", "2001:db8::/32", "nud"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, line string, flush bool) {
		args := strings.Fields(line)
		if slices.Contains(args, "master") || slices.Contains(args, "vrf") {
			return // these resolve a device with the kernel
		}
		fl, err := parseFilter(testEnv(), args, flush)
		if err != nil {
			return
		}
		fl.match(&rtnl.Neigh{Family: unix.AF_INET})
	})
}
