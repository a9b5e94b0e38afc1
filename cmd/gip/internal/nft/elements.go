package nft

import (
	"bytes"
	"slices"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nftables"
)

// elemSpec is a parsed element: each member's first and last value (equal
// for a single value), a map's data, a timeout.
type elemSpec struct {
	lo, hi  [][]byte
	data    *nftables.Data
	timeout uint64
	at      span // the key's words
}

func (e *elemSpec) isInterval() bool {
	for i := range e.lo {
		if !bytes.Equal(e.lo[i], e.hi[i]) {
			return true
		}
	}
	return false
}

// parseElements reads { ELEMENT, ... } for set s. A map's element
// without data parses when keyOnly is set (the kernel judges it: an
// element to delete names only its key); a rule's map needs it.
func parseElements(p *parser, s *set, keyOnly bool) ([]elemSpec, error) {
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	// An element is a word and a comma at least.
	out := make([]elemSpec, 0, (len(p.toks)-p.i)/2+1)
	for {
		if p.accept("}") {
			return out, nil
		}
		e, err := parseElement(p, s, keyOnly)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		if p.accept(",") {
			continue
		}
		if err := p.expect("}"); err != nil {
			return nil, err
		}
		return out, nil
	}
}

func parseElement(p *parser, s *set, keyOnly bool) (elemSpec, error) {
	var e elemSpec
	for i, t := range s.keyTypes {
		if i > 0 {
			if err := p.expect("."); err != nil {
				return e, err
			}
		}
		tok, err := p.word()
		if err != nil {
			return e, err
		}
		if i == 0 {
			e.at.pos = tok.pos
		}
		lo, hi, err := parseInterval(p, t, tok)
		if err != nil {
			return e, err
		}
		e.lo, e.hi = append(e.lo, lo), append(e.hi, hi)
		last := p.toks[p.i-1]
		e.at.n = last.pos + tokSpan(last).n - e.at.pos
	}
	for {
		switch {
		case p.accept("timeout"):
			t, err := p.word()
			if err != nil {
				return e, err
			}
			if e.timeout, err = parseDuration(t.s); err != nil {
				return e, p.errAt(t, "Wrong time format")
			}
		case p.accept("expires"):
			if _, err := p.word(); err != nil {
				return e, err
			}
		case p.accept("comment"):
			if _, err := p.word(); err != nil {
				return e, err
			}
		default:
			if !s.IsMap() || keyOnly && (p.peekIs(",") || p.peekIs("}")) {
				return e, nil
			}
			if !p.accept(":") {
				if p.done() {
					return e, p.syntax()
				}
				return e, p.errAt(p.toks[p.i], "syntax error, unexpected "+lexClass(p.toks[p.i])+", expecting colon")
			}
			d, err := parseData(p, s)
			if err != nil {
				return e, err
			}
			e.data = d
			return e, nil
		}
	}
}

// parseData reads a map's data: a verdict or a value of its type.
func parseData(p *parser, s *set) (*nftables.Data, error) {
	t, err := p.word()
	if err != nil {
		return nil, err
	}
	if s.data == nil {
		codes := map[string]int32{"accept": nftables.VerdictAccept, "drop": nftables.VerdictDrop,
			"continue": nftables.VerdictContinue, "return": nftables.VerdictReturn}
		if c, ok := codes[t.s]; ok {
			return &nftables.Data{Verdict: &nftables.Verdict{Code: c}}, nil
		}
		if t.s == "jump" || t.s == "goto" {
			ch, err := p.word()
			if err != nil {
				return nil, err
			}
			code := nftables.VerdictJump
			if t.s == "goto" {
				code = nftables.VerdictGoto
			}
			return &nftables.Data{Verdict: &nftables.Verdict{Code: code, Chain: ch.s}}, nil
		}
		return nil, p.errAt(t, "syntax error, unexpected string")
	}
	v, err := parseValue(s.data, t.s)
	if err != nil {
		return nil, p.errAt(t, err.Error())
	}
	return &nftables.Data{Value: v}, nil
}

// parseInterval reads a value, a prefix, a range or a name pattern as
// its first and last value.
func parseInterval(p *parser, t *dtype, tok token) ([]byte, []byte, error) {
	if t == tIfname && strings.HasSuffix(tok.s, "*") {
		lo, err := parseValue(t, strings.TrimSuffix(tok.s, "*"))
		if err != nil {
			return nil, nil, p.errAt(tok, err.Error())
		}
		n := len(strings.TrimSuffix(tok.s, "*"))
		hi := slices.Clone(lo)
		for i := n; i < len(hi); i++ {
			hi[i] = 0xff
		}
		return lo, hi, nil
	}
	c := &compiler{p: p}
	lo, hi, plen, err := c.valueOrRange(t, tok)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case plen >= 0:
		mask := prefixMask(len(lo), plen)
		lo = andBytes(lo, mask)
		hi = make([]byte, len(lo))
		for i := range lo {
			hi[i] = lo[i] | ^mask[i]
		}
	case hi == nil:
		hi = lo
	}
	return lo, hi, nil
}

// finish sets the flags the elements need and turns them into the
// kernel's elements.
func (s *set) finish(specs []elemSpec) ([]nftables.Element, []int) {
	for _, e := range specs {
		if e.isInterval() {
			s.Flags |= nftables.SetInterval
		}
	}
	if s.Flags&nftables.SetInterval != 0 && len(s.keyTypes) > 1 {
		s.Flags |= nftables.SetConcat
		s.Fields = make([]uint32, len(s.keyTypes))
		for i, t := range s.keyTypes {
			s.Fields[i] = uint32(t.size)
		}
	}
	return s.encodeElementsFrom(specs)
}

func (s *set) key(members [][]byte) []byte {
	if len(members) == 1 {
		return members[0]
	}
	var b []byte
	for _, m := range members {
		b = append(b, m...)
		b = append(b, make([]byte, regSize(len(m))-len(m))...)
	}
	return b
}

// encodeElementsFrom turns parsed elements into the kernel's (an interval
// of a plain interval set is a start and an end one past its last value)
// and says, per kernel element, the index of the element it comes from.
func (s *set) encodeElementsFrom(specs []elemSpec) (out []nftables.Element, from []int) {
	interval := s.Flags&nftables.SetInterval != 0
	n := len(specs)
	if interval && len(s.keyTypes) == 1 {
		n *= 2 // a start and an end
	}
	out, from = make([]nftables.Element, 0, n), make([]int, 0, n)
	for i, e := range specs {
		el := nftables.Element{Key: s.key(e.lo), Data: e.data, Timeout: e.timeout}
		switch {
		case interval && len(s.keyTypes) > 1:
			el.KeyEnd = s.key(e.hi)
			out = append(out, el)
		case interval:
			out = append(out, el)
			if end, ok := increment(e.hi[0]); ok {
				out = append(out, nftables.Element{Key: end, Flags: nftables.ElemIntervalEnd})
			}
		default:
			out = append(out, el)
		}
		for len(from) < len(out) {
			from = append(from, i)
		}
	}
	return out, from
}

// increment returns b+1 as a big-endian number, false when b is the
// largest.
func increment(b []byte) ([]byte, bool) {
	r := slices.Clone(b)
	for i := len(r) - 1; i >= 0; i-- {
		r[i]++
		if r[i] != 0 {
			return r, true
		}
	}
	return nil, false
}
