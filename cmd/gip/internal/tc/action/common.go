package action

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// ControlDefault reads a verdict at the cursor if there is one, else
// gives dflt, as tc's parse_action_control_dflt. A bad "goto" or "jump"
// is reported on stderr and its words are left to be read again (as the
// next action, where gact fails on them); one cut short ends the command
// (the list's parse returns it).
func (p *Parser) ControlDefault(dflt int32) int32 {
	left := p.Left()
	v, ok, err := p.ParseControl(false)
	switch fe, isFail := err.(*fail.Error); {
	case err == nil && ok:
		return v
	case err == nil:
	case isFail && fe.Code == fail.ExitLocal:
		for p.Left() < left {
			p.Back()
		}
		if p.Stderr != nil {
			fmt.Fprintln(p.Stderr, fe.Msg)
		}
	case p.abort == nil:
		p.abort = err
	}
	return dflt
}

// IndexTail reads "index N" at the cursor, as the kinds that take it
// after their verdict do: N a C number in base 10 (get_u32's: white space
// and a sign pass); bad is the kind's message for a bad number (%s there
// is the word).
func (p *Parser) IndexTail(bad string, idx *uint32) (bool, error) {
	return p.indexTail(10, bad, idx)
}

// indexTail is IndexTail with the number's base (0: C's prefixes decide).
func (p *Parser) indexTail(base int, bad string, idx *uint32) (bool, error) {
	if !p.More() || !grammar.Matches(p.Peek(), "index") {
		return false, nil
	}
	p.Next()
	if !p.More() {
		return false, fail.Incomplete()
	}
	n, ok := grammar.CUint(p.Peek(), base, 0xffffffff)
	if !ok {
		return false, p.Fail(strings.ReplaceAll(bad, "%s", p.Peek()))
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

// scanHex reads a number as C's sscanf("%x"): white space, a sign, an
// optional 0x and at least one hexadecimal digit; what follows is
// ignored.
func scanHex(s string) (int64, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHex(s[2]) {
		s = s[2:]
	}
	n, v := 0, int64(0)
	for n < len(s) && isHex(s[n]) {
		c := s[n]
		switch {
		case c >= 'a':
			c -= 'a' - 10
		case c >= 'A':
			c -= 'A' - 10
		default:
			c -= '0'
		}
		if v < 1<<32 {
			v = v<<4 | int64(c)
		}
		n++
	}
	if n == 0 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
