package filter

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const u32Usage = `Usage: ... u32 [ match SELECTOR ... ] [ link HTID ] [ classid CLASSID ]
               [ action ACTION_SPEC ] [ offset OFFSET_SPEC ]
               [ ht HTID ] [ hashkey HASHKEY_SPEC ]
               [ sample SAMPLE ] [skip_hw | skip_sw]
or         u32 divisor DIVISOR

Where: SELECTOR := SAMPLE SAMPLE ...
       SAMPLE := { ip | ip6 | udp | tcp | icmp | u{32|16|8} | mark }
                 SAMPLE_ARGS [ divisor DIVISOR ]
       FILTERID := X:Y:Z

NOTE: CLASSID is parsed at hexadecimal input.`

// u32Kind is u32: matches on any 32-bit words of a packet, in hash tables
// of nodes.
func u32Kind() *Kind {
	k := &Kind{Name: "u32", Usage: u32Usage}
	k.New, k.Parse, k.Print = typed(parseU32, printU32)
	return k
}

// ParseU32Handle reads a u32 handle as tc does: HTID:HASH:NODE in hex, any
// part empty, or a 0x number.
func ParseU32Handle(s string) (uint32, bool) {
	if !strings.Contains(s, ":") {
		if strings.HasPrefix(s, "0x") {
			v, err := strconv.ParseUint(s[2:], 16, 32)
			return uint32(v), err == nil
		}
		return 0, false
	}
	// Each part is read as strtoul does: hex digits up to the next
	// colon; what follows the node is ignored, as tc ignores it.
	limits := []uint64{0x1000, 0x100, 0x1000}
	var v [3]uint64
	rest := s
	for i := range 3 {
		n := 0
		for n < len(rest) && isHexDigit(rest[n]) {
			n++
		}
		if n == 0 && rest != "" && (rest[0] != ':' || i == 2) {
			return 0, false
		}
		if n > 0 {
			x, err := strconv.ParseUint(rest[:n], 16, 64)
			if err != nil || x >= limits[i] {
				return 0, false
			}
			v[i] = x
		}
		rest = rest[n:]
		if rest == "" || i == 2 {
			break
		}
		rest = rest[1:] // the colon
	}
	return uint32(v[0]<<20 | v[1]<<12 | v[2]), true
}

