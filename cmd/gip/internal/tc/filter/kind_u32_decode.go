package filter

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// u32Selectors decodes a u32 node back to selectors: phrases of the
// "match" grammar which, each after "match", build the node's keys again
// (its mark too). A field is named by the filter's protocol (ip or ip6
// fields, and tcp, udp or icmp ones after "nexthdr+" where the node also
// matches the transport protocol); what no name covers stays a u32 phrase
// of its bits, so the decoding is exact for every key.
func u32Selectors(proto uint16, o *rtnl.U32Filter) []string {
	var out []string
	if o.Sel != nil {
		d := u32Decoder{proto: proto, keys: o.Sel.Keys, used: make([]bool, len(o.Sel.Keys))}
		d.transport = d.transportProto()
		for i := range d.keys {
			if !d.used[i] {
				out = d.key(out, i)
			}
		}
	}
	if m, ok := o.Mark.Get(); ok {
		out = append(out, "mark 0x"+strconv.FormatUint(uint64(m.Val), 16)+" 0x"+strconv.FormatUint(uint64(m.Mask), 16))
	}
	return out
}

// nexthdr is the key offset mask of a field after the network header
// ("at nexthdr+OFF").
const nexthdr = -1

// u32Decoder decodes one node's keys in their order; used marks the keys
// an ip6 address took along with the first of its words.
type u32Decoder struct {
	proto     uint16
	transport uint8 // the transport protocol the node matches, 0 if none
	keys      []rtnl.U32Key
	used      []bool
}

// u32Field is a named part of the 32-bit word at an offset: its bits
// (host order, contiguous), the phrase before its value, and whether the
// value prints in hex.
type u32Field struct {
	off, offmask int32
	mask         uint32
	name         string
	hex          bool
}

var (
	ipFields = []u32Field{
		{0, 0, 0xFF000000, "ip ihl", false}, {0, 0, 0x00FF0000, "ip tos", true},
		{8, 0, 0x00FF0000, "ip protocol", false},
	}
	ipPorts   = []u32Field{{20, 0, 0xFFFF0000, "ip sport", false}, {20, 0, 0x0000FFFF, "ip dport", false}}
	ipICMP    = []u32Field{{20, 0, 0xFF000000, "ip icmp_type", false}, {20, 0, 0x00FF0000, "ip icmp_code", false}}
	ip6Fields = []u32Field{
		{0, 0, 0x0FF00000, "ip6 priority", true}, {4, 0, 0x0000FF00, "ip6 protocol", false},
		{40, 1, 0x00FF0000, "ip6 icmp_code", false},
	}
	ip6Ports = []u32Field{{40, 0, 0xFFFF0000, "ip6 sport", false}, {40, 0, 0x0000FFFF, "ip6 dport", false}}
	ip6ICMP  = []u32Field{{40, 0, 0xFF000000, "ip6 icmp_type", false}}
	tcpPorts = []u32Field{{0, nexthdr, 0xFFFF0000, "tcp src", false}, {0, nexthdr, 0x0000FFFF, "tcp dst", false}}
	udpPorts = []u32Field{{0, nexthdr, 0xFFFF0000, "udp src", false}, {0, nexthdr, 0x0000FFFF, "udp dst", false}}
	icmpType = []u32Field{{0, nexthdr, 0xFF000000, "icmp type", false}, {0, nexthdr, 0x00FF0000, "icmp code", false}}
)

// fields are the named fields of the node's protocol and transport.
func (d *u32Decoder) fields() [][]u32Field {
	var next []u32Field
	switch d.transport {
	case unix.IPPROTO_TCP:
		next = tcpPorts
	case unix.IPPROTO_UDP:
		next = udpPorts
	case unix.IPPROTO_ICMP, unix.IPPROTO_ICMPV6:
		next = icmpType
	}
	switch d.proto {
	case unix.ETH_P_IP:
		if d.transport == unix.IPPROTO_ICMP {
			return [][]u32Field{ipFields, ipICMP, next}
		}
		return [][]u32Field{ipFields, ipPorts, next}
	case unix.ETH_P_IPV6:
		if d.transport == unix.IPPROTO_ICMPV6 {
			return [][]u32Field{ip6Fields, ip6ICMP, next}
		}
		return [][]u32Field{ip6Fields, ip6Ports, next}
	}
	return nil
}

// transportProto is the transport protocol the node matches exactly (ip
// or ip6 protocol with a whole-byte mask), 0 if none.
func (d *u32Decoder) transportProto() uint8 {
	off, mask, shift := int32(8), uint32(0x00FF0000), 16
	switch d.proto {
	case unix.ETH_P_IP:
	case unix.ETH_P_IPV6:
		off, mask, shift = 4, 0x0000FF00, 8
	default:
		return 0
	}
	for _, k := range d.keys {
		if k.Off == off && k.OffMask == 0 && k.Mask&mask == mask {
			return uint8(k.Val >> shift)
		}
	}
	return 0
}

