package app

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// mdbNS is a namespace with a bridge br0 over the ports v1 and v3 (of
// veth pairs), IPv6 off so that the kernel joins no groups by itself.
func mdbNS(t *testing.T) string {
	ns := testNS(t)
	must(t, "ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1")
	must(t, "ip", "-n", ns, "link", "add", "br0", "type", "bridge", "mcast_router", "1")
	for _, p := range [][2]string{{"v0", "v1"}, {"v2", "v3"}} {
		must(t, "ip", "-n", ns, "link", "add", p[0], "type", "veth", "peer", "name", p[1])
		must(t, "ip", "-n", ns, "link", "set", p[1], "master", "br0")
		must(t, "ip", "-n", ns, "link", "set", p[1], "up")
		must(t, "ip", "-n", ns, "link", "set", p[0], "up")
	}
	must(t, "ip", "-n", ns, "link", "set", "br0", "up")
	must(t, "bridge", "-n", ns, "link", "set", "dev", "v3", "mcast_router", "2")
	return ns
}

// mdbTimers masks the timers of temporary entries, which run down.
var mdbTimers = regexp.MustCompile(`(?m)( +\d+\.\d\d$|"timer":"[ \d.]*")`)

// maskTimer is what a timer becomes.
func maskTimer(s string) string {
	if strings.HasPrefix(s, `"`) {
		return `"timer":"T"`
	}
	return " T"
}

