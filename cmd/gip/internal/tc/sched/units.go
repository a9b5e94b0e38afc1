package sched

import (
	"math"
	"strconv"
)

// rateUnits are the prefixes RateText divides by, up to tera.
var rateUnits = [...]string{"", "K", "M", "G", "T"}

// RateText is a rate as tc's text shows it ("1Mbit", "1500Kbit",
// "12344bit"; JSON shows the raw bytes/s instead).
//
// The bytes are taken as bits (×8), then divided by 1000 (1024 when iec,
// with "Ki", "Mi"… then) while the value is at least 1000 and either
// divides evenly or is at least a million (1000·1024 when iec), at most
// four times; what is left is printed whole, the remainder dropped. So
// 1543 bytes/s is "12344bit", 1234567 is "9876Kbit" and 1000000 (1mbps)
// is "8Mbit"; with iec 187500 is "1464Kibit", but 125000 (1mbit) is
// "1000000bit", since 10⁶ is neither a multiple of 1024 nor 1024000 or more.
//
// tc shifts the bytes left by 3 in 64 bits, so rates of 2⁶¹ bytes/s or
// more wrap there ("1e20bit" shows "7766279Tbit"); RateText shows their
// true value ("100000000Tbit").
func RateText(bytesPerSec uint64, iec bool) string {
	kilo := uint64(1000)
	if iec {
		kilo = 1024
	}
	r, i := bytesPerSec<<3, 0
	if bytesPerSec >= 1<<61 {
		// The bits do not fit: take the first division on the bytes
		// (kilo/8 of them), which tc's loop would do on such a value.
		r, i = bytesPerSec/(kilo/8), 1
	}
	for ; i < len(rateUnits)-1; i++ {
		if r < kilo || r%kilo != 0 && r < 1000*kilo {
			break
		}
		r /= kilo
	}
	b := strconv.AppendUint(nil, r, 10)
	b = append(b, rateUnits[i]...)
	if iec && i > 0 {
		b = append(b, 'i')
	}
	return string(append(b, "bit"...))
}

// SizeText is a size in bytes as tc 6.1's text shows it (sprint_size;
// JSON shows the raw number): whole mebibytes within 1023 bytes as "%gMb"
// ("1Mb" for 1048576 to 1049599), else whole kibibytes within 15 bytes
// as "%gKb" ("4Kb" for 4081 to 4111, "1Kb" from 1024, never below), else
// "%db" ("1599b", "1040b", "1600b"). The count is rounded to nearest
// (half to even) and printed with C's %g, six significant digits: 2⁴⁰
// bytes show "1.04858e+06Mb", and 4294966272, 1024 bytes short of 4096Mb,
// "4.1943e+06Kb".
//
// tc 6.1 passes 32 bits and has no larger unit: 1073741824 is "1024Mb".
// tc 6.18 takes 64 bits and adds "%gGb" within 1023 bytes of whole
// gibibytes, which SizeText does not.
func SizeText(bytes uint64) string {
	const kilo, mega = 1024, 1024 * 1024
	v := float64(bytes)
	if n := math.RoundToEven(v / mega); bytes >= mega && math.Abs(mega*n-v) < 1024 {
		return cG(n, 6) + "Mb"
	}
	if n := math.RoundToEven(v / kilo); bytes >= kilo && math.Abs(kilo*n-v) < 16 {
		return cG(n, 6) + "Kb"
	}
	return strconv.FormatUint(bytes, 10) + "b"
}

// TimeText is a time in microseconds as tc's text shows it (sprint_time;
// JSON shows the raw number): from a second up "%.3gs" ("1s", "1.5s",
// "123s", "1e+03s" for 1000 s), from a millisecond "%.3gms" ("400ms",
// "2.5ms", "12.3ms", "1e+03ms" for 999500µs and above), else "%dus"
// ("999us"). Three significant digits are rounded as C rounds the binary
// value: 1005µs is "1ms" and 1995µs "2ms".
//
// tc passes 32 bits, so it never shows 2³²µs (about 71.6 minutes) or more;
// TimeText shows them in seconds as any other time.
func TimeText(usec uint64) string {
	v := float64(usec)
	switch {
	case usec >= 1000000:
		return cG(v/1000000, 3) + "s"
	case usec >= 1000:
		return cG(v/1000, 3) + "ms"
	}
	return strconv.FormatUint(usec, 10) + "us"
}

// cG is C's printf "%.*g" with digits significant digits, for finite
// numbers (strconv's 'g' chooses between %e and %f and drops trailing
// zeros as C does, and writes the exponent with at least two digits).
func cG(v float64, digits int) string {
	return strconv.FormatFloat(v, 'g', digits, 64)
}
