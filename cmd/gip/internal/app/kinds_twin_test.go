package app

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestKindTwins makes each link kind twice, in two fresh namespaces: once
// with gip and once with ip, from the same words. ip must read both back
// alike (ip -d -j link show), and gip must show the one ip made exactly
// as ip does (text, -d text and -d -j JSON). Kinds the kernel lacks skip,
// or fail in the vm tier where its kernel has them.
func TestKindTwins(t *testing.T) {
	cases := []struct {
		feature testenv.Feature
		setup   []string // ip commands run in both namespaces first
		args    string   // after `link add` (or `link set` with set)
		set     bool
		dev     string
		wpan    bool // needs an IEEE 802.15.4 device, wpan9, in each namespace
	}{
		{testenv.LinkGTP, nil, "gtp0 type gtp role sgsn", false, "gtp0", false},
		{testenv.LinkGTP, nil, "gtp1 type gtp role ggsn hsize 2048 restart_count 3", false, "gtp1", false},
		{testenv.LinkTeam, nil, "team0 type team", false, "team0", false},
		{testenv.LinkTeam, []string{"link add team1 type team"}, "v0 master team1", true, "v0", false},
		{testenv.LinkLowpan, nil, "link wpan9 name lowpan0 type lowpan", false, "lowpan0", true},
	}
	for _, c := range cases {
		t.Run(c.args, func(t *testing.T) {
			byGip, byIP := testNS(t), testNS(t)
			verb := "add"
			if c.set {
				verb = "set"
			}
			for _, ns := range []string{byGip, byIP} {
				must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
				if c.wpan {
					wpanInto(t, ns, "wpan9")
				}
				for _, s := range c.setup {
					r := tool(t, "ip", append([]string{"-n", ns}, strings.Fields(s)...)...)
					if r.code != 0 && strings.Contains(r.Stderr, "Unknown device type") {
						testenv.Missing(t, c.feature, "%s", strings.TrimSpace(r.Stderr))
					}
					if r.code != 0 {
						t.Fatalf("setup %s: %s", s, r.Stderr)
					}
				}
			}
			words := append([]string{"link", verb}, strings.Fields(c.args)...)
			ref := tool(t, "ip", append([]string{"-n", byIP}, words...)...)
			if ref.code != 0 && strings.Contains(ref.Stderr, "Unknown device type") {
				testenv.Missing(t, c.feature, "%s", strings.TrimSpace(ref.Stderr))
			}
			if ref.code != 0 {
				t.Fatalf("ip %s: exit %d: %s", strings.Join(words, " "), ref.code, ref.Stderr)
			}
			if r := gip(t, append([]string{"-n", byGip}, words...)...); r.code != 0 {
				t.Fatalf("gip %s: exit %d: %s", strings.Join(words, " "), r.code, r.Stderr)
			}

			// The device gip made reads back as the one ip made. A port
			// just enslaved settles its carrier and operational state
			// after the command: read again until both have settled.
			show := []string{"-d", "link", "show", "dev", c.dev}
			readBack := func(ns string) string {
				l := ipJSON(t, "ip", append([]string{"-n", ns}, show...)...)
				if len(l) != 1 {
					t.Fatalf("ip shows %d links named %s", len(l), c.dev)
				}
				for _, k := range []string{"ifindex", "address", "link_index"} {
					delete(l[0], k)
				}
				j, _ := json.Marshal(l[0])
				return string(j)
			}
			ja, jb := readBack(byGip), readBack(byIP)
			for try := 0; ja != jb && try < 20; try++ {
				time.Sleep(100 * time.Millisecond)
				ja, jb = readBack(byGip), readBack(byIP)
			}
			if ja != jb {
				t.Errorf("made by gip and by ip, read back by ip, differ\n gip-made: %s\n ip-made:  %s", ja, jb)
			}

			// gip shows the device ip made as ip does.
			for _, opts := range [][]string{nil, {"-d"}} {
				args := append(append([]string{"-n", byIP}, opts...), "link", "show", "dev", c.dev)
				compareLines(t, "ip "+strings.Join(args, " "), tool(t, "ip", args...).Stdout, gip(t, args...).Stdout)
			}
			args := []string{"-n", byIP, "-d", "-j", "link", "show", "dev", c.dev}
			r, g := tool(t, "ip", args...), gip(t, args...)
			if !jsonEqual(t, r.Stdout, g.Stdout) {
				t.Errorf("ip %s differs\n ref: %s\n gip: %s", strings.Join(args, " "), r.Stdout, g.Stdout)
			}
		})
	}
}

