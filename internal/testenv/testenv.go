package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// StrictEnv is set (to any non-empty value) by the vm tier. Under it, a
// missing feature listed in VMFeatures fails the test instead of skipping it.
const StrictEnv = "GIP_VM_STRICT"

// Feature names a kernel capability that some tests need.
type Feature string

// Kernel features that tests probe for. The names are stable: they appear in
// skip messages and in the vm tier's failure list.
const (
	LinkDummy     Feature = "link/dummy"
	LinkVLAN      Feature = "link/vlan"
	LinkBond      Feature = "link/bond"
	LinkVRF       Feature = "link/vrf"
	LinkGRE       Feature = "link/gre"
	LinkIPVLAN    Feature = "link/ipvlan"
	LinkMACVLAN   Feature = "link/macvlan" // macvlan, macvtap
	LinkGeneve    Feature = "link/geneve"
	LinkWireGuard Feature = "link/wireguard"
	LinkIPsec     Feature = "link/ipsec" // xfrm, vti, vti6
	LinkERSPAN    Feature = "link/erspan"
	LinkMACsec    Feature = "link/macsec"
	LinkVCAN      Feature = "link/vcan" // vcan, vxcan
	LinkCAN       Feature = "link/can"  // a CAN controller (the vm tier's emulated Kvaser PCI card)
	MPLS          Feature = "mpls"

	// Queueing disciplines the host kernel of the netns tier lacks.
	QdiscNetem   Feature = "qdisc/netem"
	QdiscFqCodel Feature = "qdisc/fq_codel"
	QdiscPrio    Feature = "qdisc/prio"
	QdiscSFQ     Feature = "qdisc/sfq"
	QdiscIngress Feature = "qdisc/ingress"
	QdiscClsact  Feature = "qdisc/clsact"
	QdiscFq      Feature = "qdisc/fq"
	QdiscCodel   Feature = "qdisc/codel"
	QdiscRED     Feature = "qdisc/red"
	QdiscPie     Feature = "qdisc/pie"
	QdiscFqPie   Feature = "qdisc/fq_pie"
	QdiscCake    Feature = "qdisc/cake"
	QdiscETS     Feature = "qdisc/ets"
	QdiscMQPrio  Feature = "qdisc/mqprio"
	QdiscDRR     Feature = "qdisc/drr"
	QdiscHFSC    Feature = "qdisc/hfsc"

	// MDBBulk is what Linux 6.8 added to the bridge's multicast
	// database: bulk deletion (mdb flush), getting one entry, replace,
	// filter modes, source lists and protocols; the vm tier's kernel
	// predates it.
	MDBBulk Feature = "bridge/mdb-bulk"

	// BridgeVlanFiltering is the bridge's vlan filtering (port vlans,
	// their tunnel ids, per-vlan options); the host kernel lacks it.
	BridgeVlanFiltering Feature = "bridge/vlan-filtering"

	// Tun is /dev/net/tun, the tun and tap devices (module tun).
	Tun Feature = "link/tun"

	// XfrmESP is IPsec states: ESP, AH and IPComp (modules esp4, ah4,
	// ipcomp and their IPv6 twins).
	XfrmESP Feature = "xfrm/esp"

	// TCX is tcx, the BPF hooks of a device's ingress and egress (Linux
	// 6.6); the vm tier's kernel predates it.
	TCX Feature = "bpf/tcx"

	// Traffic-control filters the host kernel of the netns tier lacks.
	FilterFlower   Feature = "filter/flower"
	FilterMatchall Feature = "filter/matchall"
	FilterBPF      Feature = "filter/bpf"
	FilterFW       Feature = "filter/fw"
	FilterRoute    Feature = "filter/route"
	FilterBasic    Feature = "filter/basic"
	FilterFlow     Feature = "filter/flow"
	// Ematch is the cmp, u32 and meta extended matches (em_* modules).
	Ematch Feature = "filter/ematch"

	// Traffic-control actions the host kernel of the netns tier lacks.
	ActGact      Feature = "action/gact"
	ActPolice    Feature = "action/police"
	ActVlan      Feature = "action/vlan"
	ActSkbedit   Feature = "action/skbedit"
	ActPedit     Feature = "action/pedit"
	ActTunnelKey Feature = "action/tunnel_key"
	ActCsum      Feature = "action/csum"
	ActNat       Feature = "action/nat"
	ActCt        Feature = "action/ct"
	ActConnmark  Feature = "action/connmark"
	ActSample    Feature = "action/sample"
	ActMpls      Feature = "action/mpls"
	ActSkbmod    Feature = "action/skbmod"
	ActBpf       Feature = "action/bpf"

	// MulticastRouting is the multicast forwarding cache and its rules
	// (IP_MROUTE, IPV6_MROUTE, the RTNL_FAMILY_IPMR/IP6MR families).
	MulticastRouting Feature = "route/multicast"
	// Wifi is nl80211 with simulated radios (the mac80211_hwsim module),
	// which the wifi fixture needs.
	Wifi Feature = "wifi/mac80211_hwsim"

	// Generic netlink families of tunnels the host kernel lacks: L2TPv3
	// (l2tp_netlink, l2tp_eth, l2tp_ip, l2tp_ip6), foo-over-UDP (fou,
	// fou6) and MACsec (macsec).
	GenlL2TP   Feature = "genl/l2tp"
	GenlFOU    Feature = "genl/fou"
	GenlMACsec Feature = "genl/macsec"
	// GenlTaskstats is the per-task accounting family (CONFIG_TASKSTATS);
	// GenlIOAM is IPv6 in-situ OAM's (CONFIG_IPV6_IOAM6_LWTUNNEL).
	GenlTaskstats Feature = "genl/taskstats"
	GenlIOAM      Feature = "genl/ioam6"
	// SEG6HMAC is segment routing's HMAC keys (CONFIG_IPV6_SEG6_HMAC).
	SEG6HMAC Feature = "seg6/hmac"
	// ILA is Identifier Locator Addressing (module ila).
	ILA Feature = "ila"
	// LinkGTP and LinkTeam are the gtp and team link kinds.
	LinkGTP  Feature = "link/gtp"
	LinkTeam Feature = "link/team"
	// LinkLowpan is 6LoWPAN over a simulated IEEE 802.15.4 radio
	// (mac802154_hwsim, moved with iwpan).
	LinkLowpan Feature = "link/lowpan"
)

