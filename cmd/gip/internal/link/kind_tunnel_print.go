package link

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// How the tunnel family prints, as ip's print_opt of each kind.

// endpoint is an address as ip prints a tunnel's: "any" when unset or
// unspecified.
func endpoint(o rtnl.Opt[netip.Addr]) string {
	if a, ok := o.Get(); ok && !a.IsUnspecified() {
		return a.String()
	}
	return "any"
}

// printKeys prints the GRE keys the flags say are in use, as dotted quads.
func printKeys(f *format.Fields, tun *rtnl.Tunnel) {
	key := func(name string, flags rtnl.Opt[uint16], k rtnl.Opt[uint32]) {
		if v, ok := k.Get(); ok && flags.V&rtnl.GREFlagKey != 0 {
			f.String(name, name+" %s ", dottedKey(v))
		}
	}
	key("ikey", tun.IFlags, tun.IKey)
	key("okey", tun.OFlags, tun.OKey)
}

func printTunnelLink(f *format.Fields, tun *rtnl.Tunnel, v *View) {
	if l, ok := tun.Link.Get(); ok && l != 0 {
		f.String("link", "dev %s ", v.linkName(l))
	}
}

// print4 prints gre, gretap, ipip and sit.
func (t tunnelSpec) print4(f *format.Fields, tun *rtnl.Tunnel, v *View) {
	if tun.CollectMetadata {
		f.Bool("external", "external ", true)
	}
	if p, ok := tun.Proto.Get(); ok && !t.gre() {
		name := map[uint8]string{unix.IPPROTO_IPIP: "ipip", unix.IPPROTO_IPV6: "ip6ip", unix.IPPROTO_MPLS: "mplsip", 0: "any"}[p]
		if name != "" {
			f.String("proto", "%s ", name)
		}
	}
	if tun.Remote.Set || t.gre() {
		f.String("remote", "remote %s ", endpoint(tun.Remote))
	}
	if tun.Local.Set || t.gre() {
		f.String("local", "local %s ", endpoint(tun.Local))
	}
	printTunnelLink(f, tun, v)
	if ttl := tun.TTL.V; ttl != 0 {
		f.Uint("ttl", "ttl %d ", uint64(ttl))
	} else {
		f.Uint("ttl", "ttl inherit ", 0)
	}
	if tos := tun.TOS.V; tos != 0 {
		hex := "0x" + strconv.FormatUint(uint64(tos), 16)
		if tos == 1 {
			f.String("tos", "tos inherit ", hex)
		} else {
			f.String("tos", "tos %s ", hex)
		}
	}
	if t.gre() {
		if p, ok := tun.PMTUDisc.Get(); ok {
			f.Bool("pmtudisc", "", p != 0)
			if p == 0 {
				f.Literal("nopmtudisc ")
			}
		}
		if tun.IgnoreDF.V != 0 {
			f.Bool("ignore_df", "ignore-df ", true)
		}
		printKeys(f, tun)
		printGREFlags(f, tun)
	} else {
		if tun.PMTUDisc.V != 0 {
			f.Bool("pmtudisc", "pmtudisc ", true)
		} else {
			f.Bool("pmtudisc", "", false)
			f.Literal("nopmtudisc ")
		}
		if tun.Flags.V&rtnl.SitISATAP != 0 {
			f.Bool("isatap", "isatap ", true)
		}
		if pl := tun.PrefixLen6rd.V; pl != 0 {
			prefix := tun.Prefix6rd.V.String()
			f.String("prefix", "6rd-prefix %s", prefix)
			f.Uint("prefixlen", "/%d ", uint64(pl))
			if r, ok := tun.RelayPrefix6rd.Get(); ok && r.Is4() && !r.IsUnspecified() {
				f.String("relay_prefix", "6rd-relay_prefix %s", r.String())
				f.Uint("relay_prefixlen", "/%d ", uint64(tun.RelayPrefixLen6rd.V))
			}
		}
	}
	if m := tun.FwMark.V; m != 0 {
		f.String("fwmark", "fwmark %s ", "0x"+strconv.FormatUint(uint64(m), 16))
	}
	printErspan(f, tun)
	printEncap(f, tun.Encap)
}

// print6 prints ip6gre, ip6gretap and ip6tnl.
func (t tunnelSpec) print6(f *format.Fields, tun *rtnl.Tunnel, v *View) {
	if tun.CollectMetadata {
		f.Bool("external", "external ", true)
		if !t.gre() {
			return
		}
	}
	if p, ok := tun.Proto.Get(); ok && !t.gre() {
		name := map[uint8]string{unix.IPPROTO_IPIP: "ipip6", unix.IPPROTO_IPV6: "ip6ip6", 0: "any"}[p]
		if name != "" {
			f.String("proto", "%s ", name)
		}
	}
	f.String("remote", "remote %s ", endpoint(tun.Remote))
	f.String("local", "local %s ", endpoint(tun.Local))
	printTunnelLink(f, tun, v)
	if ttl := tun.TTL.V; ttl != 0 {
		f.Uint("ttl", "hoplimit %d ", uint64(ttl))
	} else {
		f.Uint("ttl", "hoplimit inherit ", 0)
	}
	flags := tun.Flags.V
	if flags&rtnl.IP6TnlIgnEncapLimit != 0 {
		f.Bool("ip6_tnl_f_ign_encap_limit", "encaplimit none ", true)
	} else if e, ok := tun.EncapLimit.Get(); ok {
		f.Uint("encap_limit", "encaplimit %d ", uint64(e))
	}
	fi := tun.FlowInfo.V
	if flags&rtnl.IP6TnlOrigTclass != 0 {
		f.Bool("ip6_tnl_f_use_orig_tclass", "tclass inherit ", true)
	} else {
		f.String("tclass", "tclass %s ", fmt.Sprintf("0x%02x", fi>>20&0xff))
	}
	if flags&rtnl.IP6TnlOrigFlowlabel != 0 {
		f.Bool("ip6_tnl_f_use_orig_flowlabel", "flowlabel inherit ", true)
	} else {
		f.String("flowlabel", "flowlabel %s ", fmt.Sprintf("0x%05x", fi&0xfffff))
	}
	if flags&rtnl.IP6TnlRcvDSCPCopy != 0 {
		f.Bool("ip6_tnl_f_rcv_dscp_copy", "dscp inherit ", true)
	}
	if t.gre() {
		printKeys(f, tun)
		printGREFlags(f, tun)
	}
	if flags&rtnl.IP6TnlAllowLocalRem != 0 {
		f.Bool("ip6_tnl_f_allow_local_remote", "allow-localremote ", true)
	}
	if m := tun.FwMark.V; m != 0 && flags&rtnl.IP6TnlOrigFwmark == 0 {
		printHex(f, "fwmark", "fwmark", tun.FwMark)
	}
	if t.gre() {
		printErspan(f, tun)
	}
	printEncap(f, tun.Encap)
}

// printGREFlags prints the sequence and checksum flags of a GRE header.
func printGREFlags(f *format.Fields, tun *rtnl.Tunnel) {
	for _, fl := range []struct {
		flags uint16
		bit   uint16
		name  string
	}{{tun.IFlags.V, rtnl.GREFlagSeq, "iseq"}, {tun.OFlags.V, rtnl.GREFlagSeq, "oseq"},
		{tun.IFlags.V, rtnl.GREFlagCsum, "icsum"}, {tun.OFlags.V, rtnl.GREFlagCsum, "ocsum"}} {
		if fl.flags&fl.bit != 0 {
			f.Bool(fl.name, fl.name+" ", true)
		}
	}
}