// wpanInto moves a simulated IEEE 802.15.4 radio (mac802154_hwsim) of
// the default namespace into ns and names its device dev.
func wpanInto(t *testing.T, ns, dev string) {
	t.Helper()
	if _, err := exec.LookPath("iwpan"); err != nil {
		testenv.Missing(t, testenv.LinkLowpan, "no iwpan (wpan-tools) to move a radio")
	}
	phy := ""
	for _, l := range strings.Split(tool(t, "iwpan", "phy").Stdout, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "wpan_phy" {
			phy = f[1]
			break
		}
	}
	if phy == "" {
		testenv.Missing(t, testenv.LinkLowpan, "no free IEEE 802.15.4 radio (modprobe mac802154_hwsim)")
	}
	must(t, "iwpan", "phy", phy, "set", "netns", "name", ns)
	for _, l := range ipJSON(t, "ip", "-n", ns, "link", "show") {
		if name, _ := l["ifname"].(string); strings.HasPrefix(name, "wpan") {
			must(t, "ip", "-n", ns, "link", "set", name, "name", dev)
			return
		}
	}
	t.Fatalf("radio %s moved to %s without a wpan device", phy, ns)
}

// TestKindErrors gives each kind words it refuses: gip's message and exit
// code are ip's. The words fail before anything reaches the kernel, so any
// kernel will do.
func TestKindErrors(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	for _, args := range []string{
		"add x type bareudp dstport 6635",
		"add x type bareudp ethertype ipv4",
		"add x type bareudp dstport x ethertype ipv4",
		"add x type bareudp dstport 1 ethertype nosuch",
		"add x type bareudp dstport 1 dst 2",
		"add x type bareudp multiproto nomultiproto",
		"add x type bareudp dstport 1 ethertype ipv4 bogus",
		"add x type bareudp help",
		"add x type bareudp dstport",
		"add x type gtp hsize 10",
		"add x type gtp role foo",
		"add x type gtp role sgsn role ggsn",
		"add x type gtp role sgsn hsize 131072",
		"add x type gtp role sgsn hsize x",
		"add x type gtp role sgsn restart_count 0x1",
		"add x type gtp role sgsn restart_count 256",
		"add x type gtp help",
		"add x type amt mode foo",
		"add x type amt relay_port 70000",
		"add x type amt max_tunnels x",
		"add x type amt local 10.0.0.1 local 10.0.0.2",
		"add x type amt discovery nonsense",
		"add x type amt dev nosuch",
		"add x type amt bogus",
		"add x type hsr slave1 nosuch",
		"add x type hsr slave1 v0 slave2 nosuch",
		"add x type hsr supervision 256",
		"add x type hsr version x",
		"add x type hsr proto -1",
		"add x type hsr bogus",
		"add x type hsr help",
		"add x type ipoib pkey x",
		"add x type ipoib mode foo",
		"add x type ipoib umcast 70000",
		"add x type ipoib bogus",
		"add x type rmnet mux_id x",
		"add x type rmnet bogus",
		"add x type wwan linkid -1",
		"add x type wwan bogus",
		"set v0 type dsa conduit nosuch",
		"set v0 type dsa bogus",
	} {
		t.Run(args, func(t *testing.T) {
			words := append([]string{"-n", ns, "link"}, strings.Fields(args)...)
			ref, got := tool(t, "ip", words...), gip(t, words...)
			if got.code != ref.code || got.Stderr != ref.Stderr {
				t.Errorf("ip %s\n ref: exit %d %q\n gip: exit %d %q", args, ref.code, ref.Stderr, got.code, got.Stderr)
			}
		})
	}
}
