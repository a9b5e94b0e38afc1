package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// location names where an input item came from, for error messages:
// "line 7" on stdin, "nets.txt: line 7" in a file, nothing for an argument.
type location struct {
	file string // "" for stdin
	line int    // 0 for a command-line argument
}

func (l location) prefix() string {
	switch {
	case l.line == 0:
		return ""
	case l.file == "":
		return "line " + strconv.Itoa(l.line) + ": "
	}
	return l.file + ": line " + strconv.Itoa(l.line) + ": "
}

// itemError is an input item that did not parse.
type itemError struct {
	at  location
	err error
}

func (e *itemError) Error() string { return e.at.prefix() + e.err.Error() }
func (e *itemError) Unwrap() error { return e.err }

// lister reads the items of a list: each argument is items, a file, or
// "-" for standard input; with no arguments the list is standard input.
// Items are separated by whitespace or commas, on a line or in an argument
// ("10.0.0.0/24, 10.0.1.0/24"); in files and on stdin '#' starts a comment
// and blank lines are skipped.
type lister struct {
	e           *env
	skipInvalid bool
	invalid     int // items skipped so far
}

// each calls parse for every item; parse returns the item's parse error,
// which stops the walk unless invalid items are skipped (then it is reported
// on stderr).
func (l *lister) each(args []string, parse func(text []byte) error) error {
	if len(args) == 0 {
		return l.read(l.e.stdin, "", parse)
	}
	for _, a := range args {
		switch {
		case a == "-":
			if err := l.read(l.e.stdin, "", parse); err != nil {
				return err
			}
		case isFile(a):
			f, err := os.Open(a)
			if err != nil {
				return err
			}
			err = l.read(f, a, parse)
			f.Close()
			if err != nil {
				return err
			}
		case len(bytes.TrimFunc([]byte(a), isSeparator)) == 0:
			// An argument with no item in it is an invalid item.
			if err := l.one([]byte(a), location{}, parse); err != nil {
				return err
			}
		default:
			if err := l.item([]byte(a), location{}, parse); err != nil {
				return err
			}
		}
	}
	return nil
}

// isFile reports whether an argument names something to read rather than
// being an item itself: an existing file that is not a directory.
func isFile(a string) bool {
	st, err := os.Stat(a)
	return err == nil && !st.IsDir()
}

func (l *lister) read(r io.Reader, file string, parse func([]byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 256<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if err := l.item(line, location{file, n}, parse); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("%sline too long", location{file, n + 1}.prefix())
		}
		return err
	}
	return nil
}

// item parses the items of one argument or line.
func (l *lister) item(text []byte, at location, parse func([]byte) error) error {
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && !separator[text[i]] {
			continue
		}
		if i > start {
			if err := l.one(text[start:i], at, parse); err != nil {
				return err
			}
		}
		start = i + 1
	}
	return nil
}

// separator marks the bytes that separate items: a comma and ASCII white
// space.
var separator = [256]bool{',': true, ' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

// isSeparator reports whether r separates items.
func isSeparator(r rune) bool { return r < 256 && separator[r] }

func (l *lister) one(text []byte, at location, parse func([]byte) error) error {
	err := parse(text)
	if err == nil {
		return nil
	}
	ie := &itemError{at, err}
	if l.skipInvalid {
		l.invalid++
		fmt.Fprintf(l.e.stderr, "gcalc: %v\n", ie)
		return nil
	}
	return ie
}

// networks reads a list of networks (a bare address is a /32 or /128).
// keep receives each network and whether it was written without a prefix.
func (o *globalOptions) networks(e *env, args []string, keep func(ipaddress.Network, bool)) error {
	l := lister{e: e, skipInvalid: o.skipInvalid}
	return l.each(args, func(text []byte) error {
		n, err := ipaddress.ParseNetworkBytes(text, !o.loose)
		if err != nil {
			return err
		}
		keep(n, bytes.IndexByte(text, '/') < 0)
		return nil
	})
}

// oneNetwork parses a single network argument.
func (o *globalOptions) oneNetwork(s string) (ipaddress.Network, error) {
	return ipaddress.ParseNetwork(s, !o.loose)
}

// estimateItems guesses how many items the files among args hold, so that
// lists can be sized once (about 16 bytes a line).
func estimateItems(args []string) int {
	n := 0
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.Mode().IsRegular() {
			n += int(st.Size() / 16)
		}
	}
	return n
}
