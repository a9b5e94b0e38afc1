package app

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// ipsecCANKinds are the xfrm, vti, erspan, macsec and CAN link kinds with
// the words each case creates (and, where set, changes) a device with.
var ipsecCANKinds = []struct {
	feature testenv.Feature
	add     string // after `link add`
	dev     string
	change  string // after `link set dev DEV type KIND`, "" for none
}{
	{testenv.LinkIPsec, "xf1 type xfrm dev v0 if_id 0xf", "xf1", ""},
	{testenv.LinkIPsec, "xf2 type xfrm if_id 7", "xf2", ""},
	{testenv.LinkIPsec, "xf3 type xfrm external", "xf3", ""},
	{testenv.LinkIPsec, "vti1 type vti remote 198.51.100.2 local 198.51.100.1 key 5 dev v0", "vti1", "okey 9 fwmark 7"},
	{testenv.LinkIPsec, "vti2 type vti remote 198.51.100.3 ikey 1.2.3.4 okey 0x10 fwmark 0x20", "vti2", ""},
	{testenv.LinkIPsec, "vti61 type vti6 remote 2001:db8::2 local 2001:db8::1 ikey 1.2.3.4 fwmark 0x20", "vti61", "remote 2001:db8::3"},
	{testenv.LinkERSPAN, "ers1 type erspan remote 198.51.100.2 local 198.51.100.1 seq key 100 erspan_ver 1 erspan 123", "ers1", "erspan 456"},
	{testenv.LinkERSPAN, "ers2 type erspan remote 198.51.100.3 local 198.51.100.1 seq key 101 erspan_ver 2 erspan_dir egress erspan_hwid 7 ttl 9", "ers2", ""},
	{testenv.LinkERSPAN, "ers6 type ip6erspan remote 2001:db8::2 local 2001:db8::1 seq key 102 erspan_ver 2 erspan_dir ingress erspan_hwid 0x1f", "ers6", "erspan_dir egress"},
	{testenv.LinkERSPAN, "ers7 type ip6erspan remote 2001:db8::7 local 2001:db8::1 seq key 103 erspan 77", "ers7", ""},
	{testenv.LinkERSPAN, "ers8 type erspan external", "ers8", ""},
	{testenv.LinkGRE, "g61 type ip6gre remote 2001:db8::9 local 2001:db8::1 tclass 0x12 flowlabel 0x345 encaplimit none dscp inherit allow-localremote", "g61", "tclass 0x30 noallow-localremote"},
	{testenv.LinkGRE, "g62 type ip6gretap remote 2001:db8::a tclass inherit flowlabel inherit encaplimit 7 hoplimit 10 key 9 csum", "g62", ""},
	{testenv.LinkGRE, "g43 type gretap remote 198.51.100.9 nopmtudisc ignore-df seq okey 4 ocsum fwmark 0x11", "g43", "ikey 3 noseq"},
	{testenv.LinkGRE, "g44 type gre external", "g44", ""},
	{testenv.LinkGRE, "t61 type ip6tnl remote 2001:db8::b tclass 0x20 flowlabel 0x1 encaplimit 2", "t61", "flowlabel 0x2"},
	{testenv.LinkMACsec, "link v0 name ms0 type macsec port 11 cipher gcm-aes-256 icvlen 16 encrypt on send_sci on replay on window 32 validate check encodingsa 2", "ms0", "encrypt off validate strict"},
	{testenv.LinkMACsec, "link v0 name ms1 type macsec sci 0200000000010022 protect off validate disabled", "ms1", ""},
	{testenv.LinkMACsec, "link v0 name ms2 type macsec address 02:00:00:00:00:09 port 5 end_station on replay off offload off", "ms2", ""},
	{testenv.LinkMACsec, "link v0 name ms3 type macsec port 12 cipher gcm-aes-xpn-128 scb on", "ms3", ""},
	{testenv.LinkVCAN, "vc0 type vcan", "vc0", ""},
	{testenv.LinkVCAN, "vxc0 type vxcan peer name vxc1", "vxc0", ""},
	{testenv.LinkVCAN, "vxc2 type vxcan", "vxc2", ""},
}