// U32HandleText is a u32 handle as tc prints it.
func U32HandleText(h uint32, raw bool) string {
	if h == 0 {
		return "none"
	}
	var b strings.Builder
	if htid := rtnl.U32HTID(h); htid != 0 {
		b.WriteString(strconv.FormatUint(uint64(htid>>20), 16) + ":")
	}
	if hash, node := rtnl.U32Hash(h), rtnl.U32Node(h); hash|node != 0 {
		if hash != 0 {
			b.WriteString(strconv.FormatUint(uint64(hash), 16))
		}
		if node != 0 {
			b.WriteString(":" + strconv.FormatUint(uint64(node), 16))
		}
	}
	if raw {
		b.WriteString("[" + hex8(h) + "]")
	}
	return b.String()
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hex8(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	return strings.Repeat("0", 8-len(s)) + s
}

// u32Builder collects a u32 filter's words.
type u32Builder struct {
	p                     *Parser
	o                     *rtnl.U32Filter
	sel                   rtnl.U32Sel
	selOK, terminal, samp bool
	htid, order, flags    uint32
}

func parseU32(p *Parser, o *rtnl.U32Filter) error {
	if p.Handle != "" {
		h, ok := ParseU32Handle(p.Handle)
		if !ok {
			return p.Fail("Illegal filter ID")
		}
		p.Msg.Handle = h
	}
	if !p.More() {
		return nil
	}
	b := &u32Builder{p: p, o: o}
	for p.More() {
		if err := b.word(p.Next()); err != nil {
			return err
		}
	}
	return b.finish()
}

// word reads one of u32's words and what follows it.
func (b *u32Builder) word(w string) error {
	p, o := b.p, b.o
	value := func() (string, error) { return p.Value() }
	switch {
	case grammar.Matches(w, "match"):
		if !p.More() {
			return fail.Incomplete()
		}
		if err := parseSelector(p, &b.sel, o); err != nil {
			return selectorFailed(p, err, `Illegal "match"`)
		}
		b.selOK = true
	case grammar.Matches(w, "offset"):
		if !p.More() {
			return fail.Incomplete()
		}
		if err := parseOffset(p, &b.sel); err != nil {
			return selectorFailed(p, err, `Illegal "offset"`)
		}
	case grammar.Matches(w, "hashkey"):
		if !p.More() {
			return fail.Incomplete()
		}
		if err := parseHashkey(p, &b.sel); err != nil {
			return selectorFailed(p, err, `Illegal "hashkey"`)
		}
	case grammar.Matches(w, "classid") || w == "flowid":
		v, err := value()
		if err != nil {
			return err
		}
		id, ok := sched.ParseClassID(v)
		if !ok {
			return p.Fail(`Illegal "classid"`)
		}
		o.Classid = rtnl.Some(id)
		b.sel.Flags |= rtnl.U32Terminal
	case grammar.Matches(w, "divisor"):
		v, err := value()
		if err != nil {
			return err
		}
		d, ok := grammar.ParseCUint(v, 32)
		if !ok || d == 0 || d > 0x100 || (d-1)&d != 0 {
			return p.Fail(`Illegal "divisor"`)
		}
		o.Divisor = rtnl.Some(uint32(d))
	case grammar.Matches(w, "order"):
		v, err := value()
		if err != nil {
			return err
		}
		n, ok := grammar.ParseCUint(v, 32)
		if !ok {
			return p.Fail(`Illegal "order"`)
		}
		b.order = uint32(n)
	case w == "link":
		v, err := value()
		if err != nil {
			return err
		}
		id, ok := ParseU32Handle(v)
		if !ok {
			return p.Fail(`Illegal "link"`)
		}
		if id != 0 && rtnl.U32Node(id) != 0 {
			return p.Fail(`"link" must be a hash table.`)
		}
		o.Link = rtnl.Some(id)
	case w == "ht":
		v, err := value()
		if err != nil {
			return err
		}
		ht, ok := ParseU32Handle(v)
		if !ok {
			return p.Fail(`Illegal "ht"`)
		}
		if p.Handle != "" && rtnl.U32Node(ht) != 0 {
			return p.Fail(`"ht" must be a hash table.`)
		}
		if b.samp {
			b.htid = b.htid&0xFF000 | ht&0xFFF00000
		} else {
			b.htid = ht & 0xFFFFF000
		}
	case w == "sample":
		return b.sample()
	case w == "indev":
		if !p.More() {
			return p.Fail("Illegal indev")
		}
		o.Indev = rtnl.Some(p.Next())
	case grammar.Matches(w, "action"):
		if !p.More() {
			return fail.Incomplete()
		}
		acts, err := p.Actions("action")
		if err != nil {
			return err
		}
		o.Actions = append(o.Actions, acts...)
		b.terminal = true
	case grammar.Matches(w, "police"):
		return p.Fail(`gip tc: u32 "police" is not supported yet; use "action police"`)
	case w == "skip_hw":
		b.flags |= rtnl.ClsFlagSkipHW
	case w == "skip_sw":
		b.flags |= rtnl.ClsFlagSkipSW
	case w == "help":
		return p.Fail(strings.TrimRight(u32Usage, "\n"))
	default:
		return p.WhatIs(w)
	}
	return nil
}

// sample reads "sample SELECTOR [divisor N]": the bucket of a hash table
// the key hashes to.
func (b *u32Builder) sample() error {
	p := b.p
	if !p.More() {
		return fail.Incomplete()
	}
	var s rtnl.U32Sel
	var ignore rtnl.U32Filter
	if err := parseSelector(p, &s, &ignore); err != nil {
		return selectorFailed(p, err, `Illegal "sample"`)
	}
	if len(s.Keys) != 1 {
		return p.Fail(`"sample" must contain exactly ONE key.`)
	}
	divisor := uint64(0x100)
	if p.More() && p.Peek() == "divisor" {
		p.Next()
		v, err := p.Value()
		if err != nil {
			return err
		}
		d, ok := grammar.ParseCUint(v, 32)
		if !ok || d == 0 || d > 0x100 || (d-1)&d != 0 {
			return p.Fail(`Illegal sample "divisor"`)
		}
		divisor = d
		if !p.More() {
			return fail.Incomplete()
		}
	}
	k := s.Keys[0]
	shift := 0
	if k.Mask != 0 {
		shift = bits.TrailingZeros32(k.Mask)
	}
	hash := (k.Val & k.Mask) >> shift
	b.htid = uint32(uint64(hash)%divisor)<<12 | b.htid&0xFFF00000
	b.samp = true
	return nil
}

// finish applies what the words left to the end, as tc does.
func (b *u32Builder) finish() error {
	p, o := b.p, b.o
	if b.terminal {
		b.sel.Flags |= rtnl.U32Terminal
	}
	if b.order != 0 {
		if node := rtnl.U32Node(p.Msg.Handle); node != 0 && b.order != node {
			return p.Fail(`"order" contradicts "handle"`)
		}
		p.Msg.Handle |= b.order
	}
	if b.htid != 0 {
		o.Hash = rtnl.Some(b.htid)
	}
	if b.selOK {
		o.Sel = &b.sel
	}
	if b.flags != 0 {
		if b.flags == rtnl.ClsFlagSkipHW|rtnl.ClsFlagSkipSW {
			return p.Fail("skip_hw and skip_sw are mutually exclusive")
		}
		o.Flags = rtnl.Some(b.flags)
	}
	return nil
}

// selectorFailed is u32's report of a selector that failed: the
// selector's own complaint, if it made one, then u32's; a command line
// that ends too early exits at once, as tc's NEXT_ARG does.
func selectorFailed(p *Parser, err error, what string) error {
	var se selectorError
	switch {
	case errors.As(err, &se) && se != "":
		return p.Fail(string(se), what)
	case errors.As(err, &se):
		return p.Fail(what)
	}
	return err
}

// errSelector is a selector that does not parse, with nothing more to say.
var errSelector = selectorError("")

type selectorError string

func (e selectorError) Error() string { return string(e) }

// parseSelector reads "u32|u16|u8|ip|ip6|udp|tcp|icmp|mark|ether ...".
func parseSelector(p *Parser, s *rtnl.U32Sel, o *rtnl.U32Filter) error {
	w := p.Next()
	if !p.More() {
		return fail.Incomplete()
	}
	switch {
	case grammar.Matches(w, "u32"):
		return parseUint(p, s, 32, 0, 0)
	case grammar.Matches(w, "u16"):
		return parseUint(p, s, 16, 0, 0)
	case grammar.Matches(w, "u8"):
		return parseUint(p, s, 8, 0, 0)
	case grammar.Matches(w, "ip"):
		return parseIPField(p, s)
	case grammar.Matches(w, "ip6"):
		return parseIP6Field(p, s)
	case grammar.Matches(w, "udp"), grammar.Matches(w, "tcp"):
		return parsePorts(p, s)
	case grammar.Matches(w, "icmp"):
		return parseICMP(p, s)
	case grammar.Matches(w, "mark"):
		return parseMark(p, o)
	case grammar.Matches(w, "ether"):
		return parseEther(p, s)
	}
	return errSelector
}

// parseUint reads "VALUE MASK [at [nexthdr+]OFF]" and packs a key of the
// given width at off.
func parseUint(p *Parser, s *rtnl.U32Sel, width int, off, offmask int32) error {
	if p.Left() < 2 {
		return errSelector
	}
	key, ok := grammar.ParseCUint(p.Next(), 32)
	if !ok {
		return errSelector
	}
	mask, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(p.Next(), "0x"), "0X"), 16, 32)
	if err != nil {
		return errSelector
	}
	if err := parseAt(p, &off, &offmask); err != nil {
		return err
	}
	return packKeyWidth(s, uint32(key), uint32(mask), width, off, offmask)
}

