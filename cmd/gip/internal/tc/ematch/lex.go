package ematch

import (
	"fmt"
	"strings"
)

// Tokens of the expression grammar.
const (
	tokEOF = iota
	tokAttr
	tokAnd
	tokOr
	tokNot
	tokOpen
	tokClose
	tokError
)

// arg is one argument of a match: its bytes, and whether it was quoted
// (meta takes a quoted argument as a string value).
type arg struct {
	data   []byte
	quoted bool
}

type token struct {
	kind int
	arg  *arg
}

// lexer cuts the words of the command line into tokens as tc's scanner
// does: each word is read only when a token is asked for and what was
// read is used up, followed by a blank; quoted strings take escapes and
// may run on into the next word.
type lexer struct {
	words  []string
	next   int // words read so far (empty ones are skipped, and count)
	buf    []byte
	pos    int
	report []string // what the scanner printed on the way
}

func (l *lexer) fill() bool {
	for l.next < len(l.words) {
		w := l.words[l.next]
		l.next++
		if w == "" {
			continue
		}
		l.buf, l.pos = append([]byte(w), ' '), 0
		return true
	}
	return false
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (l *lexer) token() token {
	for {
		for l.pos < len(l.buf) && isBlank(l.buf[l.pos]) {
			l.pos++
		}
		if l.pos < len(l.buf) {
			break
		}
		if !l.fill() {
			return token{kind: tokEOF}
		}
	}
	switch c := l.buf[l.pos]; c {
	case '(':
		l.pos++
		return token{kind: tokOpen}
	case ')':
		l.pos++
		return token{kind: tokClose}
	case '"':
		l.pos++
		return l.quoted()
	}
	start := l.pos
	for l.pos < len(l.buf) && !isBlank(l.buf[l.pos]) && l.buf[l.pos] != '(' && l.buf[l.pos] != ')' {
		l.pos++
	}
	w := string(l.buf[start:l.pos])
	switch {
	case strings.EqualFold(w, "and"):
		return token{kind: tokAnd}
	case strings.EqualFold(w, "or"):
		return token{kind: tokOr}
	case strings.EqualFold(w, "not"):
		return token{kind: tokNot}
	}
	return token{kind: tokAttr, arg: &arg{data: []byte(w)}}
}

// quoted reads a string after its opening quote.
func (l *lexer) quoted() token {
	var s []byte
	for {
		if l.pos >= len(l.buf) && !l.fill() {
			return token{kind: tokEOF}
		}
		c := l.buf[l.pos]
		switch {
		case c == '"':
			l.pos++
			return token{kind: tokAttr, arg: &arg{data: s, quoted: true}}
		case c != '\\':
			s = append(s, c)
			l.pos++
			continue
		}
		// An escape: the buffer ends in a blank, so a character follows.
		rest := l.buf[l.pos+1:]
		digits := 0
		for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
			digits++
		}
		octal := 0
		for octal < len(rest) && octal < 3 && rest[octal] >= '0' && rest[octal] <= '7' {
			octal++
		}
		switch {
		case digits > 0 && digits > octal:
			l.pos += 1 + digits
			l.report = append(l.report, "error: invalid octale escape sequence")
			return token{kind: tokError}
		case octal > 0:
			var v int
			fmt.Sscanf(string(rest[:octal]), "%o", &v)
			l.pos += 1 + octal
			if v > 0xFF {
				l.report = append(l.report, "error: octal escape sequence out of range")
				return token{kind: tokError}
			}
			s = append(s, byte(v))
		case rest[0] == 'x' && len(rest) > 1 && isHex(rest[1]):
			n := 1
			if len(rest) > 2 && isHex(rest[2]) {
				n = 2
			}
			var v int
			fmt.Sscanf(string(rest[1:1+n]), "%x", &v)
			s = append(s, byte(v))
			l.pos += 2 + n
		default:
			c := rest[0]
			if e := strings.IndexByte("nrtvbfa", c); e >= 0 {
				c = "\n\r\t\v\b\f\a"[e]
			}
			s = append(s, c)
			l.pos += 2
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
