package app

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
)

// fbTunnelsSysctl decides whether a new namespace gets the fallback
// tunnel devices (gre0, tunl0, sit0, ip_vti0, ip6tnl0, ip6gre0,
// ip6_vti0) that ip's tunnel object works through: 0 gives them to every
// namespace, 2 (what the vm tier sets, so that namespaces start with
// only lo) to the initial one only.
const fbTunnelsSysctl = "/proc/sys/net/core/fb_tunnels_only_for_init_net"

// fbTunnelsMu keeps this binary's tests from changing the sysctl at once.
var fbTunnelsMu sync.Mutex

// tunnelKinds are the link kinds whose modules own the fallback devices.
var tunnelKinds = []string{"gre", "ipip", "sit", "vti", "ip6tnl", "ip6gre", "vti6"}

// needTunnelModules skips the test (fails it in the vm tier) unless the
// kernel has every IP tunnel kind: creating each once in a scratch
// namespace also loads its module, which is what makes the fallback
// devices exist.
func needTunnelModules(t *testing.T) {
	t.Helper()
	if why := tunnelModulesMissing(t); why != "" {
		testenv.Missing(t, testenv.LinkGRE, "%s", why)
	}
}

// tunnelModulesMissing says which tunnel kind the kernel lacks ("" when
// it has them all).
func tunnelModulesMissing(t *testing.T) string {
	t.Helper()
	ns := nltest.NetNS(t)
	for i, kind := range tunnelKinds {
		name := "probe" + string(rune('0'+i))
		if r := tool(t, "ip", "-n", ns, "link", "add", name, "type", kind); r.code != 0 {
			return "ip link add type " + kind + ": " + strings.TrimSpace(r.Stderr)
		}
	}
	return ""
}

// tunnelNetNS makes a namespace with (fallback true) or without the
// fallback tunnel devices, whatever the sysctl holds: it sets the
// sysctl for the moment the namespace is created, then puts the old
// value back. The kernel reads the sysctl only when a namespace is born,
// so other tests' namespaces are not affected outside that moment.
func tunnelNetNS(t *testing.T, fallback bool) string {
	t.Helper()
	fbTunnelsMu.Lock()
	defer fbTunnelsMu.Unlock()
	old, err := os.ReadFile(fbTunnelsSysctl)
	if err != nil {
		t.Fatalf("reading %s: %v", fbTunnelsSysctl, err)
	}
	want := "2"
	if fallback {
		want = "0"
	}
	if strings.TrimSpace(string(old)) != want {
		if err := os.WriteFile(fbTunnelsSysctl, []byte(want), 0); err != nil {
			t.Fatalf("setting %s: %v", fbTunnelsSysctl, err)
		}
		defer func() {
			if err := os.WriteFile(fbTunnelsSysctl, old, 0); err != nil {
				t.Errorf("restoring %s: %v", fbTunnelsSysctl, err)
			}
		}()
	}
	return nltest.NetNS(t)
}

// tunnelTwins are two namespaces with fallback devices and a veth pair
// each (v0 for the tunnels' dev): ip works in one, gip in the other.
func tunnelTwins(t *testing.T) (ipNS, gipNS string) {
	needTunnelModules(t)
	ipNS, gipNS = tunnelNetNS(t, true), tunnelNetNS(t, true)
	for _, ns := range []string{ipNS, gipNS} {
		must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
		if r := tool(t, "ip", "-n", ns, "link", "show", "gre0"); r.code != 0 {
			t.Fatalf("namespace %s has no fallback device gre0: %s", ns, r.Stderr)
		}
	}
	return ipNS, gipNS
}

// sameRun runs args with ip in ipNS and gip in gipNS and requires the
// same output, errors (gip for ip) and exit code.
func sameRun(t *testing.T, ipNS, gipNS string, args ...string) {
	t.Helper()
	want := tool(t, "ip", append([]string{"-n", ipNS}, args...)...)
	got := gip(t, append([]string{"-n", gipNS}, args...)...)
	fix := func(s string) string { return strings.ReplaceAll(s, "gip ", "ip ") }
	if got.Stdout != want.Stdout || fix(got.Stderr) != want.Stderr || got.code != want.code {
		t.Errorf("%s:\n ip: exit %d\n%q\n%q\ngip: exit %d\n%q\n%q", strings.Join(args, " "),
			want.code, want.Stdout, want.Stderr, got.code, got.Stdout, got.Stderr)
	}
}