// parseAt reads an optional "at [nexthdr+]OFF".
func parseAt(p *Parser, off, offmask *int32) error {
	if !p.More() || p.Peek() != "at" {
		return nil
	}
	p.Next()
	if !p.More() {
		return fail.Incomplete()
	}
	w := p.Next()
	switch {
	case len(w) > len("nexthdr+") && strings.HasPrefix(w, "nexthdr+"):
		*offmask, w = -1, w[len("nexthdr+"):]
	case grammar.Matches(w, "nexthdr+"):
		if !p.More() {
			return fail.Incomplete()
		}
		*offmask, w = -1, p.Next()
	}
	v, err := strconv.ParseInt(w, 0, 32)
	if err != nil {
		return errSelector
	}
	*off = int32(v)
	return nil
}

// packKeyWidth packs a key of width bits at off (a 16- or 8-bit key is
// moved into its 32-bit word).
func packKeyWidth(s *rtnl.U32Sel, key, mask uint32, width int, off, offmask int32) error {
	switch width {
	case 16:
		if key > 0xFFFF || mask > 0xFFFF {
			return errSelector
		}
		if off&3 == 0 {
			key, mask = key<<16, mask<<16
		}
		off &^= 3
	case 8:
		if key > 0xFF || mask > 0xFF {
			return errSelector
		}
		shift := 24 - 8*uint(off&3)
		key, mask = key<<shift, mask<<shift
		off &^= 3
	}
	return packKey(s, key, mask, off, offmask)
}

