package app

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
)

// populate builds, with ip and bridge, the state the differential tests
// compare: a veth pair, a bridge with a port, vxlan, macvlan, macvtap, ifb,
// addresses of both families with flags, peers and labels, neighbours in
// several states, an alias and an alternative name, fdb entries.
func populate(t *testing.T, ns string) {
	t.Helper()
	must(t, "ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0")
	steps := [][]string{
		{"link", "set", "lo", "up"},
		{"link", "add", "v0", "type", "veth", "peer", "name", "v1"},
		{"link", "add", "br0", "type", "bridge", "forward_delay", "400"},
		{"link", "set", "v1", "master", "br0"},
		{"link", "set", "v0", "up"},
		{"link", "set", "v1", "up"},
		{"link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "192.0.2.1"},
		{"link", "add", "link", "v0", "name", "mv0", "type", "macvlan", "mode", "bridge"},
		{"link", "add", "link", "v0", "name", "mvt0", "type", "macvtap", "mode", "vepa"},
		{"link", "add", "ifb0", "type", "ifb"},
		{"link", "set", "v0", "alias", "uplink port"},
		{"link", "property", "add", "dev", "v0", "altname", "uplink0"},
		{"link", "set", "ifb0", "group", "7", "txqueuelen", "64"},
		{"addr", "add", "192.0.2.1/24", "brd", "+", "dev", "v0"},
		{"addr", "add", "192.0.2.7/24", "dev", "v0", "label", "v0:sec"},
		{"addr", "add", "10.0.0.1", "peer", "10.0.0.2/32", "dev", "v0"},
		{"addr", "add", "2001:db8::1/64", "dev", "v0", "nodad"},
		{"addr", "add", "2001:db8:1::1/64", "dev", "br0", "nodad", "noprefixroute", "valid_lft", "3000", "preferred_lft", "2000"},
		{"addr", "add", "198.51.100.1/24", "dev", "br0", "metric", "5"},
		{"neigh", "add", "192.0.2.2", "lladdr", "02:00:00:00:00:02", "dev", "v0", "nud", "permanent"},
		{"neigh", "add", "192.0.2.3", "lladdr", "02:00:00:00:00:03", "dev", "v0", "nud", "reachable", "router"},
		{"neigh", "add", "2001:db8::2", "lladdr", "02:00:00:00:00:02", "dev", "v0", "nud", "stale"},
		{"neigh", "add", "proxy", "192.0.2.100", "dev", "v0"},
	}
	for _, s := range steps {
		must(t, "ip", append([]string{"-n", ns}, s...)...)
	}
	// A veth whose peer lives in another namespace: link-netns, list-id.
	other := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "x0", "type", "veth", "peer", "name", "x1", "netns", other)
	must(t, "bridge", "-n", ns, "fdb", "add", "02:00:00:00:00:aa", "dev", "v1", "master", "static")
	// Vlans on the port where the kernel filters them (the vm tier's; the
	// host kernel answers EOPNOTSUPP and the vlan cases show nothing).
	if r := tool(t, "bridge", "-n", ns, "vlan", "add", "dev", "v1", "vid", "10-12", "untagged"); r.code == 0 {
		must(t, "bridge", "-n", ns, "vlan", "add", "dev", "v1", "vid", "30", "pvid")
	}
	must(t, "bridge", "-n", ns, "fdb", "add", "02:00:00:00:00:bb", "dev", "v1", "self", "permanent")
}

// showCases are the show commands compared with ip (and bridge), as
// arguments after "-n NS".
var showCases = []string{
	"link", "link show", "l", "li ls", "link list", "-o link", "-br link", "-br -c link",
	"-c link", "-d link", "-d -d link", "-s link", "-s -s link", "-h -s link", "-iec -h -s link",
	"link show dev v0", "link show v0", "link show up", "link show master br0", "link show nomaster",
	"link show type veth", "link show type bridge_slave", "link show group 7", "link show group default",
	"-d link show br0", "-d link show v1", "-d link show vx0", "-d link show mv0", "-d link show mvt0",
	"-d link show ifb0", "-o -d link",
	"addr", "a", "address show", "addr sh", "a l", "-o addr", "-br addr", "-4 addr", "-6 addr",
	"-0 addr", "-f inet addr", "-f inet6 addr", "-d addr", "-s addr", "addr show dev v0",
	"addr show dev br0", "addr show scope link", "addr show scope global", "addr show scope host",
	"addr show to 192.0.2.0/24", "addr show to 192.0.2.7", "addr show label v0:sec", "addr show label 'v0*'",
	"-br addr show label 'v0*'", "-o addr show label 'v0*'",
	"addr show primary", "addr show secondary", "addr show permanent", "addr show dynamic",
	"addr show nodad", "addr show -nodad", "addr show up", "addr show master br0", "addr show type veth",
	"-br -4 addr", "-br -6 addr show dev v0", "-4 -o addr",
	"neigh", "n", "neigh show", "neigh show dev v0", "neigh show proxy", "neigh show nud all",
	"neigh show nud permanent", "neigh show nud stale", "neigh show to 192.0.2.0/24", "-4 neigh", "-6 neigh",
	"neigh show 192.0.2.2", "-s neigh", "-br neigh", "neigh get 192.0.2.2 dev v0",
	"netns list-id", "link show x0", "-d link show x0", "-br link show x0", "-o -s link", "-o -s -s -d link",
	"-c addr", "-c -br addr", "-c -6 addr", "-c neigh", "-c -br neigh", "-c -d link", "-c -s link",
	// -N: numbers for scopes, groups and link types, as ip prints them
	"-N addr", "-N link", "-N -d link", "-N -br addr", "-N -o addr", "-N neigh", "-N addr show scope 254",
	"addr show scope 254", "link show group 0",
}

