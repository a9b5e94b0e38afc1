package filter

import (
	"encoding/hex"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// flowerUsage is tc 6.1's, to the byte (its ppp_proto line lacks the line
// break before dst_mac).
const flowerUsage = "Usage: ... flower	[ MATCH-LIST ] [ verbose ]\n" +
	"			[ skip_sw | skip_hw ]\n" +
	"			[ action ACTION-SPEC ] [ classid CLASSID ]\n" +
	"\n" +
	"Where: MATCH-LIST := [ MATCH-LIST ] MATCH\n" +
	"       MATCH      := {	indev DEV-NAME |\n" +
	"			num_of_vlans VLANS_COUNT |\n" +
	"			vlan_id VID |\n" +
	"			vlan_prio PRIORITY |\n" +
	"			vlan_ethtype [ ipv4 | ipv6 | ETH-TYPE ] |\n" +
	"			cvlan_id VID |\n" +
	"			cvlan_prio PRIORITY |\n" +
	"			cvlan_ethtype [ ipv4 | ipv6 | ETH-TYPE ] |\n" +
	"			pppoe_sid PSID |\n" +
	"			ppp_proto [ ipv4 | ipv6 | mpls_uc | mpls_mc | PPP_PROTO ]" +
	"			dst_mac MASKED-LLADDR |\n" +
	"			src_mac MASKED-LLADDR |\n" +
	"			ip_proto [tcp | udp | sctp | icmp | icmpv6 | IP-PROTO ] |\n" +
	"			ip_tos MASKED-IP_TOS |\n" +
	"			ip_ttl MASKED-IP_TTL |\n" +
	"			mpls LSE-LIST |\n" +
	"			mpls_label LABEL |\n" +
	"			mpls_tc TC |\n" +
	"			mpls_bos BOS |\n" +
	"			mpls_ttl TTL |\n" +
	"			dst_ip PREFIX |\n" +
	"			src_ip PREFIX |\n" +
	"			dst_port PORT-NUMBER |\n" +
	"			src_port PORT-NUMBER |\n" +
	"			tcp_flags MASKED-TCP_FLAGS |\n" +
	"			type MASKED-ICMP-TYPE |\n" +
	"			code MASKED-ICMP-CODE |\n" +
	"			arp_tip IPV4-PREFIX |\n" +
	"			arp_sip IPV4-PREFIX |\n" +
	"			arp_op [ request | reply | OP ] |\n" +
	"			arp_tha MASKED-LLADDR |\n" +
	"			arp_sha MASKED-LLADDR |\n" +
	"			enc_dst_ip [ IPV4-ADDR | IPV6-ADDR ] |\n" +
	"			enc_src_ip [ IPV4-ADDR | IPV6-ADDR ] |\n" +
	"			enc_key_id [ KEY-ID ] |\n" +
	"			enc_tos MASKED-IP_TOS |\n" +
	"			enc_ttl MASKED-IP_TTL |\n" +
	"			geneve_opts MASKED-OPTIONS |\n" +
	"			vxlan_opts MASKED-OPTIONS |\n" +
	"                       erspan_opts MASKED-OPTIONS |\n" +
	"			gtp_opts MASKED-OPTIONS |\n" +
	"			ip_flags IP-FLAGS |\n" +
	"			enc_dst_port [ port_number ] |\n" +
	"			ct_state MASKED_CT_STATE |\n" +
	"			ct_label MASKED_CT_LABEL |\n" +
	"			ct_mark MASKED_CT_MARK |\n" +
	"			ct_zone MASKED_CT_ZONE }\n" +
	"	LSE-LIST := [ LSE-LIST ] LSE\n" +
	"	LSE := lse depth DEPTH { label LABEL | tc TC | bos BOS | ttl TTL }\n" +
	"	FILTERID := X:Y:Z\n" +
	"	MASKED_LLADDR := { LLADDR | LLADDR/MASK | LLADDR/BITS }\n" +
	"	MASKED_CT_STATE := combination of {+|-} and flags trk,est,new,rel,rpl,inv\n" +
	"	ACTION-SPEC := ... look at individual actions\n" +
	"\n" +
	"NOTE:	CLASSID, IP-PROTO are parsed as hexadecimal input.\n" +
	"NOTE:	There can be only used one mask per one prio. If user needs\n" +
	"	to specify different mask, he has to use different prio.\n"

// flowerKind is flower: packets matched by their parsed headers (and
// tunnel metadata, conntrack state), then classified or acted on.
func flowerKind() *Kind {
	k := &Kind{Name: "flower", Usage: flowerUsage}
	k.New, k.Parse, k.Print = typed(parseFlower, printFlower)
	return k
}

// Link-layer and PPP protocol numbers flower's grammar depends on.
const (
	ppPIP     = 0x21
	ppPIPv6   = 0x57
	ppPMPLSUC = 0x281
	ppPMPLSMC = 0x283

	hwTCBase   = 0xFFE0 // TC_H_MIN_PRIORITY
	hwTCQueues = 16     // TC_QOPT_MAX_QUEUE
)

// pppProtos is tc's table of PPP protocol names, in its order.
var pppProtos = []struct {
	id   uint16
	name string
}{
	{0x21, "ip"}, {0x29, "at"}, {0x2b, "ipx"}, {0x2d, "vjc_comp"}, {0x2f, "vjc_uncomp"},
	{0x3d, "mp"}, {0x57, "ipv6"}, {0xfb, "compfrag"}, {0xfd, "comp"}, {0x281, "mpls_uc"},
	{0x283, "mpls_mc"}, {0x8021, "ipcp"}, {0x8029, "atcp"}, {0x802b, "ipxcp"}, {0x8057, "ipv6cp"},
	{0x80fb, "ccpfrag"}, {0x80fd, "ccp"}, {0x80fd, "mplscp"}, {0xc021, "lcp"}, {0xc023, "pap"},
	{0xc025, "lqr"}, {0xc223, "chap"}, {0xc029, "cbcp"},
}

// ctStates are the conntrack state names, in the order tc reads and
// prints them.
var ctStates = []struct {
	name string
	flag uint16
}{
	{"trk", rtnl.FlowerCTTracked}, {"new", rtnl.FlowerCTNew}, {"est", rtnl.FlowerCTEstablished},
	{"rel", rtnl.FlowerCTRelated}, {"inv", rtnl.FlowerCTInvalid}, {"rpl", rtnl.FlowerCTReply},
}

// ipFlags are the matching flags ip_flags names.
var ipFlags = []struct {
	name string
	flag uint32
}{{"frag", rtnl.FlowerFlagIsFragment}, {"firstfrag", rtnl.FlowerFlagFragIsFirst}}

// strtoul is C's strtoul on s: the value, how many bytes it read (0 when
// none), and whether it overflowed. A sign is read; a minus negates the
// value modulo 2^64, as C does.
func strtoul(s string, base int) (v uint64, n int, overflow bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	digit := func(c byte) int {
		switch {
		case c >= '0' && c <= '9':
			return int(c - '0')
		case c >= 'a' && c <= 'z':
			return int(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			return int(c-'A') + 10
		}
		return 99
	}
	hexPrefix := i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && digit(s[i+2]) < 16
	switch {
	case (base == 0 || base == 16) && hexPrefix:
		base = 16
		i += 2
	case base == 0 && i < len(s) && s[i] == '0':
		base = 8
	case base == 0:
		base = 10
	}
	start := i
	for ; i < len(s) && digit(s[i]) < base; i++ {
		hi, lo := bits.Mul64(v, uint64(base))
		lo, carry := bits.Add64(lo, uint64(digit(s[i])), 0)
		if hi != 0 || carry != 0 {
			overflow = true
		}
		v = lo
	}
	if i == start {
		return 0, 0, false
	}
	if overflow {
		return ^uint64(0), i, true
	}
	if neg {
		v = -v
	}
	return v, i, false
}

// cUint is iproute2's get_u8/get_u16/get_u32 (and get_unsigned): all of
// s a number in base, at most max.
func cUint(s string, base int, max uint64) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	v, n, overflow := strtoul(s, base)
	if n == 0 || n != len(s) || overflow || v > max {
		return 0, false
	}
	return v, true
}

func cU8(s string, base int) (uint8, bool) {
	v, ok := cUint(s, base, 0xff)
	return uint8(v), ok
}

func cU16(s string, base int) (uint16, bool) {
	v, ok := cUint(s, base, 0xffff)
	return uint16(v), ok
}

func cU32(s string, base int) (uint32, bool) {
	v, ok := cUint(s, base, 0xffffffff)
	return uint32(v), ok
}

// splitMask cuts s at its first slash.
func splitMask(s string) (val, mask string, hasMask bool) {
	return strings.Cut(s, "/")
}

// lladdr is iproute2's ll_addr_a2n for a 6-byte buffer: dotted IPv4 fills
// four bytes, else colon-separated hex bytes (sscanf %x each, extra
// bytes ignored). Bytes it does not fill are zero (tc leaves them
// uninitialised). A bad byte prints tc's complaint about it.
func lladdr(s string) ([6]byte, string, bool) {
	var a [6]byte
	if strings.Contains(s, ".") {
		ip, ok := grammar.ParseIPv4(s)
		if !ok {
			return a, `"` + s + `" is invalid lladdr.`, false
		}
		v := ip.As4()
		copy(a[:], v[:])
		return a, "", true
	}
	for i := 0; i < len(a); i++ {
		tok, rest, more := strings.Cut(s, ":")
		v, ok := scanHex(tok)
		if !ok || v < 0 || v > 255 {
			return a, `"` + tok + `" is invalid lladdr.`, false
		}
		a[i] = byte(v)
		if !more {
			break
		}
		s = rest
	}
	return a, "", true
}

// scanHex is sscanf's %x into an int: leading space, a sign, 0x, hex
// digits, anything after ignored.
func scanHex(s string) (int32, bool) {
	v, n, _ := strtoul(s, 16)
	return int32(uint32(v)), n > 0
}

// parseEthAddr is flower_parse_eth_addr: ADDR, ADDR/MASK or ADDR/BITS.
func parseEthAddr(s string, p *rtnl.Masked[[6]byte]) (msg string, ok bool) {
	val, mask, hasMask := splitMask(s)
	a, msg, ok := lladdr(val)
	if !ok {
		return msg, false
	}
	m := [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	if hasMask {
		if b, ok := cUint(mask, 10, 0xffffffff); ok {
			// tc shifts a 64-bit value by 64-bits; x86 takes the count
			// modulo 64.
			v := uint64(0xffffffffffff) << ((64 - uint32(b)) & 63)
			for i := range m {
				m[i] = byte(v >> (56 - 8*i))
			}
		} else if m, msg, ok = lladdr(mask); !ok {
			return msg, false
		}
	}
	p.Key, p.Mask = rtnl.Some(a), rtnl.Some(m)
	return "", true
}

// masked8 is flower_parse_u8: VALUE[/MASK] in base 10, a name for the
// value if name knows one.
func masked8(s string, name func(string) (uint8, bool), valid func(uint8) bool, p *rtnl.Masked[uint8]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := uint8(0), false
	if name != nil {
		v, ok = name(val)
	}
	if !ok {
		if v, ok = cU8(val, 10); !ok {
			return false
		}
	}
	if valid != nil && !valid(v) {
		return false
	}
	m := uint8(0xff)
	if hasMask {
		if m, ok = cU8(mask, 10); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// tosTTL is flower_parse_ip_tos_ttl: the value in decimal or hex, the
// mask in hex.
func tosTTL(s string, p *rtnl.Masked[uint8]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := cU8(val, 10)
	if !ok {
		if v, ok = cU8(val, 16); !ok {
			return false
		}
	}
	m := uint8(0xff)
	if hasMask {
		if m, ok = cU8(mask, 16); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// masked16 is flower_parse_u16 (base 0).
func masked16(s string, p *rtnl.Masked[uint16]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := cU16(val, 0)
	if !ok {
		return false
	}
	m := uint16(0xffff)
	if hasMask {
		if m, ok = cU16(mask, 0); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// masked32 is flower_parse_u32 (base 0).
func masked32(s string, p *rtnl.Masked[uint32]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := cU32(val, 0)
	if !ok {
		return false
	}
	m := uint32(0xffffffff)
	if hasMask {
		if m, ok = cU32(mask, 0); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// hexBytes is hex2mem of the first n bytes s spells.
func hexBytes(s string, n int) ([]byte, bool) {
	b, err := hex.DecodeString(s[:2*n])
	if err != nil {
		return nil, false
	}
	return b, true
}

// prefixKey is __flower_parse_ip_addr: a prefix of family (0: either)
// into the IPv4 or IPv6 key, its length as the mask.
func prefixKey(s string, family uint8, v4, v6 *rtnl.Masked[netip.Addr]) error {
	pfx, err := grammar.ParsePrefix(s, family)
	if err != nil {
		return err
	}
	a := pfx.Addr
	if !a.IsValid() {
		// default/any/all: tc sends an empty address, which the kernel
		// refuses; so does gip, as an unspecified one.
		if family == unix.AF_INET || family == 0 && pfx.Family == unix.AF_INET {
			a = netip.IPv4Unspecified()
		} else {
			a = netip.IPv6Unspecified()
		}
	}
	var full [16]byte
	for i := 0; i < pfx.Bits && i < a.BitLen(); i++ {
		full[i/8] |= 0x80 >> (i % 8)
	}
	if a.Is4() {
		v4.Key, v4.Mask = rtnl.Some(a), rtnl.Some(netip.AddrFrom4([4]byte(full[:4])))
	} else {
		v6.Key, v6.Mask = rtnl.Some(a), rtnl.Some(netip.AddrFrom16(full))
	}
	return nil
}

// flowerState is what flower's grammar carries from word to word.
type flowerState struct {
	tcProto, ethType, vlanEthType uint16
	numOfVlans                    uint8
	ipProto                       uint8
	flags, mtf, mtfMask           uint32
	mplsOld, mplsNew              bool
}

func isVlan(proto uint16, enough bool) bool {
	return proto == unix.ETH_P_8021Q || proto == unix.ETH_P_8021AD || enough
}

func isMPLS(proto uint16) bool { return proto == unix.ETH_P_MPLS_UC || proto == unix.ETH_P_MPLS_MC }

func isARP(proto uint16) bool { return proto == unix.ETH_P_ARP || proto == unix.ETH_P_RARP }

// flowerWord is one keyword of flower's grammar: its name, whether only
// the whole word names it, and what reads its value.
type flowerWord struct {
	name  string
	exact bool
	// read reads the keyword's words; the keyword has been consumed.
	read func(p *Parser, o *rtnl.Flower, st *flowerState) error
}

// flowerWords are flower's keywords in tc's order of trial, which
// settles abbreviations ("c" is classid).
var flowerWords []flowerWord

func init() {
	illegal := func(what string) func(*Parser) error {
		return func(p *Parser) error { return p.Fail(`Illegal "` + what + `"`) }
	}
	// value reads a keyword's value and applies fn; false is `Illegal "name"`.
	value := func(name string, fn func(p *Parser, o *rtnl.Flower, st *flowerState, v string) bool) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !fn(p, o, st, v) {
				return illegal(name)(p)
			}
			return nil
		}}
	}
	// checked reads a value after a check of the ethertype (msg when it
	// fails: tc's complaint, without "Illegal").
	checked := func(name string, check func(st *flowerState) string, fn func(p *Parser, o *rtnl.Flower, st *flowerState, v string) error) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if msg := check(st); msg != "" {
				return p.Fail(msg)
			}
			return fn(p, o, st, v)
		}}
	}
	exact := func(w flowerWord) flowerWord { w.exact = true; return w }
	flag := func(name string, bit uint32) flowerWord {
		return flowerWord{name: name, read: func(_ *Parser, _ *rtnl.Flower, st *flowerState) error {
			st.flags |= bit
			return nil
		}}
	}
	vlanCheck := func(name string, inner bool) func(st *flowerState) string {
		return func(st *flowerState) string {
			if !inner && !isVlan(st.tcProto, st.numOfVlans > 0) {
				return `Can't set "` + name + `" if ethertype isn't 802.1Q or 802.1AD and num_of_vlans is 0`
			}
			if inner && !isVlan(st.vlanEthType, st.numOfVlans > 1) {
				return `Can't set "` + name + `" if inner vlan ethertype isn't 802.1Q or 802.1AD and num_of_vlans is less than 2`
			}
			return ""
		}
	}
	vlanID := func(name string, inner bool, dst func(o *rtnl.Flower) *rtnl.Opt[uint16]) flowerWord {
		return checked(name, vlanCheck(name, inner), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			id, ok := cU16(v, 10)
			if !ok || id&^0xfff != 0 {
				return illegal(name)(p)
			}
			*dst(o) = rtnl.Some(id)
			return nil
		})
	}
	vlanPrio := func(name string, inner bool, dst func(o *rtnl.Flower) *rtnl.Opt[uint8]) flowerWord {
		return checked(name, vlanCheck(name, inner), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			prio, ok := cU8(v, 10)
			if !ok || prio&^7 != 0 {
				return illegal(name)(p)
			}
			*dst(o) = rtnl.Some(prio)
			return nil
		})
	}
	vlanEthType := func(name string, inner bool) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			outer, enough, cond := st.ethType, st.numOfVlans > 0, "is 0"
			if inner {
				outer, enough, cond = st.vlanEthType, st.numOfVlans > 1, "less than 2"
			}
			if !isVlan(outer, enough) {
				return p.Fail(`Can't set "` + name + `" if ethertype isn't 802.1Q or 802.1AD and num_of_vlans ` + cond)
			}
			proto, ok := sched.ParseEthProto(v)
			if !ok {
				return fail.Invalid("invalid vlan_ethtype", v)
			}
			if inner {
				o.CVlanEthType = rtnl.Some(proto)
				st.ethType = proto
			} else {
				o.VlanEthType = rtnl.Some(proto)
				st.vlanEthType, st.ethType = proto, proto
			}
			return nil
		}}
	}
	mplsCheck := func(name string) func(st *flowerState) string {
		return func(st *flowerState) string {
			switch {
			case !isMPLS(st.ethType):
				return `Can't set "` + name + `" if ethertype isn't MPLS`
			case st.mplsNew:
				return `Can't set "` + name + `" if "mpls" is set`
			}
			st.mplsOld = true
			return ""
		}
	}
	mplsField := func(name string, limit uint64, dst func(o *rtnl.Flower, v uint64)) flowerWord {
		return checked(name, mplsCheck(name), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			n, ok := cUint(v, 10, 0xff)
			if limit > 0xff {
				n, ok = cUint(v, 10, 0xffffffff)
			}
			if !ok || n > limit {
				return illegal(name)(p)
			}
			dst(o, n)
			return nil
		})
	}
	ethAddr := func(name string, dst func(o *rtnl.Flower) *rtnl.Masked[[6]byte]) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if msg, ok := parseEthAddr(v, dst(o)); !ok {
				return p.Fail(msg, `Illegal "`+name+`"`)
			}
			return nil
		}}
	}
	ipAddr := func(name string, enc bool, v4, v6 func(o *rtnl.Flower) *rtnl.Masked[netip.Addr]) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			family := uint8(0)
			switch eth := st.ethType; {
			case enc || eth == 0:
			case eth == unix.ETH_P_IP:
				family = unix.AF_INET
			case eth == unix.ETH_P_IPV6:
				family = unix.AF_INET6
			default:
				return illegal(name)(p)
			}
			return prefixKey(v, family, v4(o), v6(o))
		}}
	}
	port := func(name string, src bool) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !parsePort(v, st.ipProto, src, o) {
				if strings.Contains(v, "-") && !strings.Contains(v, "/") {
					if l, r, _ := strings.Cut(v, "-"); portOrder(l, r) {
						return p.Fail("max value should be greater than min value", `Illegal "`+name+`"`)
					}
				}
				return illegal(name)(p)
			}
			return nil
		}}
	}
	icmp := func(name string, code bool) flowerWord {
		return value(name, func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) bool {
			var dst *rtnl.Masked[uint8]
			switch {
			case st.ethType == unix.ETH_P_IP && st.ipProto == unix.IPPROTO_ICMP && code:
				dst = &o.ICMPv4Code
			case st.ethType == unix.ETH_P_IP && st.ipProto == unix.IPPROTO_ICMP:
				dst = &o.ICMPv4Type
			case st.ethType == unix.ETH_P_IPV6 && st.ipProto == unix.IPPROTO_ICMPV6 && code:
				dst = &o.ICMPv6Code
			case st.ethType == unix.ETH_P_IPV6 && st.ipProto == unix.IPPROTO_ICMPV6:
				dst = &o.ICMPv6Type
			default:
				return false
			}
			return masked8(v, nil, nil, dst)
		})
	}
	arpIP := func(name string, dst func(o *rtnl.Flower) *rtnl.Masked[netip.Addr]) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !isARP(st.ethType) {
				return illegal(name)(p)
			}
			var v6 rtnl.Masked[netip.Addr]
			return prefixKey(v, unix.AF_INET, dst(o), &v6)
		}}
	}
	pppCheck := func(name string) func(st *flowerState) string {
		return func(st *flowerState) string {
			if st.ethType != unix.ETH_P_PPP_SES {
				return `Can't set "` + name + `" if ethertype isn't PPPoE session`
			}
			return ""
		}
	}
	tosTTLWord := func(name string, dst func(o *rtnl.Flower) *rtnl.Masked[uint8]) flowerWord {
		return value(name, func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool { return tosTTL(v, dst(o)) })
	}
	flowerWords = []flowerWord{
		value("classid", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			id, ok := sched.ParseClassID(v)
			o.Classid = rtnl.Some(id)
			return ok
		}),
		value("flowid", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			id, ok := sched.ParseClassID(v)
			o.Classid = rtnl.Some(id)
			return ok
		}),
		{name: "hw_tc", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, read, _ := strtoul(v, 0)
			if read != len(v) {
				return p.Fail("Illegal TC index")
			}
			tc := uint32(n)
			if tc >= hwTCQueues {
				return p.Fail("TC index exceeds max range")
			}
			o.Classid = rtnl.Some(p.Msg.Parent&0xFFFF0000 | (tc+hwTCBase)&0xFFFF)
			return nil
		}},
		value("ip_flags", func(_ *Parser, _ *rtnl.Flower, st *flowerState, v string) bool {
			for _, tok := range strings.Split(v, "/") {
				if tok == "" {
					continue // strtok skips empty tokens
				}
				name, no := strings.CutPrefix(tok, "no")
				found := false
				for _, f := range ipFlags {
					if name == f.name {
						if no {
							st.mtf &^= f.flag
						} else {
							st.mtf |= f.flag
						}
						st.mtfMask |= f.flag
						found = true
						break
					}
				}
				if !found {
					return false
				}
			}
			return true
		}),
		flag("verbose", rtnl.ClsFlagVerbose),
		flag("skip_hw", rtnl.ClsFlagSkipHW),
		flag("skip_sw", rtnl.ClsFlagSkipSW),
		value("ct_state", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			var flags, mask uint16
			for v != "" {
				plus := v[0] == '+'
				if !plus && v[0] != '-' {
					return false
				}
				found := false
				for _, s := range ctStates {
					if strings.HasPrefix(v[1:], s.name) {
						if plus {
							flags |= s.flag
						}
						mask |= s.flag
						v = v[1+len(s.name):]
						found = true
						break
					}
				}
				if !found {
					return false
				}
			}
			o.CTState.Key, o.CTState.Mask = rtnl.Some(flags), rtnl.Some(mask)
			return true
		}),
		value("ct_zone", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool { return masked16(v, &o.CTZone) }),
		value("ct_mark", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool { return masked32(v, &o.CTMark) }),
		{name: "ct_label", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			val, mask, hasMask := splitMask(v)
			if len(val) > 32 || len(mask) > 32 {
				return fail.Invalid(strconv.Itoa(len(val))+" Max allowed size 32", val)
			}
			labels, ok := hexBytes(val, len(val)/2)
			if !ok {
				return fail.Invalid("labels must be a hex string\n", val)
			}
			lmask := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
			if hasMask {
				if lmask, ok = hexBytes(mask, len(mask)/2); !ok {
					return fail.Invalid("labels mask must be a hex string\n", mask)
				}
			}
			o.CTLabels, o.CTLabelsMask = labels, lmask
			return nil
		}},
		{name: "indev", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !grammar.ValidIfName(v) {
				return fail.Invalid(`"indev" not a valid ifname`, v)
			}
			o.Indev = rtnl.Some(v)
			return nil
		}},
		exact(value("num_of_vlans", func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) bool {
			n, ok := cU8(v, 10)
			if ok {
				st.numOfVlans = n
				o.NumOfVlans = rtnl.Some(n)
			}
			return ok
		})),
		vlanID("vlan_id", false, func(o *rtnl.Flower) *rtnl.Opt[uint16] { return &o.VlanID }),
		vlanPrio("vlan_prio", false, func(o *rtnl.Flower) *rtnl.Opt[uint8] { return &o.VlanPrio }),
		vlanEthType("vlan_ethtype", false),
		vlanID("cvlan_id", true, func(o *rtnl.Flower) *rtnl.Opt[uint16] { return &o.CVlanID }),
		vlanPrio("cvlan_prio", true, func(o *rtnl.Flower) *rtnl.Opt[uint8] { return &o.CVlanPrio }),
		vlanEthType("cvlan_ethtype", true),
		{name: "mpls", read: parseMPLS},
		mplsField("mpls_label", 0xfffff, func(o *rtnl.Flower, v uint64) { o.MPLSLabel = rtnl.Some(uint32(v)) }),
		mplsField("mpls_tc", 7, func(o *rtnl.Flower, v uint64) { o.MPLSTC = rtnl.Some(uint8(v)) }),
		mplsField("mpls_bos", 1, func(o *rtnl.Flower, v uint64) { o.MPLSBOS = rtnl.Some(uint8(v)) }),
		mplsField("mpls_ttl", 0xff, func(o *rtnl.Flower, v uint64) { o.MPLSTTL = rtnl.Some(uint8(v)) }),
		ethAddr("dst_mac", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.EthDst }),
		ethAddr("src_mac", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.EthSrc }),
		{name: "ip_proto", read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			badEth := p.Fail(`Illegal "eth_type" for ip proto`, `Illegal "ip_proto"`)
			if st.ethType != unix.ETH_P_IP && st.ethType != unix.ETH_P_IPV6 {
				return badEth
			}
			var proto uint8
			switch {
			case grammar.Matches(v, "tcp"):
				proto = unix.IPPROTO_TCP
			case grammar.Matches(v, "udp"):
				proto = unix.IPPROTO_UDP
			case grammar.Matches(v, "sctp"):
				proto = unix.IPPROTO_SCTP
			case grammar.Matches(v, "icmp"):
				if st.ethType != unix.ETH_P_IP {
					return badEth
				}
				proto = unix.IPPROTO_ICMP
			case grammar.Matches(v, "icmpv6"):
				if st.ethType != unix.ETH_P_IPV6 {
					return badEth
				}
				proto = unix.IPPROTO_ICMPV6
			default:
				var ok bool
				if proto, ok = cU8(v, 16); !ok {
					return illegal("ip_proto")(p)
				}
			}
			o.IPProto, st.ipProto = rtnl.Some(proto), proto
			return nil
		}},
		tosTTLWord("ip_tos", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.IPTOS }),
		tosTTLWord("ip_ttl", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.IPTTL }),
		ipAddr("dst_ip", false, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv4Dst }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv6Dst }),
		ipAddr("src_ip", false, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv4Src }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv6Src }),
		port("dst_port", false),
		port("src_port", true),
		value("tcp_flags", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			val, mask, hasMask := splitMask(v)
			f, ok := cU16(val, 16)
			if !ok || f&^0xfff != 0 {
				return false
			}
			m := uint16(0xfff)
			if hasMask {
				if m, ok = cU16(mask, 16); !ok || m&^0xfff != 0 {
					return false
				}
			}
			o.TCPFlags.Key, o.TCPFlags.Mask = rtnl.Some(f), rtnl.Some(m)
			return true
		}),
		renamed(icmp("type", false), `Illegal "icmp type"`),
		renamed(icmp("code", true), `Illegal "icmp code"`),
		arpIP("arp_tip", func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.ArpTIP }),
		arpIP("arp_sip", func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.ArpSIP }),
		value("arp_op", func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) bool {
			if !isARP(st.ethType) {
				return false
			}
			name := func(s string) (uint8, bool) {
				switch s {
				case "request":
					return 1, true
				case "reply":
					return 2, true
				}
				return 0, false
			}
			return masked8(v, name, func(op uint8) bool { return op <= 2 }, &o.ArpOp)
		}),
		ethAddr("arp_tha", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.ArpTHA }),
		ethAddr("arp_sha", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.ArpSHA }),
		exact(checked("pppoe_sid", pppCheck("pppoe_sid"), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			sid, ok := cU16(v, 10)
			if !ok {
				return illegal("pppoe_sid")(p)
			}
			o.PPPoESID = rtnl.Some(sid)
			return nil
		})),
		exact(checked("ppp_proto", pppCheck("ppp_proto"), func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) error {
			proto, ok := pppProto(v)
			if !ok {
				return fail.Invalid("invalid ppp_proto", v)
			}
			switch proto {
			case ppPIP:
				st.ethType = unix.ETH_P_IP
			case ppPIPv6:
				st.ethType = unix.ETH_P_IPV6
			case ppPMPLSUC:
				st.ethType = unix.ETH_P_MPLS_UC
			case ppPMPLSMC:
				st.ethType = unix.ETH_P_MPLS_MC
			}
			o.PPPProto = rtnl.Some(proto)
			return nil
		})),
		ipAddr("enc_dst_ip", true, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv4Dst }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv6Dst }),
		ipAddr("enc_src_ip", true, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv4Src }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv6Src }),
		value("enc_key_id", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			id, ok := cU32(v, 10)
			if ok {
				o.EncKeyID = rtnl.Some(id)
			}
			return ok
		}),
		value("enc_dst_port", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			port, ok := cU16(v, 10)
			if ok {
				o.EncUDPDstPort.Key = rtnl.Some(port)
			}
			return ok
		}),
		tosTTLWord("enc_tos", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.EncIPTOS }),
		tosTTLWord("enc_ttl", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.EncIPTTL }),
		encOptsWord("geneve_opts", false, parseGeneveOpts),
		encOptsWord("vxlan_opts", false, parseVxlanOpts),
		encOptsWord("erspan_opts", false, parseErspanOpts),
		encOptsWord("gtp_opts", true, parseGTPOpts),
		{name: "action", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			if !p.More() {
				return fail.Incomplete()
			}
			acts, err := p.Actions("action")
			if err != nil {
				return err
			}
			o.Actions = append(o.Actions, acts...)
			return nil
		}},
	}
}