// TestIPsecCANKindsAgainstIP creates each device twice, with ip in one
// namespace and with gip in a twin, and checks that the kernel describes
// both alike (read back with ip), that gip prints ip's device as ip does
// (text and JSON, with and without -d), and that a change made by gip
// leaves what the same change made by ip leaves.
func TestIPsecCANKindsAgainstIP(t *testing.T) {
	testenv.NeedRoot(t)
	nsIP, nsGip := testNS(t), testNS(t)
	for _, ns := range []string{nsIP, nsGip} {
		must(t, "ip", "-n", ns, "link", "add", "v0", "address", "02:00:00:00:00:01", "type", "veth",
			"peer", "name", "v1", "address", "02:00:00:00:00:02")
	}
	for _, c := range ipsecCANKinds {
		t.Run(c.add, func(t *testing.T) {
			words := strings.Fields(c.add)
			ref := tool(t, "ip", append([]string{"-n", nsIP, "link", "add"}, words...)...)
			if ref.code != 0 {
				if strings.Contains(ref.Stderr, "Unknown device type") {
					testenv.Missing(t, c.feature, "%s", strings.TrimSpace(ref.Stderr))
				}
				t.Fatalf("ip link add %s: exit %d: %s", c.add, ref.code, ref.Stderr)
			}
			defer tool(t, "ip", "-n", nsIP, "link", "del", c.dev)
			got := gip(t, append([]string{"-n", nsGip, "link", "add"}, words...)...)
			if got.code != 0 {
				t.Fatalf("gip link add %s: exit %d: %s", c.add, got.code, got.Stderr)
			}
			defer tool(t, "ip", "-n", nsGip, "link", "del", c.dev)
			sameDevice(t, nsIP, nsGip, c.dev)
			showsAsIP(t, nsIP, c.dev)
			if c.change == "" {
				return
			}
			kind := words[len(words)-1]
			for i, w := range words {
				if w == "type" {
					kind = words[i+1]
				}
			}
			set := append([]string{"link", "set", "dev", c.dev, "type", kind}, strings.Fields(c.change)...)
			if r := tool(t, "ip", append([]string{"-n", nsIP}, set...)...); r.code != 0 {
				t.Fatalf("ip %s: exit %d: %s", strings.Join(set, " "), r.code, r.Stderr)
			}
			if r := gip(t, append([]string{"-n", nsGip}, set...)...); r.code != 0 {
				t.Fatalf("gip %s: exit %d: %s", strings.Join(set, " "), r.code, r.Stderr)
			}
			sameDevice(t, nsIP, nsGip, c.dev)
			showsAsIP(t, nsIP, c.dev)
		})
	}
}

// sameDevice compares `ip -d -j link show dev DEV` in two namespaces.
func sameDevice(t *testing.T, nsA, nsB, dev string) {
	t.Helper()
	sameJSON(t, dev, deviceJSON(t, nsA, dev), deviceJSON(t, nsB, dev))
}

// deviceJSON is `ip -d -j link show dev DEV` without what differs
// between any two devices: the index and the random addresses.
func deviceJSON(t *testing.T, ns, dev string) []map[string]any {
	t.Helper()
	l := ipJSON(t, "ip", "-n", ns, "-d", "link", "show", "dev", dev)
	for _, d := range l {
		delete(d, "ifindex")
		delete(d, "permaddr")
		if d["link_type"] == "ether" {
			delete(d, "address")
		}
	}
	return l
}

// sameJSON reports a device described differently after ip and gip made
// it.
func sameJSON(t *testing.T, dev string, ip, gip []map[string]any) {
	t.Helper()
	if !reflect.DeepEqual(ip, gip) {
		ja, _ := json.Marshal(ip)
		jb, _ := json.Marshal(gip)
		t.Errorf("%s made by gip differs from ip's\n ip:  %s\n gip: %s", dev, ja, jb)
	}
}

