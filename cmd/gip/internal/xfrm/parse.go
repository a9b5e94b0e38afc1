package xfrm

import (
	"math"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// parser reads ip's xfrm words. family is ip's preferred_family as the
// words move it: -4/-6 first, then the family of a selector or template
// just read, which later addresses default to.
type parser struct {
	a      *grammar.Args
	e      *env.Env
	family uint8
}

func newParser(e *env.Env, args []string) *parser {
	return &parser{a: grammar.NewArgs(args), e: e, family: e.G.Family}
}

// value consumes a keyword's value ("Command line is not complete"
// without one).
func (p *parser) value() (string, error) { return p.a.Value() }

// number consumes a keyword's value as get_u32/get_u16/get_u8 read it (C
// prefixes), at most max; msg is ip's complaint.
func (p *parser) number(max uint64, msg string) (uint64, error) {
	v, err := p.value()
	if err != nil {
		return 0, err
	}
	n, ok := grammar.CUint(v, 0, max)
	if !ok {
		return 0, fail.Invalid(msg, v)
	}
	return n, nil
}

func (p *parser) u32(msg string) (uint32, error) {
	n, err := p.number(math.MaxUint32, msg)
	return uint32(n), err
}

// missing is ip's missarg.
func missing(key string) error {
	return fail.Usagef("Error: argument %q is required", key)
}

// prefix reads the address after src or dst as get_prefix does, in the
// parser's family; an address without a family ("any" without -4/-6)
// is ip's complaint.
func (p *parser) prefix(key string) (grammar.Prefix, error) {
	v, err := p.value()
	if err != nil {
		return grammar.Prefix{}, err
	}
	pr, err := grammar.ParsePrefix(v, p.family)
	if err != nil {
		return pr, err
	}
	if pr.Family == unix.AF_UNSPEC {
		return pr, fail.Invalid("value after \""+key+"\" has an unrecognized address family", v)
	}
	return pr, nil
}

func addressOf(pr grammar.Prefix) xfrm.Address {
	return xfrm.AddressOf(pr.Addr)
}

// selectorWords says which parts of a selector were given, and how many
// bits of its addresses: what a list filters on.
type selectorWords struct {
	srcBits, dstBits         int
	dev, proto, sport, dport bool
}

// selector reads SELECTOR := [ src ADDR[/PLEN] ] [ dst ADDR[/PLEN] ]
// [ dev DEV ] [ UPSPEC ] as xfrm_selector_parse does: the words in any
// order, one UPSPEC, ending at the first word it does not know.
func (p *parser) selector(sel *xfrm.Selector, w *selectorWords) error {
	var src, dst grammar.Prefix
	upspec := false
	for p.a.More() {
		switch word := p.a.Next(); word {
		case "src", "dst":
			pr, err := p.prefix(word)
			if err != nil {
				return err
			}
			sel.Family = uint16(pr.Family)
			if word == "src" {
				src, sel.Src, sel.SrcLen, w.srcBits = pr, addressOf(pr), uint8(pr.Bits), pr.Bits
			} else {
				dst, sel.Dst, sel.DstLen, w.dstBits = pr, addressOf(pr), uint8(pr.Bits), pr.Bits
			}
		case "dev":
			v, err := p.value()
			if err != nil {
				return err
			}
			var i int32
			if v != "none" {
				i, err = p.e.Links().Index(v)
				if err != nil || i <= 0 {
					return fail.Invalid("DEV value is invalid", v)
				}
			}
			sel.Ifindex, w.dev = i, true
		default:
			p.a.Back()
			if upspec {
				return p.sameFamily(src, dst)
			}
			upspec = true
			if err := p.upspec(sel, w); err != nil {
				return err
			}
		}
	}
	return p.sameFamily(src, dst)
}

// sameFamily is ip's check that src and dst agree.
func (p *parser) sameFamily(src, dst grammar.Prefix) error {
	if src.Family != 0 && dst.Family != 0 && src.Family != dst.Family {
		return familyMismatch(p.a)
	}
	return nil
}

// familyMismatch is ip's complaint about src and dst of two families,
// naming the last word read.
func familyMismatch(a *grammar.Args) error {
	a.Back()
	return fail.Invalid(`the same address family is required between values after "src" and "dst"`, a.Next())
}

// upspec reads UPSPEC := proto PROTO [ sport PORT ] [ dport PORT ] |
// [ type NUMBER ] [ code NUMBER ] | [ key KEY ], checking the ports,
// types and keys against the protocol as ip does.
func (p *parser) upspec(sel *xfrm.Selector, w *selectorWords) error {
	var ports, typeCode, key bool
loop:
	for p.a.More() {
		switch word := p.a.Next(); word {
		case "proto":
			v, err := p.value()
			if err != nil {
				return err
			}
			n, ok := uint8(0), v == "any"
			if !ok && (v[0] < '0' || v[0] > '9') {
				n, ok = env.IPProtoNumber(v) // getprotobyname
			}
			if !ok {
				c, good := grammar.CUint(v, 0, math.MaxUint8)
				if !good {
					return fail.Invalid("PROTO value is invalid", v)
				}
				n = uint8(c)
			}
			sel.Proto, w.proto = n, true
		case "sport", "dport":
			v, err := p.value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 0, math.MaxUint16)
			if !ok {
				return fail.Invalid(`value after "`+word+`" is invalid`, v)
			}
			mask := uint16(0)
			if n != 0 {
				mask = 0xffff
			}
			if word == "sport" {
				sel.SrcPort, sel.SrcPortMask, w.sport = uint16(n), mask, true
			} else {
				sel.DstPort, sel.DstPortMask, w.dport = uint16(n), mask, true
			}
			ports = true
		case "type", "code":
			v, err := p.value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 0, math.MaxUint16)
			if !ok || n > 0xff {
				return fail.Invalid(`value after "`+word+`" is invalid`, v)
			}
			if word == "type" {
				sel.SrcPort, sel.SrcPortMask, w.sport = uint16(n), 0xffff, true
			} else {
				sel.DstPort, sel.DstPortMask, w.dport = uint16(n), 0xffff, true
			}
			typeCode = true
		case "key":
			v, err := p.value()
			if err != nil {
				return err
			}
			var k uint32
			if strings.Contains(v, ".") {
				a, ok := grammar.ParseIPv4(v)
				if !ok {
					return fail.Fatal(fail.ExitLocal, "Error: an IP address is expected rather than \""+v+"\"")
				}
				b := a.As4()
				k = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
			} else {
				n, ok := grammar.CUint(v, 0, math.MaxUint32)
				if !ok {
					return fail.Usagef(`value after "key" is invalid`)
				}
				k = uint32(n)
			}
			sel.SrcPort, sel.DstPort = uint16(k>>16), uint16(k)
			sel.SrcPortMask, sel.DstPortMask, w.dport = 0xffff, 0xffff, true
			key = true
		default:
			p.a.Back()
			break loop
		}
	}
	name := protoName(sel.Proto)
	switch {
	case ports && !oneOf(sel.Proto, unix.IPPROTO_TCP, unix.IPPROTO_UDP, unix.IPPROTO_SCTP, unix.IPPROTO_DCCP, 0):
		return fail.Fatal(fail.ExitLocal, `"sport" and "dport" are invalid with PROTO value "`+name+`"`)
	case typeCode && !oneOf(sel.Proto, unix.IPPROTO_ICMP, unix.IPPROTO_ICMPV6, unix.IPPROTO_MH):
		return fail.Fatal(fail.ExitLocal, `"type" and "code" are invalid with PROTO value "`+name+`"`)
	case key && sel.Proto != unix.IPPROTO_GRE:
		return fail.Fatal(fail.ExitLocal, `"key" is invalid with PROTO value "`+name+`"`)
	}
	return nil
}