// renamed makes w's failure message msg.
func renamed(w flowerWord, msg string) flowerWord {
	read := w.read
	w.read = func(p *Parser, o *rtnl.Flower, st *flowerState) error {
		err := read(p, o, st)
		if fe, ok := err.(*fail.Error); ok && fe.Msg == `Illegal "`+w.name+`"` {
			return p.Fail(msg)
		}
		return err
	}
	return w
}

// encOptsWord reads a tunnel option keyword: its options and their mask.
func encOptsWord(name string, exact bool, parse func(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool)) flowerWord {
	return flowerWord{name: name, exact: exact, read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
		v, err := p.Value()
		if err != nil {
			return err
		}
		key, mask, msg, ok := parse(v)
		if !ok {
			if msg != "" {
				return p.Fail(msg, `Illegal "`+name+`"`)
			}
			return p.Fail(`Illegal "` + name + `"`)
		}
		o.EncOpts, o.EncOptsMask = key, mask
		return nil
	}}
}

// parseGeneveOpts is flower_parse_enc_opts_geneve: CLASS:TYPE:DATA[/MASK]
// options separated by commas; every key field must be given, a missing
// mask matches the whole option.
func parseGeneveOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	var keys, masks []string
	for _, tok := range strings.Split(s, ",") {
		k, m, hasMask := splitMask(tok)
		f := strings.Split(k, ":")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return nil, nil, "", false
		}
		if !hasMask {
			m = "ffff:ff:" + strings.Repeat("f", len(f[2]))
		}
		keys, masks = append(keys, k), append(masks, m)
	}
	key, mask = &rtnl.FlowerEncOpts{}, &rtnl.FlowerEncOpts{}
	for i, list := range [][]string{keys, masks} {
		dst := key
		if i == 1 {
			dst = mask
		}
		for _, opt := range list {
			var g rtnl.FlowerGeneveOpt
			for j, f := range strings.Split(opt, ":") {
				if j >= 3 {
					return nil, nil, `Unknown "geneve_opts" type`, false
				}
				if f == "" {
					continue
				}
				switch j {
				case 0:
					v, ok := cU16(f, 16)
					if !ok {
						return nil, nil, "", false
					}
					g.Class = rtnl.Some(v)
				case 1:
					v, ok := cU8(f, 16)
					if !ok {
						return nil, nil, "", false
					}
					g.Type = rtnl.Some(v)
				case 2:
					b, ok := hexBytes(f, len(f)/2)
					if !ok {
						return nil, nil, "", false
					}
					g.Data = append([]byte{}, b...)
				}
			}
			dst.Geneve = append(dst.Geneve, g)
		}
	}
	return key, mask, "", true
}