// showsAsIP compares gip's and ip's `link show` of a device, text and
// JSON, with and without -d.
func showsAsIP(t *testing.T, ns, dev string) {
	t.Helper()
	for _, opts := range [][]string{nil, {"-d"}, {"-j"}, {"-d", "-j"}} {
		args := append(append([]string{"-n", ns}, opts...), "link", "show", "dev", dev)
		ref := tool(t, "ip", args...)
		got := gip(t, args...)
		what := "link show " + strings.Join(opts, " ") + " " + dev
		if ref.code != got.code {
			t.Errorf("%s: exit %d, ip's %d", what, got.code, ref.code)
		}
		if len(opts) > 0 && opts[len(opts)-1] == "-j" {
			if !jsonEqual(t, ref.Stdout, got.Stdout) {
				t.Errorf("%s differs\n ip:  %s\n gip: %s", what, ref.Stdout, got.Stdout)
			}
			continue
		}
		compareLines(t, what, ref.Stdout, got.Stdout)
	}
}

// TestIPsecCANKindErrors gives both tools bad words for the kinds: gip
// must answer with ip's exit code and ip's message (its first line: ip
// follows some with its usage text). Nothing reaches a kernel, so the test
// runs on any host, in a namespace of its own all the same.
func TestIPsecCANKindErrors(t *testing.T) {
	testenv.NeedRoot(t)
	ns := testNS(t)
	for _, words := range []string{
		"x type xfrm if_id 0",
		"x type xfrm if_id foo",
		"x type xfrm dev lo external",
		"x type xfrm if_id 5 external",
		"x type xfrm",
		"x type xfrm bogus",
		"x type vti key abc",
		"x type vti remote 2001:db8::1",
		"x type vti fwmark x",
		"x type vti6 local 198.51.100.1",
		"x type vti6 ttl 5",
		"x type vti dev nosuchdev",
		"x type erspan erspan 0",
		"x type erspan erspan 0x100000",
		"x type erspan erspan_ver 3",
		"x type erspan erspan_ver x",
		"x type erspan erspan_dir up",
		"x type erspan erspan_hwid 0x10000",
		"x type ip6erspan erspan_dir sideways",
		"x type gre erspan 5",
		"x type ip6gre tclass zz",
		"x type ip6gre flowlabel 0x100000",
		"x type ip6gre dscp 5",
		"x type ip6erspan encaplimit x",
		"x type ip6tnl tclass 0x100",
		"x link lo type macsec encrypt foo",
		"x link lo type macsec validate x",
		"x link lo type macsec offload x",
		"x link lo type macsec icvlen 7",
		"x link lo type macsec icvlen x",
		"x link lo type macsec icvlen 8 icvlen 9",
		"x link lo type macsec port 0",
		"x link lo type macsec port x",
		"x link lo type macsec sci zz",
		"x link lo type macsec address zz port 1",
		"x link lo type macsec replay on",
		"x link lo type macsec window 5",
		"x link lo type macsec replay on window x",
		"x link lo type macsec send_sci on end_station on",
		"x link lo type macsec end_station on scb on",
		"x link lo type macsec encodingsa 4",
		"x link lo type macsec encodingsa 1 encodingsa 2",
		"x link lo type macsec cipher foo",
		"x link lo type macsec cipher default cipher default",
		"x link lo type macsec bogus",
		"x link lo type macsec port 5 port 6",
		"x type can foo",
		"x type can help",
		"x type can bitrate x",
		"x type can dsjw -",
		"x type can sample-point x",
		"x type can sample-point 0.8x",
		"x type can loopback maybe",
		"x type can fd-non-iso 1",
		"x type can tdc-mode x",
		"x type can termination 70000",
		"x type can restart-ms",
	} {
		t.Run(words, func(t *testing.T) {
			args := append([]string{"-n", ns, "link", "add"}, strings.Fields(words)...)
			ref := tool(t, "ip", args...)
			got := gip(t, args...)
			if ref.code == 0 || got.code == 0 {
				t.Fatalf("exit ip %d, gip %d: a bad command was accepted", ref.code, got.code)
			}
			if got.code != ref.code {
				t.Errorf("exit %d, ip's %d (ip: %q, gip: %q)", got.code, ref.code, ref.Stderr, got.Stderr)
			}
			first := func(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
			if first(got.Stderr) != first(ref.Stderr) {
				t.Errorf("stderr %q, ip's %q", first(got.Stderr), first(ref.Stderr))
			}
		})
	}
}

// canBaseline puts a CAN controller back to a known state between the
// cases.
const canBaseline = "bitrate 125000 loopback off listen-only off triple-sampling off one-shot off berr-reporting off presume-ack off cc-len8-dlc off restart-ms 0"

// TestCANAgainstIP configures a CAN controller (in the vm tier, the
// emulated Kvaser PCI card qemu gives the VM: an SJA1000 with can_dev's
// netlink) once with ip and once with gip, from the same baseline, and
// compares what the kernel reports, gip's output of it, and the errors of
// words the controller refuses.
func TestCANAgainstIP(t *testing.T) {
	testenv.NeedRoot(t)
	dev := ""
	r := tool(t, "ip", "-d", "-j", "link", "show", "type", "can")
	var links []map[string]any
	if r.code == 0 && json.Unmarshal([]byte(r.Stdout), &links) == nil && len(links) > 0 {
		dev, _ = links[0]["ifname"].(string)
	}
	if dev == "" {
		testenv.Missing(t, testenv.LinkCAN, "no device of kind can (a CAN controller needs hardware)")
	}
	// The controller is the VM's own, made for the tests: it moves to the
	// test's namespace and back.
	ns := testNS(t)
	must(t, "ip", "link", "set", "dev", dev, "netns", ns)
	defer tool(t, "ip", "-n", ns, "link", "set", "dev", dev, "netns", "1")
	set := func(run func(testing.TB, ...string) result, words string) result {
		return run(t, append([]string{"-n", ns, "link", "set", "dev", dev, "type", "can"}, strings.Fields(words)...)...)
	}
	ip := func(_ testing.TB, args ...string) result { return tool(t, "ip", args...) }
	for _, words := range []string{
		"bitrate 500000",
		"bitrate 250000 sample-point 0.8 loopback on",
		"tq 125 prop-seg 6 phase-seg1 7 phase-seg2 2 sjw 1 listen-only on triple-sampling on",
		"bitrate 1000000 one-shot on berr-reporting on restart-ms 100",
		"bitrate 125000 presume-ack on cc-len8-dlc on",
		"b 500000 l on",
	} {
		t.Run(words, func(t *testing.T) {
			if r := set(ip, canBaseline); r.code != 0 {
				t.Fatalf("ip baseline: %s", r.Stderr)
			}
			if r := set(ip, words); r.code != 0 {
				t.Fatalf("ip link set %s type can %s: exit %d: %s", dev, words, r.code, r.Stderr)
			}
			want := deviceJSON(t, ns, dev)
			showsAsIP(t, ns, dev)
			if r := set(ip, canBaseline); r.code != 0 {
				t.Fatalf("ip baseline: %s", r.Stderr)
			}
			if r := set(gip, words); r.code != 0 {
				t.Fatalf("gip link set %s type can %s: exit %d: %s", dev, words, r.code, r.Stderr)
			}
			sameJSON(t, dev, want, deviceJSON(t, ns, dev))
		})
	}
	// What the controller or the kernel refuses.
	for _, words := range []string{"fd on", "termination 120", "dbitrate 2000000", "bitrate 0 tq 0 prop-seg 1", "restart", "tdcv 3"} {
		t.Run("refused "+words, func(t *testing.T) {
			ref, got := set(ip, words), set(gip, words)
			if ref.code != got.code || ref.Stderr != got.Stderr {
				t.Errorf("gip: exit %d %q; ip: exit %d %q", got.code, got.Stderr, ref.code, ref.Stderr)
			}
		})
	}
}
