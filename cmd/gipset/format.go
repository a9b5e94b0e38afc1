package main

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// formatAddr prints an address with /cidr unless the prefix is a host's,
// as ipset does.
func formatAddr(a netip.Addr, cidr uint8) string {
	s := a.String()
	if a.Is4In6() {
		s = a.Unmap().String()
	}
	if cidr != 0 && int(cidr) != a.BitLen() {
		s += "/" + strconv.Itoa(int(cidr))
	}
	return s
}

func formatProtoPort(en *ipset.Entry) string {
	port := uint16(0)
	if en.Port != nil {
		port = *en.Port
	}
	if en.Proto == nil {
		return formatPort(port, en.PortTo)
	}
	p := *en.Proto
	prefix := protoName(p) + ":"
	switch p {
	case 1: // IPPROTO_ICMP
		if n, ok := icmpToName(icmpNames, uint8(port>>8), uint8(port)); ok {
			return prefix + n
		}
		return prefix + fmt.Sprintf("%d/%d", port>>8, port&0xff)
	case 58: // IPPROTO_ICMPV6
		if n, ok := icmpToName(icmpv6Names, uint8(port>>8), uint8(port)); ok {
			return prefix + n
		}
		return prefix + fmt.Sprintf("%d/%d", port>>8, port&0xff)
	}
	return prefix + formatPort(port, en.PortTo)
}

func formatPort(port uint16, to *uint16) string {
	s := strconv.Itoa(int(port))
	if to != nil {
		s += "-" + strconv.Itoa(int(*to))
	}
	return s
}

// formatElem prints an element the way ipset prints it for set type t.
func formatElem(t *ipset.TypeInfo, en *ipset.Entry) string {
	var parts []string
	ip1 := true
	for _, c := range t.Elem {
		switch c {
		case ipset.CompIPSingle6, ipset.CompNet, ipset.CompIP, ipset.CompSingleIP:
			if ip1 {
				s := formatAddr(en.IP, en.CIDR)
				if en.IPTo.IsValid() {
					s += "-" + formatAddr(en.IPTo, en.CIDR)
				}
				parts = append(parts, s)
				ip1 = false
			} else {
				s := formatAddr(en.IP2, en.CIDR2)
				if en.IP2To.IsValid() {
					s += "-" + formatAddr(en.IP2To, en.CIDR2)
				}
				parts = append(parts, s)
			}
		case ipset.CompProtoPort:
			parts = append(parts, formatProtoPort(en))
		case ipset.CompPort:
			port := uint16(0)
			if en.Port != nil {
				port = *en.Port
			}
			parts = append(parts, formatPort(port, en.PortTo))
		case ipset.CompIface:
			s := en.Iface
			if en.Flags&ipset.FlagPhysdev != 0 {
				s = "physdev:" + s
			}
			parts = append(parts, s)
		case ipset.CompEther:
			if en.Ether != nil {
				parts = append(parts, strings.ToUpper(en.Ether.String()))
			}
		case ipset.CompMark:
			if en.Mark != nil {
				parts = append(parts, fmt.Sprintf("0x%08x", *en.Mark))
			}
		case ipset.CompSetName:
			s := en.Name
			if en.NameRef != "" {
				if en.Flags&ipset.FlagBefore != 0 {
					s += " before " + en.NameRef
				} else {
					s += " after " + en.NameRef
				}
			}
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ",")
}

// kv is one option of a header or an element: a keyword, and its value
// unless it is a flag. num says the value is a JSON number.
type kv struct {
	key, val string
	flag     bool
	num      bool
}

// entryOptions lists an element's options in ipset's print order.
func entryOptions(t *ipset.TypeInfo, en *ipset.Entry) []kv {
	var out []kv
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
func plainOptions(opts []kv) string {
	var b strings.Builder
	for _, o := range opts {
		b.WriteByte(' ')
		b.WriteString(o.key)
		if o.flag {
			continue
		}
		b.WriteByte(' ')
		if o.key == "comment" {
			b.WriteString(`"` + o.val + `"`)
		} else {
			b.WriteString(o.val)
		}
	}
	return b.String()
}