func oneOf(v uint8, set ...uint8) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// limit reads LIMIT after "limit" into l.
func (p *parser) limit(l *xfrm.Lifetime) error {
	word, err := p.value()
	if err != nil {
		return err
	}
	fields := map[string]*uint64{
		"time-soft": &l.SoftAdd, "time-hard": &l.HardAdd, "time-use-soft": &l.SoftUse, "time-use-hard": &l.HardUse,
		"byte-soft": &l.SoftBytes, "byte-hard": &l.HardBytes, "packet-soft": &l.SoftPackets, "packet-hard": &l.HardPackets,
	}
	f, ok := fields[word]
	if !ok {
		return fail.Invalid("LIMIT value is invalid", word)
	}
	n, err := p.number(math.MaxUint64, `value after "`+word+`" is invalid`)
	if err != nil {
		return err
	}
	*f = n
	return nil
}

// mark reads MARK [ mask MASK ] after "mark": the mask is all ones
// unless given.
func (p *parser) mark() (*xfrm.Mark, error) {
	v, err := p.u32("MARK value is invalid\n")
	if err != nil {
		return nil, err
	}
	m := &xfrm.Mark{Value: v, Mask: math.MaxUint32}
	if p.a.Peek() == "mask" && p.a.Left() > 1 {
		p.a.Next()
		if m.Mask, err = p.u32("MASK value is invalid\n"); err != nil {
			return nil, err
		}
	} else if p.a.Peek() == "mask" {
		p.a.Next()
		return nil, fail.Incomplete()
	}
	return m, nil
}

