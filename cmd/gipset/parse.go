package main

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// parser reads elements and options. Host names in place of addresses
// are resolved, as ipset resolves them; warn receives the warning for a
// name with several addresses.
type parser struct {
	warn   func(msg string)
	lookup func(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// defaultParser resolves with the system's hosts file and DNS and drops
// warnings.
var defaultParser = &parser{}

// resolveTimeout bounds one host name lookup.
const resolveTimeout = 10 * time.Second

// ipForm says which forms an address component accepts.
type ipForm int

const (
	formSingle ipForm = iota // an address only
	formCIDR                 // address or address/cidr
	formRange                // address, address/cidr or from-to
)

// parseElem reads an element of set type t and family into an Entry.
func parseElem(t *ipset.TypeInfo, family uint8, s string) (*ipset.Entry, error) {
	return defaultParser.elem(t, family, s)
}

func (ps *parser) elem(t *ipset.TypeInfo, family uint8, s string) (*ipset.Entry, error) {
	en := &ipset.Entry{}
	if t.Elem[0] == ipset.CompSetName {
		if len(s) > ipset.MaxNameLen-1 {
			return nil, syntaxErr("setname '%s' is longer than %d characters", s, ipset.MaxNameLen-1)
		}
		en.Name = s
		return en, nil
	}
	dims := len(t.Elem)
	parts := strings.Split(s, ",")
	if t.Elem[dims-1] == ipset.CompIface && len(parts) > dims {
		parts = append(parts[:dims-1], strings.Join(parts[dims-1:], ","))
	}
	optionalLast := t.Name == "bitmap:ip,mac"
	switch {
	case len(parts) > dims:
		switch dims {
		case 1:
			return nil, syntaxErr("Elem separator in %s, but settype %s supports none.", s, t.Name)
		case 2:
			return nil, syntaxErr("Two elem separators in %s, but settype %s supports one.", s, t.Name)
		default:
			return nil, syntaxErr("Three elem separators in %s, but settype %s supports two.", s, t.Name)
		}
	case len(parts) < dims && !(optionalLast && len(parts) == dims-1):
		if len(parts) == 1 {
			return nil, syntaxErr("Second element is missing from %s.", s)
		}
		return nil, syntaxErr("Third element is missing from %s.", s)
	}
	for i, part := range parts {
		if part == "" && i > 0 {
			if i == 1 {
				return nil, syntaxErr("Second element is missing from %s.", s)
			}
			return nil, syntaxErr("Third element is missing from %s.", s)
		}
	}
	ip1 := true
	for i, p := range parts {
		var err error
		switch t.Elem[i] {
		case ipset.CompIPSingle6, ipset.CompNet, ipset.CompIP, ipset.CompSingleIP:
			form := formRange
			switch {
			case t.Elem[i] == ipset.CompSingleIP:
				form = formSingle
			case t.Elem[i] == ipset.CompIPSingle6 && family == ipset.FamilyINET6:
				form = formSingle
			case t.Elem[i] == ipset.CompNet && family == ipset.FamilyINET6:
				form = formCIDR
			}
			fam := family
			if t.Elem[i] == ipset.CompIP {
				fam = ipset.FamilyINET
			}
			if ip1 {
				en.IP, en.IPTo, en.CIDR, err = ps.ipComp(p, fam, form)
				ip1 = false
			} else {
				en.IP2, en.IP2To, en.CIDR2, err = ps.ipComp(p, fam, form)
			}
		case ipset.CompProtoPort:
			err = parseProtoPort(p, family, en)
		case ipset.CompPort:
			proto := "tcp"
			if pr, rest, ok := strings.Cut(p, ":"); ok {
				if pr != "tcp" && pr != "udp" {
					return nil, syntaxErr("Only protocols TCP and UDP are valid")
				}
				proto, p = pr, rest
			}
			var from uint16
			var to *uint16
			from, to, err = parsePortRange(p, proto)
			en.Port, en.PortTo = &from, to
		case ipset.CompIface:
			name := p
			if rest, ok := strings.CutPrefix(p, "physdev:"); ok {
				en.Flags |= ipset.FlagPhysdev
				name = rest
			}
			if len(name) > 15 {
				return nil, syntaxErr("interface name '%s' is longer than %d characters", name, 15)
			}
			en.Iface = name
		case ipset.CompEther:
			mac, e := net.ParseMAC(p)
			if e != nil || len(mac) != 6 {
				return nil, syntaxErr("cannot parse '%s' as ethernet address", p)
			}
			en.Ether = mac
		case ipset.CompMark:
			var n uint64
			n, err = parseNumber(p, 0, 0xffffffff)
			m := uint32(n)
			en.Mark = &m
		}
		if err != nil {
			return nil, err
		}
	}
	return en, nil
}