// packKey adds key/mask (host order) at off to the selector, merging it
// into a key at the same offset as tc does.
func packKey(s *rtnl.U32Sel, key, mask uint32, off, offmask int32) error {
	key &= mask
	for i := range s.Keys {
		k := &s.Keys[i]
		if k.Off == off && k.OffMask == offmask {
			if (key^k.Val)&(mask&k.Mask) != 0 {
				return errSelector
			}
			k.Val |= key
			k.Mask |= mask
			return nil
		}
	}
	if len(s.Keys) >= rtnl.U32MaxKeys || off%4 != 0 {
		return errSelector
	}
	s.Keys = append(s.Keys, rtnl.U32Key{Mask: mask, Val: key, Off: off, OffMask: offmask})
	return nil
}

// parseIPAddr reads an IPv4 prefix and packs it at off.
func parseIPAddr(p *Parser, s *rtnl.U32Sel, off int32) error {
	a, plen, ok := prefixBytes(p.Next(), unix.AF_INET)
	if !ok {
		return errSelector
	}
	var offmask int32
	if err := parseAt(p, &off, &offmask); err != nil {
		return err
	}
	var mask uint32
	if plen > 0 {
		mask = 0xFFFFFFFF << (32 - plen)
	}
	return packKey(s, binary.BigEndian.Uint32(a[:4]), mask, off, offmask)
}

// prefixBytes reads a prefix of family as tc's get_prefix_1: its address
// bytes (zero for default, any and all) and length.
func prefixBytes(s string, family uint8) ([16]byte, int, bool) {
	var b [16]byte
	pfx, err := grammar.ParsePrefix(s, family)
	if err != nil {
		return b, 0, false
	}
	if pfx.Addr.IsValid() {
		if pfx.Addr.Is4() {
			a := pfx.Addr.As4()
			copy(b[:], a[:])
		} else {
			b = pfx.Addr.As16()
		}
	}
	return b, pfx.Bits, true
}

