package grammar

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// ErrRatePercent is what ParseRate and ParseRate32 return for a word that
// holds a '%' anywhere: tc hands such a word to its percent-of-link-speed
// parser instead (strchr, not a suffix test: "5%x" is 5% there), so the
// caller, which knows the device, must handle it.
var ErrRatePercent = errors.New("rate is a percentage of the link speed")

var (
	errNumber   = errors.New("not a number")
	errUnit     = errors.New("unknown unit")
	errNegative = errors.New("negative value")
	errRange    = errors.New("value out of range")
	errCell     = errors.New("cell size is not a power of two")
)

// unit is a suffix tc knows and the factor it multiplies the number by.
type unit struct {
	name  string
	scale float64
}

// rateUnits are the rate suffixes (after "", a bare number) and their
// factor to bits per second, in tc's order.
var rateUnits = []unit{
	{"", 1}, {"bit", 1}, {"kibit", 1024}, {"kbit", 1e3}, {"mibit", 1024 * 1024}, {"mbit", 1e6},
	{"gibit", 1024 * 1024 * 1024}, {"gbit", 1e9}, {"tibit", 1024 * 1024 * 1024 * 1024}, {"tbit", 1e12},
	{"bps", 8}, {"kibps", 8 * 1024}, {"kbps", 8e3}, {"mibps", 8 * 1024 * 1024}, {"mbps", 8e6},
	{"gibps", 8 * 1024 * 1024 * 1024}, {"gbps", 8e9}, {"tibps", 8 * 1024 * 1024 * 1024 * 1024}, {"tbps", 8e12},
}

// sizeUnits are the size suffixes and their factor to bytes.
var sizeUnits = []unit{
	{"", 1}, {"b", 1}, {"k", 1024}, {"kb", 1024}, {"m", 1024 * 1024}, {"mb", 1024 * 1024},
	{"g", 1024 * 1024 * 1024}, {"gb", 1024 * 1024 * 1024},
	{"kbit", 1024 / 8}, {"mbit", 1024 * 1024 / 8}, {"gbit", 1024 * 1024 * 1024 / 8},
}

// timeUnits are the time suffixes and their factor to microseconds.
var timeUnits = []unit{
	{"", 1}, {"us", 1}, {"usec", 1}, {"usecs", 1}, {"ms", 1000}, {"msec", 1000}, {"msecs", 1000},
	{"s", 1000000}, {"sec", 1000000}, {"secs", 1000000},
}

// scaleOf is the factor of name in units, compared as C's strcasecmp does;
// false when units lacks it.
func scaleOf(units []unit, name string) (float64, bool) {
	for _, u := range units {
		if asciiEqualFold(u.name, name) {
			return u.scale, true
		}
	}
	return 0, false
}

// ParseRate reads a rate as tc's get_rate64 does and returns it in bytes
// per second.
//
// The number is anything C's strtod reads (leading white space, a sign,
// decimal or 0x hexadecimal with fraction and exponent: "1e3kbit",
// "0x10kbit", ".5mbit"), followed by nothing (bits per second: "1000" is
// 1kbit) or one of bit, kbit, mbit, gbit, tbit (×1000), kibit … tibit
// (×1024), Bps, KBps … TBps (bytes, ×1000) or KiBps … TiBps (×1024), in
// any ASCII case ("1mbps" is one megabyte per second, "1MBit" one
// megabit). The bits are divided by 8 and the fraction dropped, in
// floating point as tc does, so "12345bit" is 1543 bytes/s and "1" is 0:
// rejecting a zero rate is the caller's.
//
// A word holding '%' anywhere returns ErrRatePercent. An empty or
// unparsable number, an unknown or trailing unit ("1mbit "), a negative
// number ("-0" is zero), infinity, NaN and rates of 2⁶⁴ bytes/s or more
// are errors. tc 6.1 took negative numbers and NaN and sent what its
// conversion made of them ("-1mbit" became 18446744073709426616 bytes/s,
// "nan" 2⁶³); newer tc rejects negative numbers as this does.
func ParseRate(s string) (bytesPerSec uint64, err error) {
	v, err := rateBytes(s)
	if err != nil {
		return 0, err
	}
	if v >= 1<<64 {
		return 0, errRange
	}
	return uint64(v), nil
}

// ParseRate32 reads a rate as ParseRate does for tc's get_rate, used where
// the kernel field has 32 bits: rates of 2³² bytes/s or more (above
// 34359738367bit, or 4294967295Bps) are errors.
func ParseRate32(s string) (uint32, error) {
	v, err := rateBytes(s)
	if err != nil {
		return 0, err
	}
	if v >= 1<<32 {
		return 0, errRange
	}
	return uint32(v), nil
}

