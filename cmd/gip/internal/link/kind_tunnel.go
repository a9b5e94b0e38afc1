package link

import (
	"encoding/binary"
	"fmt"
	"net/netip"
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