// parseVxlanOpts is flower_parse_enc_opts_vxlan: GBP[/MASK].
func parseVxlanOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	k, m, hasMask := splitMask(s)
	if !hasMask {
		m = "0xffffffff"
	}
	kv, ok := cU32(k, 0)
	if !ok {
		return nil, nil, "", false
	}
	mv, ok := cU32(m, 0)
	if !ok {
		return nil, nil, "", false
	}
	key = &rtnl.FlowerEncOpts{Vxlan: rtnl.Some(rtnl.FlowerVxlanOpt{GBP: rtnl.Some(kv)})}
	mask = &rtnl.FlowerEncOpts{Vxlan: rtnl.Some(rtnl.FlowerVxlanOpt{GBP: rtnl.Some(mv)})}
	return key, mask, "", true
}

// parseErspanOpts is flower_parse_enc_opts_erspan: VER:INDEX:DIR:HWID,
// then /MASK or a mask of the key's version and every other bit.
func parseErspanOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	k, m, hasMask := splitMask(s)
	if !hasMask {
		ver, _, found := strings.Cut(k, ":")
		if !found {
			return nil, nil, "", false // tc reads out of bounds here
		}
		m = ver + ":0xffffffff:0xff:0xff"
	}
	parse := func(s string) (*rtnl.FlowerEncOpts, string, bool) {
		var x rtnl.FlowerErspanOpt
		for i, f := range strings.Split(s, ":") {
			if i >= 4 {
				return nil, `Unknown "geneve_opts" type`, false
			}
			if f == "" {
				continue
			}
			if i == 1 {
				v, ok := cU32(f, 0)
				if !ok {
					return nil, "", false
				}
				x.Index = rtnl.Some(v)
				continue
			}
			v, ok := cU8(f, 0)
			if !ok {
				return nil, "", false
			}
			*[]*rtnl.Opt[uint8]{&x.Ver, nil, &x.Dir, &x.HWID}[i] = rtnl.Some(v)
		}
		return &rtnl.FlowerEncOpts{Erspan: rtnl.Some(x)}, "", true
	}
	if key, msg, ok = parse(k); !ok {
		return nil, nil, msg, false
	}
	if mask, msg, ok = parse(m); !ok {
		return nil, nil, msg, false
	}
	return key, mask, "", true
}

