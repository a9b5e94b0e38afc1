package app

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

// writeSysctl writes a net sysctl (a path under /proc/sys) in namespace ns.
func writeSysctl(t *testing.T, ns, path, value string) {
	t.Helper()
	err := nl.InNetNS(ns, func() error {
		return os.WriteFile("/proc/sys/"+path, []byte(value), 0o644)
	})
	if err != nil {
		t.Fatalf("sysctl %s=%s: %v", path, value, err)
	}
}

// netconfNS is a namespace with devices whose settings differ.
func netconfNS(t *testing.T) string {
	t.Helper()
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	for p, v := range map[string]string{
		"net/ipv4/conf/all/forwarding":                      "1",
		"net/ipv4/conf/v0/rp_filter":                        "2",
		"net/ipv4/conf/v1/rp_filter":                        "1",
		"net/ipv4/conf/v1/proxy_arp":                        "1",
		"net/ipv4/conf/default/ignore_routes_with_linkdown": "1",
		"net/ipv6/conf/v0/proxy_ndp":                        "1",
		"net/ipv6/conf/v1/forwarding":                       "1",
	} {
		writeSysctl(t, ns, p, v)
	}
	return ns
}

var netconfShows = []string{
	"netconf", "netconf show", "netconf list", "netconf lst", "-4 netconf", "-6 netconf", "-f inet6 netconf",
	"netconf show dev v0", "netconf show dev v1", "-6 netconf show dev lo", "-4 netconf show dev v0",
	"netconf show foo bar", "netconf show dev v0 dev v1", "-f mpls netconf", "-0 netconf",
	"-f mpls netconf show dev v0", "netc", "netconf s",
}

var netconfErrors = []string{
	"netconf show dev nosuch", "netconf show dev", "netconf frob", "netconf help", "netconf h",
	"-4 netconf show dev nosuch",
}

func TestNetconfMatchesIP(t *testing.T) {
	ns := netconfNS(t)
	for _, c := range netconfShows {
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
			args := append(append([]string{"-n", ns}, opts...), splitArgs(c)...)
			want := tool(t, "ip", args...)
			got := gip(t, args...)
			if got.code != want.code || got.Stderr != want.Stderr {
				t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
			}
			if opts == nil {
				compareLines(t, strings.Join(args, " "), want.Stdout, got.Stdout)
				continue
			}
			if strings.Contains(c, "dev") && (strings.HasPrefix(c, "-4") || strings.HasPrefix(c, "-6") || strings.HasPrefix(c, "-f")) {
				// ip prints text here; gip prints the entry as JSON.
				checkNetconfJSON(t, ns, c, got.Stdout)
				continue
			}
			if !jsonEqual(t, want.Stdout, got.Stdout) {
				t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
			}
		}
	}
	for _, c := range netconfErrors {
		args := append([]string{"-n", ns}, splitArgs(c)...)
		want, got := tool(t, "ip", args...), gip(t, args...)
		if got.code != want.code || got.Stderr != usageName(gipName(want.Stderr)) || got.Stdout != want.Stdout {
			t.Errorf("%s: ip exit %d %q %q, gip exit %d %q %q", c, want.code, want.Stderr, want.Stdout, got.code, got.Stderr, got.Stdout)
		}
	}
	// gip's reading of settings gip did not make: a sysctl changed
	// between two runs shows in both.
	writeSysctl(t, ns, "net/ipv4/conf/v0/forwarding", "0")
	a, b := tool(t, "ip", "-n", ns, "netconf").Stdout, gip(t, "-n", ns, "netconf").Stdout
	compareLines(t, "after a change", a, b)
	if !strings.Contains(b, "inet v0 forwarding off rp_filter loose") {
		t.Errorf("the change does not show:\n%s", b)
	}
}

// checkNetconfJSON checks gip's JSON for one device of one family (ip
// prints text there) against the matching entry of ip's JSON dump.
func checkNetconfJSON(t *testing.T, ns, c, out string) {
	t.Helper()
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Errorf("%s: gip -j is not JSON: %v\n%s", c, err, out)
		return
	}
	words := splitArgs(c)
	family := map[string]string{"-4": "inet", "-6": "inet6"}[words[0]]
	if words[0] == "-f" {
		family = words[1]
	}
	dev := words[len(words)-1]
	var want []map[string]any
	for _, e := range ipJSON(t, "ip", "-n", ns, "netconf") {
		if e["family"] == family && e["interface"] == dev {
			want = append(want, e)
		}
	}
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: gip -j %v, ip's dump has %v", c, got, want)
	}
}
