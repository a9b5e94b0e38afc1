package main

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// parseNumber reads an unsigned number the way strtoull with base 0 does
// (decimal, 0x hex, 0 octal) and checks it against [lo, hi].
func parseNumber(s string, lo, hi uint64) (uint64, error) {
	if s == "" || s[0] == '-' || s[0] == '+' {
		return 0, syntaxErr("'%s' is invalid as number", s)
	}
	n, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, syntaxErr("'%s' is out of range %d-%d", s, lo, hi)
		}
		return 0, syntaxErr("'%s' is invalid as number", s)
	}
	if n < lo || n > hi {
		return 0, syntaxErr("'%s' is out of range %d-%d", s, lo, hi)
	}
	return n, nil
}

func familyWord(f uint8) string {
	if f == ipset.FamilyINET6 {
		return "IPv6"
	}
	return "IPv4"
}

// parseIPv4Loose reads an IPv4 address in any form inet_aton accepts
// ("10.1", "10.0.0.1", "0x0a000001", "012.0.0.1").
func parseIPv4Loose(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 || s == "" {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		if p == "" || p[0] == '+' || p[0] == '-' {
			return netip.Addr{}, false
		}
		v, err := strconv.ParseUint(p, 0, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	var v uint64
	last := len(vals) - 1
	for i := 0; i < last; i++ {
		if vals[i] > 255 {
			return netip.Addr{}, false
		}
		v |= vals[i] << (24 - 8*uint(i))
	}
	if vals[last] >= 1<<(8*uint(4-last)) {
		return netip.Addr{}, false
	}
	v |= vals[last]
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

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

// parseAddr reads one address of the given family.
func parseAddr(s string, family uint8) (netip.Addr, error) { return defaultParser.addr(s, family) }

func (p *parser) addr(s string, family uint8) (netip.Addr, error) {
	fail := syntaxErr("cannot parse %s: resolving to %s address failed", s, familyWord(family))
	if family == ipset.FamilyINET6 {
		a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
		if err == nil && a.Is6() && a.Zone() == "" {
			return a, nil
		}
	} else if a, ok := parseIPv4Loose(s); ok {
		return a, nil
	}
	if !isHostName(s) {
		return netip.Addr{}, fail
	}
	lookup := p.lookup
	if lookup == nil {
		lookup = net.DefaultResolver.LookupNetIP
	}
	network := "ip4"
	if family == ipset.FamilyINET6 {
		network = "ip6"
	}
	ctx, cancel := context.WithTimeout(context.Background(), resolveTimeout)
	defer cancel()
	addrs, err := lookup(ctx, network, s)
	var found []netip.Addr
	for _, a := range addrs {
		a = a.Unmap()
		if (family == ipset.FamilyINET6) == a.Is6() {
			found = append(found, a)
		}
	}
	if err != nil || len(found) == 0 {
		return netip.Addr{}, fail
	}
	if len(found) > 1 && p.warn != nil {
		p.warn(fmt.Sprintf("Warning: %s resolves to multiple addresses: using only the first one returned by the resolver.", s))
	}
	return found[0], nil
}

// isHostName reports whether s can be a DNS name worth looking up.
func isHostName(s string) bool {
	if s == "" || len(s) > 253 || s[0] == '-' || s[0] == '.' {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			letter = true
		case c >= '0' && c <= '9', c == '-', c == '.':
		default:
			return false
		}
	}
	return letter
}

// ipForm says which forms an address component accepts.
type ipForm int

const (
	formSingle ipForm = iota // an address only
	formCIDR                 // address or address/cidr
	formRange                // address, address/cidr or from-to
)

// parseIPComp reads an address component: address, address/cidr or
// from-to, as allowed by form.
func parseIPComp(s string, family uint8, form ipForm) (ip, to netip.Addr, cidr uint8, err error) {
	return defaultParser.ipComp(s, family, form)
}

func (p *parser) ipComp(s string, family uint8, form ipForm) (ip, to netip.Addr, cidr uint8, err error) {
	maxBits := 32
	if family == ipset.FamilyINET6 {
		maxBits = 128
	}
	// As in ipset, a separator counts only with something on both sides.
	if a, c, ok := cutBetween(s, '/'); ok {
		if form == formSingle {
			return ip, to, 0, syntaxErr("plain IP address must be supplied: %s", s)
		}
		ip, err = p.addr(a, family)
		if err != nil {
			return
		}
		n, e := parseNumber(c, 0, 255)
		if e != nil {
			return ip, to, 0, e
		}
		if n > uint64(maxBits) {
			return ip, to, 0, syntaxErr("'%s' is out of range %d-%d", c, 0, maxBits)
		}
		return ip, to, uint8(n), nil
	}
	if a, b, ok := cutBetween(s, '-'); ok {
		switch {
		case form == formSingle:
			return ip, to, 0, syntaxErr("plain IP address must be supplied: %s", s)
		case family == ipset.FamilyINET6 || form != formRange:
			return ip, to, 0, syntaxErr("IP address or IP/cidr must be specified: %s", s)
		}
		ip, err = p.addr(a, family)
		if err != nil {
			return
		}
		to, err = p.addr(b, family)
		return
	}
	ip, err = p.addr(s, family)
	return
}

// cutBetween splits s at the first sep when there is text on both sides.
func cutBetween(s string, sep byte) (before, after string, ok bool) {
	i := strings.IndexByte(s, sep)
	if i <= 0 || i == len(s)-1 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

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

// takeValue returns the value of option opt at args[i+1].
func takeValue(args []string, i int, opt string) (string, error) {
	if i+1 >= len(args) {
		return "", usageErr("Missing mandatory argument of option `%s'", opt)
	}
	return args[i+1], nil
}

// parseADTOptions reads the keywords after an element of a set of type
// t and revision rev: those of add, del or test in that revision.
func parseADTOptions(t *ipset.TypeInfo, rev uint8, cmd ipset.Cmd, args []string, en *ipset.Entry) error {
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		if err := checkKeyword(t, rev, cmd, args[i]); err != nil {
			return err
		}
		a := keyword(args[i])
		if seen[a] {
			return syntaxErr("%s already specified", a)
		}
		seen[a] = true
		switch ipset.Option(a) {
		case ipset.OptNoMatch:
			en.Flags |= ipset.FlagNoMatch
			continue
		case ipset.OptWildcard:
			en.Flags |= ipset.FlagIfaceWildcard
			continue
		}
		v, err := takeValue(args, i, a)
		if err != nil {
			return err
		}
		i++
		switch ipset.Option(a) {
		case ipset.OptTimeout:
			n, err := parseNumber(v, 0, (1<<32-1)>>1/1000)
			if err != nil {
				return err
			}
			en.Timeout = ptr(uint32(n))
		case ipset.OptPackets, ipset.OptBytes:
			n, err := parseNumber(v, 0, 1<<64-1)
			if err != nil {
				return err
			}
			if a == "packets" {
				en.Packets = &n
			} else {
				en.Bytes = &n
			}
		case ipset.OptComment:
			if strings.Contains(v, `"`) {
				return syntaxErr(`" character is not permitted in comments`)
			}
			if len(v) > ipset.MaxCommentSize {
				return syntaxErr("Comment is longer than the maximum allowed %d characters", ipset.MaxCommentSize)
			}
			en.Comment = &v
		case ipset.OptSkbMark:
			// As sscanf(str, "0x%lx/0x%lx") or "0x%lx" reads it.
			mark, rest, ok := scanHex(v, true)
			mask := uint64(0xffffffff)
			if ok && strings.HasPrefix(rest, "/") {
				if m, _, ok2 := scanHex(rest[1:], true); ok2 {
					mask = m
				}
			}
			if !ok {
				return syntaxErr("Invalid skbmark format, it should be:  MARK/MASK or MARK (see manpage)")
			}
			en.SkbMark = ptr(mark<<32 | mask&0xffffffff)
		case ipset.OptSkbPrio:
			// As sscanf(str, "%x:%x") reads it.
			maj, rest, ok1 := scanHex(v, false)
			var mnr uint64
			ok2 := false
			if ok1 && strings.HasPrefix(rest, ":") {
				mnr, _, ok2 = scanHex(rest[1:], false)
			}
			if !ok1 || !ok2 {
				return syntaxErr("Invalid skbprio format, it should be:MAJOR:MINOR (see manpage)")
			}
			en.SkbPrio = ptr(uint32(maj<<16 | mnr&0xffff))
		case ipset.OptSkbQueue:
			n, err := parseNumber(v, 0, 65535)
			if err != nil {
				return err
			}
			en.SkbQueue = ptr(uint16(n))
		case ipset.OptBefore, ipset.OptAfter:
			if en.NameRef != "" {
				return syntaxErr("mixed syntax, before|after option already used")
			}
			en.NameRef = v
			if a == "before" {
				en.Flags |= ipset.FlagBefore
			}
		}
	}
	return nil
}

// keyword returns the keyword argument a names: ipset takes "--timeout"
// for "timeout".
func keyword(a string) string {
	if strings.HasPrefix(a, "--") {
		return a[2:]
	}
	return a
}

// checkKeyword checks that command cmd takes keyword a (see keyword) in
// revision rev of type t. Like ipset, it tells a keyword of a later
// revision from an unknown one, unless the revision takes no keyword at
// all; the error names a as written.
func checkKeyword(t *ipset.TypeInfo, rev uint8, cmd ipset.Cmd, a string) error {
	since, ok := t.Since(cmd, ipset.Option(keyword(a)))
	if ok && since <= rev {
		return nil
	}
	if ok && takesKeywords(t, rev, cmd) {
		return usageErr("Argument `%s' is supported in the kernel module of the set type %s starting from the revision %d and you have installed revision %d only. Your kernel is behind your ipset utility.",
			a, t.Name, since, rev)
	}
	return usageErr("Unknown argument: `%s'", a)
}

// takesKeywords reports whether cmd takes any keyword in revision rev of
// type t.
func takesKeywords(t *ipset.TypeInfo, rev uint8, cmd ipset.Cmd) bool {
	for _, o := range t.Keywords(cmd) {
		if since, _ := t.Since(cmd, o); since <= rev {
			return true
		}
	}
	return false
}

// flagKeyword reports whether create keyword a takes no value.
func flagKeyword(a string) bool {
	switch ipset.Option(a) {
	case ipset.OptCounters, ipset.OptComment, ipset.OptSkbInfo, ipset.OptForceAdd:
		return true
	}
	return false
}

func ptr[T any](v T) *T { return &v }

// parseCreateOptions reads create's keywords for revision rev of type t
// into s, in ipset's two passes: the first checks every keyword and reads
// the family (netmask and range depend on it), the second the rest.
func parseCreateOptions(t *ipset.TypeInfo, rev uint8, args []string, s *ipset.Set) error {
	familySeen := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		kw := keyword(a)
		if t.HasFamily() {
			switch kw {
			case "-4":
				s.Family = ipset.FamilyINET
				continue
			case "-6":
				s.Family = ipset.FamilyINET6
				continue
			}
		}
		if err := checkKeyword(t, rev, ipset.CmdCreate, a); err != nil {
			return err
		}
		if flagKeyword(kw) {
			continue
		}
		v, err := takeValue(args, i, kw)
		if err != nil {
			return err
		}
		i++
		if kw != string(ipset.OptFamily) {
			continue
		}
		if familySeen {
			return syntaxErr("%s already specified", kw)
		}
		familySeen = true
		switch v {
		case "inet", "ipv4", "-4":
			s.Family = ipset.FamilyINET
		case "inet6", "ipv6", "-6":
			s.Family = ipset.FamilyINET6
		default:
			return syntaxErr("unknown inet family %s", v)
		}
	}
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		a := keyword(args[i])
		if t.HasFamily() && (a == "-4" || a == "-6") {
			continue
		}
		if err := checkKeyword(t, rev, ipset.CmdCreate, args[i]); err != nil {
			return err
		}
		if seen[a] {
			return syntaxErr("%s already specified", a)
		}
		seen[a] = true
		switch ipset.Option(a) {
		case ipset.OptCounters:
			s.Flags |= ipset.FlagWithCounters
			continue
		case ipset.OptComment:
			s.Flags |= ipset.FlagWithComment
			continue
		case ipset.OptSkbInfo:
			s.Flags |= ipset.FlagWithSkbInfo
			continue
		case ipset.OptForceAdd:
			s.Flags |= ipset.FlagWithForceAdd
			continue
		}
		v, err := takeValue(args, i, a)
		if err != nil {
			return err
		}
		i++
		u32 := func() (*uint32, error) {
			n, err := parseNumber(v, 0, 0xffffffff)
			return ptr(uint32(n)), err
		}
		switch ipset.Option(a) {
		case ipset.OptFamily:
		case ipset.OptHashSize:
			s.HashSize, err = u32()
		case ipset.OptMaxElem:
			s.MaxElem, err = u32()
		case ipset.OptSize:
			s.Size, err = u32()
		case ipset.OptMarkMask:
			s.MarkMask, err = u32()
		case ipset.OptInitVal:
			s.InitVal, err = u32()
		case ipset.OptTimeout:
			var n uint64
			n, err = parseNumber(v, 0, (1<<32-1)>>1/1000)
			s.Timeout = ptr(uint32(n))
		case ipset.OptBucketSize:
			var n uint64
			n, err = parseNumber(v, 0, 255)
			s.BucketSize = ptr(uint8(n))
		case ipset.OptProbes, ipset.OptResize, ipset.OptGC:
			_, err = parseNumber(v, 0, 0xffffffff)
		case ipset.OptNetmask:
			if seen["bitmask"] {
				return syntaxErr("bitmask and netmask are mutually exclusive, provide only one")
			}
			maxBits := uint64(32)
			if s.Family == ipset.FamilyINET6 {
				maxBits = 128
			}
			var n uint64
			n, err = parseNumber(v, 0, 255)
			if err == nil && (n < 1 || n > maxBits) {
				err = syntaxErr("'%s' is out of range %d-%d", v, 1, maxBits)
			}
			if err != nil {
				// ipset reports both the number's problem and the
				// netmask's.
				err = syntaxErr("%s\nSyntax error: netmask is out of the inclusive range of 1-%d",
					strings.TrimPrefix(err.Error(), "Syntax error: "), maxBits)
			}
			s.Netmask = ptr(uint8(n))
		case ipset.OptBitmask:
			if seen["netmask"] {
				return syntaxErr("bitmask and netmask are mutually exclusive, provide only one")
			}
			s.Bitmask, err = parseAddr(v, s.Family)
		case ipset.OptRange:
			if t.Elem[0] == ipset.CompPort {
				from, to, e := parsePortRange(v, "tcp")
				if e != nil {
					return e
				}
				if to == nil {
					return usageErr("Mandatory option `to' is missing")
				}
				s.PortFrom, s.PortTo = &from, to
			} else {
				s.RangeFrom, s.RangeTo, s.RangeCIDR, err = parseIPComp(v, ipset.FamilyINET, formRange)
				if err == nil && !s.RangeTo.IsValid() && s.RangeCIDR == 0 {
					err = syntaxErr("IP/cidr or IP-IP range must be specified: %s", v)
				}
			}
		}
		if err != nil {
			return err
		}
	}
	if t.Takes(ipset.OptRange) && !seen["range"] {
		return usageErr("Mandatory option `range' is missing")
	}
	return nil
}

// scanHex reads a hexadecimal number at the start of s the way sscanf's
// %x does: an optional 0x (required when prefixed), then as many hex
// digits as there are. It returns the value, the rest of s and whether a
// digit was read.
func scanHex(s string, prefixed bool) (uint64, string, bool) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	} else if prefixed {
		return 0, s, false
	}
	i := 0
	var v uint64
	for i < len(s) {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return v, s[i:], i > 0
		}
		v = v<<4 | uint64(d)
		i++
	}
	return v, "", i > 0
}