// parseGTPOpts is flower_parse_enc_opts_gtp: PDU_TYPE:QFI[/MASK], in hex.
func parseGTPOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	k, m, hasMask := splitMask(s)
	if !hasMask {
		m = "ff:ff"
	}
	parse := func(s string) (*rtnl.FlowerEncOpts, bool) {
		f := strings.Split(s, ":")
		if len(f) < 2 {
			return nil, false // tc crashes here
		}
		var x rtnl.FlowerGTPOpt
		for i, dst := range []*rtnl.Opt[uint8]{&x.PDUType, &x.QFI} {
			if f[i] == "" {
				continue
			}
			v, ok := cU8(f[i], 16)
			if !ok {
				return nil, false
			}
			*dst = rtnl.Some(v)
		}
		return &rtnl.FlowerEncOpts{GTP: rtnl.Some(x)}, true
	}
	if key, ok = parse(k); !ok {
		return nil, nil, "", false
	}
	if mask, ok = parse(m); !ok {
		return nil, nil, "", false
	}
	return key, mask, "", true
}

// pppProto reads a PPP protocol as tc's ppp_proto_a2n: a name of its
// table in any case, or a number (C syntax).
func pppProto(s string) (uint16, bool) {
	for _, p := range pppProtos {
		if strings.EqualFold(p.name, s) {
			return p.id, true
		}
	}
	return cU16(s, 0)
}

