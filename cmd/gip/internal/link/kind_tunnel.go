package link

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
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

// usage is the kind's help, as ip prints it (also when a word is
// unknown); vti's is vtiUsage.
func (t tunnelSpec) usage() string {
	switch {
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
	encap := "\t\t\t[ external ]\n\t\t\t[ noencap ]\n\t\t\t[ encap { fou | gue | none } ]\n" +
		"\t\t\t[ encap-sport PORT ]\n\t\t\t[ encap-dport PORT ]\n\t\t\t[ [no]encap-csum ]\n" +
		"\t\t\t[ [no]encap-csum6 ]\n\t\t\t[ [no]encap-remcsum ]\n"
	if t.v6 {
		return fmt.Sprintf("Usage: ... %-6s\t[ remote ADDR ]\n\t\t\t[ local ADDR ]\n\t\t\t[ encaplimit ELIM ]\n"+
			"\t\t\t[ hoplimit HLIM ]\n\t\t\t[ tclass TCLASS ]\n\t\t\t[ flowlabel FLOWLABEL ]\n"+
			"\t\t\t[ dscp inherit ]\n\t\t\t[ [no]allow-localremote ]\n\t\t\t[ dev PHYS_DEV ]\n"+
			"\t\t\t[ fwmark MARK ]\n%s\t\t\t[ mode { ip6ip6 | ipip6 | any } ]\n\n"+
			"Where:\tADDR\t  := IPV6_ADDRESS\n\tELIM\t  := { none | 0..255 }(default=4)\n"+
			"\tHLIM\t  := 0..255 (default=64)\n\tTCLASS    := { 0x0..0xff | inherit }\n"+
			"\tFLOWLABEL := { 0x0..0xfffff | inherit }\n\tMARK\t  := { 0x0..0xffffffff | inherit }", t.name, encap)
	}
	mode := "{ ipip | mplsip | any }"
	if t.name == "sit" {
		mode = "{ ip6ip | ipip | mplsip | any } ]\n\t\t\t[ isatap"
	}
	return fmt.Sprintf("Usage: ... %-6s\t[ remote ADDR ]\n\t\t\t[ local ADDR ]\n\t\t\t[ ttl TTL ]\n"+
		"\t\t\t[ tos TOS ]\n\t\t\t[ [no]pmtudisc ]\n\t\t\t[ 6rd-prefix ADDR ]\n"+
		"\t\t\t[ 6rd-relay_prefix ADDR ]\n\t\t\t[ 6rd-reset ]\n\t\t\t[ dev PHYS_DEV ]\n"+
		"\t\t\t[ fwmark MARK ]\n%s\t\t\t[ mode %s ]\n\n"+
		"Where:\tADDR := { IP_ADDRESS | any }\n\tTOS  := { NUMBER | inherit }\n"+
		"\tTTL  := { 1..255 | inherit }\n\tMARK := { 0x0..0xffffffff }", t.name, encap, mode)
}

// ipTunnelMode returns the inner protocol a word of `mode` names for an
// ipip or sit tunnel (ip6ip only for sit) or an ip6tnl, as ip spells
// them. A switch rather than a map, which package initialisation would
// fill at every start-up.
func (t tunnelSpec) ipTunnelMode(w string) (uint8, bool) {
	if t.v6 {
		switch w {
		case "ipv6/ipv6", "ip6ip6":
			return unix.IPPROTO_IPV6, true
		case "ip/ipv6", "ipv4/ipv6", "ipip6", "ip4ip6":
			return unix.IPPROTO_IPIP, true
		case "any/ipv6", "any":
			return 0, true
		}
		return 0, false
	}
	switch w {
	case "ipv6/ipv4", "ip6ip":
		return unix.IPPROTO_IPV6, t.name == "sit"
	case "ipv4/ipv4", "ipip", "ip4ip4":
		return unix.IPPROTO_IPIP, true
	case "mpls/ipv4", "mplsip":
		return unix.IPPROTO_MPLS, true
	case "any/ipv4", "any":
		return 0, true
	}
	return 0, false
}

// abbreviable are the words ip's parser of the kind takes abbreviated
// (matches()), in the order it tries them; it takes the others only
// whole.
func (t tunnelSpec) abbreviable() []string {
	if !t.gre() {
		return []string{"dev", "dsfield"}
	}
	words := []string{"key", "nokey", "ikey", "noikey", "okey", "nookey", "seq", "noseq", "iseq", "noiseq",
		"oseq", "nooseq", "csum", "nocsum", "icsum", "noicsum", "ocsum", "noocsum"}
	if !t.v6 {
		words = append(words, "nopmtudisc", "pmtudisc")
	}
	return append(words, "remote", "local", "dev", "ttl", "hoplimit", "hlim", "tos", "tclass", "dsfield")
}

// ttlWord reads a ttl (hoplimit): "inherit" (0) or a number below 256.
func (t tunnelSpec) ttlWord(p *kindParser) (rtnl.Opt[uint8], error) {
	v, err := p.Value()
	if err != nil || v == "inherit" {
		return rtnl.Some(uint8(0)), err
	}
	n, ok := grammar.CUint(v, 0, 0xff)
	if !ok {
		if t.v6 {
			return rtnl.Opt[uint8]{}, fail.Invalid("invalid HLIM\n", v)
		}
		return rtnl.Opt[uint8]{}, fail.Invalid("invalid TTL\n", v)
	}
	return rtnl.Some(uint8(n)), nil
}

// tosWord reads an IPv4 tunnel's tos: "inherit" (1), an rt_dsfield name
// or a number in hexadecimal.
func tosWord(p *kindParser) (rtnl.Opt[uint8], error) {
	v, err := p.Value()
	if err != nil || v == "inherit" {
		return rtnl.Some(uint8(1)), err
	}
	names := env.NewNames(false)
	if p.env != nil && p.env.G != nil {
		names = p.env.Names()
	}
	tos, ok := names.ParseDSField(v)
	if !ok {
		return rtnl.Opt[uint8]{}, fail.Invalid("bad TOS value", v)
	}
	return rtnl.Some(tos), nil
}

func (t tunnelSpec) parse(p *kindParser, tun *rtnl.Tunnel) error {
	if t.v6 {
		// ip's hop and encapsulation limits for a new IPv6 tunnel (a
		// change starts from the kernel's, which always has them).
		if !tun.TTL.Set {
			tun.TTL = rtnl.Some(uint8(64))
		}
		if !tun.EncapLimit.Set {
			tun.EncapLimit = rtnl.Some(uint8(4))
		}
	}
	if !t.gre() {
		// ip's time to live (inherit) and protocol (any) for a new
		// ipip, sit or ip6tnl tunnel; the kernel's own, when they are
		// missing, are a protocol of the kind's (ipip, ip6ip, ip6ip6)
		// and for sit a time to live of 64.
		if !tun.TTL.Set && !t.v6 {
			tun.TTL = rtnl.Some(uint8(0))
		}
		if !tun.Proto.Set {
			tun.Proto = rtnl.Some(uint8(0))
		}
	}
	if t.gre() && !t.v6 && !tun.PMTUDisc.Set {
		tun.PMTUDisc = rtnl.Some(uint8(1)) // ip's default, sent on every add
	}
	if t.gre() && (t.erspan || t.v6) && !tun.ErspanVer.Set {
		tun.ErspanVer = rtnl.Some(uint8(1)) // sent on every add, as ip does
	}
	words := t.abbreviable()
	for p.More() {
		w := p.Next()
		if kw, ok := grammar.Lookup(w, words); ok {
			w = kw
		}
		var err error
		switch {
		case t.v6 && (isIP6TunnelWord(w) || w == "tc" && !t.gre()):
			err = parseIP6TunnelWord(p, tun, w, t.gre())
		case w == "remote" || w == "local":
			err = t.endpointWord(p, tun, w)
		case w == "ttl" || w == "hoplimit" || w == "hlim":
			tun.TTL, err = t.ttlWord(p)
		case w == "tos" || w == "tclass" || w == "dsfield" || w == "tc" && !t.gre():
			tun.TOS, err = tosWord(p)
		case w == "dev":
			err = p.linkName(func(i uint32) { tun.Link = rtnl.Some(i) })
		case !t.v6 && (w == "pmtudisc" || w == "nopmtudisc"):
			tun.PMTUDisc = rtnl.Some(b2u8(w == "pmtudisc"))
		case w == "fwmark":
			err = t.fwmarkWord(p, tun)
		case t.gre() && (w == "key" || w == "ikey" || w == "okey"):
			err = t.parseKey(p, tun, w)
		case t.gre() && greFlagWord(tun, w):
		case w == "external":
			tun.CollectMetadata = true
		case t.gre() && !t.v6 && (w == "ignore-df" || w == "noignore-df"):
			tun.IgnoreDF = rtnl.Some(b2u8(w == "ignore-df"))
		case !t.gre() && w == "mode":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			proto, ok := t.ipTunnelMode(v)
			if !ok {
				return fail.Invalid("Cannot guess tunnel mode.", v)
			}
			tun.Proto = rtnl.Some(proto)
		case !t.gre() && !t.v6 && (w == "isatap" && t.name == "sit" || strings.HasPrefix(w, "6rd-")) && sitWord(p, tun, w, &err):
		case isEncapWord(w):
			if t.v6 && !tun.Encap.Flags.Set {
				// ip's checksum default of a new IPv6 tunnel
				tun.Encap.Flags = rtnl.Some(uint16(rtnl.TunnelEncapFlagCsum6))
			}
			err = parseEncapWord(p, &tun.Encap, w)
		case t.gre() && (t.erspan || t.v6) && (w == "erspan" || w == "erspan_ver" || w == "erspan_dir" || w == "erspan_hwid"):
			err = parseErspanWord(p, tun, w)
		default:
			return fail.Localf("%s", t.usage())
		}
		if err != nil {
			return err
		}
	}
	return t.finish(p, tun)
}

// endpointWord reads a remote or local address of the tunnel's family
// as ip's get_addr does; "any" (or an unspecified address) leaves it
// unset.
func (t tunnelSpec) endpointWord(p *kindParser, tun *rtnl.Tunnel, w string) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	family := uint8(unix.AF_INET)
	if t.v6 {
		family = unix.AF_INET6
	}
	a, err := grammar.ParseAddr(v, family)
	if err != nil {
		return err
	}
	o := &tun.Remote
	if w == "local" {
		o = &tun.Local
	}
	*o = rtnl.Opt[netip.Addr]{}
	if a.Addr.IsValid() && !a.Addr.IsUnspecified() {
		*o = rtnl.Some(a.Addr)
	}
	return nil
}