// TestBridgeMdbMatchesBridge runs the same mdb lines with bridge on one
// namespace and with gip bridge on a twin: the same messages and exit
// statuses, the same memberships (read back with bridge), and the same
// listings by both tools in text, -d, -s and JSON.
func TestBridgeMdbMatchesBridge(t *testing.T) {
	byBridge, byGip := mdbNS(t), mdbNS(t)
	for _, line := range []string{
		"mdb add dev br0 port v1 grp 239.1.1.1 permanent",
		"mdb add dev br0 port v1 grp 239.1.1.2 temp",
		"mdb add dev br0 port v3 grp 239.1.1.2 permanent vid 5",
		"mdb add dev br0 port v1 grp 239.1.1.3 src 10.0.0.1 permanent",
		"mdb add dev br0 port v1 grp ff0e::5 permanent",
		"mdb add dev br0 port v1 grp 01:00:5e:01:02:03 permanent",
		"mdb add dev br0 port v3 grp 239.1.1.9 permanent frob",
		"mdb add dev br0 port v1 grp 239.1.1.1 permanent",
		"mdb add dev br0 port v1 grp 300.1.1.1", "mdb add dev br0 port v1 grp 1.2.3", "mdb add dev br0 port v1 grp 1:2:3",
		"mdb add dev br0 port v1 grp 01:00:5e:01:02:03:04", "mdb add dev br0 port v1 grp g1:00:5e:01:02:03",
		"mdb add dev br0 port v1 grp 100:00:5e:01:02:03", "mdb add dev br0 port v1 grp 01::5e:01:02:03",
		"mdb add dev br0 port v1 grp 239.1.1.4 src zz",
		"mdb add dev br0 port v1",
		"mdb add dev nosuch port v1 grp 239.1.1.1",
		"mdb add dev br0 port nosuch grp zz",
		"mdb add dev br0 port v1 grp",
		"mdb del dev br0 port v1 grp 239.1.1.7",
		"mdb del dev br0 port v3 grp 239.1.1.9 permanent",
		"mdb frob", "mdb help",
	} {
		ref := tool(t, "bridge", append([]string{"-n", byBridge}, strings.Fields(line)...)...)
		got := gip(t, append([]string{"-n", byGip, "bridge"}, strings.Fields(line)...)...)
		gotErr := strings.ReplaceAll(got.Stderr, "gip bridge", "bridge")
		if line == "mdb help" {
			if got.code != ref.code || !strings.HasPrefix(got.Stderr, "Usage: gip bridge mdb { add | del") {
				t.Errorf("%s: exit %d %q, bridge exits %d", line, got.code, got.Stderr, ref.code)
			}
			continue
		}
		if got.code != ref.code || gotErr != ref.Stderr {
			t.Errorf("%s: exit %d %q, bridge exits %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
		}
	}
	for _, show := range []string{"mdb", "mdb show", "-d mdb show", "-s mdb show", "-d -s mdb show",
		"mdb show dev br0", "mdb show vid 5", "-d mdb show dev v0", "mdb show dev nosuch", "mdb show vid"} {
		for _, j := range []string{"", "-j "} {
			args := strings.Fields(j + show)
			for _, ns := range []string{byBridge, byGip} {
				ref := tool(t, "bridge", append([]string{"-n", ns}, args...)...)
				got := gip(t, append([]string{"-n", ns, "bridge"}, args...)...)
				if got.code != ref.code || got.Stderr != ref.Stderr {
					t.Errorf("%s%s: exit %d %q, bridge exits %d %q", j, show, got.code, got.Stderr, ref.code, ref.Stderr)
					continue
				}
				want, have := mdbTimers.ReplaceAllStringFunc(ref.Stdout, maskTimer), mdbTimers.ReplaceAllStringFunc(got.Stdout, maskTimer)
				if j != "" && ref.Stdout != "" {
					if !jsonEqual(t, want, have) {
						t.Errorf("-j %s: JSON differs\n ref: %s\n gip: %s", show, ref.Stdout, got.Stdout)
					}
					continue
				}
				compareLines(t, show, want, have)
			}
		}
	}
	// What gip made, listed by bridge, is what bridge made.
	a, b := tool(t, "bridge", "-n", byBridge, "-d", "mdb"), tool(t, "bridge", "-n", byGip, "-d", "mdb")
	compareLines(t, "bridge -d mdb of both", a.Stdout, b.Stdout)
}

// TestBridgeMdbReplaceGetFlush checks what the bridge of this machine
// lacks (replace, get and flush: newer kernels): changes read back with
// bridge, get printing as show does, flush selecting by state and port.
func TestBridgeMdbReplaceGetFlush(t *testing.T) {
	ns := mdbNS(t)
	must(t, "ip", "-n", ns, "link", "set", "br0", "type", "bridge", "mcast_igmp_version", "3")
	g := func(args ...string) result {
		t.Helper()
		return gip(t, append([]string{"-n", ns, "bridge"}, args...)...)
	}
	mustG := func(args ...string) {
		t.Helper()
		if r := g(args...); r.code != 0 {
			t.Fatalf("gip bridge %v: exit %d %s", args, r.code, r.Stderr)
		}
	}
	if r := g("mdb", "flush", "dev", "br0"); r.code != 0 {
		testenv.Missing(t, testenv.MDBBulk, "mdb flush: %s", strings.TrimSpace(r.Stderr))
	}
	mustG("mdb", "add", "dev", "br0", "port", "v1", "grp", "239.1.1.1", "permanent")
	mustG("mdb", "replace", "dev", "br0", "port", "v1", "grp", "239.1.1.1", "temp", "proto", "99")
	mustG("mdb", "replace", "dev", "br0", "port", "v3", "grp", "239.1.1.2", "permanent", "filter_mode", "include", "source_list", "10.0.0.1,10.0.0.2")
	mustG("mdb", "add", "dev", "br0", "port", "v3", "grp", "239.1.1.3", "permanent")
	got := tool(t, "bridge", "-n", ns, "-d", "mdb").Stdout
	for _, want := range []string{
		"dev br0 port v1 grp 239.1.1.1 temp filter_mode exclude proto openr \n",
		"dev br0 port v3 grp 239.1.1.2 src 10.0.0.1 permanent filter_mode include proto static \n",
		"dev br0 port v3 grp 239.1.1.2 src 10.0.0.2 permanent filter_mode include proto static \n",
		"dev br0 port v3 grp 239.1.1.2 permanent filter_mode include source_list 10.0.0.2/0.00,10.0.0.1/0.00 proto static \n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("bridge -d mdb lacks %q:\n%s", want, got)
		}
	}
	if r := g("mdb", "get", "dev", "br0", "grp", "239.1.1.2", "src", "10.0.0.1"); r.code != 0 ||
		r.Stdout != "dev br0 port v3 grp 239.1.1.2 src 10.0.0.1 permanent\n" {
		t.Errorf("mdb get: exit %d %q %s", r.code, r.Stdout, r.Stderr)
	}
	var entries []map[string]any
	if r := g("-j", "mdb", "get", "dev", "br0", "grp", "239.1.1.1"); json.Unmarshal([]byte(r.Stdout), &entries) != nil ||
		len(entries) != 1 || entries[0]["port"] != "v1" || entries[0]["state"] != "temp" {
		t.Errorf("-j mdb get: %q", r.Stdout)
	}
	if r := g("mdb", "get", "dev", "br0", "grp", "239.9.9.9"); r.code != 254 || r.Stderr != "Error: bridge: MDB entry not found.\n" {
		t.Errorf("mdb get of nothing: exit %d %q", r.code, r.Stderr)
	}
	mustG("mdb", "flush", "dev", "br0", "nopermanent")
	if got := tool(t, "bridge", "-n", ns, "mdb").Stdout; strings.Contains(got, "239.1.1.1") || !strings.Contains(got, "239.1.1.3") {
		t.Errorf("after flush nopermanent:\n%s", got)
	}
	mustG("mdb", "flush", "dev", "br0", "port", "v3", "permanent")
	if got := tool(t, "bridge", "-n", ns, "mdb").Stdout; got != "" {
		t.Errorf("after flush port v3 permanent:\n%s", got)
	}
	if r := g("mdb", "flush"); r.code != 255 || r.Stderr != "Device is a required argument.\n" {
		t.Errorf("mdb flush: exit %d %q", r.code, r.Stderr)
	}
}
