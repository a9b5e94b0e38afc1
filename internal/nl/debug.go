package nl

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// fixedHeaderLen is the size of the family header that precedes the
// attributes in messages of rtnetlink types, so the trace can decode them.
func (c *Conn) fixedHeaderLen(typ uint16) int {
	switch c.proto {
	case Route:
		switch {
		case typ >= 16 && typ <= 19: // RTM_*LINK: struct ifinfomsg
			return 16
		case typ >= 20 && typ <= 23: // RTM_*ADDR: struct ifaddrmsg
			return 8
		case typ >= 24 && typ <= 27, typ >= 32 && typ <= 35: // RTM_*ROUTE, RTM_*RULE: struct rtmsg / fib_rule_hdr
			return 12
		case typ >= 28 && typ <= 31: // RTM_*NEIGH: struct ndmsg
			return 12
		case typ >= 36 && typ <= 51: // RTM_*QDISC, TCLASS, TFILTER: struct tcmsg
			return 20
		case typ >= 104 && typ <= 107: // RTM_*NEXTHOP: struct nhmsg
			return 8
		}
	case Generic:
		if typ >= 16 {
			return 4 // struct genlmsghdr
		}
	case Netfilter:
		if typ >= 16 {
			return 4 // struct nfgenmsg
		}
	}
	return -1
}

// rtmNames names rtnetlink message types for the trace, by type. It is an
// array rather than a map so that it costs no package initialisation.
var rtmNames = [...]string{
	16: "RTM_NEWLINK", 17: "RTM_DELLINK", 18: "RTM_GETLINK", 19: "RTM_SETLINK",
	20: "RTM_NEWADDR", 21: "RTM_DELADDR", 22: "RTM_GETADDR",
	24: "RTM_NEWROUTE", 25: "RTM_DELROUTE", 26: "RTM_GETROUTE",
	28: "RTM_NEWNEIGH", 29: "RTM_DELNEIGH", 30: "RTM_GETNEIGH",
	32: "RTM_NEWRULE", 33: "RTM_DELRULE", 34: "RTM_GETRULE",
	36: "RTM_NEWQDISC", 37: "RTM_DELQDISC", 38: "RTM_GETQDISC",
	40: "RTM_NEWTCLASS", 41: "RTM_DELTCLASS", 42: "RTM_GETTCLASS",
	44: "RTM_NEWTFILTER", 45: "RTM_DELTFILTER", 46: "RTM_GETTFILTER",
	88: "RTM_NEWNSID", 89: "RTM_DELNSID", 90: "RTM_GETNSID",
	104: "RTM_NEWNEXTHOP", 105: "RTM_DELNEXTHOP", 106: "RTM_GETNEXTHOP",
}

// trace writes the messages of one datagram, decoded, to the debug writer.
func (c *Conn) trace(dir string, b []byte) {
	var sb strings.Builder
	for len(b) > 0 {
		m, rest, err := NextMessage(b)
		if err != nil {
			fmt.Fprintf(&sb, "nl %s: malformed: %v\n%s", dir, err, hexLines(b, "    "))
			break
		}
		b = rest
		fmt.Fprintf(&sb, "nl %s: %s", dir, m.Header)
		if t := int(m.Header.Type); t < len(rtmNames) && rtmNames[t] != "" && c.proto == Route {
			fmt.Fprintf(&sb, " (%s)", rtmNames[t])
		}
		sb.WriteString("\n")
		switch m.Header.Type {
		case Error, Done:
			if a, err := parseAck(m); err == nil {
				fmt.Fprintf(&sb, "    errno=%d (%v) msg=%q offset=%d\n", int(a.errno), a.errno, a.msg, a.offset)
				continue
			}
		}
		data := m.Data
		if n := c.fixedHeaderLen(m.Header.Type); n >= 0 && n <= len(data) {
			fmt.Fprintf(&sb, "    header % x\n", data[:n])
			if dumpAttrs(&sb, data[n:], "    ") {
				continue
			}
			data = data[n:]
		}
		sb.WriteString(hexLines(data, "    "))
	}
	c.debug.Write([]byte(sb.String()))
}

// dumpAttrs writes attributes one per line, nested ones indented, and
// reports whether b parsed as attributes.
func dumpAttrs(sb *strings.Builder, b []byte, indent string) bool {
	d := NewAttrDecoder(b)
	var lines strings.Builder
	for d.Next() {
		flags := ""
		if d.RawType()&AttrNested != 0 {
			flags = " nested"
		}
		fmt.Fprintf(&lines, "%sattr type=%d len=%d%s", indent, d.Type(), d.Len(), flags)
		if d.RawType()&AttrNested != 0 {
			lines.WriteString("\n")
			var inner strings.Builder
			if dumpAttrs(&inner, d.Bytes(), indent+"  ") {
				lines.WriteString(inner.String())
				continue
			}
		}
		fmt.Fprintf(&lines, " % x", d.Bytes())
		if len(d.Bytes()) == 4 {
			fmt.Fprintf(&lines, " (%d)", binary.NativeEndian.Uint32(d.Bytes()))
		}
		lines.WriteString("\n")
	}
	if d.Err() != nil {
		return false
	}
	sb.WriteString(lines.String())
	return true
}

func hexLines(b []byte, indent string) string {
	var sb strings.Builder
	for len(b) > 0 {
		n := min(16, len(b))
		fmt.Fprintf(&sb, "%s% x\n", indent, b[:n])
		b = b[n:]
	}
	return sb.String()
}