// finish applies ip's checks of the whole and what it sends: a GRE
// tunnel to a multicast group keys by the group and needs a local
// address; ipip and sit refuse a time to live without path MTU
// discovery; an external tunnel sends the flag alone (and an IP
// tunnel's protocol).
func (t tunnelSpec) finish(p *kindParser, tun *rtnl.Tunnel) error {
	if r, ok := tun.Remote.Get(); ok && t.gre() && !t.v6 && r.IsMulticast() {
		key := binary.BigEndian.Uint32(r.AsSlice())
		if tun.IKey.V == 0 {
			tun.IKey, tun.IFlags = rtnl.Some(key), rtnl.Some(tun.IFlags.V|rtnl.GREFlagKey)
		}
		if tun.OKey.V == 0 {
			tun.OKey, tun.OFlags = rtnl.Some(key), rtnl.Some(tun.OFlags.V|rtnl.GREFlagKey)
		}
		if l, ok := tun.Local.Get(); !ok || l.IsUnspecified() {
			return fail.Localf("A broadcast tunnel requires a source address.")
		}
	}
	if t.gre() && (t.erspan || t.v6) {
		// ip sends the index of version 1 (when not 0), the
		// direction and hardware id of version 2
		switch tun.ErspanVer.V {
		case 1:
			if tun.ErspanIndex.V == 0 {
				tun.ErspanIndex = rtnl.Opt[uint32]{}
			}
			tun.ErspanDir, tun.ErspanHwID = rtnl.Opt[uint8]{}, rtnl.Opt[uint16]{}
		case 2:
			tun.ErspanIndex = rtnl.Opt[uint32]{}
			tun.ErspanDir, tun.ErspanHwID = rtnl.Some(tun.ErspanDir.V), rtnl.Some(tun.ErspanHwID.V)
		default:
			tun.ErspanIndex, tun.ErspanDir, tun.ErspanHwID = rtnl.Opt[uint32]{}, rtnl.Opt[uint8]{}, rtnl.Opt[uint16]{}
		}
	}
	if !t.gre() && !t.v6 && tun.TTL.V != 0 && tun.PMTUDisc.Set && tun.PMTUDisc.V == 0 {
		return fail.Usagef("ttl != 0 and nopmtudisc are incompatible")
	}
	if t.name != "sit" {
		// ip reads the 6rd words of an ipip tunnel and sends them only for sit
		tun.Prefix6rd, tun.PrefixLen6rd = rtnl.Opt[netip.Addr]{}, rtnl.Opt[uint16]{}
		tun.RelayPrefix6rd, tun.RelayPrefixLen6rd = rtnl.Opt[netip.Addr]{}, rtnl.Opt[uint16]{}
	}
	if tun.CollectMetadata {
		// An external tunnel takes its parameters from each packet.
		ext := rtnl.Tunnel{Family: tun.Family, CollectMetadata: true}
		if !t.gre() {
			ext.Proto = tun.Proto
		}
		*tun = ext
	}
	return nil
}