// sameState compares the tunnels of both namespaces as ip lists them
// (text and JSON), and gip's listing with ip's on gip's namespace; full
// adds the listings with -s and -o.
func sameState(t *testing.T, ipNS, gipNS string, full bool) {
	t.Helper()
	fams := [][]string{{"-4"}, {"-6"}}
	if full {
		fams = append(fams, []string{"-4", "-s"}, []string{"-6", "-s"}, []string{"-4", "-o"})
	}
	for _, fam := range fams {
		for _, j := range [][]string{nil, {"-j"}} {
			args := append(append(append([]string{}, fam...), j...), "tunnel", "show")
			a := tool(t, "ip", append([]string{"-n", ipNS}, args...)...)
			b := tool(t, "ip", append([]string{"-n", gipNS}, args...)...)
			g := gip(t, append([]string{"-n", gipNS}, args...)...)
			if a.code != 0 || b.code != 0 || g.code != 0 {
				t.Errorf("%v: exit ip %d, ip %d, gip %d: %s%s%s", args, a.code, b.code, g.code, a.Stderr, b.Stderr, g.Stderr)
				continue
			}
			if j == nil {
				if a.Stdout != b.Stdout {
					t.Errorf("%v: the namespaces differ (ip's view):\nip's:\n%s\ngip's:\n%s", args, a.Stdout, b.Stdout)
				}
				if g.Stdout != b.Stdout {
					t.Errorf("%v: gip prints\n%s\nip prints\n%s", args, g.Stdout, b.Stdout)
				}
				continue
			}
			if len(fam) > 1 { // ip mixes the -s text into its JSON
				var v any
				if err := json.Unmarshal([]byte(g.Stdout), &v); err != nil {
					t.Errorf("%v: gip's JSON is not valid: %v\n%s", args, err, g.Stdout)
				}
				continue
			}
			if !jsonEqual(t, a.Stdout, b.Stdout) {
				t.Errorf("%v: the namespaces differ (ip's JSON):\n%s\n%s", args, a.Stdout, b.Stdout)
			}
			if !jsonEqual(t, b.Stdout, g.Stdout) {
				t.Errorf("%v: gip's JSON\n%s\nip's\n%s", args, g.Stdout, b.Stdout)
			}
		}
	}
}

