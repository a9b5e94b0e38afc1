package notation

import (
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// ciscoNotation is IOS's address-and-wildcard form ("10.0.0.0 0.0.0.255",
// "host 10.0.0.1"; IPv6 as a prefix) and, with a name, prefix lists:
// "ip prefix-list NAME seq 5 permit 10.0.0.0/24", "ipv6 prefix-list ...",
// numbered in steps of 5 per list as IOS numbers them.
type ciscoNotation struct{ action string }

func (ciscoNotation) open(b []byte, _ *list) []byte  { return b }
func (ciscoNotation) close(b []byte, _ *list) []byte { return b }

func (c ciscoNotation) entry(b []byte, l *list, it item) []byte {
	n := it.net
	switch {
	case l.name != "":
		if l.version == 6 {
			b = append(b, "ipv6"...)
		} else {
			b = append(b, "ip"...)
		}
		b = append(b, " prefix-list "...)
		b = append(b, l.name...)
		b = append(b, " seq "...)
		b = strconv.AppendInt(b, int64(5*(l.count+1)), 10)
		b = append(b, ' ')
		b = append(b, c.action...)
		b = append(b, ' ')
		b = appendPrefix(b, n)
	default:
		b = appendWildcard(b, n)
	}
	return append(b, '\n')
}

// appendWildcard appends n as IOS matches a source: "10.0.0.0 0.0.0.255",
// "host 10.0.0.1", and IPv6 "2001:db8::/32", "host 2001:db8::1".
func appendWildcard(b []byte, n ipaddress.Network) []byte {
	switch {
	case host(n):
		b = append(b, "host "...)
		return n.NetworkAddress().WithoutScope().AppendTo(b)
	case n.Version() == 4:
		b = n.NetworkAddress().AppendTo(b)
		b = append(b, ' ')
		return n.Hostmask().AppendTo(b)
	}
	return appendPrefix(b, n)
}

// ciscoACLNotation is access-list entries matching sources by wildcard
// mask: bare "permit 10.0.0.0 0.0.0.255" lines; with a standard ACL number,
// "access-list 10 permit ..." lines; with another name, an "ip access-list
// standard NAME" block. IPv6 entries are extended ("permit ipv6 SRC any")
// in an "ipv6 access-list NAME" block, IPv6 lists having names only.
type ciscoACLNotation struct {
	action   string
	numbered bool
}

func newCiscoACLNotation(o Options) (notation, error) {
	n, err := strconv.Atoi(o.Name)
	numbered := err == nil
	if numbered && !standardACL(n) {
		return nil, fmt.Errorf("access list %s: a numbered standard access list is 1-99 or 1300-1999", o.Name)
	}
	return ciscoACLNotation{action: o.Action, numbered: numbered}, nil
}

func (c ciscoACLNotation) open(b []byte, l *list) []byte {
	switch {
	case l.name == "":
	case l.version == 6:
		b = append(b, "ipv6 access-list "...)
		b = append(b, l.name...)
		b = append(b, '\n')
	case !c.numbered:
		b = append(b, "ip access-list standard "...)
		b = append(b, l.name...)
		b = append(b, '\n')
	}
	return b
}

func (ciscoACLNotation) close(b []byte, _ *list) []byte { return b }

func (c ciscoACLNotation) entry(b []byte, l *list, it item) []byte {
	n := it.net
	switch {
	case l.name == "":
	case l.version == 4 && c.numbered:
		b = append(b, "access-list "...)
		b = append(b, l.name...)
		b = append(b, ' ')
	default:
		b = append(b, ' ')
	}
	b = append(b, c.action...)
	b = append(b, ' ')
	switch {
	case n.Version() == 6:
		b = append(b, "ipv6 "...)
		if n.PrefixLen() == 0 {
			b = append(b, "any"...)
		} else {
			b = appendWildcard(b, n)
		}
		b = append(b, " any"...)
	case n.PrefixLen() == 0:
		b = append(b, "any"...)
	default:
		b = appendWildcard(b, n)
	}
	return append(b, '\n')
}
