package sched

import (
	"math"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// here is this machine's clock, "000003e8 00000040 000f4240 3b9aca00".
var here = Clock{T2US: 1000, US2T: 64, ClockRes: 1000000, HZ: 1000000000}

func TestParseClock(t *testing.T) {
	for _, c := range []struct {
		text  string
		want  Clock
		ok    bool
		ticks float64
		hz    uint32
	}{
		{"000003e8 00000040 000f4240 3b9aca00\n", here, true, 15.625, 1000000000},
		{"000003e800000040000f42403b9aca00", here, true, 15.625, 1000000000},
		{"000003e8 00000040 000f4240 00000064 ff", Clock{1000, 64, 1000000, 100}, true, 15.625, 100},
		{"3e8 40 f4240", Clock{1000, 64, 1000000, 0}, true, 15.625, 100},
		// pre-hrtimer kernels: 1024 ns ticks, HZ 250
		{"000003e8 00000400 000f4240 000000fa", Clock{1000, 1024, 1000000, 250}, true, 0.9765625, 250},
		// a nanosecond clock: T2US is taken as US2T, and get_hz ignores HZ
		{"000003e8 00000040 3b9aca00 3b9aca00", Clock{1000, 64, 1000000000, 1000000000}, true, 1000, 100},
		{"", Clock{}, false, 1, 100}, {"000003e8 00000040", Clock{}, false, 1, 100},
		{"000003e8 00000000 000f4240 3b9aca00", Clock{}, false, 1, 100},
		{"000003e8 00000040 00000000 3b9aca00", Clock{}, false, 1, 100},
		{"00000000 00000040 000f4240 3b9aca00", Clock{}, false, 1, 100},
		{"0x3e8 40 f4240", Clock{}, false, 1, 100}, {"zz", Clock{}, false, 1, 100},
	} {
		got, err := ParseClock(c.text)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseClock(%q) = %+v, %v; want %+v, ok %v", c.text, got, err, c.want, c.ok)
		}
		if tk, hz := got.TicksPerUsec(), got.Hz(); tk != c.ticks || hz != c.hz {
			t.Errorf("ParseClock(%q): %v ticks/µs, %d Hz; want %v, %d", c.text, tk, hz, c.ticks, c.hz)
		}
	}
}

// xmitTime61 is tc 6.1's tc_calc_xmittime, for checking the observed
// vectors: whole microseconds, then whole ticks.
func xmitTime61(c Clock, rate, size uint64) uint32 {
	usec := uint32(1000000 * (float64(size) / float64(rate)))
	return uint32(float64(usec) * c.TicksPerUsec())
}

// xmitSize61 is tc 6.1's tc_calc_xmitsize: whole microseconds of the ticks.
func xmitSize61(c Clock, rate uint64, ticks uint32) uint64 {
	return uint64(float64(rate) * float64(uint32(c.Ticks2Usec(ticks))) / 1000000)
}

