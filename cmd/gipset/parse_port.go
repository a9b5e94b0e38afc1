package main

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// parsePortNumber reads a port by number or by service name. A failure
// is reported in ipset's three lines: the number's problem, the service
// lookup's, and the conclusion.
func parsePortNumber(s, proto string) (uint16, error) {
	n, numErr := parseNumber(s, 0, 65535)
	if numErr == nil {
		return uint16(n), nil
	}
	if p, ok := servicePort(s, proto); ok {
		return p, nil
	}
	return 0, syntaxErr("%s\nSyntax error: '%s' is invalid as number\ncannot parse '%s' as a %s port",
		strings.TrimPrefix(numErr.Error(), "Syntax error: "), proto, s, proto)
}

// parsePortRange reads port or from-to.
func parsePortRange(s, proto string) (from uint16, to *uint16, err error) {
	if a, b, ok := cutBetween(s, '-'); ok {
		from, err = parsePortNumber(a, proto)
		if err != nil {
			return
		}
		t, e := parsePortNumber(b, proto)
		if e != nil {
			return 0, nil, e
		}
		return from, &t, nil
	}
	from, err = parsePortNumber(s, proto)
	return
}

// parseProtoPort reads [proto:]port[-port], icmp:type/code or icmp:name
// into en.
func parseProtoPort(s string, family uint8, en *ipset.Entry) error {
	proto := uint8(6) // tcp
	portStr := s
	protoStr := "tcp"
	if a, b, ok := cutBetween(s, ':'); ok {
		protoStr, portStr = a, b
		name := protoStr
		if strings.EqualFold(name, "icmpv6") {
			name = "ipv6-icmp"
		}
		n, ok := protoNumber(strings.ToLower(name))
		if !ok {
			return syntaxErr("cannot parse '%s' as a protocol", protoStr)
		}
		if n == 0 {
			return syntaxErr("Unsupported protocol '%s'", protoStr)
		}
		proto = n
	}
	en.Proto = &proto
	switch proto {
	case 6, 17, 132, 136: // tcp, udp, sctp, udplite
		from, to, err := parsePortRange(portStr, protoName(proto))
		if err != nil {
			return err
		}
		en.Port, en.PortTo = &from, to
	case 1, 58: // icmp, icmpv6
		table, fam, word := icmpNames, uint8(ipset.FamilyINET), "ICMP"
		if proto == 58 {
			table, fam, word = icmpv6Names, ipset.FamilyINET6, "ICMPv6"
		}
		if family != fam {
			return syntaxErr("Protocol %s can be used with family %s only", word, familyName(fam))
		}
		if tc, ok := icmpFromName(table, portStr); ok {
			en.Port = &tc
			return nil
		}
		typ, code, ok := strings.Cut(portStr, "/")
		if !ok {
			return otherErr("Cannot parse %s as an %s type/code.", portStr, word)
		}
		t, err := parseNumber(typ, 0, 255)
		if err != nil {
			return err
		}
		c, err := parseNumber(code, 0, 255)
		if err != nil {
			return err
		}
		tc := uint16(t)<<8 | uint16(c)
		en.Port = &tc
	default:
		n, err := parseNumber(portStr, 0, 65535)
		if err != nil {
			return err
		}
		if n != 0 {
			return syntaxErr("Protocol %s can be used with pseudo port value 0 only.", protoStr)
		}
		z := uint16(0)
		en.Port = &z
	}
	return nil
}
