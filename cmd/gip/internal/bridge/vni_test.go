package bridge

import (
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

func TestPlanVni(t *testing.T) {
	g := netip.MustParseAddr("239.1.1.1")
	for _, c := range []struct {
		line, err string
		want      []rtnl.VNIEntry
	}{
		{line: "dev vx0 vni 100 group 239.1.1.1", want: []rtnl.VNIEntry{{Start: 100, Group: g}}},
		{line: "vni 1-3,,9x frob dev vx0", want: []rtnl.VNIEntry{{Start: 1, End: 3}, {Start: 9}}},
		{line: "dev vx0 vni 5 remote 10.0.0.1", want: []rtnl.VNIEntry{{Start: 5, Group: netip.MustParseAddr("10.0.0.1")}}},
		{line: "dev vx0 vni 5 group 10.0.0.1", err: `Error: argument "10.0.0.1" is wrong: invalid group address`},
		{line: "dev vx0 vni 5 remote 10.0.0.1 group 239.1.1.1", err: `Error: argument "group" is wrong: duplicate group`},
		{line: "dev vx0 vni 5 vni 6", err: `Error: argument "6" is wrong: duplicate vni`},
		{line: "dev vx0 vni 5 group zz", err: `Error: any valid address is expected rather than "zz".`},
		{line: "dev vx0", err: "Device and VNI ID are required arguments."},
		{line: "dev vx0 vni", err: `Command line is not complete. Try option "help"`},
	} {
		steps, err := planVni(strings.Fields(c.line), rtnl.RTMNewTunnel)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: %v, want %s", c.line, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		m, err := steps[0].Build(testEnv())
		if err != nil {
			t.Fatal(err)
		}
		got, err := rtnl.ParseVNI(m)
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type != rtnl.RTMNewTunnel || !reflect.DeepEqual(got.Entries, c.want) {
			t.Errorf("%q: %+v, want %+v", c.line, got.Entries, c.want)
		}
	}
}

// FuzzPlanVni parses arbitrary vni add lines: refused or planned, never
// a panic, and a planned line builds a request that decodes.
func FuzzPlanVni(f *testing.F) {
	for _, s := range []string{"dev vx0 vni 100 group 239.1.1.1", "dev vx0 vni 1-3,7 remote 2001:db8::1", "vni , dev vx0", "dev v1 vni -"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		steps, err := planVni(args, rtnl.RTMNewTunnel)
		if err != nil || !known(args, "dev") {
			return
		}
		m, err := steps[0].Build(testEnv())
		if err != nil {
			return
		}
		if _, err := rtnl.ParseVNI(m); err != nil {
			t.Fatalf("%q: the request does not decode: %v", line, err)
		}
	})
}