// pppProtoText is tc's ppp_proto_n2a.
func pppProtoText(id uint16, numeric bool) string {
	if !numeric {
		for _, p := range pppProtos {
			if p.id == id {
				return p.name
			}
		}
	}
	return "[" + strconv.Itoa(int(id)) + "]"
}

// parsePort is flower_parse_port: PORT, MIN-MAX or PORT/MASK, for the ip
// protocol given before.
func parsePort(s string, proto uint8, src bool, o *rtnl.Flower) bool {
	var min, max uint16
	failed := false
	if l, r, isRange := strings.Cut(s, "-"); isRange {
		s = l // tc cuts the word at the dash
		var ok bool
		if min, ok = cU16(l, 10); !ok {
			min, failed = 0, true
		} else if max, ok = cU16(r, 10); !ok {
			failed = true
		}
	} else if v, ok := cU16(s, 10); ok {
		min = v
	} else {
		failed = true
	}
	hasSlash := failed && strings.Contains(s, "/")
	if failed && !hasSlash {
		return false
	}
	var single, mask *rtnl.Masked[uint16]
	switch proto {
	case unix.IPPROTO_TCP:
		single, mask = &o.TCPDst, &o.TCPDst
		if src {
			single, mask = &o.TCPSrc, &o.TCPSrc
		}
	case unix.IPPROTO_UDP:
		single, mask = &o.UDPDst, &o.UDPDst
		if src {
			single, mask = &o.UDPSrc, &o.UDPSrc
		}
	case unix.IPPROTO_SCTP:
		single, mask = &o.SCTPDst, &o.SCTPDst
		if src {
			single, mask = &o.SCTPSrc, &o.SCTPSrc
		}
	}
	switch {
	case min != 0 && max != 0:
		if max <= min {
			return false
		}
		if single == nil {
			return false
		}
		if src {
			o.PortSrcMin, o.PortSrcMax = rtnl.Some(min), rtnl.Some(max)
		} else {
			o.PortDstMin, o.PortDstMax = rtnl.Some(min), rtnl.Some(max)
		}
	case hasSlash || min != 0:
		if single == nil {
			return false
		}
		if !hasSlash {
			single.Key = rtnl.Some(min)
			return true
		}
		return masked16(s, mask)
	default:
		return false
	}
	return true
}

