package app

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// mixedBatches are batches of every object's changes, with failures in
// the middle: lines pipelined by the plan executor must leave exactly the
// state, output and exit code ip's line-by-line run leaves.
var mixedBatches = []struct{ name, input string }{
	{"all succeed", `
link add d0 type veth peer name e0
link set d0 up
addr add 10.1.0.1/24 dev d0
addr add 2001:db8:1::1/64 dev d0 nodad
neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev d0
neigh add 10.1.0.3 lladdr 02:00:00:00:00:03 dev d0 nud reachable
route add 10.200.0.0/16 via 10.1.0.2
rule add from 10.3.0.0/16 table 100 pref 1000
neigh replace 10.1.0.3 lladdr 02:00:00:00:00:33 dev d0
addr del 10.1.0.1/24 dev d0
`},
	{"a refusal in the middle", `
link add d0 type veth peer name e0
link set d0 up
addr add 10.1.0.1/24 dev d0
neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev d0
neigh add 10.1.0.4 lladdr 02:00:00:00:00:04 dev d0
addr add 10.1.0.1/24 dev d0
neigh add 10.1.0.5 lladdr 02:00:00:00:00:05 dev d0
addr add 10.1.0.9/24 dev d0
rule add from 10.4.0.0/16 table 100 pref 1001
`},
	{"a neighbour refusal ends the batch, as ip exits there", `
link add d0 type veth peer name e0
neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev d0
neigh add 10.1.0.4 lladdr 02:00:00:00:00:04 dev d0
neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev d0
neigh add 10.1.0.5 lladdr 02:00:00:00:00:05 dev d0
addr add 10.1.0.9/24 dev d0
`},
	{"the undo of a rule cannot take an older rule", undoSetup + duplicateRoute + `rule add pref 100 iif lo lookup 100
route add 10.2.0.0/24 dev d0
rule add pref 100 lookup 100
`},
	{"the undo of an IPv6 route takes the new route, not one of lower metric", undoSetup + `route add 2001:db8:5::/64 dev d0 metric 1
` + duplicateRoute + `route add 2001:db8:5::/64 dev d0
route add unreachable 2001:db8:7::/64
`},
	{"a proxy entry added again is not undone", undoSetup + `neigh add proxy 10.0.0.5 dev d0
` + duplicateRoute + `neigh add proxy 10.0.0.5 dev d0
`},
	{"a nexthop whose id the kernel chose", undoSetup + `nexthop add dev d0
` + duplicateRoute + `nexthop add dev d0
`},
	{"a warning keeps its place after an earlier failure", undoSetup + duplicateRoute + `addr del 10.0.0.1 dev d0
`},
	{"an unknown device in the middle", `
link add d0 type veth peer name e0
neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev d0
addr add 10.1.0.1/24 dev d0
neigh add 10.1.0.3 lladdr 02:00:00:00:00:03 dev nosuch
neigh add 10.1.0.4 lladdr 02:00:00:00:00:04 dev d0
`},
	{"names made by earlier lines", `
link add d1 type veth peer name e1
addr add 10.9.0.1/24 dev d1
link set d1 name d2
addr add 10.9.0.2/24 dev d2
neigh add 10.9.0.7 lladdr 02:00:00:00:00:07 dev d2
neigh add 10.9.0.8 lladdr 02:00:00:00:00:08 dev e1
link del d2
addr add 10.9.0.3/24 dev d2
`},
	{"a bad argument ends the batch at once", `
link add d0 type veth peer name e0
neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev d0
addr add 10.1.0.300/24 dev d0
neigh add 10.1.0.4 lladdr 02:00:00:00:00:04 dev d0
`},
}

// undoSetup is the start of the batches that check undos: a veth pair,
// up, with an address of each family.
const undoSetup = `
link add d0 type veth peer name d1
link set d0 up
link set d1 up
addr add 10.0.0.1/24 dev d0
addr add 2001:db8::1/64 dev d0 nodad
`

// duplicateRoute fails on its second line, while later lines are sent.
const duplicateRoute = `route add 10.1.0.0/24 dev d0
route add 10.1.0.0/24 dev d0
`

