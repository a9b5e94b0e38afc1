package main

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// appendAddr appends an address with /cidr unless the prefix is a
// host's, as ipset prints it.
func appendAddr(b []byte, a netip.Addr, cidr uint8) []byte {
	b = a.Unmap().AppendTo(b)
	if cidr != 0 && int(cidr) != a.BitLen() {
		b = append(b, '/')
		b = strconv.AppendUint(b, uint64(cidr), 10)
	}
	return b
}

// formatAddr is appendAddr as a string.
func formatAddr(a netip.Addr, cidr uint8) string { return string(appendAddr(nil, a, cidr)) }

func appendProtoPort(b []byte, en *ipset.Entry) []byte {
	port := uint16(0)
	if en.Port != nil {
		port = *en.Port
	}
	if en.Proto == nil {
		return appendPort(b, port, en.PortTo)
	}
	p := *en.Proto
	b = append(b, protoName(p)...)
	b = append(b, ':')
	var table []icmpName
	switch p {
	case 1: // IPPROTO_ICMP
		table = icmpNames
	case 58: // IPPROTO_ICMPV6
		table = icmpv6Names
	default:
		return appendPort(b, port, en.PortTo)
	}
	if n, ok := icmpToName(table, uint8(port>>8), uint8(port)); ok {
		return append(b, n...)
	}
	return fmt.Appendf(b, "%d/%d", port>>8, port&0xff)
}

func appendPort(b []byte, port uint16, to *uint16) []byte {
	b = strconv.AppendUint(b, uint64(port), 10)
	if to != nil {
		b = append(b, '-')
		b = strconv.AppendUint(b, uint64(*to), 10)
	}
	return b
}

func formatPort(port uint16, to *uint16) string { return string(appendPort(nil, port, to)) }

// formatElem prints an element the way ipset prints it for set type t.
func formatElem(t *ipset.TypeInfo, en *ipset.Entry) string { return string(appendElem(nil, t, en)) }

// appendElem appends an element the way ipset prints it for set type t.
func appendElem(b []byte, t *ipset.TypeInfo, en *ipset.Entry) []byte {
	ip1 := true
	for i, c := range t.Elem {
		if i > 0 {
			b = append(b, ',')
		}
		switch c {
		case ipset.CompIPSingle6, ipset.CompNet, ipset.CompIP, ipset.CompSingleIP:
			ip, to, cidr := en.IP2, en.IP2To, en.CIDR2
			if ip1 {
				ip, to, cidr = en.IP, en.IPTo, en.CIDR
				ip1 = false
			}
			b = appendAddr(b, ip, cidr)
			if to.IsValid() {
				b = append(b, '-')
				b = appendAddr(b, to, cidr)
			}
		case ipset.CompProtoPort:
			b = appendProtoPort(b, en)
		case ipset.CompPort:
			port := uint16(0)
			if en.Port != nil {
				port = *en.Port
			}
			b = appendPort(b, port, en.PortTo)
		case ipset.CompIface:
			if en.Flags&ipset.FlagPhysdev != 0 {
				b = append(b, "physdev:"...)
			}
			b = append(b, en.Iface...)
		case ipset.CompEther:
			if en.Ether == nil {
				// bitmap:ip,mac lists a member without a MAC as the
				// address alone.
				b = b[:len(b)-1]
				continue
			}
			for j, x := range en.Ether {
				if j > 0 {
					b = append(b, ':')
				}
				b = append(b, "0123456789ABCDEF"[x>>4], "0123456789ABCDEF"[x&0xf])
			}
		case ipset.CompMark:
			if en.Mark != nil {
				b = fmt.Appendf(b, "0x%08x", *en.Mark)
			}
		case ipset.CompSetName:
			b = append(b, en.Name...)
			if en.NameRef != "" {
				if en.Flags&ipset.FlagBefore != 0 {
					b = append(b, " before "...)
				} else {
					b = append(b, " after "...)
				}
				b = append(b, en.NameRef...)
			}
		}
	}
	return b
}

// kv is one option of a header or an element: a keyword, and its value
// unless it is a flag. num says the value is a JSON number.
type kv struct {
	key, val string
	flag     bool
	num      bool
}

// entryOptions lists an element's options in ipset's print order.
func entryOptions(t *ipset.TypeInfo, en *ipset.Entry) []kv { return appendEntryOptions(nil, t, en) }