// portOrder reports whether a range l-r failed for its order: both ends
// numbers, not zero, the second not above the first.
func portOrder(l, r string) bool {
	min, ok1 := cU16(l, 10)
	max, ok2 := cU16(r, 10)
	return ok1 && ok2 && min != 0 && max != 0 && max <= min
}

// parseMPLS reads the lse form: "mpls" then LSEs, each "lse" and its
// fields; it stops at the first other word.
func parseMPLS(p *Parser, o *rtnl.Flower, st *flowerState) error {
	if !p.More() {
		return fail.Incomplete()
	}
	switch {
	case !isMPLS(st.ethType):
		return p.Fail(`Can't set "mpls" if ethertype isn't MPLS`)
	case st.mplsOld:
		return p.Fail(`Can't set "mpls" if "mpls_label", "mpls_tc", "mpls_bos" or "mpls_ttl" is set`)
	}
	st.mplsNew = true
	lses := []rtnl.FlowerLSE{}
	for p.More() && grammar.Matches(p.Peek(), "lse") {
		p.Next()
		if !p.More() {
			return fail.Incomplete()
		}
		var l rtnl.FlowerLSE
		for p.More() {
			w := p.Peek()
			var (
				name  string
				limit uint64
				set   func(v uint64)
			)
			switch {
			case grammar.Matches(w, "depth"):
				name, limit, set = "depth", 0xff, func(v uint64) { l.Depth = rtnl.Some(uint8(v)) }
			case grammar.Matches(w, "label"):
				name, limit, set = "label", 0xfffff, func(v uint64) { l.Label = rtnl.Some(uint32(v)) }
			case grammar.Matches(w, "tc"):
				name, limit, set = "tc", 7, func(v uint64) { l.TC = rtnl.Some(uint8(v)) }
			case grammar.Matches(w, "bos"):
				name, limit, set = "bos", 1, func(v uint64) { l.BOS = rtnl.Some(uint8(v)) }
			case grammar.Matches(w, "ttl"):
				name, limit, set = "ttl", 0xff, func(v uint64) { l.TTL = rtnl.Some(uint8(v)) }
			}
			if set == nil {
				break
			}
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			bitsMax := uint64(0xff)
			if name == "label" {
				bitsMax = 0xffffffff
			}
			n, ok := cUint(v, 10, bitsMax)
			if !ok || n > limit || name == "depth" && n < 1 {
				return p.Fail(`Illegal "` + name + `"`)
			}
			set(n)
		}
		if !l.Depth.Set {
			return fail.Usagef(`Error: argument "depth" is required`)
		}
		lses = append(lses, l)
	}
	o.MPLS = lses
	return nil
}