// parseIPField reads the word after "match ip".
func parseIPField(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	w := p.Next()
	switch {
	case w == "src":
		return parseIPAddr(p, s, 12)
	case w == "dst":
		return parseIPAddr(p, s, 16)
	case w == "tos" || grammar.Matches(w, "dsfield") || grammar.Matches(w, "precedence"):
		return parseUint(p, s, 8, 1, 0)
	case w == "ihl":
		return parseUint(p, s, 8, 0, 0)
	case w == "protocol":
		return parseUint(p, s, 8, 9, 0)
	case w == "nofrag":
		return packKeyWidth(s, 0, 0x3FFF, 16, 6, 0)
	case w == "firstfrag":
		return packKeyWidth(s, 0x2000, 0x3FFF, 16, 6, 0)
	case w == "df":
		return packKeyWidth(s, 0x4000, 0x4000, 16, 6, 0)
	case w == "mf":
		return packKeyWidth(s, 0x2000, 0x2000, 16, 6, 0)
	case w == "dport":
		return parseUint(p, s, 16, 22, 0)
	case w == "sport":
		return parseUint(p, s, 16, 20, 0)
	case w == "icmp_type":
		return parseUint(p, s, 8, 20, 0)
	case w == "icmp_code":
		return parseUint(p, s, 8, 21, 0)
	}
	return errSelector
}

// parseIP6Field reads the word after "match ip6".
func parseIP6Field(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	switch w := p.Next(); w {
	case "src", "dst":
		off := int32(8)
		if w == "dst" {
			off = 24
		}
		a, plen, ok := prefixBytes(p.Next(), unix.AF_INET6)
		if !ok {
			return errSelector
		}
		var offmask int32
		if err := parseAt(p, &off, &offmask); err != nil {
			return err
		}
		for i := 0; i < plen; i += 32 {
			mask := uint32(0xFFFFFFFF)
			if rest := plen - i; rest < 32 {
				mask <<= 32 - rest
			}
			if err := packKey(s, binary.BigEndian.Uint32(a[i/8:]), mask, off+int32(i/8), offmask); err != nil {
				return err
			}
		}
		return nil
	case "priority":
		if p.Left() < 2 {
			return errSelector
		}
		key, ok := grammar.ParseCUint(p.Next(), 32)
		mask, err := strconv.ParseUint(strings.TrimPrefix(p.Next(), "0x"), 16, 32)
		if !ok || err != nil || key > 0xFF || mask > 0xFF {
			return errSelector
		}
		return packKey(s, uint32(key)<<20, uint32(mask)<<20, 0, 0)
	case "protocol":
		return parseUint(p, s, 8, 6, 0)
	case "flowlabel":
		return parseUint(p, s, 32, 0, 0)
	case "dport":
		return parseUint(p, s, 16, 42, 0)
	case "sport":
		return parseUint(p, s, 16, 40, 0)
	case "icmp_type":
		return parseUint(p, s, 8, 40, 0)
	case "icmp_code":
		return parseUint(p, s, 8, 41, 1)
	}
	return errSelector
}

// parsePorts reads "src|dst PORT MASK" of tcp or udp, relative to the next
// header.
func parsePorts(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	switch p.Next() {
	case "src":
		return parseUint(p, s, 16, 0, -1)
	case "dst":
		return parseUint(p, s, 16, 2, -1)
	}
	return errSelector
}

// parseICMP reads "type|code VALUE MASK", relative to the next header.
func parseICMP(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	switch p.Next() {
	case "type":
		return parseUint(p, s, 8, 0, -1)
	case "code":
		return parseUint(p, s, 8, 1, -1)
	}
	return errSelector
}

// parseMark reads "mark VALUE MASK", a firewall mark the filter matches.
func parseMark(p *Parser, o *rtnl.U32Filter) error {
	if p.Left() < 2 {
		return errSelector
	}
	val, ok := grammar.ParseCUint(p.Next(), 32)
	if !ok {
		return selectorError(`Illegal "mark" value`)
	}
	mask, ok := grammar.ParseCUint(p.Next(), 32)
	if !ok {
		return selectorError(`Illegal "mark" mask`)
	}
	if !p.More() {
		return fail.Incomplete()
	}
	if val&mask != val {
		return selectorError(`Illegal "mark" (impossible combination)`)
	}
	o.Mark = rtnl.Some(rtnl.U32Mark{Val: uint32(val), Mask: uint32(mask)})
	return nil
}

