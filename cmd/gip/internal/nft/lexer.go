package nft

import (
	"strings"
)

// token is a word of nft's language: a word, a quoted string or one of
// the punctuation marks { } ; , that are tokens of their own.
type token struct {
	s      string
	quoted bool
	pos    int // byte offset in the command line
}

// lex splits a command line into tokens.
func lex(line string) []token {
	out := make([]token, 0, len(line)/8+4) // words of a few bytes and their spaces
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '{' || c == '}' || c == ';' || c == ',':
			out = append(out, token{s: string(c), pos: i})
			i++
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				j = len(line) - i - 1
			}
			out = append(out, token{s: line[i+1 : i+1+j], quoted: true, pos: i})
			i += j + 2
		default:
			j := i
			for j < len(line) && !strings.ContainsRune(" \t\n{};,\"", rune(line[j])) {
				j++
			}
			// A comma inside a word joins a list: established,related.
			for j+1 < len(line) && line[j] == ',' && !strings.ContainsRune(" \t\n{};,\"", rune(line[j+1])) {
				j++
				for j < len(line) && !strings.ContainsRune(" \t\n{};,\"", rune(line[j])) {
					j++
				}
			}
			out = append(out, token{s: line[i:j], pos: i})
			i = j
		}
	}
	return out
}

// parser reads tokens of one command line.
type parser struct {
	line string
	toks []token
	i    int
}

func newParser(words []string) *parser {
	line := strings.Join(words, " ")
	return &parser{line: line, toks: lex(line)}
}

func (p *parser) done() bool { return p.i >= len(p.toks) }

func (p *parser) peek() string {
	if p.done() {
		return ""
	}
	return p.toks[p.i].s
}

// peekWord is the next token if it is an unquoted word.
func (p *parser) peekIs(s string) bool { return !p.done() && !p.toks[p.i].quoted && p.toks[p.i].s == s }

func (p *parser) next() token {
	if p.done() {
		return token{pos: len(p.line)}
	}
	t := p.toks[p.i]
	p.i++
	return t
}

func (p *parser) accept(s string) bool {
	if p.peekIs(s) {
		p.i++
		return true
	}
	return false
}

// errAt is nft's error with carets under token t.
func (p *parser) errAt(t token, msg string) error {
	n := len(t.s)
	if t.quoted {
		n += 2
	}
	if n == 0 {
		n = 1
	}
	return lineError(p.line, t.pos, n, msg)
}

// errSpan is nft's error with carets under sp.
func (p *parser) errSpan(sp span, msg string) error { return lineError(p.line, sp.pos, sp.n, msg) }

// syntax is a syntax error at the next token.
func (p *parser) syntax() error {
	if p.done() {
		return lineError(p.line, len(p.line), 1, "syntax error, unexpected newline")
	}
	t := p.toks[p.i]
	return p.errAt(t, "syntax error, unexpected "+lexClass(t))
}

// lexClass is what nft's parser calls a token in a syntax error.
func lexClass(t token) string {
	switch {
	case t.quoted:
		return "quoted string"
	case t.s == ",":
		return "comma"
	case t.s == "{", t.s == "}", t.s == ";":
		return "'" + t.s + "'"
	case t.s != "" && strings.Trim(t.s, "0123456789") == "":
		return "number"
	}
	return "string"
}

// expect reads the word s or fails.
func (p *parser) expect(s string) error {
	if !p.accept(s) {
		return p.syntax()
	}
	return nil
}

// word reads a word (quoted or not).
// name reads the name of a table, chain or set: a word that is not a
// number.
func (p *parser) name() (token, error) {
	t, err := p.word()
	if err == nil && lexClass(t) == "number" {
		return t, p.errAt(t, "syntax error, unexpected number, expecting string")
	}
	return t, err
}

func (p *parser) word() (token, error) {
	if p.done() {
		return token{}, lineError(p.line, len(p.line), 1, "syntax error, unexpected newline, expecting string")
	}
	if !p.toks[p.i].quoted && strings.Contains("{};,", p.toks[p.i].s) {
		return token{}, p.syntax()
	}
	return p.next(), nil
}
