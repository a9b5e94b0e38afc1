package filter

import (
	"errors"
	"math/bits"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
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
		pol, err := p.Police()
		if err != nil {
			return err
		}
		o.Police = pol
		b.terminal = true
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
