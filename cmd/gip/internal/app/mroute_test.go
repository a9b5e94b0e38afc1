package app

import (
	"encoding/binary"
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// needMulticastRouting ends the test when the kernel of namespace ns has
// no multicast routing (ip mrule's dump is refused).
func needMulticastRouting(t *testing.T, ns string) {
	t.Helper()
	if r := tool(t, "ip", "-n", ns, "mrule"); r.code != 0 {
		testenv.Missing(t, testenv.MulticastRouting, "%s", strings.TrimSpace(r.Stderr))
	}
}

// The multicast routing socket options (linux/mroute.h).
const (
	mrtInit       = 200 // MRT_INIT
	mrtAddVif     = 202 // MRT_ADD_VIF
	mrtAddMFC     = 204 // MRT_ADD_MFC
	vifUseIfindex = 0x8 // VIFF_USE_IFINDEX
)

// mfc is one forwarding cache entry to install: traffic from origin to
// group arriving on vif parent leaves on the vifs of ttls (TTL threshold
// per vif, 0 for none).
type mfc struct {
	origin, group netip.Addr
	parent        uint16
	ttls          map[uint16]uint8
}

// mrouted makes namespace ns route multicast as a routing daemon would:
// a raw IGMP socket is the multicast router, with one vif per device of
// devs (thresholds ttl) and the cache entries of mfcs. The entries live
// as long as the socket, which the test closes when it ends.
func mrouted(t *testing.T, ns string, devs []string, thresholds []uint8, mfcs []mfc) {
	t.Helper()
	idx := make([]int32, len(devs))
	for i, d := range devs {
		var link []map[string]any = ipJSON(t, "ip", "-n", ns, "link", "show", d)
		idx[i] = int32(link[0]["ifindex"].(float64))
	}
	var fd int
	err := nl.InNetNS(ns, func() error {
		var err error
		fd, err = unix.Socket(unix.AF_INET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.IPPROTO_IGMP)
		if err != nil {
			return err
		}
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IP, mrtInit, 1); err != nil {
			return err
		}
		for i, ix := range idx {
			// struct vifctl: vifi, flags, threshold, rate limit,
			// local ifindex, remote address.
			v := binary.NativeEndian.AppendUint16(nil, uint16(i))
			v = append(v, vifUseIfindex, thresholds[i])
			v = binary.NativeEndian.AppendUint32(v, 0)
			v = binary.NativeEndian.AppendUint32(v, uint32(ix))
			v = append(v, 0, 0, 0, 0)
			if err := unix.SetsockoptString(fd, unix.IPPROTO_IP, mrtAddVif, string(v)); err != nil {
				return err
			}
		}
		for _, m := range mfcs {
			// struct mfcctl: origin, group, parent, ttls[32], then
			// counters and expiry the kernel ignores here.
			o, g := m.origin.As4(), m.group.As4()
			c := append(append([]byte{}, o[:]...), g[:]...)
			c = binary.NativeEndian.AppendUint16(c, m.parent)
			var ttls [32]byte
			for vif, ttl := range m.ttls {
				ttls[vif] = ttl
			}
			c = append(c, ttls[:]...)
			c = append(c, make([]byte, 2+16)...)
			if err := unix.SetsockoptString(fd, unix.IPPROTO_IP, mrtAddMFC, string(c)); err != nil {
				return err
			}
		}
		return nil
	})
	if fd > 0 {
		t.Cleanup(func() { unix.Close(fd) })
	}
	if err != nil {
		t.Fatalf("multicast routing in %s: %v", ns, err)
	}
}

var mrouteShows = []string{
	"mroute", "mroute show", "mroute list", "mroute lst", "mroute s", "mroute show table all", "mroute show table default",
	"mroute show table main", "mroute show table 253", "-6 mroute", "-4 mroute", "-s mroute", "-d mroute show table all",
	"mroute show iif v0", "mroute show iif v2", "mroute show any", "mroute show to default", "mroute show from any",
	"-s mroute show table all", "-o mroute", "-f link mroute", "-s -6 mroute show table all",
}

var mrouteErrors = []string{
	"mroute help", "mroute frob", "mroute show iif nosuch", "mroute show table foo", "mroute show from zz",
	"mroute show zz", "mroute show to", "mroute show 239.1.1.1", "mroute show table", "mroute show table help",
	"mroute show help",
}

