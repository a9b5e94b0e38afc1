package grammar

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// The vectors marked "tc" were read from tc 6.1 in a scratch namespace:
// "tc qdisc replace dev v0 root tbf rate IN burst 1600 latency 400ms" then
// "tc -j qdisc show", whose "rate" is the bytes/s tc sent (get_rate64).

func TestParseRate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		// tc
		{"8", 1, true}, {"1", 0, true}, {"1.5", 0, true}, {"12345bit", 1543, true}, {"1000", 125, true},
		{"1kbit", 125, true}, {"1.5kbit", 187, true}, {".5kbit", 62, true}, {"1mbit", 125000, true},
		{"1500kbit", 187500, true}, {"1MBit", 125000, true}, {"1mBiT", 125000, true}, {"1mbps", 1000000, true},
		{"1Kibit", 128, true}, {"1KIBIT", 128, true}, {"1mibit", 131072, true}, {"3Gibit", 402653184, true},
		{"100mbit", 12500000, true}, {"1gbit", 125000000, true}, {"10gbit", 1250000000, true},
		{"40gbit", 5000000000, true}, {"5000gbit", 625000000000, true}, {"1tbit", 125000000000, true},
		{"1tibit", 137438953472, true}, {"25Tbit", 3125000000000, true}, {"1KBps", 1000, true},
		{"1KiBps", 1024, true}, {"1kibps", 1024, true}, {"1bps", 1, true}, {"0x10kbit", 2000, true},
		{"0X10KBIT", 2000, true}, {"0x1p10", 128, true}, {"1e3kbit", 125000, true}, {"1e+3kbit", 125000, true},
		{"1E3", 125, true}, {"+1mbit", 125000, true}, {" 1mbit", 125000, true}, {"999bit", 124, true},
		{"1e20bit", 12500000000000000000, true}, {"-0", 0, true}, {"-0.0", 0, true},
		{"1mbit ", 0, false}, {"0x1bit", 0, false}, {".", 0, false}, {"1e", 0, false}, {"1e+", 0, false},
		{"0x", 0, false}, {"0xkbit", 0, false}, {"1mbps2", 0, false}, {"1b", 0, false}, {"1,5kbit", 0, false},
		{"", 0, false}, {"mbit", 0, false},
		// tc 6.1 sent 2⁶⁴-125000 for "-1mbit", 2⁶³ for NaN and 0 for the
		// infinite ones (then complained the rate was missing).
		{"-1mbit", 0, false}, {"-0.1", 0, false}, {"nan", 0, false}, {"nanbit", 0, false},
		{"inf", 0, false}, {"infbit", 0, false}, {"1e400", 0, false}, {"147573952589676412928bit", 0, false},
		// the largest: 2⁶⁴-2048 is the float64 below 2⁶⁴
		{"18446744073709549568Bps", 18446744073709549568, true}, {"18446744073709551616Bps", 0, false},
		// strtod's other spellings, and ASCII-only case folding
		{"NaN(0x1)", 0, false}, {"INFINITY", 0, false}, {"\t\n1kbit", 125, true}, {"0x.8p1kbit", 125, true},
		{"1\u212aBps", 0, false}, {"1\u212abit", 0, false},
	} {
		got, err := ParseRate(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseRate(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestParseRate32(t *testing.T) {
	// tc 6.1's hfsc (get_rate) took the first of each pair and refused the
	// second with `HFSC: Illegal "rate"`.
	for _, c := range []struct {
		in   string
		want uint32
		ok   bool
	}{
		{"34359738367bit", 4294967295, true}, {"34359738368bit", 0, false},
		{"4294967295Bps", 4294967295, true}, {"4294967296Bps", 0, false},
		{"1.5kbit", 187, true}, {"-0", 0, true}, {"0.5", 0, true}, {"-1", 0, false}, {"nan", 0, false},
	} {
		got, err := ParseRate32(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseRate32(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestParseRatePercent(t *testing.T) {
	for _, s := range []string{"50%", "5%x", "%", "1mbit%"} {
		if _, err := ParseRate(s); !errors.Is(err, ErrRatePercent) {
			t.Errorf("ParseRate(%q): %v", s, err)
		}
		if _, err := ParseRate32(s); !errors.Is(err, ErrRatePercent) {
			t.Errorf("ParseRate32(%q): %v", s, err)
		}
	}
}

func TestParseSize(t *testing.T) {
	// tc: "tbf … limit IN", "tc -r -j qdisc show" shows the limit sent.
	for _, c := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"1", 1, true}, {"1b", 1, true}, {"1B", 1, true}, {"1k", 1024, true}, {"1K", 1024, true},
		{"1kb", 1024, true}, {"1KB", 1024, true}, {"1Kb", 1024, true}, {"1m", 1048576, true},
		{"1mb", 1048576, true}, {"1g", 1073741824, true}, {"1gb", 1073741824, true}, {"3g", 3221225472, true},
		{"1kbit", 128, true}, {"1KBIT", 128, true}, {"1mbit", 131072, true}, {"1gbit", 134217728, true},
		{"1.5k", 1536, true}, {"1.9", 1, true}, {"0x10k", 16384, true}, {"1e3", 1000, true},
		{" 5k", 5120, true}, {"-0", 0, true}, {"4294967295", 4294967295, true},
		{"-1", 0, false}, {"1kib", 0, false}, {"1t", 0, false}, {"1bit", 0, false}, {"1mib", 0, false},
		// 64-bit, as newer tc's get_size64; tc 6.1 refused these
		{"4g", 4294967296, true}, {"4294967296", 4294967296, true}, {"16777215t", 0, false},
		{"17179869183g", 18446744072635809792, true}, {"17179869184g", 0, false},
		{"", 0, false}, {"k", 0, false}, {"1 k", 0, false}, {"inf", 0, false}, {"nan", 0, false},
	} {
		got, err := ParseSize(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
		got32, err := ParseSize32(c.in)
		ok32 := c.ok && c.want <= math.MaxUint32
		if (err == nil) != ok32 || ok32 && uint64(got32) != c.want {
			t.Errorf("ParseSize32(%q) = %d, %v", c.in, got32, err)
		}
	}
}

func TestParseSizeCell(t *testing.T) {
	// tc: "tbf … burst IN" accepted or refused (the kernel does not echo
	// the cell; strace showed cell_log 3 for 1600/8).
	for _, c := range []struct {
		in      string
		size    uint64
		cellLog int
		ok      bool
	}{
		{"1600", 1600, -1, true}, {"1600/8", 1600, 3, true}, {"1600/1", 1600, 0, true},
		{"1600/010", 1600, 3, true}, {"1600/0x10", 1600, 4, true}, {"1600/ 8", 1600, 3, true},
		{"10kb/64", 10240, 6, true}, {"1600/+8", 1600, 3, true}, {"1/1073741824", 1, 30, true},
		{"1600/2147483648", 0, -1, false}, {"1600/3", 0, -1, false}, {"1600/0", 0, -1, false},
		{"1600/", 0, -1, false}, {"1600/8/8", 0, -1, false}, {"/8", 0, -1, false}, {"1600/08", 0, -1, false},
		{"1600/0x", 0, -1, false}, {"1600/8 ", 0, -1, false}, {"1600/-8", 0, -1, false},
		// tc 6.1 took this as cell log 31 (1<<31 overflows its int)
		{"1600/-2147483648", 0, -1, false},
		{"1t/8", 0, -1, false},
	} {
		size, cellLog, err := ParseSizeCell(c.in)
		if (err == nil) != c.ok || size != c.size || cellLog != c.cellLog {
			t.Errorf("ParseSizeCell(%q) = %d, %d, %v; want %d, %d, ok %v", c.in, size, cellLog, err, c.size, c.cellLog, c.ok)
		}
	}
}

func TestParseTime(t *testing.T) {
	// tc: "tbf rate 1mbit burst 1600 latency IN": the limit it sends is
	// 1600 + 125000·IN/10⁶, and "tc -j" shows it.
	for _, c := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"400ms", 400000, true}, {"1", 1, true}, {"1.5", 1, true}, {"1s", 1000000, true},
		{"1sec", 1000000, true}, {"1secs", 1000000, true}, {"1S", 1000000, true}, {"1SEC", 1000000, true},
		{"2.5ms", 2500, true}, {"1msec", 1000, true}, {"1msecs", 1000, true}, {"10us", 10, true},
		{"10usec", 10, true}, {"10usecs", 10, true}, {"0.0001s", 100, true}, {"1e3us", 1000, true},
		{"-0", 0, true}, {"4294s", 4294000000, true},
		{"1ns", 0, false}, {"1nsec", 0, false}, {"1m", 0, false}, {"1min", 0, false},
		// tc 6.1 wrapped these to 705032704 and 4294967295
		{"5000s", 5000000000, true}, {"-1", 0, false},
		{"", 0, false}, {"s", 0, false}, {"1 s", 0, false}, {"1\u017f", 0, false}, {"inf", 0, false},
		{"1e13s", 10000000000000000000, true}, {"2e13s", 0, false}, {"18446744073709551616us", 0, false},
	} {
		got, err := ParseTime(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseTime(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestStrtodLen(t *testing.T) {
	// What glibc's strtod consumes of each word.
	for _, c := range []struct {
		in string
		n  int
	}{
		{"", 0}, {"x", 0}, {".", 0}, {"-", 0}, {"+.e1", 0}, {"1", 1}, {"1.", 2}, {".5", 2}, {"1e5", 3},
		{"1e", 1}, {"1e+", 1}, {"1E-2x", 4}, {"0x", 1}, {"0x.", 1}, {"0xg", 1}, {"0x1p", 3}, {"0x1p-3", 6},
		{"0x1.8P1", 7}, {"0x.8", 4}, {"inf", 3}, {"-Infinity", 9}, {"infinit", 3}, {"nan", 3},
		{"nan(abc_1)x", 10}, {"nan(a-b)", 3}, {"nan(", 3}, {" \t-1", 4}, {"  ", 0}, {"1 2", 1},
	} {
		if n := strtodLen(c.in); n != c.n {
			t.Errorf("strtodLen(%q) = %d, want %d", c.in, n, c.n)
		}
	}
}

// upperASCII is strings.ToUpper for ASCII letters only.
func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// FuzzParseRate checks that every word gives the same rate or error in
// any ASCII case and with leading white space, that the 32-bit parser
// agrees with the 64-bit one, and that '%' always means ErrRatePercent.
func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"1mbit", "12345bit", "0x10kbit", "1e20bit", "5%", "-0", "nan(1)", "1\u212abit"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseRate(s)
		if strings.Contains(s, "%") != errors.Is(err, ErrRatePercent) {
			t.Fatalf("%q: %v", s, err)
		}
		for _, alt := range []string{upperASCII(s), " " + s} {
			if w, e := ParseRate(alt); w != v || (e == nil) != (err == nil) {
				t.Fatalf("%q: %d, %v; %q: %d, %v", s, v, err, alt, w, e)
			}
		}
		v32, err32 := ParseRate32(s)
		if want := err == nil && v <= math.MaxUint32; (err32 == nil) != want || want && uint64(v32) != v {
			t.Fatalf("%q: %d, %v; 32 bits: %d, %v", s, v, err, v32, err32)
		}
	})
}

// FuzzParseSize checks ParseSize as FuzzParseRate checks ParseRate, and
// that SIZE/CELL reads SIZE as ParseSize does.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1600", "15k/8", "1.5mb", "0x10kbit", "1600/-2147483648", "1600/010"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseSize(s)
		for _, alt := range []string{upperASCII(s), "\t" + s} {
			if w, e := ParseSize(alt); w != v || (e == nil) != (err == nil) {
				t.Fatalf("%q: %d, %v; %q: %d, %v", s, v, err, alt, w, e)
			}
		}
		v32, err32 := ParseSize32(s)
		if want := err == nil && v <= math.MaxUint32; (err32 == nil) != want || want && uint64(v32) != v {
			t.Fatalf("%q: %d, %v; 32 bits: %d, %v", s, v, err, v32, err32)
		}
		size, cellLog, err := ParseSizeCell(s)
		word, _, slash := strings.Cut(s, "/")
		if err == nil {
			w, e := ParseSize(word)
			if e != nil || w != size || (cellLog >= 0) != slash || cellLog > 30 {
				t.Fatalf("%q: %d/%d; size alone: %d, %v", s, size, cellLog, w, e)
			}
		} else if size != 0 || cellLog != -1 {
			t.Fatalf("%q: %d/%d with %v", s, size, cellLog, err)
		}
	})
}

// FuzzParseTime checks ParseTime as FuzzParseRate checks ParseRate, and
// that a whole number of seconds is a million times as many microseconds.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"400ms", "1.5", "1e3us", "10usecs", "5000s", "1ns"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTime(s)
		for _, alt := range []string{upperASCII(s), "\n" + s} {
			if w, e := ParseTime(alt); w != v || (e == nil) != (err == nil) {
				t.Fatalf("%q: %d, %v; %q: %d, %v", s, v, err, alt, w, e)
			}
		}
		n, ok := ParseCUint(s, 32)
		if !ok || strings.HasPrefix(s, "0") {
			return
		}
		if sec, err := ParseTime(s + "s"); err != nil || sec != n*1000000 {
			t.Fatalf("%q: %d µs, %q: %d, %v", s, v, s+"s", sec, err)
		}
	})
}