// fwmarkWord reads a firewall mark; the IPv6 tunnels take "inherit"
// (the packet's own mark).
func (t tunnelSpec) fwmarkWord(p *kindParser, tun *rtnl.Tunnel) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	if t.v6 {
		tun.Flags = rtnl.Some(tun.Flags.V &^ rtnl.IP6TnlOrigFwmark)
		if v == "inherit" {
			tun.Flags.V |= rtnl.IP6TnlOrigFwmark
			tun.FwMark = rtnl.Some(uint32(0))
			return nil
		}
	}
	n, ok := grammar.CUint(v, 0, 0xffffffff)
	if !ok {
		return fail.Invalid("invalid fwmark\n", v)
	}
	tun.FwMark = rtnl.Some(uint32(n))
	return nil
}

// sitWord reads sit's isatap and 6rd words into tun (err for a bad
// value) and says whether w was one.
func sitWord(p *kindParser, tun *rtnl.Tunnel, w string, err *error) bool {
	prefix := func(family uint8) (grammar.Prefix, bool) {
		v, e := p.Value()
		if e != nil {
			*err = e
			return grammar.Prefix{}, false
		}
		pf, e := grammar.ParsePrefix(v, family)
		if e != nil {
			*err = e // get_prefix's own complaint: ip's invalid message never shows
			return grammar.Prefix{}, false
		}
		return pf, true
	}
	switch w {
	case "isatap":
		tun.Flags = rtnl.Some(tun.Flags.V | rtnl.SitISATAP)
	case "6rd-prefix":
		if pf, ok := prefix(unix.AF_INET6); ok {
			tun.Prefix6rd, tun.PrefixLen6rd = rtnl.Some(addrOrZero(pf.Addr, unix.AF_INET6)), rtnl.Some(uint16(pf.Bits))
		}
	case "6rd-relay_prefix":
		if pf, ok := prefix(unix.AF_INET); ok {
			tun.RelayPrefix6rd, tun.RelayPrefixLen6rd = rtnl.Some(addrOrZero(pf.Addr, unix.AF_INET)), rtnl.Some(uint16(pf.Bits))
		}
	case "6rd-reset":
		tun.Prefix6rd, tun.PrefixLen6rd = rtnl.Some(netip.MustParseAddr("2002::")), rtnl.Some(uint16(16))
		tun.RelayPrefix6rd, tun.RelayPrefixLen6rd = rtnl.Opt[netip.Addr]{}, rtnl.Opt[uint16]{}
	default:
		return false
	}
	return true
}

// addrOrZero is a, or the unspecified address of family for "any".
func addrOrZero(a netip.Addr, family uint8) netip.Addr {
	switch {
	case a.IsValid():
		return a
	case family == unix.AF_INET6:
		return netip.IPv6Unspecified()
	}
	return netip.IPv4Unspecified()
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
func parseIP6TunnelWord(p *kindParser, tun *rtnl.Tunnel, w string, gre bool) error {
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
	case "tos", "tclass", "tc", "dsfield":
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
		if !ok && gre {
			return fail.Invalid("invalid ELIM", v)
		}
		// ip6tnl's check of the number never fails: it sends 0
		tun.EncapLimit = rtnl.Some(uint8(n))
		flag(rtnl.IP6TnlIgnEncapLimit, false)
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