// TestTunnelLikeIP drives ip in one namespace and gip in its twin
// through the same add, change, prl, 6rd, show and delete command lines
// of every tunnel mode, IPv4 and IPv6, requiring the same output, errors
// and exit codes, and after each change the same tunnels as ip reads
// them back.
func TestTunnelLikeIP(t *testing.T) {
	ipNS, gipNS := tunnelTwins(t)
	steps := []string{
		"tunnel add gre1 mode gre remote 192.0.2.2 local 192.0.2.1 ttl 64 key 5 seq csum",
		"tunnel add tunnel_test_ip mode gre local 1.1.1.1 remote 2.2.2.2",
		"tunnel add ipip1 mode ipip remote 192.0.2.3 local 192.0.2.1 dev v0 tos inherit",
		"tunnel add sit1 mode sit remote 192.0.2.4 ttl 10 tos 0x10",
		"tunnel add isatap1 mode isatap local 192.0.2.1",
		"tunnel add vti1 mode vti remote 192.0.2.5 local 192.0.2.1 ikey 7 okey 1.2.3.4",
		"tunnel add gre2 mode gre remote 192.0.2.6 nopmtudisc icsum oseq tos inherit/0x20",
		"tunnel add gre3 remote 192.0.2.7 okey 3",
		"tunnel add mode ipip remote 192.0.2.8",
		"tunnel add gre1 mode gre remote 192.0.2.2 local 192.0.2.1 ttl 64 key 5",
		"tunnel add gre4 mode gre remote 192.0.2.9 dev nosuch",
		"tunnel change gre1 ttl 32 okey 9 nopmtudisc",
		"tunnel change gre1 ttl 0 nopmtudisc",
		"tunnel change nosuch ttl 3",
		"tunnel prl prl-default 192.0.2.10 dev isatap1",
		"tunnel prl prl-nodefault 192.0.2.11 dev isatap1",
		"tunnel prl prl-delete 192.0.2.11 dev isatap1",
		"tunnel prl prl-delete 192.0.2.99 dev isatap1",
		"tunnel prl prl-default 192.0.2.10 dev nosuch",
		"tunnel prl dev isatap1",
		"tunnel 6rd 6rd-prefix 2001:db8::/32 6rd-relay_prefix 10.0.0.0/8 dev sit1",
		"tunnel 6rd 6rd-prefix 2001:db8::/32 dev gre1",
		"tunnel show gre1", "tunnel show sit1", "tunnel show isatap1", "tunnel show vti1",
		"tunnel show mode gre", "tunnel show remote 192.0.2.2", "tunnel show nosuch",
		"tunnel show gre9", "tunnel show mode sit", "tunnel show dev v0", "tunnel list key 5",
		"-o tunnel show gre1",
		"-6 tunnel add ip6t1 mode ip6ip6 remote 2001:db8::2 local 2001:db8::1 encaplimit none hoplimit 10 tclass 0x20 flowlabel 0x12345",
		"-6 tunnel add ip6t2 mode ipip6 remote 2001:db8::3 dscp inherit allow-localremote tclass inherit flowlabel inherit dev v0",
		"tunnel add ip6g1 mode ip6gre remote 2001:db8::4 key 3 seq",
		"tunnel add name tunnel_test_ip6 mode ip6gre local dead:beef::1 remote dead:beef::2",
		"-6 tunnel add mode any remote 2001:db8::9 encaplimit 7",
		"-6 tunnel add ip6v1 mode vti6 remote 2001:db8::5 local 2001:db8::1 key 4",
		"-6 tunnel add ip6t1 remote 2001:db8::2 local 2001:db8::1",
		"-6 tunnel change ip6t1 hoplimit 20 noallow-localremote encaplimit 3",
		"-6 tunnel change ip6nosuch hoplimit 20",
		"-6 tunnel show ip6t1", "-6 tunnel show ip6g1", "-6 tunnel show mode ip6gre",
		"-6 tunnel show remote 2001:db8::3", "-6 tunnel show ip6nosuch", "-6 tunnel show hoplimit 10",
		"-6 -s tunnel show ip6t1",
		"tunnel 6rd 6rd-reset dev sit1",
		"tunnel del gre2", "tunnel del gre2", "tunnel del sit1", "tunnel del mode ipip remote 192.0.2.8",
		"-6 tunnel del ip6t2", "tunnel del ip6g1 mode ip6gre", "-6 tunnel del ip6nosuch",
	}
	for i, s := range steps {
		args := strings.Fields(s)
		sameRun(t, ipNS, gipNS, args...)
		if !strings.Contains(s, " show") {
			// Under the vm tier's emulation each listing costs; the
			// full set runs once the tunnels are all there and at the end.
			sameState(t, ipNS, gipNS, i == len(steps)-1 || strings.HasPrefix(s, "-6 tunnel change ip6t1"))
		}
	}
}

