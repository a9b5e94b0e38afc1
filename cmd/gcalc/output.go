package main

import (
	"io"
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/notation"
)

// Output formats of -o/--format beyond the notations of package notation.
const (
	formatPlain = notation.Plain
	formatJSON  = notation.JSON
	formatTable = "table" // a table for people, the default on a terminal
)

// newListWriter returns a writer of networks to w in the notation -o names.
func (o *globalOptions) newListWriter(w io.Writer) (*notation.Writer, error) {
	nw, err := notation.New(w, notation.Options{Notation: o.format, Name: o.name, Action: o.action})
	if err != nil {
		return nil, usageError{err}
	}
	return nw, nil
}

// yesNo is a predicate's answer as printed.
func yesNo(v bool) string {
	if v {
		return "yes"
	}
	return "no"
}

func quoteJSON(s string) string { return string(format.AppendString(nil, s)) }

func itoa(n int) string { return strconv.Itoa(n) }