func TestXmit(t *testing.T) {
	// tc 6.1 ("tc -r class show" and strace of "tc class add … htb rate R
	// [burst B]"): the buffer in ticks it sent and the burst it showed;
	// htb's default burst is rate/Hz + 1600. The fixed columns are tc
	// 6.15+'s arithmetic (not run here).
	for _, c := range []struct {
		what              string
		rate, size        uint64
		ticks61, ticks    uint32
		shown61, shownFix uint64
	}{
		{"1kbit", 125, 1600, 200000000, 200000000, 1600, 1600},
		{"1mbit", 125000, 1600, 200000, 200000, 1600, 1600},
		{"100mbit", 12500000, 1600, 2000, 2000, 1600, 1600},
		{"1gbit", 125000000, 1600, 187, 200, 1375, 1600},
		{"4gbit", 500000000, 1600, 46, 50, 1000, 1600},
		{"10gbit", 1250000000, 1601, 15, 21, 0, 1680},
		{"40gbit", 5000000000, 1605, 0, 6, 0, 1920},
		{"5000gbit", 625000000000, 2225, 0, 1, 0, 40000},
		{"1mbit burst 15k", 125000, 15360, 1920000, 1920000, 15360, 15360},
		{"1gbit burst 1000", 125000000, 1000, 125, 125, 1000, 1000},
		{"10gbit cburst 100000", 1250000000, 100000, 1250, 1250, 100000, 100000},
		{"12345bit", 1543, 1600, 16202203, 16202204, 1599, 1600},
		{"1.5kbit", 187, 1600, 133689828, 133689840, 1599, 1600},
		{"1mbit mtu 9000", 125000, 9000, 1125000, 1125000, 9000, 9000},
	} {
		if got := xmitTime61(here, c.rate, c.size); got != c.ticks61 {
			t.Errorf("%s: tc 6.1 model %d ticks, observed %d", c.what, got, c.ticks61)
		}
		if got := xmitSize61(here, c.rate, c.ticks61); got != c.shown61 {
			t.Errorf("%s: tc 6.1 model shows %d, observed %d", c.what, got, c.shown61)
		}
		if got := here.XmitTime(c.rate, c.size); got != c.ticks {
			t.Errorf("%s: XmitTime(%d, %d) = %d, want %d", c.what, c.rate, c.size, got, c.ticks)
		}
		if got := here.XmitSize(c.rate, c.ticks); got != c.shownFix {
			t.Errorf("%s: XmitSize(%d, %d) = %d, want %d", c.what, c.rate, c.ticks, got, c.shownFix)
		}
	}
	// tc 6.1 "tc -r qdisc show" of "tbf rate R burst 1600 latency 1ms":
	// the kernel computes the buffer from the burst, and tc shows it as
	// "burst 1500b" (1gbit, 4gbit), "1250b" (10gbit), "0b" (40gbit).
	for _, c := range []struct {
		rate              uint64
		ticks             uint32
		shown61, shownFix uint64
	}{
		{125000000, 200, 1500, 1600}, {500000000, 50, 1500, 1600}, {1250000000, 19, 1250, 1520},
		{5000000000, 4, 0, 1280},
	} {
		if got := xmitSize61(here, c.rate, c.ticks); got != c.shown61 {
			t.Errorf("tbf %d B/s: tc 6.1 model shows %d, observed %d", c.rate, got, c.shown61)
		}
		if got := here.XmitSize(c.rate, c.ticks); got != c.shownFix {
			t.Errorf("XmitSize(%d, %d) = %d, want %d", c.rate, c.ticks, got, c.shownFix)
		}
	}
	for _, c := range []struct {
		rate, size uint64
		ticks      uint32
	}{
		{0, 0, 0}, {0, 1, math.MaxUint32}, {1, 0, 0}, {1, 1 << 40, math.MaxUint32}, {125000, 984, 123001},
		{math.MaxUint64, 1, 1},
	} {
		if got := here.XmitTime(c.rate, c.size); got != c.ticks {
			t.Errorf("XmitTime(%d, %d) = %d, want %d", c.rate, c.size, got, c.ticks)
		}
	}
	if got := here.XmitSize(390625, here.XmitTime(390625, 1095346)); got != 1095345 {
		t.Errorf("XmitSize(390625, XmitTime(390625, 1095346)) = %d, want 1095345", got)
	}
	if got := here.XmitSize(math.MaxUint64, math.MaxUint32); got != math.MaxUint64 {
		t.Errorf("XmitSize(max, max) = %d", got)
	}
	if got := (Clock{}).XmitTime(125000, 1600); got != 12800 {
		t.Errorf("fallback clock: XmitTime(1mbit, 1600) = %d, want 12800", got)
	}
}

func TestTicks(t *testing.T) {
	for _, c := range []struct {
		usec  uint64
		ticks uint32
		ok    bool
	}{
		{0, 0, true}, {1, 15, true}, {10, 156, true}, {400000, 6250000, true},
		{274877906, 4294967281, true}, {274877907, 0, false}, {math.MaxUint64, 0, false},
	} {
		ticks, ok := here.Usec2Ticks(c.usec)
		if ticks != c.ticks || ok != c.ok {
			t.Errorf("Usec2Ticks(%d) = %d, %v; want %d, %v", c.usec, ticks, ok, c.ticks, c.ok)
		}
	}
	// tc 6.1 "tc -r": htb 1gbit buffer [000000bb]
	if got := here.Ticks2Usec(0xbb); got != 11.968 {
		t.Errorf("Ticks2Usec(187) = %v", got)
	}
}

