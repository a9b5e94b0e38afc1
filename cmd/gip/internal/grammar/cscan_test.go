package grammar

import (
	"math"
	"testing"
)

func TestStrtodAndScanFloat(t *testing.T) {
	for _, c := range []struct {
		in   string
		v    float64
		rest string
		ok   bool
	}{
		{"0.02", 0.02, "", true}, {" 1e-3x", 0.001, "x", true}, {"-2", -2, "", true},
		{"25%", 25, "%", true}, {"%", 0, "%", false}, {"", 0, "", false}, {"x1", 0, "x1", false},
		{"0x10", 16, "", true}, {"1e999", math.Inf(1), "", true},
	} {
		v, rest, ok := Strtod(c.in)
		if v != c.v || rest != c.rest || ok != c.ok {
			t.Errorf("Strtod(%q) = %v, %q, %v; want %v, %q, %v", c.in, v, rest, ok, c.v, c.rest, c.ok)
		}
		if f, ok := ScanFloat(c.in); ok != c.ok || f != c.v {
			t.Errorf("ScanFloat(%q) = %v, %v", c.in, f, ok)
		}
	}
}

func TestParseTime64(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"10", 10, true}, {"10ns", 10, true}, {"1.5us", 1500, true}, {"2ms", 2000000, true},
		{"1s", 1000000000, true}, {"3SECS", 3000000000, true}, {"-1ms", -1000000, true},
		{"1min", 0, false}, {"x", 0, false}, {"1e30s", 0, false}, {"nan", 0, false},
	} {
		got, err := ParseTime64(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseTime64(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}