// rateBytes is the shared part of the rate parsers: bytes per second as
// tc's double before its conversion to an integer; never negative, NaN or
// infinite.
func rateBytes(s string) (float64, error) {
	if strings.IndexByte(s, '%') >= 0 {
		return 0, ErrRatePercent
	}
	bps, unit, err := cNumber(s)
	if err != nil {
		return 0, err
	}
	scale, ok := scaleOf(rateUnits, unit)
	if !ok {
		return 0, errUnit
	}
	bps *= scale
	return bps / 8, nil
}

// ParseSize reads a size in bytes as tc's get_size64 does: a strtod
// number (see ParseRate) followed by nothing or b (bytes), k or kb (×1024),
// m or mb (×1024²), g or gb (×1024³), kbit (×128), mbit (×1024²/8) or gbit
// (×1024³/8), in any ASCII case. Every unit is binary, unlike rates'. The
// fraction is dropped after scaling: "1.5k" is 1536 and "1.9" is 1.
//
// Unknown units ("1t", "1kib", "1bit"), negative numbers ("-0" is zero),
// infinity, NaN and sizes of 2⁶⁴ or more are errors. tc 6.1's get_size
// also rejected sizes above 2³²-1 (4294967295 is its largest, "4g" is
// refused): see ParseSize32.
func ParseSize(s string) (bytes uint64, err error) {
	sz, unit, err := cNumber(s)
	if err != nil {
		return 0, err
	}
	scale, ok := scaleOf(sizeUnits, unit)
	if !ok {
		return 0, errUnit
	}
	sz *= scale
	if sz >= 1<<64 {
		return 0, errRange
	}
	return uint64(sz), nil
}

// ParseSize32 is ParseSize limited to 32 bits, as tc 6.1's get_size and
// the kernel's 32-bit size fields are: 4294967295 is the largest size.
func ParseSize32(s string) (uint32, error) {
	v, err := ParseSize(s)
	if err != nil {
		return 0, err
	}
	if v > math.MaxUint32 {
		return 0, errRange
	}
	return uint32(v), nil
}

// ParseSizeCell reads tc's SIZE[/CELL] (get_size_and_cell, as in "burst
// 15k/8"): SIZE as ParseSize reads it, then, after the first '/', the cell
// size as C's strtol with base 0 reads an int (white space and a sign
// allowed, 0x hexadecimal, leading-0 octal: "1600/010" is a cell of 8). The
// cell must be a power of two from 1 to 2³⁰; cellLog is its base-2
// logarithm, or -1 when there is no '/'.
//
// An empty or non-numeric cell ("1600/", "1600/8/8"), a cell of 0 or one
// that is not a power of two ("1600/3") are errors. tc 6.1 also took a
// cell of -2147483648 (its int 1<<31 overflows to that value) as cell
// log 31; this refuses it.
func ParseSizeCell(s string) (size uint64, cellLog int, err error) {
	word, cell, hasCell := strings.Cut(s, "/")
	size, err = ParseSize(word)
	if err != nil {
		return 0, -1, err
	}
	if !hasCell {
		return size, -1, nil
	}
	c, ok := cInt(cell)
	if !ok {
		return 0, -1, errNumber
	}
	for log := 0; log <= 30; log++ {
		if c == 1<<log {
			return size, log, nil
		}
	}
	return 0, -1, errCell
}

// ParseTime reads a time as tc's get_time does and returns it in
// microseconds: a strtod number (see ParseRate) followed by nothing or us,
// usec, usecs (microseconds), ms, msec, msecs (milliseconds), s, sec, secs
// (seconds), in any ASCII case. The fraction is dropped after scaling:
// "2.5ms" is 2500, "1.5" is 1. tc 6.1 has no ns or min units.
//
// Unknown units, negative numbers ("-0" is zero), infinity, NaN and times
// of 2⁶⁴µs or more are errors. tc stores the result in 32 bits and
// silently wraps what does not fit ("5000s" becomes 705.032704s; "-1"
// becomes 4294967295µs): callers filling a 32-bit field should refuse
// values above math.MaxUint32 rather than copy that.
func ParseTime(s string) (usec uint64, err error) {
	t, unit, err := cNumber(s)
	if err != nil {
		return 0, err
	}
	scale, ok := scaleOf(timeUnits, unit)
	if !ok {
		return 0, errUnit
	}
	t *= scale
	if t >= 1<<64 {
		return 0, errRange
	}
	return uint64(t), nil
}

