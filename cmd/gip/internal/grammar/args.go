package grammar

import "github.com/gip-suite/gip/cmd/gip/internal/fail"

// Args is a cursor over the words of an iproute2-style command line.
type Args struct {
	words []string
	i     int
}

// NewArgs starts a cursor at the first word.
func NewArgs(words []string) *Args { return &Args{words: words} }

// More reports whether words are left.
func (a *Args) More() bool { return a.i < len(a.words) }

// Peek returns the next word without consuming it ("" at the end).
func (a *Args) Peek() string {
	if a.i < len(a.words) {
		return a.words[a.i]
	}
	return ""
}

// Next consumes and returns the next word ("" at the end).
func (a *Args) Next() string {
	if a.i < len(a.words) {
		a.i++
		return a.words[a.i-1]
	}
	return ""
}

// Value consumes the value of a keyword; a missing value is iproute2's
// "Command line is not complete" usage error.
func (a *Args) Value() (string, error) {
	if !a.More() {
		return "", fail.Incomplete()
	}
	return a.Next(), nil
}

// Left is how many words remain, without consuming them.
func (a *Args) Left() int { return len(a.words) - a.i }

// Rest consumes and returns all remaining words.
func (a *Args) Rest() []string {
	r := a.words[a.i:]
	a.i = len(a.words)
	return r
}

// Back un-consumes the last word.
func (a *Args) Back() {
	if a.i > 0 {
		a.i--
	}
}

// ParseValue consumes a keyword's value and converts it with parse. A
// missing value is "Command line is not complete"; a value parse rejects is
// iproute2's invarg error with msg.
func ParseValue[T any](a *Args, parse func(string) (T, bool), msg string) (T, error) {
	var zero T
	v, err := a.Value()
	if err != nil {
		return zero, err
	}
	x, ok := parse(v)
	if !ok {
		return zero, fail.Invalid(msg, v)
	}
	return x, nil
}
