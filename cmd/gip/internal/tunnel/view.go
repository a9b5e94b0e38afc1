package tunnel

import (
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/iptunnel"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// view4 is an IPv4 tunnel as ip's tunnel show prints it.
type view4 struct {
	p      iptunnel.Parm
	prl    []iptunnel.PRL  // an ISATAP tunnel's potential routers
	sixrd  *iptunnel.SixRD // a sit tunnel's 6rd prefixes, if it has any
	dev    string          // the lower device's name
	names  *env.Names
	stats  *rtnl.LinkStats // -s, in a listing
	ending string          // what ends the record in text
}

// protoName is ip's tnl_strproto.
func protoName(proto uint8) string {
	switch proto {
	case unix.IPPROTO_IPIP:
		return "ip"
	case unix.IPPROTO_GRE:
		return "gre"
	case unix.IPPROTO_IPV6:
		return "ipv6"
	case unix.IPPROTO_ESP:
		return "esp"
	case unix.IPPROTO_MPLS:
		return "mpls"
	case 0:
		return "any"
	}
	return "unknown"
}

// v4Shown is an IPv4 endpoint: the address in JSON, "any" in text when
// it is 0.0.0.0.
func v4Shown(f *format.Fields, a netip.Addr) string {
	if !a.IsValid() {
		a = netip.IPv4Unspecified()
	}
	if a.IsUnspecified() && !f.JSON() {
		return "any"
	}
	return a.String()
}

func (v *view4) Fields(f *format.Fields) {
	p := &v.p
	headView(f, p.Name, protoName(p.Protocol)+"/ip", format.ColorInet, v4Shown(f, p.Remote), v4Shown(f, p.Local))
	for _, r := range v.prl {
		if r.Flags&iptunnel.PRLDefault != 0 {
			f.String("pdr", " pdr %s", r.Addr.String())
		} else {
			f.String("pr", " pr %s", r.Addr.String())
		}
	}
	if p.Link != 0 {
		f.String("dev", " dev %s", v.dev)
	}
	if p.TTL != 0 {
		f.Uint("ttl", " ttl %d", uint64(p.TTL))
	} else {
		f.Literal(" ttl inherit")
	}
	switch tos := p.TOS; {
	case tos == 1:
		f.Literal(" tos inherit")
	case tos != 0:
		var s []byte
		if tos&1 != 0 && !f.JSON() {
			s = v.names.AppendDSField([]byte("inherit/"), tos&^1)
		} else {
			s = v.names.AppendDSField(nil, tos)
		}
		f.String("tos", " tos %s", string(s))
	}
	if p.FragOff&iptunnel.DontFragment == 0 {
		f.Null("nopmtudisc", " nopmtudisc")
	}
	if r := v.sixrd; r != nil {
		f.String("6rd-prefix", " 6rd-prefix %s", r.Prefix.String())
		f.Uint("6rd-prefixlen", "/%d", uint64(r.PrefixLen))
		if !r.RelayPrefix.IsUnspecified() {
			f.String("6rd-relay_prefix", " 6rd-relay_prefix %s", r.RelayPrefix.String())
			f.Uint("6rd-relay_prefixlen", "/%d", uint64(r.RelayPrefixLen))
		}
	}
	greView(f, p.Protocol, p.IFlags, p.OFlags, p.IKey, p.OKey)
	statsView(f, v.stats)
	f.Literal(v.ending)
}

// headView prints what begins a tunnel of either family: its name,
// mode and endpoints.
func headView(f *format.Fields, name, mode, color, remote, local string) {
	f.StringColor(format.ColorIfname, "ifname", "%s: ", name)
	f.String("mode", "%s ", mode)
	f.Literal("remote ")
	f.StringColor(color, "remote", "%s ", remote)
	f.Literal("local ")
	f.StringColor(color, "local", "%s", local)
}

// greView prints the keys and, for GRE, the flags, as ip's
// tnl_print_gre_flags.
func greView(f *format.Fields, proto uint8, iflags, oflags uint16, ikey, okey uint32) {
	if iflags&oflags&iptunnel.GREKey != 0 && ikey == okey {
		f.Uint("key", " key %d", uint64(ikey))
	} else {
		if iflags&iptunnel.GREKey != 0 {
			f.Uint("ikey", " ikey %d", uint64(ikey))
		}
		if oflags&iptunnel.GREKey != 0 {
			f.Uint("okey", " okey %d", uint64(okey))
		}
	}
	if proto != unix.IPPROTO_GRE {
		return
	}
	f.OpenArray("flags")
	for _, fl := range []struct {
		flags, bit uint16
		key, text  string
	}{
		{iflags, iptunnel.GRESeq, "rx_drop_ooseq", "  Drop packets out of sequence."},
		{iflags, iptunnel.GRECsum, "rx_csum", "  Checksum in received packet is required."},
		{oflags, iptunnel.GRESeq, "tx_seq", "  Sequence packets on output."},
		{oflags, iptunnel.GRECsum, "tx_csum", "  Checksum output packets."},
	} {
		if fl.flags&fl.bit == 0 {
			continue
		}
		if f.JSON() {
			f.Element("%s", fl.key)
		} else {
			f.Line()
			f.Literal(fl.text)
		}
	}
	f.CloseArray()
}

// statsView prints a tunnel's counters (-s) as ip's tnl_print_stats does
// in text; in JSON (where ip mixes that text in) they are an object
// "stats" of the same names.
func statsView(f *format.Fields, s *rtnl.LinkStats) {
	if s == nil {
		return
	}
	if f.JSON() {
		f.Open("stats")
		f.Open("rx")
		for _, c := range []struct {
			k string
			v uint64
		}{{"packets", s.RxPackets}, {"bytes", s.RxBytes}, {"errors", s.RxErrors}, {"csum_errs", s.RxFrameErrors}, {"out_of_seq", s.RxFIFOErrors}, {"mcasts", s.Multicast}} {
			f.Uint(c.k, "", c.v)
		}
		f.Close()
		f.Open("tx")
		for _, c := range []struct {
			k string
			v uint64
		}{{"packets", s.TxPackets}, {"bytes", s.TxBytes}, {"errors", s.TxErrors}, {"dead_loop", s.Collisions}, {"no_route", s.TxCarrierErrors}, {"no_bufs", s.TxDropped}} {
			f.Uint(c.k, "", c.v)
		}
		f.Close()
		f.Close()
		return
	}
	pad := func(v uint64, w int) string {
		s := strconv.FormatUint(v, 10)
		for len(s) < w {
			s += " "
		}
		return s
	}
	f.Line()
	f.Literal("RX: Packets    Bytes        Errors CsumErrs OutOfSeq Mcasts")
	f.Line()
	f.Literal("    " + pad(s.RxPackets, 10) + " " + pad(s.RxBytes, 12) + " " + pad(s.RxErrors, 6) + " " +
		pad(s.RxFrameErrors, 8) + " " + pad(s.RxFIFOErrors, 8) + " " + pad(s.Multicast, 8))
	f.Line()
	f.Literal("TX: Packets    Bytes        Errors DeadLoop NoRoute  NoBufs")
	f.Line()
	f.Literal("    " + pad(s.TxPackets, 10) + " " + pad(s.TxBytes, 12) + " " + pad(s.TxErrors, 6) + " " +
		pad(s.Collisions, 8) + " " + pad(s.TxCarrierErrors, 8) + " " + pad(s.TxDropped, 6))
}