// VMFeatures lists the features the vm tier's kernel has. A test that finds
// one of them missing while StrictEnv is set fails.
var VMFeatures = map[Feature]bool{
	LinkDummy:     true,
	LinkVLAN:      true,
	LinkBond:      true,
	LinkVRF:       true,
	LinkGRE:       true,
	LinkIPVLAN:    true,
	LinkMACVLAN:   true,
	LinkGeneve:    true,
	LinkWireGuard: true,
	LinkIPsec:     true,
	LinkERSPAN:    true,
	LinkMACsec:    true,
	LinkVCAN:      true,
	LinkCAN:       true,
	MPLS:          true,
	SEG6HMAC:      true,
	ILA:           true,

	QdiscNetem:   true,
	QdiscFqCodel: true,
	QdiscPrio:    true,
	QdiscSFQ:     true,
	QdiscIngress: true,
	QdiscClsact:  true,
	QdiscFq:      true,
	QdiscCodel:   true,
	QdiscRED:     true,
	QdiscPie:     true,
	QdiscFqPie:   true,
	QdiscCake:    true,
	QdiscETS:     true,
	QdiscMQPrio:  true,
	QdiscDRR:     true,
	QdiscHFSC:    true,

	FilterFlower:   true,
	FilterMatchall: true,
	FilterBPF:      true,
	FilterFW:       true,
	FilterRoute:    true,
	FilterBasic:    true,
	FilterFlow:     true,
	Ematch:         true,

	ActGact: true, ActPolice: true, ActVlan: true, ActSkbedit: true, ActPedit: true,
	ActTunnelKey: true, ActCsum: true, ActNat: true, ActCt: true, ActConnmark: true,
	ActSample: true, ActMpls: true, ActSkbmod: true,
	ActBpf: true,

	Wifi: true,
	Tun:  true,

	MulticastRouting: true,

	BridgeVlanFiltering: true,

	XfrmESP: true,

	GenlL2TP: true, GenlFOU: true, GenlMACsec: true, GenlTaskstats: true, GenlIOAM: true,
	LinkGTP: true, LinkTeam: true, LinkLowpan: true,
}

// Strict reports whether the vm tier's strict mode is on.
func Strict() bool { return os.Getenv(StrictEnv) != "" }

// NeedRoot skips the test unless it runs as root, which privileged tests
// need to create network namespaces.
func NeedRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		if Strict() {
			t.Fatalf("the vm tier runs as root, but this test does not")
		}
		t.Skip("skipped: needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) to create network namespaces; run the tests as root")
	}
}

// Missing ends the test because the kernel lacks feature f; why says how the
// lack showed (usually the kernel's error). It skips, or fails under the vm
// tier's strict mode when the vm kernel is known to have f.
func Missing(t testing.TB, f Feature, why string, args ...any) {
	t.Helper()
	reason := fmt.Sprintf(why, args...)
	if Strict() && VMFeatures[f] {
		t.Fatalf("kernel feature %s is missing in the vm tier, where it must exist: %s", f, reason)
	}
	if !VMFeatures[f] {
		t.Skipf("skipped: kernel lacks %s (%s), as the vm tier's does too", f, reason)
	}
	t.Skipf("skipped: kernel lacks %s (%s); the vm tier (make vmtest) runs this test", f, reason)
}

// NeedTools ends the test unless every named program is found in PATH, and
// returns their paths in order. Tests use it for the stock tools they drive
// or compare against (ip, iw, hostapd, ...). It skips, or fails under the vm
// tier's strict mode, whose machine is set up to have them all.
func NeedTools(t testing.TB, names ...string) []string {
	t.Helper()
	paths := make([]string, 0, len(names))
	var missing []string
	for _, n := range names {
		p, err := exec.LookPath(n)
		if err != nil {
			missing = append(missing, n)
			continue
		}
		paths = append(paths, p)
	}
	if len(missing) > 0 {
		list := strings.Join(missing, ", ")
		if Strict() {
			t.Fatalf("the vm tier needs %s in PATH; install the Debian packages that provide them (see .ci/run)", list)
		}
		t.Skipf("skipped: %s not found in PATH", list)
	}
	return paths
}
