package sched

import (
	"math"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
)

// The vectors below, unless marked otherwise, are tc 6.1's: in a scratch
// namespace, a tbf qdisc set up so that "tc -j qdisc show" gave the raw
// number (bytes/s, bytes, µs) and "tc qdisc show" (and "tc -iec") the
// text for the same field.

func TestRateText(t *testing.T) {
	for _, c := range []struct {
		bytes     uint64
		text, iec string
	}{
		{1, "8bit", "8bit"}, {1543, "12344bit", "12344bit"}, {125, "1Kbit", "1000bit"},
		{187, "1496bit", "1496bit"}, {124, "992bit", "992bit"}, {125000, "1Mbit", "1000000bit"},
		{187500, "1500Kbit", "1464Kibit"}, {1000000, "8Mbit", "7812Kibit"}, {128, "1024bit", "1Kibit"},
		{131072, "1048Kbit", "1Mibit"}, {12500000, "100Mbit", "97656Kibit"},
		{125000000, "1Gbit", "976562Kibit"}, {500000000, "4Gbit", "3814Mibit"},
		{1250000000, "10Gbit", "9536Mibit"}, {5000000000, "40Gbit", "38146Mibit"},
		{625000000000, "5Tbit", "4656Gibit"}, {125000000000, "1Tbit", "953674Mibit"},
		{137438953472, "1099Gbit", "1Tibit"}, {1000, "8Kbit", "8000bit"}, {1024, "8192bit", "8Kibit"},
		{2000, "16Kbit", "16000bit"}, {12800, "102400bit", "100Kibit"}, {127999, "1023Kbit", "1023992bit"},
		{128000, "1024Kbit", "1000Kibit"}, {1234567, "9876Kbit", "9645Kibit"},
		{15432098, "123456Kbit", "120563Kibit"}, {3125000000000, "25Tbit", "23283Gibit"},
		{12500000000000, "100Tbit", "93132Gibit"}, {402653184, "3221Mbit", "3Gibit"},
		// not from tc
		{0, "0bit", "0bit"}, {1 << 61, "18446744Tbit", "16777216Tibit"},
		{math.MaxUint64, "147573952Tbit", "134217727Tibit"},
		// tc 6.1 showed "7766279Tbit" for this one (1e20bit): its bits wrap
		{12500000000000000000, "100000000Tbit", "90949470Tibit"},
	} {
		if got := RateText(c.bytes, false); got != c.text {
			t.Errorf("RateText(%d) = %q, want %q", c.bytes, got, c.text)
		}
		if got := RateText(c.bytes, true); got != c.iec {
			t.Errorf("RateText(%d, iec) = %q, want %q", c.bytes, got, c.iec)
		}
	}
}

func TestSizeText(t *testing.T) {
	// tc: "tbf … limit N", "tc -r" shows "limit TEXT".
	for _, c := range []struct {
		bytes uint64
		text  string
	}{
		{1, "1b"}, {1023, "1023b"}, {1024, "1Kb"}, {1025, "1Kb"}, {1039, "1Kb"}, {1040, "1040b"},
		{1536, "1536b"}, {1599, "1599b"}, {1600, "1600b"}, {2047, "2Kb"}, {2048, "2Kb"}, {2560, "2560b"},
		{4095, "4Kb"}, {4096, "4Kb"}, {4111, "4Kb"}, {4112, "4112b"}, {5120, "5Kb"}, {15360, "15Kb"},
		{16384, "16Kb"}, {32768, "32Kb"}, {65535, "64Kb"}, {128, "128b"}, {131072, "128Kb"},
		{1047552, "1023Kb"}, {1047553, "1023Kb"}, {1048575, "1024Kb"}, {1048576, "1Mb"}, {1049599, "1Mb"},
		{1049600, "1025Kb"}, {1572864, "1536Kb"}, {10485760, "10Mb"}, {104857600, "100Mb"},
		{134217728, "128Mb"}, {1073741823, "1024Mb"}, {1073741824, "1024Mb"}, {2147483648, "2048Mb"},
		{3221225472, "3072Mb"}, {4294966272, "4.1943e+06Kb"}, {4294967295, "4096Mb"}, {1375, "1375b"},
		// not from tc (beyond its 32 bits)
		{0, "0b"}, {1 << 40, "1.04858e+06Mb"}, {math.MaxUint64, "1.75922e+13Mb"},
	} {
		if got := SizeText(c.bytes); got != c.text {
			t.Errorf("SizeText(%d) = %q, want %q", c.bytes, got, c.text)
		}
	}
}

