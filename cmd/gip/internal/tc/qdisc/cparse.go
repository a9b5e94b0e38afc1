package qdisc

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
)

// The number readers of tc's C library that the AQM kinds use, with C's
// rules, and tc's 64-bit time text.

// cStrtol32 reads a whole word as tc's get_integer and get_s32 do with
// base 0: C's strtol within an int's 32 bits.
func cStrtol32(s string) (int32, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := t != "" && t[0] == '-'
	if t != "" && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	if t == "" || strings.IndexByte(" \t\n\v\f\r+-", t[0]) >= 0 {
		return 0, false
	}
	v, ok := cStrtoul(t, 0, 1<<31)
	if !ok {
		return 0, false
	}
	if neg {
		return int32(-int64(v)), true
	}
	if v > math.MaxInt32 {
		return 0, false
	}
	return int32(v), true
}

func hexDigit(c byte) uint64 {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return uint64(c|0x20-'a') + 10
	}
	return 99
}

// time32 reads a time in microseconds as tc's get_time does, refusing
// what does not fit its 32 bits (tc 6.1 wrapped such times).
func time32(s string) (uint32, bool) {
	t, err := grammar.ParseTime(s)
	if err != nil || t > math.MaxUint32 {
		return 0, false
	}
	return uint32(t), true
}

// size32 reads a size as tc 6.1's get_size does.
func size32(s string) (uint32, bool) {
	n, err := grammar.ParseSize32(s)
	return n, err == nil
}

// rate32 reads a rate as tc's get_rate does, or a percentage of the
// device's speed (get_percent_rate).
func (p *Parser) rate32(v string) (uint32, bool) {
	r, err := p.rate(v)
	if err != nil || r > math.MaxUint32 {
		return 0, false
	}
	return uint32(r), true
}

// time64Text is a time in nanoseconds as tc's sprint_time64 shows it:
// "%.3gs", "%.3gms", "%.3gus", else "%dns".
func time64Text(ns int64) string {
	v := float64(ns)
	switch {
	case ns >= 1e9:
		return strconv.FormatFloat(v/1e9, 'g', 3, 64) + "s"
	case ns >= 1e6:
		return strconv.FormatFloat(v/1e6, 'g', 3, 64) + "ms"
	case ns >= 1e3:
		return strconv.FormatFloat(v/1e3, 'g', 3, 64) + "us"
	}
	return strconv.FormatInt(ns, 10) + "ns"
}

// Warnf prints what tc prints to stderr while it parses and goes on
// (RED's "set bandwidth to 10Mbit").
func (p *Parser) Warnf(format string, a ...any) {
	if p.Stderr != nil {
		fmt.Fprintf(p.Stderr, format, a...)
	}
}
