package link

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The tunnel family: gre, gretap, ip6gre, ip6gretap (GRE) and ipip, sit,
// ip6tnl (IP in IP) share one model, one grammar and one printer,
// parameterised by what each kind accepts.

// tunnelKind builds the kind for one tunnel name.
func tunnelKind(name string) Kind {
	fam, _ := rtnl.TunnelFamilyOf(name)
	t := tunnelSpec{name: name, family: fam, v6: strings.HasPrefix(name, "ip6")}
	usage := "Usage: ... " + name + " [ remote ADDR ] [ local ADDR ] [ ttl TTL ] [ tos TOS ] [ dev PHYS_DEV ] [ [no]pmtudisc ]"
	if t.gre() {
		usage += " [ [i|o]key KEY ]"
	} else {
		usage += " [ mode MODE ]"
	}
	return Kind{
		Name:  name,
		Usage: usage,
		New:   func() rtnl.LinkData { return &rtnl.Tunnel{Family: fam} },
		Parse: func(p *kindParser, d rtnl.LinkData) error { return t.parse(p, d.(*rtnl.Tunnel)) },
		Print: func(f *format.Fields, d rtnl.LinkData, v *View) {
			if t.v6 {
				t.print6(f, d.(*rtnl.Tunnel), v)
			} else {
				t.print4(f, d.(*rtnl.Tunnel), v)
			}
		},
	}
}

// tunnelSpec is what a tunnel kind accepts: its attribute family and its
// address family.
type tunnelSpec struct {
	name   string
	family rtnl.TunnelFamily
	v6     bool // endpoints are IPv6
}

func (t tunnelSpec) gre() bool { return t.family == rtnl.TunnelGRE }

// ipTunnelMode returns the inner protocol a word of `mode` names. A switch
// rather than a map, which package initialisation would fill at every
// start-up.
func ipTunnelMode(w string) (uint8, bool) {
	switch w {
	case "ip6ip6", "ipv6/ipv6", "ip6ip":
		return unix.IPPROTO_IPV6, true
	case "ipip6", "ip/ipv6", "ipip", "ip/ip":
		return unix.IPPROTO_IPIP, true
	case "any", "any/ipv6", "any/ip":
		return 0, true
	case "mplsip":
		return unix.IPPROTO_MPLS, true
	}
	return 0, false
}

// tunnelByte reads a ttl or tos: "inherit" (0) or a number below 256.
func tunnelByte(p *kindParser, w string) (rtnl.Opt[uint8], error) {
	v, err := p.Value()
	if err != nil {
		return rtnl.Opt[uint8]{}, err
	}
	if v == "inherit" {
		return rtnl.Some(uint8(0)), nil
	}
	n, err := strconv.ParseUint(v, 0, 8)
	if err != nil {
		return rtnl.Opt[uint8]{}, fail.Invalid("invalid "+w, v)
	}
	return rtnl.Some(uint8(n)), nil
}

func (t tunnelSpec) parse(p *kindParser, tun *rtnl.Tunnel) error {
	for p.More() {
		w := p.Next()
		var err error
		switch {
		case w == "remote" || w == "local":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			if v == "any" {
				continue
			}
			ip, err := ParseAddr(v, w+" address")
			if err != nil {
				return err
			}
			if ip.Is6() != t.v6 {
				return fail.Invalid("invalid "+w+" address", v)
			}
			if w == "local" {
				tun.Local = rtnl.Some(ip)
			} else {
				tun.Remote = rtnl.Some(ip)
			}
		case w == "ttl" || w == "hoplimit":
			tun.TTL, err = tunnelByte(p, w)
		case w == "tos" || w == "dsfield":
			tun.TOS, err = tunnelByte(p, w)
		case w == "dev":
			err = p.linkName(func(i uint32) { tun.Link = rtnl.Some(i) })
		case w == "pmtudisc" || w == "nopmtudisc":
			tun.PMTUDisc = rtnl.Some(b2u8(w == "pmtudisc"))
		case t.gre() && (w == "key" || w == "ikey" || w == "okey"):
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			key, err := grammar.TunnelKey(w, v)
			if err != nil {
				return err
			}
			if w != "okey" {
				tun.IFlags = rtnl.Some(tun.IFlags.V | rtnl.GREFlagKey)
				tun.IKey = rtnl.Some(key)
			}
			if w != "ikey" {
				tun.OFlags = rtnl.Some(tun.OFlags.V | rtnl.GREFlagKey)
				tun.OKey = rtnl.Some(key)
			}
		case !t.gre() && w == "mode":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			proto, ok := ipTunnelMode(v)
			if !ok {
				return fail.Invalid("Cannot guess tunnel mode.", v)
			}
			tun.Proto = rtnl.Some(proto)
		default:
			return p.unknown(w)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

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
			s := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
			f.String(name, name+" %s ", s)
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
		f.Bool("external", "external", true) // alone, without ip's usual space
		return
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
}

// print6 prints ip6gre, ip6gretap and ip6tnl.
func (t tunnelSpec) print6(f *format.Fields, tun *rtnl.Tunnel, v *View) {
	if tun.CollectMetadata {
		f.Bool("external", "external ", true)
		return
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
	if flags&rtnl.IP6TnlAllowLocalRem != 0 {
		f.Bool("ip6_tnl_f_allow_local_remote", "allow-localremote ", true)
	}
	if t.gre() {
		printKeys(f, tun)
	}
}