// cNumber reads the number at the start of s as C's strtod does and returns
// it with the rest of s. It fails when there is no number, when the number
// is negative (-0 is not), NaN or too large for a float64.
func cNumber(s string) (v float64, rest string, err error) {
	n := strtodLen(s)
	if n == 0 {
		return 0, s, errNumber
	}
	v, err = parseCFloat(strings.TrimLeft(s[:n], cSpace))
	switch {
	case err != nil || math.IsInf(v, 0) || math.IsNaN(v):
		return 0, s, errRange
	case v < 0:
		return 0, s, errNegative
	}
	return v, s[n:], nil
}

// cSpace is C's isspace in the "C" locale.
const cSpace = " \t\n\v\f\r"

// strtodLen is the length of the longest prefix of s that glibc's strtod
// converts in the "C" locale (0 when none): white space, a sign, then INF,
// INFINITY, NAN, NAN(chars), a 0x hexadecimal mantissa with an optional p
// exponent, or a decimal mantissa with an optional e exponent.
func strtodLen(s string) int {
	i := len(s) - len(strings.TrimLeft(s, cSpace))
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	rest := s[i:]
	switch {
	case hasPrefixFold(rest, "infinity"):
		return i + 8
	case hasPrefixFold(rest, "inf"):
		return i + 3
	case hasPrefixFold(rest, "nan"):
		i += 3
		if j := strings.IndexByte(s[i:], ')'); i < len(s) && s[i] == '(' && j > 0 && nanChars(s[i+1:i+j]) {
			i += j + 1
		}
		return i
	}
	hex := len(rest) > 2 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X')
	if hex {
		if m := mantissaLen(rest[2:], isHexDigit); m > 0 {
			return i + 2 + m + exponentLen(rest[2+m:], 'p')
		}
	}
	m := mantissaLen(rest, isDigit)
	if m == 0 {
		return 0
	}
	return i + m + exponentLen(rest[m:], 'e')
}

// mantissaLen is the length of digits[.digits] at the start of s, 0 when
// there is no digit.
func mantissaLen(s string, digit func(byte) bool) int {
	i, digits := 0, 0
	for ; i < len(s) && digit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && digit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return 0
	}
	return i
}

// exponentLen is the length of an exponent (mark, optional sign, decimal
// digits) at the start of s, 0 when there is none or it has no digit.
func exponentLen(s string, mark byte) int {
	if len(s) == 0 || s[0]|0x20 != mark {
		return 0
	}
	i := 1
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == d {
		return 0
	}
	return i
}

// parseCFloat converts a prefix strtodLen accepted, without its leading
// white space.
func parseCFloat(num string) (float64, error) {
	body := strings.TrimLeft(num, "+-")
	switch {
	case hasPrefixFold(body, "inf"):
		if num[0] == '-' {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case hasPrefixFold(body, "nan"):
		return math.NaN(), nil
	case len(body) > 1 && body[1]|0x20 == 'x' && !strings.ContainsAny(body, "pP"):
		num += "p0" // C's hexadecimal needs no exponent, Go's does
	}
	return strconv.ParseFloat(num, 64)
}

// cInt reads a whole word as tc's get_integer does: C's strtol with base 0
// (white space, a sign, 0x hexadecimal, leading-0 octal), all of the word,
// within an int's 32 bits.
func cInt(s string) (int64, bool) {
	s = strings.TrimLeft(s, cSpace)
	neg := strings.HasPrefix(s, "-")
	if neg || strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	base := uint64(10)
	switch {
	case len(s) > 2 && s[0] == '0' && s[1]|0x20 == 'x' && isHexDigit(s[2]):
		base, s = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base = 8
	}
	if s == "" {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		d := hexValue(s[i])
		if d >= base {
			return 0, false
		}
		if v = v*base + d; v > 1<<31 {
			return 0, false
		}
	}
	if neg {
		return -int64(v), true
	}
	if v > math.MaxInt32 {
		return 0, false
	}
	return int64(v), true
}

// hexValue is the value of a hexadecimal digit, 99 for another byte.
func hexValue(c byte) uint64 {
	switch {
	case isDigit(c):
		return uint64(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return uint64(c|0x20-'a') + 10
	}
	return 99
}

func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isHexDigit(c byte) bool { return hexValue(c) < 16 }

// nanChars reports whether s is what C allows between NAN's parentheses.
func nanChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isDigit(c) && !(c|0x20 >= 'a' && c|0x20 <= 'z') && c != '_' {
			return false
		}
	}
	return true
}

// asciiEqualFold is C's strcasecmp(a, b) == 0 in the "C" locale: only
// ASCII letters fold (strings.EqualFold would also take "K", the Kelvin
// sign, for k).
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && asciiEqualFold(s[:len(prefix)], prefix)
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