// stateOf is what a batch leaves in a namespace, as ip sees it.
func stateOf(t *testing.T, ns string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range [][]string{
		{"-br", "link"}, {"-br", "addr"}, {"neigh", "show", "nud", "all"}, {"neigh", "show", "proxy"},
		{"route", "show", "table", "all"}, {"rule"}, {"nexthop"},
	} {
		r := tool(t, "ip", append([]string{"-n", ns}, args...)...)
		out := withoutLocal(r.Stdout)
		if args[0] == "-br" && args[1] == "addr" {
			out = r.Stdout // link-local addresses are dropped by word below
		}
		if args[len(args)-1] == "link" {
			// Link-layer addresses of new veths are random, and the
			// operational state settles some time after a change: a
			// link is its name and whether it is up.
			var rows []string
			for _, l := range strings.Split(out, "\n") {
				if f := strings.Fields(l); len(f) > 0 {
					up := strings.Contains(f[len(f)-1], ",UP") || strings.Contains(f[len(f)-1], "<UP")
					l = fmt.Sprintf("%s up=%v", f[0], up)
				}
				rows = append(rows, l)
			}
			out = strings.Join(rows, "\n")
		}
		if args[0] == "route" {
			// A route's linkdown flag follows the carrier, which settles
			// asynchronously too.
			out = strings.ReplaceAll(out, " linkdown", "")
		}
		if args[0] == "-br" && args[1] == "addr" {
			// The operational state settles asynchronously (see above).
			var rows []string
			for _, l := range strings.Split(out, "\n") {
				if f := strings.Fields(l); len(f) > 1 {
					words := f[:1:1]
					for _, w := range f[2:] {
						if !strings.HasPrefix(w, "fe80::") {
							words = append(words, w)
						}
					}
					l = strings.Join(words, " ")
				}
				rows = append(rows, l)
			}
			out = strings.Join(rows, "\n")
		}
		if args[0] == "neigh" {
			// The neighbour table's order hashes the namespace too, the
			// kernel adds entries of its own (neighbour discovery on the
			// veths) when it likes, and a reachable entry goes stale in
			// time: an entry is a batch's when it has a link-layer
			// address the batches use, or is a proxy, and is its address,
			// device and link-layer address.
			var rows []string
			for _, l := range strings.Split(out, "\n") {
				f := strings.Fields(l)
				switch {
				case len(f) >= 5 && f[3] == "lladdr" && strings.HasPrefix(f[4], "02:00:00:00:00:"):
					rows = append(rows, strings.Join(f[:5], " "))
				case len(f) >= 3 && args[len(args)-1] == "proxy":
					rows = append(rows, l)
				}
			}
			slices.Sort(rows)
			out = strings.Join(rows, "\n") + "\n"
		}
		fmt.Fprintf(&b, "== ip %s\n%s", strings.Join(args, " "), out)
	}
	return b.String()
}

func TestMixedBatchesMatchIP(t *testing.T) {
	for _, c := range mixedBatches {
		for _, force := range []bool{false, true} {
			ref, ns := testNS(t), testNS(t)
			for _, n := range []string{ref, ns} {
				must(t, "ip", "netns", "exec", n, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0")
			}
			args := []string{"-batch", "-"}
			if force {
				args = append([]string{"-force"}, args...)
			}
			cmd := execIP(t, append([]string{"-n", ref}, args...)...)
			var wout, werr bytes.Buffer
			cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(c.input), &wout, &werr
			wcode := 0
			if err := cmd.Run(); err != nil {
				wcode = cmd.ProcessState.ExitCode()
			}
			var gout, gerr bytes.Buffer
			gcode := Run(append([]string{"-n", ns}, args...), strings.NewReader(c.input), &gout, &gerr)
			if gcode != wcode || gerr.String() != werr.String() || gout.String() != wout.String() {
				t.Errorf("%s (force %v): ip exit %d %q, gip exit %d %q", c.name, force, wcode, werr.String(), gcode, gerr.String())
			}
			if a, b := stateOf(t, ref), stateOf(t, ns); a != b {
				t.Errorf("%s (force %v): state differs:\n%s", c.name, force, firstDifference(a, b))
			}
			if strings.Contains(c.name, "nexthop") {
				// The next id the kernel chooses is state too.
				tool(t, "ip", "-n", ref, "nexthop", "add", "dev", "d0")
				tool(t, "ip", "-n", ns, "nexthop", "add", "dev", "d0")
				if a, b := stateOf(t, ref), stateOf(t, ns); a != b {
					t.Errorf("%s (force %v): the next nexthop id differs:\n%s", c.name, force, firstDifference(a, b))
				}
			}
		}
	}
}
