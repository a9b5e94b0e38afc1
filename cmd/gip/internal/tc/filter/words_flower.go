package filter

import (
	"cmp"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// flowerOptionWords are a flower filter's words, its keys in the order
// the grammar needs them (a VLAN's ethertype before the IP protocol, the
// protocol before ports), as the kernel reports them: a key whose mask is
// zero matches anything and is no word, a key without a mask is matched
// whole. The filter's ethertype is its protocol, not a word.
func flowerOptionWords(o *rtnl.Flower, _ rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	var b flowerWriter
	b.vlans(o)
	b.mpls(o)
	b.mac("dst_mac", o.EthDst)
	b.mac("src_mac", o.EthSrc)
	b.ip(o)
	b.arp(o)
	b.enc(o)
	b.ct(o)
	if b.err != nil {
		return nil, b.err
	}
	if d, ok := o.Indev.Get(); ok {
		b.add("indev", d)
	}
	b.w = append(b.w, classWords(o.Classid)...)
	f, _ := o.Flags.Get()
	if f&rtnl.ClsFlagVerbose != 0 {
		b.add("verbose")
	}
	b.w = append(b.w, flagWords(o.Flags)...)
	return actionWords(b.w, nil, o.ActionsRaw, names)
}

// flowerWriter collects a flower filter's words and the first key it
// cannot write.
type flowerWriter struct {
	w   qdisc.Words
	err error
}

func (b *flowerWriter) add(g ...string) { b.w = append(b.w, g) }

func (b *flowerWriter) fail(format string, a ...any) {
	if b.err == nil {
		b.err = fmt.Errorf(format, a...)
	}
}

func (b *flowerWriter) vlans(o *rtnl.Flower) {
	if n, ok := o.NumOfVlans.Get(); ok {
		b.add("num_of_vlans", strconv.Itoa(int(n)))
	}
	optWord(b, "vlan_id", o.VlanID)
	optWord(b, "vlan_prio", o.VlanPrio)
	if v, ok := o.VlanEthType.Get(); ok {
		b.add("vlan_ethtype", grammar.EthProtoWord(v))
	}
	optWord(b, "cvlan_id", o.CVlanID)
	optWord(b, "cvlan_prio", o.CVlanPrio)
	if v, ok := o.CVlanEthType.Get(); ok {
		b.add("cvlan_ethtype", grammar.EthProtoWord(v))
	}
	optWord(b, "pppoe_sid", o.PPPoESID)
	if v, ok := o.PPPProto.Get(); ok {
		t := pppProtoText(v, false)
		if id, _ := pppProto(t); t[0] == '[' || id != v {
			t = "0x" + strconv.FormatUint(uint64(v), 16)
		}
		b.add("ppp_proto", t)
	}
}

// mpls writes the label stack: one entry at depth 1 as the kernel
// reports it (mpls_label, mpls_tc, ...), deeper ones as "mpls lse ...".
func (b *flowerWriter) mpls(o *rtnl.Flower) {
	label, tc, bos, ttl := o.MPLSLabel, o.MPLSTC, o.MPLSBOS, o.MPLSTTL
	top := o.MPLS != nil
	for _, l := range o.MPLS {
		top = top && l.Depth.V == 1
	}
	switch {
	case top:
		for _, l := range o.MPLS {
			// The entry's field where the kernel sent it: a decoded Opt is
			// the zero Opt only when unset, so cmp.Or takes it.
			label, tc, bos, ttl = cmp.Or(l.Label, label), cmp.Or(l.TC, tc), cmp.Or(l.BOS, bos), cmp.Or(l.TTL, ttl)
		}
	case o.MPLS != nil:
		g := []string{"mpls"}
		for _, l := range o.MPLS {
			g = append(g, "lse", "depth", strconv.Itoa(int(l.Depth.V)))
			g = lseField(g, "label", l.Label)
			g = lseField(g, "tc", l.TC)
			g = lseField(g, "bos", l.BOS)
			g = lseField(g, "ttl", l.TTL)
		}
		b.add(g...)
		return
	}
	optWord(b, "mpls_label", label)
	optWord(b, "mpls_tc", tc)
	optWord(b, "mpls_bos", bos)
	optWord(b, "mpls_ttl", ttl)
}

func lseField[T uint8 | uint32](g []string, name string, v rtnl.Opt[T]) []string {
	if x, ok := v.Get(); ok {
		return append(g, name, strconv.FormatUint(uint64(x), 10))
	}
	return g
}

func (b *flowerWriter) mac(name string, m rtnl.Masked[[6]byte]) {
	k, ok := m.Key.Get()
	if !ok {
		return
	}
	mask := m.Mask.Or([6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	switch mask {
	case [6]byte{}:
	case [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}:
		b.add(name, macText(k))
	default:
		b.add(name, macText(k)+"/"+macText(mask))
	}
}

func (b *flowerWriter) ip(o *rtnl.Flower) {
	proto, hasProto := o.IPProto.Get()
	eth, _ := o.EthType.Get()
	if v, ok := o.VlanEthType.Get(); ok {
		eth = v
	}
	if v, ok := o.CVlanEthType.Get(); ok {
		eth = v
	}
	if hasProto {
		b.add("ip_proto", ipProtoWord(proto, eth))
	}
	b.tosTTL("ip_tos", o.IPTOS)
	b.tosTTL("ip_ttl", o.IPTTL)
	b.prefix("dst_ip", o.IPv4Dst)
	b.prefix("dst_ip", o.IPv6Dst)
	b.prefix("src_ip", o.IPv4Src)
	b.prefix("src_ip", o.IPv6Src)
	for _, p := range []struct {
		name     string
		tcp      rtnl.Masked[uint16]
		udp      rtnl.Masked[uint16]
		sctp     rtnl.Masked[uint16]
		min, max rtnl.Opt[uint16]
	}{
		{"dst_port", o.TCPDst, o.UDPDst, o.SCTPDst, o.PortDstMin, o.PortDstMax},
		{"src_port", o.TCPSrc, o.UDPSrc, o.SCTPSrc, o.PortSrcMin, o.PortSrcMax},
	} {
		if lo, ok := p.min.Get(); ok {
			b.add(p.name, fmt.Sprintf("%d-%d", lo, p.max.V))
		}
		for _, k := range []rtnl.Masked[uint16]{p.tcp, p.udp, p.sctp} {
			key, ok := k.Key.Get()
			switch mask := k.Mask.Or(0xffff); {
			case !ok || mask == 0:
			case key != 0 && mask == 0xffff:
				b.add(p.name, strconv.Itoa(int(key)))
			default:
				b.add(p.name, fmt.Sprintf("%d/0x%x", key, mask))
			}
		}
	}
	if k, ok := o.TCPFlags.Key.Get(); ok {
		if m := o.TCPFlags.Mask.Or(0xfff); m != 0 {
			b.add("tcp_flags", fmt.Sprintf("0x%x/0x%x", k, m))
		}
	}
	b.masked8("type", o.ICMPv4Type, nil)
	b.masked8("code", o.ICMPv4Code, nil)
	b.masked8("type", o.ICMPv6Type, nil)
	b.masked8("code", o.ICMPv6Code, nil)
	if k, ok := o.KeyFlags.Key.Get(); ok {
		m := o.KeyFlags.Mask.Or(0)
		var parts []string
		for _, f := range ipFlags {
			if m&f.flag == 0 {
				continue
			}
			if k&f.flag == 0 {
				parts = append(parts, "no"+f.name)
			} else {
				parts = append(parts, f.name)
			}
			m &^= f.flag
		}
		if m != 0 {
			b.fail("matching flags %#x cannot be written as words", m)
		} else if len(parts) > 0 {
			b.add("ip_flags", strings.Join(parts, "/"))
		}
	}
}

func (b *flowerWriter) arp(o *rtnl.Flower) {
	b.prefix("arp_tip", o.ArpTIP)
	b.prefix("arp_sip", o.ArpSIP)
	b.masked8("arp_op", o.ArpOp, []string{1: "request", 2: "reply"})
	b.mac("arp_tha", o.ArpTHA)
	b.mac("arp_sha", o.ArpSHA)
}

func (b *flowerWriter) enc(o *rtnl.Flower) {
	b.prefix("enc_dst_ip", o.EncIPv4Dst)
	b.prefix("enc_dst_ip", o.EncIPv6Dst)
	b.prefix("enc_src_ip", o.EncIPv4Src)
	b.prefix("enc_src_ip", o.EncIPv6Src)
	if v, ok := o.EncKeyID.Get(); ok {
		b.add("enc_key_id", strconv.FormatUint(uint64(v), 10))
	}
	if k, ok := o.EncUDPDstPort.Key.Get(); ok {
		if o.EncUDPDstPort.Mask.Or(0xffff) != 0xffff {
			b.fail("a masked enc_dst_port cannot be written as words")
		}
		b.add("enc_dst_port", strconv.Itoa(int(k)))
	}
	if o.EncUDPSrcPort.Key.Set && o.EncUDPSrcPort.Mask.Or(0xffff) != 0 {
		b.fail("a tunnel's source port cannot be written as words")
	}
	b.tosTTL("enc_tos", o.EncIPTOS)
	b.tosTTL("enc_ttl", o.EncIPTTL)
	if o.EncOpts != nil {
		b.encOpts(o.EncOpts, o.EncOptsMask)
	}
}

// encOpts writes tunnel options: vxlan's group policy and geneve's
// options, each with its mask.
func (b *flowerWriter) encOpts(k, m *rtnl.FlowerEncOpts) {
	if m == nil {
		m = &rtnl.FlowerEncOpts{}
	}
	switch {
	case k.Vxlan.Set:
		gbp, _ := k.Vxlan.V.GBP.Get()
		mask, _ := m.Vxlan.V.GBP.Get()
		b.add("vxlan_opts", fmt.Sprintf("%d/%d", gbp, mask))
	case len(k.Geneve) > 0:
		if len(m.Geneve) != len(k.Geneve) {
			b.fail("geneve options without their masks cannot be written as words")
			return
		}
		var opts []string
		for i, g := range k.Geneve {
			mg := m.Geneve[i]
			if len(g.Data) == 0 {
				b.fail("a geneve option without data cannot be written as words")
				return
			}
			opts = append(opts, fmt.Sprintf("%04x:%02x:%s/%04x:%02x:%s", g.Class.V, g.Type.V, hex.EncodeToString(g.Data),
				mg.Class.V, mg.Type.V, hex.EncodeToString(mg.Data)))
		}
		b.add("geneve_opts", strings.Join(opts, ","))
	default:
		b.fail("these tunnel options cannot be written as words yet")
	}
}

func (b *flowerWriter) ct(o *rtnl.Flower) {
	if k, ok := o.CTState.Key.Get(); ok {
		m := o.CTState.Mask.Or(0)
		var s strings.Builder
		for _, st := range ctStates {
			if m&st.flag == 0 {
				continue
			}
			if k&st.flag != 0 {
				s.WriteString("+" + st.name)
			} else {
				s.WriteString("-" + st.name)
			}
			m &^= st.flag
		}
		if m != 0 {
			b.fail("conntrack states %#x cannot be written as words", m)
		} else if s.Len() > 0 {
			b.add("ct_state", s.String())
		}
	}
	if k, ok := o.CTZone.Key.Get(); ok {
		if m := o.CTZone.Mask.Or(0xffff); m != 0 {
			b.add("ct_zone", fmt.Sprintf("%d/0x%x", k, m))
		}
	}
	if k, ok := o.CTMark.Key.Get(); ok {
		if m := o.CTMark.Mask.Or(0xffffffff); m != 0 {
			b.add("ct_mark", fmt.Sprintf("%d/0x%x", k, m))
		}
	}
	if o.CTLabels != nil {
		// The kernel keeps 16 bytes of each.
		var k, m [16]byte
		copy(k[:], o.CTLabels)
		copy(m[:], o.CTLabelsMask)
		if m != [16]byte{} {
			b.add("ct_label", hex.EncodeToString(k[:])+"/"+hex.EncodeToString(m[:]))
		}
	}
}

// prefix writes an address and its mask as a prefix; a mask that is no
// prefix cannot be written.
func (b *flowerWriter) prefix(name string, m rtnl.Masked[netip.Addr]) {
	k, ok := m.Key.Get()
	if !ok {
		return
	}
	mask, ok := m.Mask.Get()
	if !ok {
		b.add(name, k.String())
		return
	}
	// maskBits is -1 for a zero mask too, which matches anything: no word.
	switch bits := maskBits(mask.AsSlice()); {
	case mask.IsUnspecified():
	case bits < 0:
		b.fail("the %s mask %s is no prefix and cannot be written as words", name, mask)
	default:
		b.add(name, k.String()+"/"+strconv.Itoa(bits))
	}
}

// tosTTL writes a value in decimal, its mask in hexadecimal.
func (b *flowerWriter) tosTTL(name string, m rtnl.Masked[uint8]) {
	if k, ok := m.Key.Get(); ok {
		if mask := m.Mask.Or(0xff); mask != 0 {
			b.add(name, fmt.Sprintf("%d/%x", k, mask))
		}
	}
}

// masked8 writes a value and its mask in decimal, the value by its name
// when names has one.
func (b *flowerWriter) masked8(name string, m rtnl.Masked[uint8], names []string) {
	k, ok := m.Key.Get()
	if !ok {
		return
	}
	mask := m.Mask.Or(0xff)
	if mask == 0 {
		return
	}
	v := strconv.Itoa(int(k))
	if int(k) < len(names) && names[k] != "" {
		v = names[k]
	}
	b.add(name, v+"/"+strconv.Itoa(int(mask)))
}

func optWord[T uint8 | uint16 | uint32](b *flowerWriter, name string, v rtnl.Opt[T]) {
	if x, ok := v.Get(); ok {
		b.add(name, strconv.FormatUint(uint64(x), 10))
	}
}

// ipProtoWord is an IP protocol as ip_proto reads it for ethertype eth.
func ipProtoWord(p uint8, eth uint16) string {
	switch {
	case p == unix.IPPROTO_TCP:
		return "tcp"
	case p == unix.IPPROTO_UDP:
		return "udp"
	case p == unix.IPPROTO_SCTP:
		return "sctp"
	case p == unix.IPPROTO_ICMP && eth == unix.ETH_P_IP:
		return "icmp"
	case p == unix.IPPROTO_ICMPV6 && eth == unix.ETH_P_IPV6:
		return "icmpv6"
	}
	return fmt.Sprintf("%x", p)
}