// parseEther reads "src|dst MAC [at OFF]", before the network header.
func parseEther(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	off := int32(0)
	switch w := p.Next(); w {
	case "src":
		off = -8
	case "dst":
		off = -14
	default:
		return selectorError("Unknown match: ether " + w)
	}
	word := p.Next()
	var addr [6]byte
	parts := strings.Split(word, ":")
	if len(parts) != 6 {
		return selectorError("parse_ether_addr: improperly formed address '" + word + "'")
	}
	for i, x := range parts {
		v, err := strconv.ParseUint(x, 16, 8)
		if err != nil {
			return selectorError("parse_ether_addr: improperly formed address '" + word + "'")
		}
		addr[i] = byte(v)
	}
	var offmask int32
	if err := parseAt(p, &off, &offmask); err != nil {
		return err
	}
	for i, b := range addr {
		if err := packKeyWidth(s, uint32(b), 0xFF, 8, off+int32(i), offmask); err != nil {
			return err
		}
	}
	return nil
}

// parseOffset reads "offset [plus N] [at N] [mask M] [shift N] [eat]".
func parseOffset(p *Parser, s *rtnl.U32Sel) error {
	for p.More() {
		w := p.Peek()
		num := func() (int64, error) {
			p.Next()
			v, err := p.Value()
			if err != nil {
				return 0, err
			}
			n, perr := strconv.ParseInt(v, 0, 32)
			if perr != nil {
				return 0, errSelector
			}
			return n, nil
		}
		switch {
		case grammar.Matches(w, "plus"):
			n, err := num()
			if err != nil {
				return err
			}
			s.Off, s.Flags = uint16(n), s.Flags|rtnl.U32Offset
		case grammar.Matches(w, "at"):
			n, err := num()
			if err != nil {
				return err
			}
			s.Offoff = int16(n)
			if n%2 != 0 {
				return selectorError(`offset "at" must be even`)
			}
			s.Flags |= rtnl.U32VarOffset
		case grammar.Matches(w, "mask"):
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			m, perr := strconv.ParseUint(strings.TrimPrefix(v, "0x"), 16, 16)
			if perr != nil {
				return errSelector
			}
			s.Offmask, s.Flags = uint16(m), s.Flags|rtnl.U32VarOffset
		case grammar.Matches(w, "shift"):
			n, err := num()
			if err != nil {
				return err
			}
			s.Offshift, s.Flags = uint8(n), s.Flags|rtnl.U32VarOffset
		case grammar.Matches(w, "eat"):
			p.Next()
			s.Flags |= rtnl.U32Eat
		default:
			return nil
		}
	}
	return nil
}

// parseHashkey reads "hashkey [mask M] [at N]".
func parseHashkey(p *Parser, s *rtnl.U32Sel) error {
	for p.More() {
		switch w := p.Peek(); {
		case grammar.Matches(w, "mask"):
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			m, perr := strconv.ParseUint(strings.TrimPrefix(v, "0x"), 16, 32)
			if perr != nil {
				return errSelector
			}
			s.Hmask = uint32(m)
		case grammar.Matches(w, "at"):
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, perr := strconv.ParseInt(v, 0, 32)
			if perr != nil || n%4 != 0 {
				return errSelector
			}
			s.Hoff = int16(n)
		default:
			return nil
		}
	}
	return nil
}

