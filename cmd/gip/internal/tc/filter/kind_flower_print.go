package filter

import (
	"encoding/hex"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// maskBits is the length of a prefix mask, or -1 when m is not one (or
// begins with a zero bit: tc prints such masks in full).
func maskBits(m []byte) int {
	n, hole := 0, false
	for _, b := range m {
		for j := 7; j >= 0; j-- {
			switch {
			case b>>j&1 == 1:
				if hole {
					return -1
				}
				n++
			case n > 0:
				hole = true
			default:
				return -1
			}
		}
	}
	return n
}

func macText(a [6]byte) string {
	var b strings.Builder
	for i, x := range a {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(hex.EncodeToString([]byte{x}))
	}
	return b.String()
}

// indentValue is tc's print_indent_name_value: a line of its own.
func indentValue(f *format.Fields, name, v string) {
	f.Line()
	f.String(name, "  "+name+" %s", v)
}

func printEthAddr(f *format.Fields, name string, m rtnl.Masked[[6]byte]) {
	a, ok := m.Key.Get()
	if !ok {
		return
	}
	out := macText(a)
	if mask, ok := m.Mask.Get(); ok {
		if n := maskBits(mask[:]); n < 0 {
			out += "/" + macText(mask)
		} else if n < 48 {
			out += "/" + strconv.Itoa(n)
		}
	}
	indentValue(f, name, out)
}

func printIPAddr(f *format.Fields, name string, m rtnl.Masked[netip.Addr], v6 bool) {
	a, ok := m.Key.Get()
	mask, mok := m.Mask.Get()
	if !ok || !mok || a.Is6() != v6 || mask.Is6() != v6 {
		return
	}
	out := a.String()
	mb := mask.AsSlice()
	if n := maskBits(mb); n < 0 {
		out += "/" + mask.String()
	} else if n < len(mb)*8 {
		out += "/" + strconv.Itoa(n)
	}
	indentValue(f, name, out)
}

// printMaskedUint is tc's print_masked_u8/u16/u32/be16: the value, then
// the mask in hex unless full.
func printMaskedUint[T uint8 | uint16 | uint32](f *format.Fields, name string, m rtnl.Masked[T], full T) {
	v, ok := m.Key.Get()
	if !ok {
		return
	}
	mask := full
	if x, ok := m.Mask.Get(); ok {
		mask = x
	}
	f.Line()
	f.Uint(name, "  "+name+" %u", uint64(v))
	if mask != full {
		f.String(name+"_mask", "/0x%s", strconv.FormatUint(uint64(mask), 16))
	}
}

// printMaskedU8Text is flower_print_masked_u8: value (or its name when
// unmasked) and a decimal mask, as a string.
func printMaskedU8Text(f *format.Fields, name string, m rtnl.Masked[uint8], toName func(uint8) string) {
	v, ok := m.Key.Get()
	if !ok {
		return
	}
	mask := uint8(0xff)
	if x, ok := m.Mask.Get(); ok {
		mask = x
	}
	out := ""
	if mask == 0xff && toName != nil {
		out = toName(v)
	}
	if out == "" {
		out = strconv.Itoa(int(v))
	}
	if mask != 0xff {
		out += "/" + strconv.Itoa(int(mask))
	}
	indentValue(f, name, out)
}

func printU8Text(f *format.Fields, name string, o rtnl.Opt[uint8]) {
	printMaskedU8Text(f, name, rtnl.Masked[uint8]{Key: o}, nil)
}

func printFlower(f *format.Fields, o *rtnl.Flower, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 {
		f.Uint("handle", "handle 0x%x ", uint64(h.Handle))
	}
	if c, ok := o.Classid.Get(); ok {
		if min := c & 0xFFFF; min < hwTCBase || min > hwTCBase+hwTCQueues-1 {
			f.String("classid", "classid %s ", sched.ClassIDText(c))
		} else {
			f.Uint("hw_tc", "hw_tc %u ", uint64(min-hwTCBase))
		}
	}
	if d, ok := o.Indev.Get(); ok {
		f.Line()
		f.String("indev", "  indev %s", d)
	}
	f.Open("keys")
	line := func() { f.Line() }
	if n, ok := o.NumOfVlans.Get(); ok {
		line()
		f.Uint("num_of_vlans", "  num_of_vlans %u", uint64(n))
	}
	vlans := func(pre string, id rtnl.Opt[uint16], prio rtnl.Opt[uint8], eth rtnl.Opt[uint16]) {
		if x, ok := id.Get(); ok {
			line()
			f.Uint(pre+"_id", "  "+pre+"_id %u", uint64(x))
		}
		if x, ok := prio.Get(); ok {
			line()
			f.Uint(pre+"_prio", "  "+pre+"_prio %u", uint64(x))
		}
		if x, ok := eth.Get(); ok {
			line()
			f.String(pre+"_ethtype", "  "+pre+"_ethtype %s", grammar.EthProtoText(x, v.Numeric))
		}
	}
	vlans("vlan", o.VlanID, o.VlanPrio, o.VlanEthType)
	vlans("cvlan", o.CVlanID, o.CVlanPrio, o.CVlanEthType)
	printEthAddr(f, "dst_mac", o.EthDst)
	printEthAddr(f, "src_mac", o.EthSrc)

	eth := uint16(0)
	if x, ok := o.EthType.Get(); ok {
		eth = x
		var s string
		switch x {
		case unix.ETH_P_IP:
			s = "ipv4"
		case unix.ETH_P_IPV6:
			s = "ipv6"
		case unix.ETH_P_ARP:
			s = "arp"
		case unix.ETH_P_RARP:
			s = "rarp"
		default:
			s = hex4(x)
		}
		line()
		f.String("eth_type", "  eth_type %s", s)
	}
	proto := uint8(0xff)
	if x, ok := o.IPProto.Get(); ok {
		proto = x
		s := map[uint8]string{unix.IPPROTO_TCP: "tcp", unix.IPPROTO_UDP: "udp", unix.IPPROTO_SCTP: "sctp",
			unix.IPPROTO_ICMP: "icmp", unix.IPPROTO_ICMPV6: "icmpv6"}[x]
		if s == "" {
			s = hex.EncodeToString([]byte{x})
		}
		line()
		f.String("ip_proto", "  ip_proto %s", s)
	}
	printMaskedUint(f, "ip_tos", o.IPTOS, 0xff)
	printMaskedUint(f, "ip_ttl", o.IPTTL, 0xff)

	if o.MPLS != nil {
		line()
		f.Literal("  mpls")
		f.OpenArray("mpls")
		for _, l := range o.MPLS {
			line()
			f.Literal("    lse")
			f.OpenElement()
			if x, ok := l.Depth.Get(); ok {
				f.Uint("depth", " depth %u", uint64(x))
			}
			if x, ok := l.Label.Get(); ok {
				f.Uint("label", " label %u", uint64(x))
			}
			if x, ok := l.TC.Get(); ok {
				f.Uint("tc", " tc %u", uint64(x))
			}
			if x, ok := l.BOS.Get(); ok {
				f.Uint("bos", " bos %u", uint64(x))
			}
			if x, ok := l.TTL.Get(); ok {
				f.Uint("ttl", " ttl %u", uint64(x))
			}
			f.Close()
		}
		f.CloseArray()
	}
	if x, ok := o.MPLSLabel.Get(); ok {
		line()
		f.Uint("mpls_label", "  mpls_label %u", uint64(x))
	}
	printU8Text(f, "mpls_tc", o.MPLSTC)
	printU8Text(f, "mpls_bos", o.MPLSBOS)
	printU8Text(f, "mpls_ttl", o.MPLSTTL)

	switch eth {
	case unix.ETH_P_IP:
		printIPAddr(f, "dst_ip", o.IPv4Dst, false)
		printIPAddr(f, "src_ip", o.IPv4Src, false)
	case unix.ETH_P_IPV6:
		printIPAddr(f, "dst_ip", o.IPv6Dst, true)
		printIPAddr(f, "src_ip", o.IPv6Src, true)
	}
	var dst, src *rtnl.Masked[uint16]
	switch proto {
	case unix.IPPROTO_TCP:
		dst, src = &o.TCPDst, &o.TCPSrc
	case unix.IPPROTO_UDP:
		dst, src = &o.UDPDst, &o.UDPSrc
	case unix.IPPROTO_SCTP:
		dst, src = &o.SCTPDst, &o.SCTPSrc
	}
	if dst != nil {
		printMaskedUint(f, "dst_port", *dst, 0xffff)
		printMaskedUint(f, "src_port", *src, 0xffff)
		printPortRange(f, "dst_port", o.PortDstMin, o.PortDstMax)
		printPortRange(f, "src_port", o.PortSrcMin, o.PortSrcMax)
	}
	if x, ok := o.TCPFlags.Key.Get(); ok {
		out := "0x" + strconv.FormatUint(uint64(x), 16)
		if m, ok := o.TCPFlags.Mask.Get(); ok {
			out += "/" + strconv.FormatUint(uint64(m), 16)
		}
		indentValue(f, "tcp_flags", out)
	}
	switch {
	case eth == unix.ETH_P_IP && proto == unix.IPPROTO_ICMP:
		printMaskedU8Text(f, "icmp_type", o.ICMPv4Type, nil)
		printMaskedU8Text(f, "icmp_code", o.ICMPv4Code, nil)
	case eth == unix.ETH_P_IPV6 && proto == unix.IPPROTO_ICMPV6:
		printMaskedU8Text(f, "icmp_type", o.ICMPv6Type, nil)
		printMaskedU8Text(f, "icmp_code", o.ICMPv6Code, nil)
	}
	printIPAddr(f, "arp_sip", o.ArpSIP, false)
	printIPAddr(f, "arp_tip", o.ArpTIP, false)
	printMaskedU8Text(f, "arp_op", o.ArpOp, func(op uint8) string {
		return map[uint8]string{1: "request", 2: "reply"}[op]
	})
	printEthAddr(f, "arp_sha", o.ArpSHA)
	printEthAddr(f, "arp_tha", o.ArpTHA)
	if x, ok := o.PPPoESID.Get(); ok {
		line()
		f.Uint("pppoe_sid", "  pppoe_sid %u", uint64(x))
	}
	if x, ok := o.PPPProto.Get(); ok {
		line()
		f.String("ppp_proto", "  ppp_proto %s", pppProtoText(x, v.Numeric))
	}
	if o.EncIPv4Dst.Mask.Set {
		printIPAddr(f, "enc_dst_ip", o.EncIPv4Dst, false)
	} else {
		printIPAddr(f, "enc_dst_ip", o.EncIPv6Dst, true)
	}
	if o.EncIPv4Src.Mask.Set {
		printIPAddr(f, "enc_src_ip", o.EncIPv4Src, false)
	} else {
		printIPAddr(f, "enc_src_ip", o.EncIPv6Src, true)
	}
	if x, ok := o.EncKeyID.Get(); ok {
		line()
		f.Uint("enc_key_id", "  enc_key_id %u", uint64(x))
	}
	printMaskedUint(f, "enc_dst_port", o.EncUDPDstPort, 0xffff)
	printMaskedUint(f, "enc_tos", o.EncIPTOS, 0xff)
	printMaskedUint(f, "enc_ttl", o.EncIPTTL, 0xff)
	printEncOpts(f, o.EncOpts, o.EncOptsMask)
	if m, ok := o.KeyFlags.Mask.Get(); ok {
		count := 0
		for _, fl := range ipFlags {
			if m&fl.flag == 0 {
				continue
			}
			if count++; count == 1 {
				line()
				f.Literal("  ip_flags ")
				f.Open("ip_flags")
			} else {
				f.Literal("/")
			}
			on := o.KeyFlags.Key.V&fl.flag != 0
			f.Bool(fl.name, "", on)
			if on {
				f.Literal(fl.name)
			} else {
				f.Literal("no" + fl.name)
			}
		}
		if count > 0 {
			f.Close()
		}
	}
	if st, ok := o.CTState.Key.Get(); ok {
		mask := uint16(0xffff)
		if m, ok := o.CTState.Mask.Get(); ok {
			mask = m
		}
		out := ""
		for _, s := range ctStates {
			if mask&s.flag == 0 {
				continue
			}
			if st&s.flag != 0 {
				out += "+" + s.name
			} else {
				out += "-" + s.name
			}
		}
		line()
		f.String("ct_state", "  ct_state %s", out)
	}
	printMaskedUint(f, "ct_zone", o.CTZone, 0xffff)
	printMaskedUint(f, "ct_mark", o.CTMark, 0xffffffff)
	if o.CTLabels != nil {
		n := len(o.CTLabels)
		out := hex.EncodeToString(o.CTLabels)
		mask := make([]byte, n)
		copy(mask, o.CTLabelsMask)
		full := n == 16
		for _, b := range mask {
			full = full && b == 0xff
		}
		if !full {
			out += "/" + hex.EncodeToString(mask)
		}
		line()
		f.String("ct_label", "  ct_label %s", out)
	}
	f.Close()

	if fl, ok := o.Flags.Get(); ok {
		if fl&rtnl.ClsFlagSkipHW != 0 {
			line()
			f.Bool("skip_hw", "  skip_hw", true)
		}
		if fl&rtnl.ClsFlagSkipSW != 0 {
			line()
			f.Bool("skip_sw", "  skip_sw", true)
		}
		if fl&rtnl.ClsFlagInHW != 0 {
			line()
			f.Bool("in_hw", "  in_hw", true)
			if n, ok := o.InHWCount.Get(); ok {
				f.Uint("in_hw_count", " in_hw_count %u", uint64(n))
			}
		} else if fl&rtnl.ClsFlagNotInHW != 0 {
			line()
			f.Bool("not_in_hw", "  not_in_hw", true)
		}
	}
	if len(o.ActionsRaw) > 0 {
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}

func hex4(x uint16) string {
	s := strconv.FormatUint(uint64(x), 16)
	return strings.Repeat("0", 4-len(s)) + s
}

// printPortRange is flower_print_port_range: "MIN-MAX" in text, an object
// in JSON.
func printPortRange(f *format.Fields, name string, min, max rtnl.Opt[uint16]) {
	if !min.Set || !max.Set {
		return
	}
	if f.JSON() {
		f.Open(name)
		f.Uint("start", "", uint64(min.V))
		f.Uint("end", "", uint64(max.V))
		f.Close()
		return
	}
	indentValue(f, name, strconv.Itoa(int(min.V))+"-"+strconv.Itoa(int(max.V)))
}

// printEncOpts is flower_print_enc_opts: JSON arrays of the key's and the
// mask's options, text "KEY/MASK" pairs.
func printEncOpts(f *format.Fields, key, mask *rtnl.FlowerEncOpts) {
	if key == nil {
		return
	}
	if mask == nil {
		mask = &rtnl.FlowerEncOpts{}
	}
	var name string
	var keys, masks []string
	switch {
	case len(key.Geneve) > 0:
		name = "geneve_opts"
		keys = printGeneve(f, "geneve_opt_key", key.Geneve)
		if len(mask.Geneve) > 0 {
			masks = printGeneve(f, "geneve_opt_mask", mask.Geneve)
		}
	case key.Vxlan.Set:
		name = "vxlan_opts"
		keys = printVxlan(f, "vxlan_opt_key", key.Vxlan.V)
		if mask.Vxlan.Set {
			masks = printVxlan(f, "vxlan_opt_mask", mask.Vxlan.V)
		}
	case key.Erspan.Set:
		name = "erspan_opts"
		keys = printErspan(f, "erspan_opt_key", key.Erspan.V)
		if mask.Erspan.Set {
			masks = printErspan(f, "erspan_opt_mask", mask.Erspan.V)
		}
	case key.GTP.Set:
		name = "gtp_opts"
		keys = []string{gtpText(key.GTP.V)}
		if mask.GTP.Set {
			masks = []string{gtpText(mask.GTP.V)}
		}
	default:
		return
	}
	parts := make([]string, len(keys))
	for i, k := range keys {
		m := "(null)"
		if i < len(masks) {
			m = masks[i]
		}
		parts[i] = k + "/" + m
	}
	f.Line()
	f.Literal("  " + name + " " + strings.Join(parts, ","))
}

func printGeneve(f *format.Fields, name string, opts []rtnl.FlowerGeneveOpt) []string {
	f.OpenArray(name)
	out := make([]string, len(opts))
	for i, g := range opts {
		f.OpenElement()
		f.Uint("class", "", uint64(g.Class.V))
		f.Uint("type", "", uint64(g.Type.V))
		f.OpenArray("data")
		if f.JSON() {
			for _, b := range g.Data {
				f.UintElement("", uint64(b))
			}
		}
		f.CloseArray()
		f.Close()
		out[i] = hex4(g.Class.V) + ":" + hex.EncodeToString([]byte{g.Type.V}) + ":" + hex.EncodeToString(g.Data)
	}
	f.CloseArray()
	return out
}

func printVxlan(f *format.Fields, name string, x rtnl.FlowerVxlanOpt) []string {
	f.OpenArray(name)
	f.OpenElement()
	f.Uint("gbp", "", uint64(x.GBP.V))
	f.Close()
	f.CloseArray()
	return []string{strconv.FormatUint(uint64(x.GBP.V), 10)}
}

func printErspan(f *format.Fields, name string, x rtnl.FlowerErspanOpt) []string {
	ver := x.Ver.V
	var idx uint32
	var dir, hwid uint8
	if ver == 1 {
		idx = x.Index.V
	} else {
		dir, hwid = x.Dir.V, x.HWID.V
	}
	f.OpenArray(name)
	f.OpenElement()
	f.Uint("ver", "", uint64(ver))
	f.Uint("index", "", uint64(idx))
	f.Uint("dir", "", uint64(dir))
	f.Uint("hwid", "", uint64(hwid))
	f.Close()
	f.CloseArray()
	return []string{strconv.Itoa(int(ver)) + ":" + strconv.FormatUint(uint64(idx), 10) + ":" + strconv.Itoa(int(dir)) + ":" + strconv.Itoa(int(hwid))}
}

func gtpText(x rtnl.FlowerGTPOpt) string {
	return hex.EncodeToString([]byte{x.PDUType.V}) + ":" + hex.EncodeToString([]byte{x.QFI.V})
}