var bridgeCases = []string{
	"link", "link show", "-d link show", "link show dev v1",
	"fdb show", "fdb show br br0", "fdb show brport v1", "fdb show dev v1", "-s fdb show dev v1",
	"fdb show dev v1 state static",
	"vlan show", "vlan show dev v1", "vlan show vid 11", "-c link", "-c fdb show", "-c -d link show",
}

// deliberate lists the cases where gip's output differs from ip's on
// purpose, with the reason; they are not compared.
var deliberate = map[string]string{
	"-6 -s addr":                    "ip -6 addr -s prints counters that the IPv6 link dump does not carry; gip prints only what the kernel sent",
	"-j neigh get 192.0.2.2 dev v0": "ip -j neigh get prints text, not JSON; gip prints JSON",
	"-j addr show label v0:sec":     "ip -j addr show label prints {} for every address the label rejects and {\"addr_info\":[]} for every other link; gip prints the selected addresses with their link",
	"-j addr show label 'v0*'":      "as above",
	"-br addr show label 'v0*'":     "ip -br addr show label drops the name and state columns and prints an empty line per link; gip prints the usual brief rows",
	"-j -br addr show label 'v0*'":  "as above",
}

func TestShowMatchesIP(t *testing.T) {
	ns := testNS(t)
	populate(t, ns)
	run := func(t *testing.T, toolName string, c string, pre []string) {
		args := append(append([]string{"-n", ns}, pre...), splitArgs(c)...)
		for _, j := range []bool{false, true} {
			a := args
			if j {
				a = append([]string{"-j"}, args...)
			}
			key := c
			if j {
				key = "-j " + c
			}
			if _, ok := deliberate[key]; ok {
				continue
			}
			ref := tool(t, toolName, a...)
			gargs := a
			if toolName == "bridge" {
				gargs = append([]string{"-n", ns, "bridge"}, a[2:]...)
				if j {
					gargs = append([]string{"-n", ns, "bridge", "-j"}, args[2:]...)
				}
			}
			got := gip(t, gargs...)
			if got.code != ref.code {
				t.Errorf("%s %v: exit %d, %s exits %d (stderr %q / %q)", command.Prog, gargs, got.code, toolName, ref.code, got.Stderr, ref.Stderr)
				continue
			}
			if j {
				if strings.TrimSpace(ref.Stdout) == "" && strings.TrimSpace(got.Stdout) == "[]" {
					continue
				}
				if !jsonEqual(t, dropEmpty(volatile.apply(ref.Stdout)), volatile.apply(got.Stdout)) {
					t.Errorf("%v: JSON differs\n ref: %s\n gip: %s", a, ref.Stdout, got.Stdout)
				}
				continue
			}
			want, have := maskStats(volatile.apply(ref.Stdout)), maskStats(volatile.apply(got.Stdout))
			// Counters tick between the two runs, and a digit more
			// shifts -s's columns: ask both again before comparing.
			for attempt := 0; attempt < 5 && want != have; attempt++ {
				ref, got = tool(t, toolName, a...), gip(t, gargs...)
				want, have = maskStats(volatile.apply(ref.Stdout)), maskStats(volatile.apply(got.Stdout))
			}
			compareLines(t, strings.Join(a, " "), want, have)
		}
	}
	for _, c := range showCases {
		if _, ok := deliberate[c]; ok {
			continue
		}
		t.Run("ip "+c, func(t *testing.T) { run(t, "ip", c, nil) })
	}
	for _, c := range bridgeCases {
		t.Run("bridge "+c, func(t *testing.T) { run(t, "bridge", c, nil) })
	}
	// Pretty JSON is compared byte for byte: gip's layout is ip's.
	for _, c := range []string{"link", "-d link", "addr", "-br addr", "neigh", "netns list-id"} {
		t.Run("pretty "+c, func(t *testing.T) {
			args := append([]string{"-j", "-p", "-n", ns}, splitArgs(c)...)
			ref, got := tool(t, "ip", args...), gip(t, args...)
			compareLines(t, strings.Join(args, " "), volatile.apply(ref.Stdout), volatile.apply(got.Stdout))
		})
	}
}

// dropEmpty removes the empty objects ip -j prints for each link a
// selector rejected (a deliberate difference: gip prints only what was
// selected).
func dropEmpty(s string) string {
	s = strings.ReplaceAll(s, "{},", "")
	s = strings.ReplaceAll(s, ",{}]", "]")
	return strings.ReplaceAll(s, "[{}]", "[]")
}

// splitArgs splits a case on spaces, keeping single-quoted words whole.
func splitArgs(s string) []string {
	var out []string
	for s != "" {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			break
		}
		if s[0] == '\'' {
			end := strings.IndexByte(s[1:], '\'')
			out = append(out, s[1:1+end])
			s = s[end+2:]
			continue
		}
		w, rest, _ := strings.Cut(s, " ")
		out = append(out, w)
		s = rest
	}
	return out
}
