package main

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// Output formats of -o/--format.
const (
	formatPlain    = "plain"
	formatCisco    = "cisco"
	formatJuniper  = "juniper"
	formatIptables = "iptables"
	formatNetmask  = "netmask"
	formatHostmask = "hostmask"
	formatJSON     = "json"
	formatTable    = "table" // info only: force the table off a terminal
)

var listFormats = []string{formatPlain, formatCisco, formatJuniper, formatIptables, formatNetmask, formatHostmask, formatJSON}

// listWriter prints a list of networks in one format. Items are buffered;
// call end to finish the list and flush.
type listWriter struct {
	w      *bufio.Writer
	format string
	name   string // juniper prefix-list name or iptables chain, "" for none
	action string // iptables target
	count  int
	buf    []byte
	err    error // the first write error; printing stops there
}

func (o *globalOptions) newListWriter(w io.Writer) (*listWriter, error) {
	switch o.format {
	case formatPlain, formatCisco, formatJuniper, formatIptables, formatNetmask, formatHostmask, formatJSON:
	default:
		return nil, usagef("unknown format %q (want one of %s)", o.format, strings.Join(listFormats, ", "))
	}
	if o.name != "" && o.format != formatJuniper && o.format != formatIptables {
		return nil, usagef("--name applies to -o juniper and -o iptables only")
	}
	lw := &listWriter{w: bufio.NewWriterSize(w, 64<<10), format: o.format, name: o.name, action: o.action}
	lw.begin()
	return lw, nil
}

func (lw *listWriter) begin() {
	switch {
	case lw.format == formatJSON:
		lw.w.WriteString("[")
	case lw.format == formatJuniper && lw.name != "":
		lw.w.WriteString("prefix-list " + lw.name + " {\n")
	}
}

// network prints one network. It reports false once output has failed (a
// closed pipe, a full disk), so that loops over long lists stop.
func (lw *listWriter) network(n ipaddress.Network) bool {
	b := lw.buf[:0]
	switch lw.format {
	case formatPlain:
		b = n.AppendTo(b)
	case formatCisco:
		switch {
		case n.PrefixLen() == n.MaxPrefixLen():
			b = append(b, "host "...)
			b = n.NetworkAddress().AppendTo(b)
		case n.Version() == 4:
			b = n.NetworkAddress().AppendTo(b)
			b = append(b, ' ')
			b = n.Hostmask().AppendTo(b)
		default:
			b = n.AppendTo(b)
		}
	case formatJuniper:
		if lw.name != "" {
			b = append(b, "    "...)
		}
		b = n.AppendTo(b)
		b = append(b, ';')
	case formatIptables:
		if lw.name != "" {
			b = append(b, "-A "...)
			b = append(b, lw.name...)
			b = append(b, " -s "...)
			b = n.AppendTo(b)
			b = append(b, " -j "...)
			b = append(b, lw.action...)
		} else {
			b = n.AppendTo(b)
		}
	case formatNetmask:
		b = append(b, n.WithNetmask()...)
	case formatHostmask:
		b = append(b, n.WithHostmask()...)
	case formatJSON:
		b = lw.jsonSep(b)
		b = appendJSONString(b, n.String())
	}
	return lw.emit(b)
}

// address prints one address: as itself in plain and JSON output, as a
// one-address network otherwise. It reports false once output has failed.
func (lw *listWriter) address(a ipaddress.Address) bool {
	switch lw.format {
	case formatPlain:
		return lw.emit(a.AppendTo(lw.buf[:0]))
	case formatJSON:
		b := lw.jsonSep(lw.buf[:0])
		return lw.emit(appendJSONString(b, a.String()))
	}
	n, _ := ipaddress.ParseNetwork(a.String(), true)
	return lw.network(n)
}

func (lw *listWriter) jsonSep(b []byte) []byte {
	if lw.count > 0 {
		b = append(b, ',')
	}
	return append(b, "\n  "...)
}

func (lw *listWriter) emit(b []byte) bool {
	if lw.format != formatJSON {
		b = append(b, '\n')
	}
	if _, err := lw.w.Write(b); err != nil && lw.err == nil {
		lw.err = err
	}
	lw.buf = b
	lw.count++
	return lw.err == nil
}

// end closes the list and flushes it, returning the first write error.
func (lw *listWriter) end() error {
	if lw.err != nil {
		return lw.err
	}
	switch {
	case lw.format == formatJSON && lw.count == 0:
		lw.w.WriteString("]\n")
	case lw.format == formatJSON:
		lw.w.WriteString("\n]\n")
	case lw.format == formatJuniper && lw.name != "":
		lw.w.WriteString("}\n")
	}
	return lw.w.Flush()
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(b, '"')
}

// yesNo is a predicate's answer as printed.
func yesNo(v bool) string {
	if v {
		return "yes"
	}
	return "no"
}

func quoteJSON(s string) string { return string(appendJSONString(nil, s)) }

func itoa(n int) string { return strconv.Itoa(n) }
