package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// printJSON writes v as one JSON document, indented with -p.
func printJSON(e *env, v any) error {
	var b []byte
	var err error
	if e.opts.pretty {
		b, err = json.MarshalIndent(v, "", "    ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	b = append(b, '\n')
	_, err = e.stdout.Write(b)
	return err
}

// escapeSSID writes an SSID as iw does: printable bytes as they are, a
// space as is unless first or last, everything else (and '\') as \xNN.
func escapeSSID(s []byte) string {
	var b strings.Builder
	for i, c := range s {
		switch {
		case c > ' ' && c < 0x7f && c != '\\':
			b.WriteByte(c)
		case c == ' ' && i != 0 && i != len(s)-1:
			b.WriteByte(' ')
		default:
			fmt.Fprintf(&b, "\\x%02x", c)
		}
	}
	return b.String()
}

// ssidJSON is how JSON shows an SSID: the text when it is valid UTF-8, else
// iw's escaped form; ssid_hex is always exact.
func ssidJSON(s []byte) (text, hexs string) {
	if utf8.Valid(s) {
		text = string(s)
	} else {
		text = escapeSSID(s)
	}
	return text, hex.EncodeToString(s)
}

// dbm100 formats a value in 1/100 dB as "-30.00". (iw prints the
// remainder of a negative value with its own sign, "-30.-50"; giw does not.)
func dbm100(v int32) string {
	sign := ""
	u := int64(v)
	if u < 0 {
		sign, u = "-", -u
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// tw is a writer that remembers the first error, so text printers can
// write line after line and check once.
type tw struct {
	w   io.Writer
	err error
}

func (t *tw) f(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}