// printU32 prints a u32 filter as tc's u32_print_opt does; its keys raw
// ("match 0a000001/ffffffff at 16"), in JSON as an array of match objects
// (tc repeats a "match" key per key, which JSON parsers merge).
func printU32(f *format.Fields, o *rtnl.U32Filter, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 {
		f.String("fh", "fh %s ", U32HandleText(h.Handle, v.Q.Raw))
	}
	if node := rtnl.U32Node(h.Handle); node != 0 {
		f.Int("order", "order %d ", int64(node))
	}
	sel, hasSel := o.Sel, o.Sel != nil
	switch {
	case o.Divisor.Set:
		f.Int("ht_divisor", "ht divisor %d ", int64(o.Divisor.V))
	case o.Hash.Set:
		f.String("key_ht", "key ht %s ", strconv.FormatUint(uint64(rtnl.U32HTID(o.Hash.V)>>20), 16))
		f.String("bkt", "bkt %s ", strconv.FormatUint(uint64(rtnl.U32Hash(o.Hash.V)), 16))
	}
	switch {
	case o.Classid.Set:
		if hasSel && sel.Flags&rtnl.U32Terminal != 0 {
			f.Literal("*")
		}
		f.String("flowid", "flowid %s ", sched.ClassIDText(o.Classid.V))
	case hasSel && sel.Flags&rtnl.U32Terminal != 0:
		f.Literal("terminal flowid ")
	}
	if l, ok := o.Link.Get(); ok {
		f.String("link", "link %s ", U32HandleText(l, v.Q.Raw))
	}
	if fl, ok := o.Flags.Get(); ok {
		printClsFlags(f, fl)
	}
	stats := v.Q.Stats && hasSel && len(o.Pcnt) >= 2
	if stats {
		f.Uint("rule_hit", "(rule hit %u ", o.Pcnt[0])
		f.Uint("success", "success %u)", o.Pcnt[1])
	}
	if m, ok := o.Mark.Get(); ok {
		f.Line()
		f.String("fwmark_value", "  mark %s ", "0x"+pad4(m.Val))
		f.String("fwmark_mask", "%s ", "0x"+pad4(m.Mask))
		f.Int("fwmark_success", "(success %d)", int64(int32(m.Success)))
	}
	if hasSel {
		if len(sel.Keys) > 0 {
			f.OpenArray("match")
			for i, k := range sel.Keys {
				f.OpenElement()
				printKey(f, k, h, v)
				if stats && len(o.Pcnt) > 2+i {
					f.Uint("success", " (success %u ) ", o.Pcnt[2+i])
				}
				f.Close()
			}
			f.CloseArray()
		}
		if sel.Flags&(rtnl.U32VarOffset|rtnl.U32Offset) != 0 {
			f.Line()
			f.Literal("    offset ")
			if sel.Flags&rtnl.U32VarOffset != 0 {
				f.String("offset_mask", "", strconv.FormatUint(uint64(sel.Offmask), 16))
				f.Literal(pad4(uint32(sel.Offmask)))
				f.Int("offset_shift", ">>%d ", int64(sel.Offshift))
				f.Int("offset_off", "at %d ", int64(sel.Offoff))
			}
			if sel.Off != 0 {
				f.Int("plus", "plus %d ", int64(int16(sel.Off)))
			}
		}
		if sel.Flags&rtnl.U32Eat != 0 {
			f.Literal(" eat ")
		}
		if sel.Hmask != 0 {
			f.Line()
			f.String("hash_mask", "", strconv.FormatUint(uint64(sel.Hmask), 16))
			f.Literal("    hash mask " + hex8(sel.Hmask) + " ")
			f.Int("hash_off", "at %d ", int64(sel.Hoff))
		}
	}
	if d, ok := o.Indev.Get(); ok {
		f.Line()
		f.String("input_dev", "  input dev %s", d)
		f.Line()
	}
	if len(o.ActionsRaw) > 0 {
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}

// printKey prints one key: raw ("match 0a000001/ffffffff at 16"), or
// with -p, for an ip or ipv6 filter, decoded as tc 6.1's pretty printers
// do. With -p -j tc 6.1 opens an object per key that its printers do not
// close (an empty one for a key they do not know, the next key nested in
// it) and aborts; gip keeps the raw array there (View.Pretty is off in
// JSON).
func printKey(f *format.Fields, k rtnl.U32Key, h rtnl.TCMsg, v *View) {
	if v.Pretty {
		switch proto := uint16(h.Info>>8&0xFF | h.Info<<8&0xFF00); proto {
		case unix.ETH_P_IP:
			prettyKey(f, k, false)
			return
		case unix.ETH_P_IPV6:
			prettyKey(f, k, true)
			return
		}
	}
	at := ""
	if k.OffMask != 0 {
		at = "nexthdr+"
	}
	// tc pads the hex in text, not in JSON; each side builds only its
	// own strings (a listing has thousands of keys).
	if f.JSON() {
		f.String("value", "", strconv.FormatUint(uint64(k.Val), 16))
		f.String("mask", "", strconv.FormatUint(uint64(k.Mask), 16))
		f.String("offmask", "", at)
		f.Int("off", "", int64(k.Off))
		return
	}
	f.Line()
	f.Uint("", "  match %08x", uint64(k.Val))
	f.Uint("", "/%08x ", uint64(k.Mask))
	f.String("", "at %s", at)
	f.Int("", "%d", int64(k.Off))
}

// prettyKey is tc 6.1's ip and ipv6 pretty printers, text only, with
// their quirks: a key they do not know prints nothing; the ipv6 printer
// reads the ipv4 header (addresses at 12 and 16, as IPv4 addresses); the
// ports at 20 swap places between the two, and one of each (ipv4's dport
// alone, ipv6's dport alone) starts no line of its own, so that it runs
// on from what was printed before.
func prettyKey(f *format.Fields, k rtnl.U32Key, v6 bool) {
	line := func(s string) {
		f.Line()
		f.Literal(s)
	}
	switch k.Off {
	case 0:
		switch k.Mask {
		case 0x0F000000:
			line("  match IP ihl " + strconv.FormatUint(uint64(k.Val>>24), 10))
		case 0x00FF0000:
			ds := "0"
			if x := k.Val >> 16; x != 0 {
				ds = "0x" + strconv.FormatUint(uint64(x), 16)
			}
			line("  match IP dsfield " + ds)
		}
	case 8:
		if k.Mask == 0x00FF0000 {
			line("  match IP protocol " + strconv.FormatInt(int64(int32(k.Val>>16)), 10))
		}
	case 12, 16:
		if bits, ok := prefixBits32(k.Mask); ok {
			which := "src"
			if k.Off == 16 {
				which = "dst"
			}
			var a [4]byte
			binary.BigEndian.PutUint32(a[:], k.Val)
			line("  match IP " + which + " " + netip.AddrFrom4(a).String() + "/" + strconv.Itoa(bits))
		}
	case 20:
		lo, hi := strconv.FormatUint(uint64(k.Val&0xFFFF), 10), strconv.FormatUint(uint64(k.Val>>16), 10)
		switch {
		case k.Mask == 0x0000FFFF && !v6:
			f.Literal("match dport " + lo)
		case k.Mask == 0xFFFF0000 && !v6:
			line("  match sport " + hi)
		case k.Mask == 0xFFFFFFFF && !v6:
			line("  match dport " + lo + ", match sport " + hi)
		case k.Mask == 0x0000FFFF:
			line("  match sport " + lo)
		case k.Mask == 0xFFFF0000:
			f.Literal("match dport " + hi)
		case k.Mask == 0xFFFFFFFF:
			line("  match sport " + lo + ", match dport " + hi)
		}
	}
}

// prefixBits32 is the prefix length of a netmask (host order), false if the
// mask is not one.
func prefixBits32(m uint32) (int, bool) {
	host := ^m
	if host&(host+1) != 0 {
		return 0, false
	}
	return bits.OnesCount32(m), true
}

// printClsFlags prints a classifier's flags as tc does.
func printClsFlags(f *format.Fields, fl uint32) {
	if fl&rtnl.ClsFlagSkipHW != 0 {
		f.Bool("skip_hw", "skip_hw ", true)
	}
	if fl&rtnl.ClsFlagSkipSW != 0 {
		f.Bool("skip_sw", "skip_sw ", true)
	}
	if fl&rtnl.ClsFlagInHW != 0 {
		f.Bool("in_hw", "in_hw ", true)
	} else if fl&rtnl.ClsFlagNotInHW != 0 {
		f.Bool("not_in_hw", "not_in_hw ", true)
	}
}

func pad4(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	if len(s) < 4 {
		s = strings.Repeat("0", 4-len(s)) + s
	}
	return s
}
