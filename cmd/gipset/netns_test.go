package main

import (
	"fmt"
	"strings"
	"testing"
)

// sampleScript exercises every set type the host kernel has, with their
// create and element options, plus the errors users meet. Each line is run
// by ipset in one namespace and by gipset in another; output, errors and
// exit codes must match.
var sampleScript = []string{
	// The captured reference session.
	"create web hash:ip,port family inet timeout 300 counters comment",
	"add web 192.0.2.10,tcp:80 timeout 60 comment frontend",
	"add web 192.0.2.11,udp:53",
	"add web 192.0.2.10,tcp:80",
	"-exist add web 192.0.2.10,tcp:80",
	"create nets hash:net maxelem 1024",
	"add nets 10.0.0.0/8",
	"add nets 2001:db8::/32",
	"create nets6 hash:net family inet6",
	"add nets6 2001:db8::/32",
	"create ports bitmap:port range 1-1024",
	"add ports 22",
	"add ports 80-82",
	"create all list:set",
	"add all nets",
	"test nets 10.1.2.3",
	"test nets 192.168.1.1",
	"-q test nets 192.168.1.1",
	"list nets",
	"list -n",
	"destroy nets",
	"list nosuch",
	"create nets hash:net",
	"create bad hash:foo",
	"del nets 10.9.9.0/24",
	"create nets2 hash:net",
	"add nets2 172.16.0.0/12",
	"swap nets nets2",
	"rename nets2 nets-old",
	"flush nets",
	// Every type, with options.
	`create a hash:ip family inet hashsize 64 maxelem 100 timeout 0 counters comment skbinfo forceadd netmask 24`,
	`add a 10.1.2.3 packets 5 bytes 100 comment "hi there" skbmark 0x10/0xff skbprio 1:2 skbqueue 3`,
	`add a 10.9.9.9 timeout 1000 skbmark 7`,
	`add a 10.2.0.0/30`,
	`add a 10.3.0.1-10.3.0.3`,
	"del a 10.3.0.2",
	"test a 10.1.2.200",
	"create b hash:net family inet6 counters",
	"add b 2001:db8::/32 nomatch",
	"add b 2001:db8:1::1",
	"test b 2001:db8::5",
	"create c hash:ip,port",
	"add c 1.2.3.4,tcp:80",
	"add c 1.2.3.4,udp:53",
	"add c 1.2.3.4,icmp:ping",
	"add c 1.2.3.4,80",
	"add c 1.2.3.4,sctp:22",
	"add c 1.2.3.4,47:0",
	"add c 1.2.3.4,icmp:3/1",
	"add c 1.2.3.5,tcp:100-102",
	"add c 1.2.3.4,udplite:9",
	"add c 1.2.3.4,http",
	"add c 1.2.3.4",
	"add c 1.2.3.4,foo:80",
	"add c 1.2.3.4,gre:5",
	"add c 1.2.3.4,icmpv6:ping",
	"add c 1.2.3.4,tcp:80,9.9.9.9",
	"test c 1.2.3.4,tcp:80",
	"create d hash:net,port",
	"add d 10.0.0.0/8,tcp:22",
	"add d 10.1.0.0/16,udp:1000-1002 nomatch",
	"create e hash:ip,port,ip",
	"add e 1.2.3.4,tcp:80,5.6.7.8",
	"add e 1.2.3.4,tcp:80",
	"create f hash:net,iface",
	"add f 10.0.0.0/8,eth0",
	"add f 10.0.0.0/16,physdev:eth1",
	"add f 10.0.0.0/24,ppp+",
	"add f 10.2.0.0/16,eth2 nomatch",
	"add f 10.3.0.0/16,veth wildcard",
	"add f 10.4.0.0/16,averyveryverylongname",
	"create g hash:ip,mac",
	"add g 1.2.3.4,aa:bb:cc:dd:ee:ff",
	"add g 1.2.3.5,zz:bb:cc:dd:ee:ff",
	"create h bitmap:ip range 10.0.0.0/24 netmask 28 timeout 1000",
	"add h 10.0.0.16",
	"create h2 bitmap:ip range 10.0.0.0-10.0.0.255",
	"add h2 10.0.0.1-10.0.0.3",
	"add h2 10.0.0.128/30",
	"add h2 11.0.0.1",
	"create h3 bitmap:ip",
	"create i bitmap:port range 1-100 counters",
	"add i 10 packets 3 bytes 4",
	"add i 200",
	"create j list:set size 4 timeout 1000",
	"add j a",
	"add j c timeout 300",
	"add j g before c",
	"add j nosuchset",
	"add j all",
	"create l hash:ip,port,net",
	"add l 1.0.0.1,tcp:1,2.0.0.0/16",
	"create o bitmap:ip,mac range 1.0.0.0/24",
	"add o 1.0.0.1,aa:bb:cc:dd:ee:ff",
	"add o 1.0.0.2",
	"create q hash:ip bucketsize 4 maxelem 1024 hashsize 128",
	"create v6 hash:ip family inet6 timeout 50 comment",
	"add v6 2001:db8::1 comment \"six\"",
	"add v6 10.0.0.1",
	"add v6 2001:db8::/64",
	"create ipm hash:ip,mark markmask 0xff",
	"create nn hash:net,net",
	"create mac hash:mac",
	"create npn hash:net,port,net",
	// Usage and syntax errors.
	"create",
	"create x",
	"create x hash:ip foo",
	"create x hash:ip hashsize abc",
	"create x hash:ip family inet7",
	"create x hash:ip netmask 33",
	"create x hash:ip timeout 5 timeout 6",
	"create x hash:ip timeout",
	"create averyveryveryverylongsetname_xyz hash:ip",
	"add",
	"add a",
	"add a 1.2.3.4 timeout",
	"add a 1.2.3.4 timeout 5 timeout 6",
	"add a 1.2.3.4 comment",
	"add a 1.2.3.4 bogus",
	"add a 1.2.3.4,5",
	"add a 1.2.3",
	"add a 1.2.3.4 timeout abc",
	"add a 1.2.3.4 timeout 99999999999",
	`add a 1.2.3.7 comment "a""b"`,
	"add nosuch 1.2.3.4",
	"add q 1.2.3.4 timeout 5",
	"add q 1.2.3.4 packets 5",
	"add q 1.2.3.4 comment x",
	"add q 1.2.3.4 skbmark 5",
	"-o foo list",
	"test a 1.2.3.4 foo",
	"destroy nosuch",
	"swap a nosuch",
	"swap a c",
	"rename a c",
	"rename nosuch zz",
	"-x",
	"foo",
	"flush nosuch",
	"list a b",
	// Listings of everything.
	"list",
	"list -t",
	"list -s",
	"-o save list",
	"-o xml list",
	"-o xml list -t",
	"-o xml -n list",
	"save",
	"save c",
	"-t save",
	"-n save",
	"-t -o plain save",
	"destroy j",
	"destroy",
	"list",
}