// key appends the phrases of key i: an address, named fields, and a u32
// phrase of the bits left (of the whole key if nothing was named).
func (d *u32Decoder) key(out []string, i int) []string {
	k := d.keys[i]
	d.used[i] = true
	n := len(out)
	if k.OffMask == 0 {
		switch {
		case d.proto == unix.ETH_P_IP && (k.Off == 12 || k.Off == 16):
			if s, ok := ipAddrPhrase(k); ok {
				return append(out, s)
			}
		case d.proto == unix.ETH_P_IPV6 && (k.Off == 8 || k.Off == 24):
			if s, ok := d.ip6Addr(i); ok {
				return append(out, s)
			}
		case d.proto == unix.ETH_P_IP && k.Off == 4:
			out, k.Mask = ipFragments(out, k)
		}
	}
	for _, group := range d.fields() {
		for _, f := range group {
			part := k.Mask & f.mask
			if f.off != k.Off || f.offmask != k.OffMask || part == 0 {
				continue
			}
			shift := bits.TrailingZeros32(f.mask)
			out = append(out, f.name+" "+fieldValue((k.Val&part)>>shift, f.hex)+" 0x"+strconv.FormatUint(uint64(part>>shift), 16))
			k.Mask &^= part
		}
	}
	if k.Mask != 0 || len(out) == n {
		out = append(out, rawPhrase(k))
	}
	return out
}

// ipFragments names the fragment bits of the IPv4 word at 4 (df, then
// nofrag, firstfrag or mf) and returns the mask of the bits left.
func ipFragments(out []string, k rtnl.U32Key) ([]string, uint32) {
	mask, val := k.Mask, k.Val
	if mask&0x4000 != 0 && val&0x4000 != 0 {
		out, mask = append(out, "ip df"), mask&^0x4000
	}
	switch {
	case mask&0x3FFF == 0x3FFF && val&0x3FFF == 0:
		out, mask = append(out, "ip nofrag"), mask&^0x3FFF
	case mask&0x3FFF == 0x3FFF && val&0x3FFF == 0x2000:
		out, mask = append(out, "ip firstfrag"), mask&^0x3FFF
	case mask&0x3FFF == 0x2000 && val&0x2000 != 0:
		out, mask = append(out, "ip mf"), mask&^0x2000
	}
	return out, mask
}

func fieldValue(v uint32, hex bool) string {
	if hex {
		return "0x" + strconv.FormatUint(uint64(v), 16)
	}
	return strconv.FormatUint(uint64(v), 10)
}

// rawPhrase is a key as a u32 selector.
func rawPhrase(k rtnl.U32Key) string {
	at := ""
	if k.OffMask == nexthdr {
		at = "nexthdr+"
	}
	return "u32 0x" + hex8(k.Val&k.Mask) + " 0x" + hex8(k.Mask) + " at " + at + strconv.Itoa(int(k.Off))
}

// ipAddrPhrase is an IPv4 source (12) or destination (16) key whose mask
// is a prefix.
func ipAddrPhrase(k rtnl.U32Key) (string, bool) {
	plen, ok := prefixBits32(k.Mask)
	if !ok {
		return "", false
	}
	var a [4]byte
	binary.BigEndian.PutUint32(a[:], k.Val&k.Mask)
	which := "ip src "
	if k.Off == 16 {
		which = "ip dst "
	}
	return which + netip.AddrFrom4(a).String() + "/" + strconv.Itoa(plen), true
}

// ip6Addr decodes an IPv6 source (8) or destination (24) prefix starting
// at key i: the words of the address as "ip6 src|dst" packs them, keys
// next to each other, whole words then the last one of a prefix mask.
func (d *u32Decoder) ip6Addr(i int) (string, bool) {
	base := d.keys[i].Off
	var a [16]byte
	plen, words := 0, 0
	for w := range 4 {
		j := i + w
		if j >= len(d.keys) || w > 0 && d.used[j] {
			break
		}
		k := d.keys[j]
		n, ok := prefixBits32(k.Mask)
		if k.Off != base+int32(4*w) || k.OffMask != 0 || !ok || n == 0 {
			break
		}
		binary.BigEndian.PutUint32(a[4*w:], k.Val&k.Mask)
		plen, words = plen+n, words+1
		if n < 32 {
			break
		}
	}
	if words == 0 {
		return "", false
	}
	for w := range words {
		d.used[i+w] = true
	}
	which := "ip6 src "
	if base == 24 {
		which = "ip6 dst "
	}
	return which + netip.AddrFrom16(a).String() + "/" + strconv.Itoa(plen), true
}