func TestRateTable(t *testing.T) {
	// Entries 0, 1, 11, 12, 122, 248 and 255 of the tables tc 6.1 sent for
	// htb classes (strace), and of the tables with XmitTime's rounding.
	// Every entry of tc 6.1's tables matched rateTable with xmitTime61.
	for _, c := range []struct {
		what               string
		rate               uint64
		cellLog            int
		mtu                uint32
		mpu                uint16
		linklayer          uint8
		wantCellLog        uint8
		entries61, entries [7]uint32
	}{
		{"rate 1mbit (rtab)", 125000, -1, 1600, 0, 1, 3, [7]uint32{1000, 2000, 12000, 13000, 123000, 248984, 256000}, [7]uint32{1000, 2000, 12000, 13000, 123001, 249000, 256000}},
		{"rate 100mbit (rtab)", 12500000, -1, 1600, 0, 1, 3, [7]uint32{0, 15, 109, 125, 1218, 2484, 2546}, [7]uint32{10, 20, 120, 130, 1230, 2490, 2560}},
		{"rate 1gbit (rtab)", 125000000, -1, 1600, 0, 1, 3, [7]uint32{0, 0, 0, 0, 109, 234, 250}, [7]uint32{1, 2, 12, 14, 123, 250, 256}},
		{"rate 10gbit (rtab)", 1250000000, -1, 1600, 0, 1, 3, [7]uint32{0, 0, 0, 0, 0, 15, 15}, [7]uint32{1, 1, 2, 2, 13, 25, 26}},
		{"rate 40gbit (rtab)", 5000000000, -1, 1600, 0, 1, 3, [7]uint32{0, 0, 0, 0, 0, 0, 0}, [7]uint32{1, 1, 1, 1, 4, 7, 7}},
		{"rate 1mbit burst 15k mpu 64 overhead 24 linklayer atm (rtab)", 125000, -1, 1600, 64, 2, 3, [7]uint32{13250, 13250, 13250, 19875, 139125, 278250, 284875}, [7]uint32{13250, 13250, 13250, 19875, 139125, 278250, 284875}},
		{"rate 12345bit ceil 1.5kbit (rtab)", 1543, -1, 1600, 0, 1, 3, [7]uint32{81000, 162015, 972125, 1053140, 9964343, 20171734, 20738812}, [7]uint32{81012, 162023, 972133, 1053144, 9964356, 20171744, 20738821}},
		{"rate 1mbit mtu 9000 (rtab)", 125000, -1, 9000, 0, 1, 6, [7]uint32{8000, 16000, 96000, 104000, 984000, 1991984, 2048000}, [7]uint32{8000, 16000, 96000, 104000, 984001, 1992000, 2048000}},
		{"rate 1mbit mtu 100000 burst 1600/64 (rtab)", 125000, 6, 100000, 0, 1, 6, [7]uint32{8000, 16000, 96000, 104000, 984000, 1991984, 2048000}, [7]uint32{8000, 16000, 96000, 104000, 984001, 1992000, 2048000}},
		{"rate 1mbit mtu 100000 burst 1600/64 (ctab)", 125000, -1, 100000, 0, 1, 9, [7]uint32{64000, 128000, 768000, 832000, 7872000, 15935984, 16384000}, [7]uint32{64000, 128000, 768000, 832000, 7872001, 15936000, 16384000}},
		// not from tc: the default mtu and an unaware link layer
		{"mtu 0", 125000, -1, 0, 0, 0x10, 3, [7]uint32{1000, 2000, 12000, 13000, 123000, 248984, 256000}, [7]uint32{1000, 2000, 12000, 13000, 123001, 249000, 256000}},
	} {
		for i, ix := range [7]int{0, 1, 11, 12, 122, 248, 255} {
			r := rtnl.RateSpec{Linklayer: c.linklayer, MPU: c.mpu, Overhead: 24, Rate: 7}
			got := here.RateTable(&r, c.rate, c.cellLog, c.mtu)
			if got[ix] != c.entries[i] {
				t.Errorf("%s: entry %d is %d, want %d", c.what, ix, got[ix], c.entries[i])
			}
			if r != (rtnl.RateSpec{CellLog: c.wantCellLog, Linklayer: c.linklayer & 0xf, CellAlign: -1, MPU: c.mpu, Overhead: 24, Rate: 7}) {
				t.Errorf("%s: spec %+v", c.what, r)
			}
			old := rateTable(&r, c.cellLog, c.mtu, func(size uint32) uint32 { return xmitTime61(here, c.rate, uint64(size)) })
			if old[ix] != c.entries61[i] {
				t.Errorf("%s: tc 6.1 model entry %d is %d, observed %d", c.what, ix, old[ix], c.entries61[i])
			}
		}
	}
}

func TestAdjustSize(t *testing.T) {
	for _, c := range []struct {
		size, mpu uint32
		linklayer uint8
		want      uint32
	}{
		{8, 0, LinklayerEthernet, 8}, {8, 64, LinklayerEthernet, 64}, {8, 64, LinklayerATM, 106},
		{48, 0, LinklayerATM, 53}, {49, 0, LinklayerATM, 106}, {1600, 0, LinklayerATM, 1802},
		{0, 0, LinklayerATM, 0}, {1600, 0, LinklayerUnaware, 1600},
	} {
		if got := adjustSize(c.size, c.mpu, c.linklayer); got != c.want {
			t.Errorf("adjustSize(%d, %d, %d) = %d, want %d", c.size, c.mpu, c.linklayer, got, c.want)
		}
	}
}

// FuzzClock checks that any psched text parses to a usable clock or to an
// error, and that with this machine's clock sending XmitTime's ticks at a
// rate carries the bytes asked for (but for one lost to floating point),
// unless the ticks hit their limit.
func FuzzClock(f *testing.F) {
	f.Add("000003e8 00000040 000f4240 3b9aca00\n", uint64(125000000), uint64(1600))
	f.Add("000003e8 00000400 000f4240 000000fa", uint64(1543), uint64(1600))
	f.Add("1 1 3b9aca00 0", uint64(1), uint64(0))
	f.Fuzz(func(t *testing.T, text string, rate, size uint64) {
		c, err := ParseClock(text)
		if err != nil {
			if c != (Clock{}) {
				t.Fatalf("%q: %+v with %v", text, c, err)
			}
			return
		}
		if tk := c.TicksPerUsec(); !(tk > 0) || math.IsInf(tk, 0) || c.Hz() == 0 {
			t.Fatalf("%q: %v ticks/µs, %d Hz", text, tk, c.Hz())
		}
		ticks := here.XmitTime(rate, size)
		if ticks == math.MaxUint32 || rate == 0 {
			return
		}
		if got := here.XmitSize(rate, ticks); got+1 < size {
			t.Fatalf("%d bytes at %d B/s take %d ticks, which carry %d", size, rate, ticks, got)
		}
	})
}
