package action

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// ControlDefault reads a verdict at the cursor if there is one, else
// gives dflt, as tc's parse_action_control_dflt.
func (p *Parser) ControlDefault(dflt int32) int32 {
	left := p.Left()
	v, ok, err := p.ParseControl(false)
	if err != nil || !ok {
		// tc leaves the cursor where a bad "goto chain" stopped it.
		_ = left
		return dflt
	}
	return v
}

// IndexTail reads "index N" at the cursor, as the kinds that take it
// after their verdict do; bad is the kind's message for a bad number.
func (p *Parser) IndexTail(bad string, idx *uint32) (bool, error) {
	if !p.More() || !grammar.Matches(p.Peek(), "index") {
		return false, nil
	}
	p.Next()
	if !p.More() {
		return false, fail.Incomplete()
	}
	n, err := strconv.ParseUint(p.Peek(), 10, 32)
	if err != nil {
		return false, p.Fail(bad)
	}
	p.Next()
	*idx = uint32(n)
	return true, nil
}

// value moves past the keyword at the cursor and returns the word after
// it, as tc's NEXT_ARG; the cursor stays on that word.
func (p *Parser) value() (string, error) {
	p.Next()
	if !p.More() {
		return "", fail.Incomplete()
	}
	return p.Peek(), nil
}

// printParmsTail prints the line most kinds end with: index, reference
// counts and, with -s, the times.
func printParmsTail(f *format.Fields, q rtnl.ActionParms, t rtnl.Opt[rtnl.TCFTimes], v *View) {
	f.Line()
	f.Uint("index", "\t index %u", uint64(q.Index))
	f.Int("ref", " ref %d", int64(q.Refcnt))
	f.Int("bind", " bind %d", int64(q.Bindcnt))
	if tm, ok := t.Get(); ok && v.Stats {
		printTimes(f, tm, v)
	}
	f.Line()
}

// macText is a MAC address as tc's ll_addr_n2a prints six bytes.
func macText(b [6]byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 17)
	for i, c := range b {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// parseMAC reads a MAC address as tc's ll_addr_a2n into six bytes:
// fewer bytes leave the rest zero, more are an error.
func parseMAC(s string) ([6]byte, bool) {
	var m [6]byte
	b, ok := grammar.AppendLLAddr(nil, s)
	if !ok || len(b) > 6 {
		return m, false
	}
	copy(m[:], b)
	return m, true
}
