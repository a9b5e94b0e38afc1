package grammar

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Strtod reads the number at the start of s as C's strtod does in the "C"
// locale (white space, a sign, decimal or 0x hexadecimal with fraction and
// exponent, INF, NAN) and returns it with the rest of s. ok is false when
// s starts with no number; the value is then 0 and rest is s, as strtod
// leaves its end pointer. Numbers too large for a float64 are ±Inf, as
// strtod's HUGE_VAL.
func Strtod(s string) (v float64, rest string, ok bool) {
	n := strtodLen(s)
	if n == 0 {
		return 0, s, false
	}
	v, err := parseCFloat(strings.TrimLeft(s[:n], cSpace))
	var ne *strconv.NumError
	if err != nil && !(errors.As(err, &ne) && ne.Err == strconv.ErrRange) {
		return 0, s, false
	}
	return v, s[n:], true
}

// ScanFloat reads a number as C's sscanf "%lg" does (tc's probabilities):
// a strtod number at the start of s, whatever follows it ignored. Negative
// numbers, INF and NAN are numbers here.
func ScanFloat(s string) (float64, bool) {
	v, _, ok := Strtod(s)
	return v, ok
}

// time64Units are the suffixes of tc's 64-bit times and their factor to
// nanoseconds (a bare number is nanoseconds).
var time64Units = []unit{
	{"", 1}, {"s", 1e9}, {"sec", 1e9}, {"secs", 1e9}, {"ms", 1e6}, {"msec", 1e6}, {"msecs", 1e6},
	{"us", 1e3}, {"usec", 1e3}, {"usecs", 1e3}, {"ns", 1}, {"nsec", 1}, {"nsecs", 1},
}

// ParseTime64 reads a time as tc's get_time64 does and returns it in
// nanoseconds: a strtod number followed by nothing or ns, nsec, nsecs
// (nanoseconds, as a bare number), us, usec, usecs, ms, msec, msecs, s,
// sec, secs, in any ASCII case, the fraction dropped after scaling.
// Negative times are times (tc's callers check their sign); times beyond
// an int64, infinity and NaN are errors (tc sent what its conversion made
// of them).
func ParseTime64(s string) (nsec int64, err error) {
	v, rest, ok := Strtod(s)
	if !ok {
		return 0, errNumber
	}
	scale, ok := scaleOf(time64Units, rest)
	if !ok {
		return 0, errUnit
	}
	v *= scale
	if math.IsNaN(v) || v >= 1<<63 || v < -(1<<63) {
		return 0, errRange
	}
	return int64(v), nil
}
