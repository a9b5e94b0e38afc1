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
	t := tunnelSpec{name: name, family: fam, v6: strings.HasPrefix(name, "ip6") || name == "vti6",
		erspan: strings.HasSuffix(name, "erspan")}
	return Kind{
		Name:  name,
		Usage: t.usage(),
		New:   func() rtnl.LinkData { return &rtnl.Tunnel{Family: fam} },
		Parse: func(p *kindParser, d rtnl.LinkData) error { return t.parse(p, d.(*rtnl.Tunnel)) },
		Print: func(f *format.Fields, d rtnl.LinkData, v *View) {
			switch {
			case t.vti():
				t.printVTI(f, d.(*rtnl.Tunnel), v)
			case t.v6:
				t.print6(f, d.(*rtnl.Tunnel), v)
			default:
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
	erspan bool // erspan, ip6erspan: GRE with the ERSPAN words
}

func (t tunnelSpec) gre() bool { return t.family == rtnl.TunnelGRE }
func (t tunnelSpec) vti() bool { return t.family == rtnl.TunnelVTI }

// usage is the kind's help, as ip prints it (for the GRE and VTI kinds
// also when a word is unknown).
func (t tunnelSpec) usage() string {
	switch {
	case t.vti():
		addr := "IP_ADDRESS"
		if t.v6 {
			addr = "IPV6_ADDRESS"
		}
		return fmt.Sprintf("Usage: ... %-4s\t[ remote ADDR ]\n"+
			"\t\t[ local ADDR ]\n\t\t[ [i|o]key KEY ]\n\t\t[ dev PHYS_DEV ]\n\t\t[ fwmark MARK ]\n\n"+
			"Where:\tADDR := { %s }\n\tKEY  := { DOTTED_QUAD | NUMBER }\n\tMARK := { 0x0..0xffffffff }", t.name, addr)
	case t.gre():
		var b strings.Builder
		fmt.Fprintf(&b, "Usage: ... %-9s\t[ remote ADDR ]\n", t.name)
		lines := []string{"local ADDR", "[no][i|o]seq", "[i|o]key KEY | no[i|o]key", "[no][i|o]csum"}
		if t.v6 {
			lines = append(lines, "hoplimit TTL", "encaplimit ELIM", "tclass TCLASS", "flowlabel FLOWLABEL",
				"dscp inherit", "dev PHYS_DEV", "fwmark MARK", "[no]allow-localremote")
		} else {
			lines = append(lines, "ttl TTL", "tos TOS", "[no]pmtudisc", "[no]ignore-df", "dev PHYS_DEV", "fwmark MARK")
		}
		lines = append(lines, "external", "noencap", "encap { fou | gue | none }", "encap-sport PORT",
			"encap-dport PORT", "[no]encap-csum", "[no]encap-csum6", "[no]encap-remcsum")
		if t.erspan || t.v6 {
			lines = append(lines, "erspan_ver version", "erspan IDX", "erspan_dir { ingress | egress }", "erspan_hwid hwid")
		}
		for _, l := range lines {
			b.WriteString("\t\t\t[ " + l + " ]\n")
		}
		if t.v6 {
			b.WriteString("\nWhere:\tADDR\t  := IPV6_ADDRESS\n\tTTL\t  := { 0..255 } (default=64)\n" +
				"\tKEY\t  := { DOTTED_QUAD | NUMBER }\n\tELIM\t  := { none | 0..255 }(default=4)\n" +
				"\tTCLASS\t  := { 0x0..0xff | inherit }\n\tFLOWLABEL := { 0x0..0xfffff | inherit }\n" +
				"\tMARK\t  := { 0x0..0xffffffff | inherit }")
		} else {
			b.WriteString("\nWhere:\tADDR := { IP_ADDRESS | any }\n\tTOS  := { NUMBER | inherit }\n" +
				"\tTTL  := { 1..255 | inherit }\n\tKEY  := { DOTTED_QUAD | NUMBER }\n\tMARK := { 0x0..0xffffffff }")
		}
		return b.String()
	}
	return "Usage: ... " + t.name + " [ remote ADDR ] [ local ADDR ] [ ttl TTL ] [ tos TOS ] [ dev PHYS_DEV ] [ [no]pmtudisc ] [ mode MODE ] [ fwmark MARK ]"
}

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
	if t.v6 && !t.vti() {
		// ip's hop and encapsulation limits for a new IPv6 tunnel (a
		// change starts from the kernel's, which always has them).
		if !tun.TTL.Set {
			tun.TTL = rtnl.Some(uint8(64))
		}
		if !tun.EncapLimit.Set {
			tun.EncapLimit = rtnl.Some(uint8(4))
		}
	}
	if !t.v6 && !t.gre() && !t.vti() {
		// ip's time to live (inherit) and protocol (any) for a new
		// ipip or sit tunnel; the kernel's own, when they are missing,
		// are a protocol of the kind's (ipip, ip6ip) and for sit a
		// time to live of 64.
		if !tun.TTL.Set {
			tun.TTL = rtnl.Some(uint8(0))
		}
		if !tun.Proto.Set {
			tun.Proto = rtnl.Some(uint8(0))
		}
	}
	for p.More() {
		w := p.Next()
		var err error
		switch {
		case t.v6 && !t.vti() && isIP6TunnelWord(w):
			err = parseIP6TunnelWord(p, tun, w)
		case w == "remote" || w == "local":
			err = t.parseEndpoint(p, tun, w)
		case !t.vti() && (w == "ttl" || w == "hoplimit"):
			tun.TTL, err = tunnelByte(p, w)
		case !t.vti() && (w == "tos" || w == "dsfield"):
			tun.TOS, err = tunnelByte(p, w)
		case w == "dev":
			err = p.linkName(func(i uint32) { tun.Link = rtnl.Some(i) })
		case !t.vti() && (w == "pmtudisc" || w == "nopmtudisc"):
			tun.PMTUDisc = rtnl.Some(b2u8(w == "pmtudisc"))
		case w == "fwmark":
			tun.FwMark, err = p.u32("invalid fwmark")
		case (t.gre() || t.vti()) && (w == "key" || w == "ikey" || w == "okey"):
			err = t.parseKey(p, tun, w)
		case t.gre() && greFlagWord(tun, w):
		case t.gre() && w == "external":
			tun.CollectMetadata = true
		case t.gre() && !t.v6 && (w == "ignore-df" || w == "noignore-df"):
			tun.IgnoreDF = rtnl.Some(b2u8(w == "ignore-df"))
		case !t.gre() && !t.vti() && w == "mode":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			proto, ok := ipTunnelMode(v)
			if !ok {
				return fail.Invalid("Cannot guess tunnel mode.", v)
			}
			tun.Proto = rtnl.Some(proto)
		case !t.vti() && isEncapWord(w):
			if t.v6 && !tun.Encap.Flags.Set {
				// ip's checksum default of a new IPv6 tunnel
				tun.Encap.Flags = rtnl.Some(uint16(rtnl.TunnelEncapFlagCsum6))
			}
			err = parseEncapWord(p, &tun.Encap, w)
		case t.erspan && (w == "erspan" || w == "erspan_ver" || w == "erspan_dir" || w == "erspan_hwid"):
			err = parseErspanWord(p, tun, w)
		case t.gre() || t.vti():
			return fail.Localf("%s", t.usage())
		default:
			return p.unknown(w)
		}
		if err != nil {
			return err
		}
	}
	if tun.CollectMetadata {
		// An external tunnel takes its parameters from each packet: ip
		// sends the flag alone.
		*tun = rtnl.Tunnel{Family: tun.Family, CollectMetadata: true}
	}
	return nil
}

// isIP6TunnelWord says whether w is one of the words only the IPv6
// tunnels take (or take their own way: tos is their traffic class).
func isIP6TunnelWord(w string) bool {
	switch w {
	case "tos", "tclass", "dsfield", "flowlabel", "fl", "dscp", "encaplimit", "allow-localremote", "noallow-localremote":
		return true
	}
	return false
}

// parseIP6TunnelWord reads the traffic class and flow label (kept in
// the flow information word), dscp, encaplimit and allow-localremote.
func parseIP6TunnelWord(p *kindParser, tun *rtnl.Tunnel, w string) error {
	flag := func(bit uint32, on bool) {
		tun.Flags = rtnl.Some(tun.Flags.V &^ bit)
		if on {
			tun.Flags.V |= bit
		}
	}
	switch w {
	case "allow-localremote", "noallow-localremote":
		flag(rtnl.IP6TnlAllowLocalRem, w == "allow-localremote")
		return nil
	}
	v, err := p.Value()
	if err != nil {
		return err
	}
	switch w {
	case "tos", "tclass", "dsfield":
		tun.FlowInfo = rtnl.Some(tun.FlowInfo.V &^ 0x0ff00000)
		if v == "inherit" {
			flag(rtnl.IP6TnlOrigTclass, true)
			return nil
		}
		n, ok := grammar.CUint(v, 16, 0xff)
		if !ok {
			return fail.Invalid("invalid TClass", v)
		}
		tun.FlowInfo.V |= uint32(n) << 20
		flag(rtnl.IP6TnlOrigTclass, false)
	case "flowlabel", "fl":
		tun.FlowInfo = rtnl.Some(tun.FlowInfo.V &^ 0x000fffff)
		if v == "inherit" {
			flag(rtnl.IP6TnlOrigFlowlabel, true)
			return nil
		}
		n, ok := grammar.CUint(v, 16, 0xfffff)
		if !ok {
			return fail.Invalid("invalid Flowlabel", v)
		}
		tun.FlowInfo.V |= uint32(n)
		flag(rtnl.IP6TnlOrigFlowlabel, false)
	case "dscp":
		if v != "inherit" {
			return fail.Invalid("not inherit", v)
		}
		flag(rtnl.IP6TnlRcvDSCPCopy, true)
	case "encaplimit":
		if v == "none" {
			flag(rtnl.IP6TnlIgnEncapLimit, true)
			return nil
		}
		n, ok := grammar.CUint(v, 0, 0xff)
		if !ok {
			return fail.Invalid("invalid ELIM", v)
		}
		tun.EncapLimit = rtnl.Some(uint8(n))
		flag(rtnl.IP6TnlIgnEncapLimit, false)
	}
	return nil
}

// parseEndpoint reads a remote or local address of the tunnel's family;
// "any" leaves it unset.
func (t tunnelSpec) parseEndpoint(p *kindParser, tun *rtnl.Tunnel, w string) error {
	v, err := p.Value()
	if err != nil || v == "any" {
		return err
	}
	ip, err := netip.ParseAddr(v)
	if err != nil || ip.Is6() != t.v6 {
		fam := "inet"
		if t.v6 {
			fam = "inet6"
		}
		return fail.Localf("Error: %s address is expected rather than %q.", fam, v)
	}
	if w == "local" {
		tun.Local = rtnl.Some(ip)
	} else {
		tun.Remote = rtnl.Some(ip)
	}
	return nil
}

// parseKey reads key, ikey or okey; GRE marks the keys in use in its
// header flags.
func (t tunnelSpec) parseKey(p *kindParser, tun *rtnl.Tunnel, w string) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	key, err := grammar.TunnelKey(w, v)
	if err != nil {
		return err
	}
	if w != "okey" {
		tun.IKey = rtnl.Some(key)
		if t.gre() {
			tun.IFlags = rtnl.Some(tun.IFlags.V | rtnl.GREFlagKey)
		}
	}
	if w != "ikey" {
		tun.OKey = rtnl.Some(key)
		if t.gre() {
			tun.OFlags = rtnl.Some(tun.OFlags.V | rtnl.GREFlagKey)
		}
	}
	return nil
}

// greFlagWord applies a GRE header flag word ([no][i|o]seq,
// [no][i|o]csum, no[i|o]key) and says whether w was one.
func greFlagWord(tun *rtnl.Tunnel, w string) bool {
	name, off := strings.CutPrefix(w, "no")
	in, out := true, true
	var bit uint16
	switch name {
	case "seq", "iseq", "oseq":
		bit = rtnl.GREFlagSeq
	case "csum", "icsum", "ocsum":
		bit = rtnl.GREFlagCsum
	case "key", "ikey", "okey":
		if !off {
			return false // a key takes a value: parseKey
		}
		bit = rtnl.GREFlagKey
	default:
		return false
	}
	switch name[0] {
	case 'i':
		out = false
	case 'o':
		in = false
	}
	put := func(o *rtnl.Opt[uint16], key *rtnl.Opt[uint32]) {
		if off {
			*o = rtnl.Some(o.V &^ bit)
			if bit == rtnl.GREFlagKey {
				*key = rtnl.Some(uint32(0))
			}
		} else {
			*o = rtnl.Some(o.V | bit)
		}
	}
	if in {
		put(&tun.IFlags, &tun.IKey)
	}
	if out {
		put(&tun.OFlags, &tun.OKey)
	}
	return true
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