func TestMrouteMatchesIP(t *testing.T) {
	ns := testNS(t)
	needMulticastRouting(t, ns)
	for _, s := range []string{"link add v0 type veth peer name v1", "link add v2 type veth peer name v3",
		"link set v0 up", "link set v1 up", "link set v2 up", "link set v3 up"} {
		must(t, "ip", append([]string{"-n", ns}, splitArgs(s)...)...)
	}
	mrouted(t, ns, []string{"v0", "v1", "v2"}, []uint8{1, 1, 3}, []mfc{
		{origin: netip.MustParseAddr("10.0.0.1"), group: netip.MustParseAddr("239.1.1.1"), parent: 0, ttls: map[uint16]uint8{1: 1, 2: 3}},
		{origin: netip.MustParseAddr("10.0.0.2"), group: netip.MustParseAddr("239.1.1.2"), parent: 2, ttls: map[uint16]uint8{0: 1}},
		{origin: netip.MustParseAddr("10.0.0.3"), group: netip.MustParseAddr("239.1.1.3"), parent: 1},
	})
	ageMask := newMasker(`Age [0-9.]+`, "Age A", `"expires": ?[0-9.e+-]+`, `"expires":0`)
	for _, c := range mrouteShows {
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
			args := append(append([]string{"-n", ns}, opts...), splitArgs(c)...)
			want, got := tool(t, "ip", args...), gip(t, args...)
			if got.code != want.code || got.Stderr != want.Stderr {
				t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
			}
			w, g := ageMask.apply(want.Stdout), ageMask.apply(got.Stdout)
			if opts != nil && w == "" {
				// ip prints no JSON for a family without multicast
				// routing; gip an empty list.
				w = "[]"
			}
			if opts == nil {
				compareLines(t, strings.Join(args, " "), w, g)
			} else if !jsonEqual(t, w, g) {
				t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
			}
		}
	}
	if out := gip(t, "-n", ns, "mroute").Stdout; !strings.Contains(out, "(10.0.0.1,239.1.1.1)") || !strings.Contains(out, "Oifs: v1 v2(ttl 3)") {
		t.Errorf("the cache entries are not listed:\n%s", out)
	}
	for _, c := range mrouteErrors {
		compareCommand(t, ns, ns, c)
	}
}

var mruleSteps = []string{
	"mrule add iif v0 table 5 pref 100", "mrule add iif v0 table 5 pref 100", "mrule add from 10.0.0.0/8 table 6",
	"mrule add fwmark 5 table 7", "mrule add not iif v1 lookup 8 pref 200", "-6 mrule add oif v1 table 9 pref 99",
	"-4 mrule add iif lo table default pref 300", "mrule del pref 100", "mrule del pref 100", "mrule frob", "mrule help",
	"-f link mrule", "-f link mrule add table 5", "mrule add table 10 pref 400 protocol static", "-6 mrule del pref 99",
	"mrule add to any table 11", "mrule add iif nosuch table 12",
}

var mruleShows = []string{"mrule", "mrule show", "-6 mrule", "-4 mrule list", "mrule show iif v0", "mrule show table 7", "-d mrule", "mrule show pref 300"}

func TestMruleMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link add v0 type veth peer name v1")
	needMulticastRouting(t, ref)
	sameRules := func(what string) {
		t.Helper()
		for _, fam := range []string{"-4", "-6"} {
			a, b := tool(t, "ip", "-n", ref, fam, "mrule").Stdout, tool(t, "ip", "-n", ns, fam, "mrule").Stdout
			compareLines(t, what+": the rules ip made and those gip made, as ip lists them", a, b)
		}
	}
	for _, s := range mruleSteps {
		compareCommand(t, ref, ns, s)
		sameRules(s)
	}
	compareListings(t, ref, ns, mruleShows)
	if out := tool(t, "ip", "-n", ns, "mrule").Stdout; !strings.Contains(out, "200:\tnot from all iif v1 lookup 8\n") {
		t.Errorf("gip's rules do not read back through ip:\n%s", out)
	}
	if out := tool(t, "ip", "-n", ns, "rule").Stdout; strings.Contains(out, "lookup 8") {
		t.Errorf("a multicast rule landed among the unicast ones:\n%s", out)
	}
	compareBatch(t, ref, ns, "mrule add pref 500 table 20\nmrule add pref 500 table 20\nmrule add pref 501 table 21\n")
	compareBatch(t, ref, ns, "mrule add pref 502 table 22\nmrule del pref 999\n-6 mrule add pref 503 table 23\n", "-force")
	sameRules("batches")
	for _, c := range []string{"mrule flush", "-6 mrule flush"} {
		compareCommand(t, ref, ns, c)
		sameRules(c)
	}
}