// secCtx reads CTX after "ctx" as ip sends it: DOI and algorithm 1, the
// text with its terminating zero.
func (p *parser) secCtx() (*xfrm.SecCtx, error) {
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	return &xfrm.SecCtx{DOI: 1, Alg: 1, Context: v, NUL: true}, nil
}

// id reads ID := [ src ADDR ] [ dst ADDR ] [ proto XFRM-PROTO ] [ spi SPI ]
// as xfrm_id_parse does; loose allows no protocol. It returns the family
// the addresses had, 0 when none was given.
func (p *parser) id(src *xfrm.Address, id *xfrm.ID, loose bool, w *idWords) (uint8, error) {
	var family uint8
	var s, d grammar.Prefix
loop:
	for p.a.More() {
		switch word := p.a.Next(); word {
		case "src", "dst":
			pr, err := p.prefix(word)
			if err != nil {
				return 0, err
			}
			family = pr.Family
			if word == "src" {
				s, *src = pr, addressOf(pr)
				w.srcBits = pr.Bits
			} else {
				d, id.Dst = pr, addressOf(pr)
				w.dstBits = pr.Bits
			}
		case "proto":
			v, err := p.value()
			if err != nil {
				return 0, err
			}
			n, ok := xfrmProtoNumber(v)
			if !ok {
				return 0, fail.Invalid("XFRM-PROTO value is invalid", v)
			}
			id.Proto, w.proto = n, true
		case "spi":
			n, err := p.number(math.MaxUint32, "SPI value is invalid")
			if err != nil {
				return 0, err
			}
			id.SPI, w.spi = uint32(n), true
		default:
			p.a.Back()
			break loop
		}
	}
	if s.Family != 0 && d.Family != 0 && s.Family != d.Family {
		return 0, familyMismatch(p.a)
	}
	if id.SPI != 0 && id.Proto != 0 {
		switch {
		case id.Proto == xfrm.ProtoRouting || id.Proto == xfrm.ProtoDstOpts:
			return 0, fail.Fatal(fail.ExitLocal, `"spi" is invalid with XFRM-PROTO value "`+xfrmProtoName(id.Proto)+`"`)
		case id.Proto == xfrm.ProtoComp && id.SPI >= 0x10000:
			return 0, fail.Fatal(fail.ExitLocal, `SPI value is too large with XFRM-PROTO value "`+xfrmProtoName(id.Proto)+`"`)
		}
	}
	if !loose && id.Proto == 0 {
		return 0, missing("XFRM-PROTO")
	}
	return family, nil
}

// idWords says which parts of an ID were given: what a state list
// filters on.
type idWords struct {
	srcBits, dstBits int
	proto, spi       bool
}

// mode reads MODE, which ip matches by abbreviation.
func (p *parser) mode() (uint8, error) {
	v, err := p.value()
	if err != nil {
		return 0, err
	}
	for _, m := range []struct {
		word string
		mode uint8
	}{{"transport", xfrm.ModeTransport}, {"tunnel", xfrm.ModeTunnel}, {"ro", xfrm.ModeRO},
		{"in_trigger", xfrm.ModeInTrigger}, {"beet", xfrm.ModeBEET}} {
		if grammar.Matches(v, m.word) {
			return m.mode, nil
		}
	}
	return 0, fail.Invalid("MODE value is invalid", v)
}