// TestTunnelJSONOfOne: ip prints text for -j with a single tunnel it
// reads by ioctl (ip tunnel show NAME, when the name or a mode gives the
// family's fallback device); gip prints an array of the object the
// listing holds for it.
func TestTunnelJSONOfOne(t *testing.T) {
	ipNS, gipNS := tunnelTwins(t)
	for _, s := range []string{
		"tunnel add tg1 mode gre remote 192.0.2.2 local 192.0.2.1 ttl 64 key 5 seq",
		"-6 tunnel add ip6t1 mode ip6ip6 remote 2001:db8::2 local 2001:db8::1",
	} {
		sameRun(t, ipNS, gipNS, strings.Fields(s)...)
	}
	for _, c := range []struct{ one, list string }{
		{"tunnel show mode gre tg1", "tunnel show remote 192.0.2.2"},
		{"-6 tunnel show ip6t1", "-6 tunnel show remote 2001:db8::2"},
	} {
		g := gip(t, append([]string{"-n", gipNS, "-j"}, strings.Fields(c.one)...)...)
		want := tool(t, "ip", append([]string{"-n", ipNS, "-j"}, strings.Fields(c.list)...)...)
		if g.code != 0 || !jsonEqual(t, want.Stdout, g.Stdout) {
			t.Errorf("gip -j %s: exit %d\n%s\nwant the listing's\n%s", c.one, g.code, g.Stdout, want.Stdout)
		}
	}
}

// TestTunnelWithoutFallbackDevices: in a namespace without the fallback
// devices every verb fails as ip's does, with the device ip names. It
// runs on any kernel: one without the tunnel modules has no fallback
// devices anywhere (and the sysctl is left alone there).
func TestTunnelWithoutFallbackDevices(t *testing.T) {
	var ipNS, gipNS string
	if why := tunnelModulesMissing(t); why != "" {
		if testenv.Strict() {
			t.Fatalf("the vm tier's kernel must have the tunnel kinds: %s", why)
		}
		ipNS, gipNS = nltest.NetNS(t), nltest.NetNS(t)
	} else {
		ipNS, gipNS = tunnelNetNS(t, false), tunnelNetNS(t, false)
	}
	for _, s := range []string{
		"tunnel add t1 mode gre remote 192.0.2.1", "tunnel add t1 mode ipip remote 192.0.2.1",
		"tunnel add t1 mode sit remote 192.0.2.1", "tunnel add t1 mode vti remote 192.0.2.1",
		"tunnel add t1 mode isatap", "-6 tunnel add t1 remote 2001:db8::1",
		"tunnel add t1 mode ip6gre remote 2001:db8::1", "-6 tunnel add t1 mode vti6 remote 2001:db8::1",
		"tunnel show", "-6 tunnel show", "tunnel show gre0", "tunnel show mode sit", "-6 tunnel show ip6tnl0",
		"tunnel del gre0", "tunnel change gre0 ttl 3", "tunnel prl prl-default 192.0.2.1 dev sit0",
		"tunnel 6rd 6rd-reset dev sit0",
	} {
		sameRun(t, ipNS, gipNS, strings.Fields(s)...)
	}
}

// TestTunnelIproute2Suite runs the command lines of iproute2's testsuite
// test ip/tunnel/add_tunnel.t with gip, in a namespace with the fallback
// devices (the suite runs in the initial one, which has them): each must
// succeed without a word on stderr, which is what the suite checks, and
// ip must see the tunnel come and go.
func TestTunnelIproute2Suite(t *testing.T) {
	needTunnelModules(t)
	ns := tunnelNetNS(t, true)
	const name = "tunnel_test_ip"
	for _, c := range []struct {
		add    string
		family string
	}{
		{"tunnel add name " + name + " mode gre local 1.1.1.1 remote 2.2.2.2", "-4"},
		{"tunnel add name " + name + " mode ip6gre local dead:beef::1 remote dead:beef::2", "-6"},
	} {
		for _, line := range []string{c.add, "tunnel del " + name} {
			r := gip(t, append([]string{"-n", ns}, strings.Fields(line)...)...)
			if r.code != 0 || r.Stderr != "" {
				t.Fatalf("gip %s: exit %d, stderr %q", line, r.code, r.Stderr)
			}
			shown := tool(t, "ip", "-n", ns, c.family, "tunnel", "show")
			if has := strings.Contains(shown.Stdout, name+":"); has != strings.HasPrefix(line, "tunnel add") {
				t.Errorf("after gip %s, ip %s tunnel show lists:\n%s", line, c.family, shown.Stdout)
			}
		}
	}
}