// knownStderrDiffs are lines where gipset's error text differs from
// ipset's on purpose, with the reason.
var knownStderrDiffs = map[string]string{
	// ipset 7.17 follows the syntax error with a stray second message
	// from its internal state ("Invalid add command: missing setname").
	"add c 1.2.3.4,icmpv6:ping": "ipset appends a spurious second error line",
}

func TestScriptMatchesIpset(t *testing.T) {
	t.Parallel()
	nsIpset, nsGipset := twoNamespaces(t)
	for i, line := range sampleScript {
		args := splitArgs(t, line)
		want := ipsetIn(t, nsIpset, "", args...)
		got := gipsetIn(nsGipset, "", args...)
		if got.status != want.status {
			t.Errorf("line %d %q: exit %d, ipset exits %d (stderr %q, ipset's %q)", i+1, line, got.status, want.status, got.stderr, want.stderr)
		}
		if g, w := got.stderr, normIpset(want.stderr); g != w && knownStderrDiffs[line] == "" {
			t.Errorf("line %d %q: stderr\n%s\nipset's:\n%s", i+1, line, g, w)
		}
		if g, w := normVolatile(got.stdout), normVolatile(want.stdout); g != w {
			t.Errorf("line %d %q: stdout differs\n%s", i+1, line, lineDiff(w, g))
		}
	}
}

// TestListingsOfSameSets lists one namespace's sets with both tools: the
// output must be byte-identical (sizes and seeds come from the kernel),
// except member timeouts, which may tick between the two reads.
func TestListingsOfSameSets(t *testing.T) {
	t.Parallel()
	needIpset(t)
	for _, builder := range []string{"ipset", "gipset"} {
		t.Run("built by "+builder, func(t *testing.T) {
			t.Parallel()
			ns := buildSets(t, builder)
			for _, args := range [][]string{
				{"list"}, {"list", "-t"}, {"list", "-n"}, {"save"}, {"-o", "xml", "list"}, {"list", "-s"},
				{"list", "c"}, {"save", "web"}, {"-s", "save"}, {"-s", "-o", "xml", "list"}, {"-s", "list", "f"},
			} {
				want := ipsetIn(t, ns, "", args...)
				got := gipsetIn(ns, "", args...)
				if got.status != 0 || want.status != 0 {
					t.Fatalf("%q: gipset exit %d (%s), ipset exit %d (%s)", args, got.status, got.stderr, want.status, want.stderr)
				}
				w, g := normTimeouts(want.stdout), normTimeouts(got.stdout)
				if g != w {
					t.Errorf("%q differs:\n%s", args, lineDiff(w, g))
				}
				if len(got.stdout) < 100 && args[0] != "list" {
					t.Errorf("%q: suspiciously short output %q", args, got.stdout)
				}
			}
		})
	}
}

// buildSets makes a namespace holding sets of every type, made by the
// named tool, and returns it.
func buildSets(t *testing.T, tool string) string {
	ns := twoNamespacesOne(t)
	for _, line := range sampleScript[:120] {
		if strings.HasPrefix(line, "destroy") || strings.HasPrefix(line, "flush") || strings.HasPrefix(line, "swap") {
			continue
		}
		args := splitArgs(t, line)
		if tool == "ipset" {
			ipsetIn(t, ns, "", args...)
		} else {
			gipsetIn(ns, "", args...)
		}
	}
	if r := ipsetIn(t, ns, "", "list", "-n"); strings.Count(r.stdout, "\n") < 15 {
		t.Fatalf("building sets with %s left only %q", tool, r.stdout)
	}
	return ns
}

func twoNamespacesOne(t *testing.T) string {
	a, _ := twoNamespaces(t)
	return a
}

// lineDiff shows two texts line by line where they differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  ipset:  %q\n  gipset: %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}
