package ematch

import (
	"encoding/binary"
	"errors"
	"strings"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// node is one term of a parsed expression: a match (args: its kind, then
// its arguments) or a parenthesized sub-expression (child); next is the
// term its relation joins it to.
type node struct {
	args     []*arg
	inverted bool
	relation uint16
	child    *node
	next     *node
	index    int
}

// errSyntax is the grammar's only complaint (bison's "syntax error").
var errSyntax = errors.New("syntax error")

type parser struct {
	lex *lexer
	la  token
}

func (p *parser) advance() { p.la = p.lex.token() }

// input is the start rule: nothing, or an expression followed by
// anything (what follows is left for the filter's own words).
func (p *parser) input() (*node, error) {
	p.advance()
	if p.la.kind == tokEOF {
		return nil, nil
	}
	return p.expr()
}

// expr is "term [ { and | or } expr ]".
func (p *parser) expr() (*node, error) {
	m, err := p.term()
	if err != nil {
		return nil, err
	}
	switch p.la.kind {
	case tokAnd, tokOr:
		m.relation = rtnl.EmRelAnd
		if p.la.kind == tokOr {
			m.relation = rtnl.EmRelOr
		}
		p.advance()
		next, err := p.expr()
		if err != nil {
			return nil, err
		}
		m.next = next
	}
	return m, nil
}

// term is "[ not ] { kind ( args ) | ( expr ) }".
func (p *parser) term() (*node, error) {
	n := &node{}
	if p.la.kind == tokNot {
		n.inverted = true
		p.advance()
	}
	switch p.la.kind {
	case tokAttr:
		n.args = []*arg{p.la.arg}
		p.advance()
		if p.la.kind != tokOpen {
			return nil, errSyntax
		}
		p.advance()
		if p.la.kind != tokAttr {
			return nil, errSyntax
		}
		for p.la.kind == tokAttr {
			n.args = append(n.args, p.la.arg)
			p.advance()
		}
	case tokOpen:
		p.advance()
		c, err := p.expr()
		if err != nil {
			return nil, err
		}
		n.child = c
	default:
		return nil, errSyntax
	}
	if p.la.kind != tokClose {
		return nil, errSyntax
	}
	p.advance()
	return n, nil
}

// flatten lists the tree as the kernel takes it: the top-level terms,
// then each sub-expression's terms after all that were listed before it
// (depth first), and numbers them.
func flatten(root *node) []*node {
	var walk func(chain *node)
	var list []*node
	walk = func(chain *node) {
		start := len(list)
		for t := chain; t != nil; t = t.next {
			list = append(list, t)
			if t.relation == rtnl.EmRelEnd {
				break
			}
		}
		for _, t := range list[start:] {
			if t.child != nil {
				walk(t.child)
			}
		}
	}
	walk(root)
	for i, t := range list {
		t.index = i
	}
	return list
}

// Parse reads "match"'s expression from words as tc does. It returns the
// tree (nil for an empty expression) and how many words tc takes: tc
// reads one word past the expression and gives that word back, so an
// expression that ends the line gives back its own last word. A failure
// is tc's report, for the filter to end with its own line.
func Parse(words []string) (*rtnl.EmatchTree, int, error) {
	p := &parser{lex: &lexer{words: words}}
	root, err := p.input()
	if err != nil {
		var b strings.Builder
		for _, r := range p.lex.report {
			b.WriteString(r + "\n")
		}
		b.WriteString("Parse error: syntax error\n")
		writeContext(&b, words, p.lex.next)
		b.WriteString(exprUsage)
		return nil, 0, &Error{Msg: strings.TrimSuffix(b.String(), "\n")}
	}
	used := p.lex.next - 1
	if root == nil {
		return nil, used, nil
	}
	list := flatten(root)
	t := &rtnl.EmatchTree{HasHdr: true, NMatches: uint16(len(list)), ProgID: rtnl.EmProgTC, HasList: true}
	for _, n := range list {
		m := rtnl.Ematch{Flags: n.relation}
		if n.inverted {
			m.Flags |= rtnl.EmInvert
		}
		if n.child != nil {
			m.Data = binary.NativeEndian.AppendUint32(nil, uint32(n.child.index))
		} else {
			name := string(n.args[0].data)
			k := kinds[name]
			if k == nil {
				return nil, 0, &Error{Msg: `Unknown ematch "` + name + `"`}
			}
			data, perr := k.parse(n.args[1:])
			if perr != nil {
				var b strings.Builder
				b.WriteString(perr.msg + "\n")
				writeContext(&b, words, used)
				if len(n.args) > 1 {
					b.WriteString("... " + k.name + "(")
					for i, a := range n.args[1:] {
						if i > 0 {
							b.WriteString(" ")
						}
						if a == perr.at {
							b.WriteString(">>" + printable(a.data) + "<<")
						} else {
							b.WriteString(printable(a.data))
						}
					}
					b.WriteString(")...\n")
				}
				b.WriteString(k.usage)
				return nil, 0, &Error{Msg: strings.TrimSuffix(b.String(), "\n")}
			}
			if data == nil {
				// meta(list): the list was the answer.
				return nil, 0, &Error{Msg: metaList()}
			}
			m.Kind, m.Data = k.num, data
		}
		t.Matches = append(t.Matches, m)
	}
	return t, used, nil
}

// Error is an expression tc refuses, with tc's report.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// writeContext writes "... w1 w2 >>wN<< ...": the words read so far, the
// last marked.
func writeContext(b *strings.Builder, words []string, n int) {
	b.WriteString("... ")
	for i := 0; i < n && i < len(words); i++ {
		if i == n-1 {
			b.WriteString(">>" + words[i] + "<< ")
		} else {
			b.WriteString(words[i] + " ")
		}
	}
	b.WriteString("...\n")
}

// printable is an argument as tc echoes it: unprintable bytes as dots.
func printable(b []byte) string {
	s := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7E {
			c = '.'
		}
		s[i] = c
	}
	return string(s)
}

const exprUsage = `Usage: EXPR
where: EXPR  := TERM [ { and | or } EXPR ]
       TERM  := [ not ] { MATCH | '(' EXPR ')' }
       MATCH := module '(' ARGS ')'
       ARGS := ARG1 ARG2 ...

Example: a(x y) and not (b(x) or c(x y z))
`