func parseFlower(p *Parser, o *rtnl.Flower) error {
	if p.Handle != "" {
		h, ok := cU32(p.Handle, 0)
		if !ok {
			return p.Fail(`Illegal "handle"`)
		}
		p.Msg.Handle = h
	}
	st := &flowerState{tcProto: p.Protocol, ethType: p.Protocol, ipProto: 0xff}
	for p.More() {
		w := p.Next()
		var word *flowerWord
		for i := range flowerWords {
			fw := &flowerWords[i]
			if fw.exact && w == fw.name || !fw.exact && grammar.Matches(w, fw.name) {
				word = fw
				break
			}
		}
		if word == nil {
			if w == "help" {
				return p.Fail(strings.TrimSuffix(flowerUsage, "\n"))
			}
			return p.WhatIs(w)
		}
		if err := word.read(p, o, st); err != nil {
			return err
		}
	}
	o.Flags = rtnl.Some(st.flags)
	if st.mtfMask != 0 {
		o.KeyFlags.Key, o.KeyFlags.Mask = rtnl.Some(st.mtf), rtnl.Some(st.mtfMask)
	}
	if st.tcProto != unix.ETH_P_ALL {
		o.EthType = rtnl.Some(st.tcProto)
	}
	return nil
}

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
			f.String(pre+"_ethtype", "  "+pre+"_ethtype %s", sched.EthProtoText(x, v.Numeric))
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