func TestTimeText(t *testing.T) {
	// tc: "tbf rate 1MBps burst 1600 limit 1600+N" shows "lat TEXT" (and
	// "lat": N in JSON); 8, 2496, 32704 … from other tbf settings.
	for _, c := range []struct {
		usec uint64
		text string
	}{
		{0, "0us"}, {1, "1us"}, {8, "8us"}, {9, "9us"}, {10, "10us"}, {96, "96us"}, {99, "99us"},
		{999, "999us"}, {1000, "1ms"}, {1001, "1ms"}, {1004, "1ms"}, {1005, "1ms"}, {1006, "1.01ms"},
		{1500, "1.5ms"}, {1994, "1.99ms"}, {1995, "2ms"}, {1996, "2ms"}, {2496, "2.5ms"},
		{9994, "9.99ms"}, {9995, "9.99ms"}, {9996, "10ms"}, {12345, "12.3ms"}, {32704, "32.7ms"},
		{99949, "99.9ms"}, {99950, "100ms"}, {400000, "400ms"}, {999499, "999ms"},
		{999500, "1e+03ms"}, {999998, "1e+03ms"}, {999999, "1e+03ms"}, {1000000, "1s"}, {1004999, "1s"},
		{1500000, "1.5s"}, {9995000, "9.99s"}, {12345678, "12.3s"}, {99949999, "99.9s"},
		{99950000, "100s"}, {123456789, "123s"}, {705032704, "705s"}, {999500000, "1e+03s"},
		{1000000000, "1e+03s"}, {4293999999, "4.29e+03s"}, {4294000000, "4.29e+03s"},
		// not from tc (beyond its 32 bits)
		{math.MaxUint64, "1.84e+13s"},
	} {
		if got := TimeText(c.usec); got != c.text {
			t.Errorf("TimeText(%d) = %q, want %q", c.usec, got, c.text)
		}
	}
}

// near reports whether got is within abs plus rel·want of want.
func near(got, want uint64, abs, rel float64) bool {
	return math.Abs(float64(got)-float64(want)) <= abs+rel*float64(want)
}

// FuzzUnitText checks that the texts read back, with grammar's parsers,
// as what they show: a rate within 0.1%, a size within 1023 bytes and
// 0.0005% (%g's six digits, which may round the largest sizes past 2⁶⁴),
// a time within 0.5% (three digits).
func FuzzUnitText(f *testing.F) {
	for _, n := range []uint64{0, 1, 1543, 187500, 1048575, 4294966272, 999500, 1 << 61, math.MaxUint64} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n uint64) {
		for _, iec := range []bool{false, true} {
			text := RateText(n, iec)
			if r, err := grammar.ParseRate(text); err != nil || !near(r, n, 1, 0.001) {
				t.Fatalf("rate %d: %q reads %d, %v", n, text, r, err)
			}
		}
		text := SizeText(n)
		if s, err := grammar.ParseSize(text); err != nil && n < math.MaxUint64-1<<45 || err == nil && !near(s, n, 1023, 0.000005) {
			t.Fatalf("size %d: %q reads %d, %v", n, text, s, err)
		}
		text = TimeText(n)
		if u, err := grammar.ParseTime(text); err != nil || !near(u, n, 1, 0.005) {
			t.Fatalf("time %d: %q reads %d, %v", n, text, u, err)
		}
	})
}