// appendEntryOptions appends an element's options to out.
func appendEntryOptions(out []kv, t *ipset.TypeInfo, en *ipset.Entry) []kv {
	for _, o := range t.Add {
		switch o {
		case ipset.OptTimeout:
			if en.Timeout != nil {
				out = append(out, kv{key: "timeout", val: strconv.FormatUint(uint64(*en.Timeout), 10), num: true})
			}
		case ipset.OptNoMatch:
			if en.Flags&ipset.FlagNoMatch != 0 {
				out = append(out, kv{key: "nomatch", flag: true})
			}
		case ipset.OptWildcard:
			if en.Flags&ipset.FlagIfaceWildcard != 0 {
				out = append(out, kv{key: "wildcard", flag: true})
			}
		case ipset.OptPackets:
			if en.Packets != nil {
				out = append(out, kv{key: "packets", val: strconv.FormatUint(*en.Packets, 10), num: true})
			}
		case ipset.OptBytes:
			if en.Bytes != nil {
				out = append(out, kv{key: "bytes", val: strconv.FormatUint(*en.Bytes, 10), num: true})
			}
		case ipset.OptComment:
			if en.Comment != nil {
				out = append(out, kv{key: "comment", val: *en.Comment})
			}
		case ipset.OptSkbMark:
			if en.SkbMark != nil {
				mark, mask := uint32(*en.SkbMark>>32), uint32(*en.SkbMark)
				s := fmt.Sprintf("0x%x", mark)
				if mask != 0xffffffff {
					s += fmt.Sprintf("/0x%x", mask)
				}
				out = append(out, kv{key: "skbmark", val: s})
			}
		case ipset.OptSkbPrio:
			if en.SkbPrio != nil {
				out = append(out, kv{key: "skbprio", val: fmt.Sprintf("%x:%x", *en.SkbPrio>>16, *en.SkbPrio&0xffff)})
			}
		case ipset.OptSkbQueue:
			if en.SkbQueue != nil {
				out = append(out, kv{key: "skbqueue", val: strconv.Itoa(int(*en.SkbQueue)), num: true})
			}
		}
	}
	return out
}

func familyName(f uint8) string {
	switch f {
	case ipset.FamilyINET:
		return "inet"
	case ipset.FamilyINET6:
		return "inet6"
	}
	return "any"
}

// headerOptions lists a set's create options in ipset's print order.
func headerOptions(t *ipset.TypeInfo, s *ipset.Set) []kv {
	var out []kv
	u32 := func(key string, v *uint32) {
		if v != nil {
			out = append(out, kv{key: key, val: strconv.FormatUint(uint64(*v), 10), num: true})
		}
	}
	for _, o := range t.Create {
		switch o {
		case ipset.OptFamily:
			if t.HasFamily() {
				out = append(out, kv{key: "family", val: familyName(s.Family)})
			}
		case ipset.OptHashSize:
			u32("hashsize", s.HashSize)
		case ipset.OptMaxElem:
			u32("maxelem", s.MaxElem)
		case ipset.OptNetmask:
			if s.Netmask != nil {
				out = append(out, kv{key: "netmask", val: strconv.Itoa(int(*s.Netmask)), num: true})
			}
		case ipset.OptBitmask:
			if s.Bitmask.IsValid() {
				out = append(out, kv{key: "bitmask", val: s.Bitmask.String()})
			}
		case ipset.OptMarkMask:
			if s.MarkMask != nil {
				out = append(out, kv{key: "markmask", val: fmt.Sprintf("0x%08x", *s.MarkMask)})
			}
		case ipset.OptTimeout:
			u32("timeout", s.Timeout)
		case ipset.OptCounters:
			if s.Flags&ipset.FlagWithCounters != 0 {
				out = append(out, kv{key: "counters", flag: true})
			}
		case ipset.OptComment:
			if s.Flags&ipset.FlagWithComment != 0 {
				out = append(out, kv{key: "comment", flag: true})
			}
		case ipset.OptSkbInfo:
			if s.Flags&ipset.FlagWithSkbInfo != 0 {
				out = append(out, kv{key: "skbinfo", flag: true})
			}
		case ipset.OptBucketSize:
			if s.BucketSize != nil {
				out = append(out, kv{key: "bucketsize", val: strconv.Itoa(int(*s.BucketSize)), num: true})
			}
		case ipset.OptInitVal:
			if s.InitVal != nil {
				out = append(out, kv{key: "initval", val: fmt.Sprintf("0x%08x", *s.InitVal)})
			}
		case ipset.OptRange:
			switch {
			case s.RangeFrom.IsValid():
				r := formatAddr(s.RangeFrom, s.RangeCIDR)
				if s.RangeTo.IsValid() {
					r += "-" + formatAddr(s.RangeTo, s.RangeCIDR)
				}
				out = append(out, kv{key: "range", val: r})
			case s.PortFrom != nil:
				out = append(out, kv{key: "range", val: formatPort(*s.PortFrom, s.PortTo)})
			}
		case ipset.OptSize:
			u32("size", s.Size)
		}
	}
	return out
}

// plainOptions joins options as ipset's plain and save modes do: " key
// value" or " key", with comments in double quotes.
func plainOptions(opts []kv) string { return string(appendPlainOptions(nil, opts)) }

func appendPlainOptions(b []byte, opts []kv) []byte {
	for _, o := range opts {
		b = append(b, ' ')
		b = append(b, o.key...)
		if o.flag {
			continue
		}
		b = append(b, ' ')
		if o.key == "comment" {
			b = append(b, '"')
			b = append(b, o.val...)
			b = append(b, '"')
		} else {
			b = append(b, o.val...)
		}
	}
	return b
}
