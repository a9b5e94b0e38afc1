package qdisc

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const stabUsage = `Usage: ... stab [ mtu BYTES ] [ tsize SLOTS ] [ mpu BYTES ]
                [ overhead BYTES ] [ linklayer TYPE ] ...
   mtu       : max packet size we create rate map for {2047}
   tsize     : how many slots should size table have {512}
   mpu       : minimum packet size used in rate computations
   overhead  : per-packet size overhead used in rate computations
   linklayer : adapting to a linklayer e.g. atm
Example: ... stab overhead 20 linklayer atm`

// maxStabSlots is the most slots a size table can have and still fit the
// 64 KiB of a netlink attribute.
const maxStabSlots = (math.MaxUint16 - 64) / 2

// parseStab reads a size table's words after "stab" as tc does, leaving
// the cursor on the first word that is not one of them. Options that
// change nothing (no link layer, mpu or overhead) fail without a word,
// as tc's do (exit 255).
func parseStab(a *grammar.Args) (*rtnl.SizeTable, error) {
	if _, err := a.Value(); err != nil {
		return nil, err
	}
	a.Back()
	if grammar.Matches(a.Peek(), "help") {
		return nil, fail.Usagef("%s", stabUsage)
	}
	var s rtnl.SizeSpec
	linklayer := false
	for a.More() {
		w := a.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		if !m("mtu") && !m("mpu") && !m("overhead") && !m("tsize") && !m("linklayer") {
			break
		}
		a.Next()
		v, err := a.Value()
		if err != nil {
			return nil, err
		}
		u32 := func(field *uint32, key, msg string) error {
			if *field != 0 {
				return fail.Duplicate(key, v)
			}
			n, ok := grammar.CUint(v, 10, math.MaxUint32)
			if !ok {
				return fail.Invalid(key, msg)
			}
			*field = uint32(n)
			return nil
		}
		switch {
		case m("mtu"):
			err = u32(&s.MTU, "mtu", "invalid mtu")
		case m("mpu"):
			err = u32(&s.MPU, "mpu", "invalid mpu")
		case m("tsize"):
			err = u32(&s.TSize, "tsize", "invalid table size")
		case m("overhead"):
			if s.Overhead != 0 {
				return nil, fail.Duplicate("overhead", v)
			}
			n, ok := grammar.CInt(v, 10)
			if !ok {
				return nil, fail.Invalid("overhead", "invalid overhead")
			}
			s.Overhead = n
		default:
			if linklayer {
				return nil, fail.Duplicate("linklayer", v)
			}
			ll, ok := sched.ParseLinklayer(v)
			if !ok {
				return nil, fail.Invalid("linklayer", "invalid linklayer")
			}
			s.LinkLayer, linklayer = uint32(ll), true
		}
		if err != nil {
			return nil, err
		}
	}
	if !linklayer && s.MPU == 0 && s.Overhead == 0 {
		return nil, fail.Usagef("")
	}
	if s.TSize > maxStabSlots {
		return nil, fail.Usagef("Error: a size table of %d slots does not fit a netlink message (at most %d).", s.TSize, maxStabSlots)
	}
	return sizeTable(s), nil
}

// sizeTable completes a size table's spec and computes its slots as tc's
// tc_calc_size_table does: without a link layer beyond Ethernet or an mpu
// to model, the kernel needs only the overhead and no slots; otherwise
// slot i holds the length on the wire of a packet of (i+1)<<cell_log
// bytes, cell_log the smallest that fits mtu (2047) into tsize (512)
// slots and size_log the smallest shift that fits every length into 16
// bits.
func sizeTable(s rtnl.SizeSpec) *rtnl.SizeTable {
	if uint8(s.LinkLayer) <= sched.LinklayerEthernet && s.MPU == 0 {
		s.MTU, s.TSize, s.CellLog, s.CellAlign = 0, 0, 0, 0
		return &rtnl.SizeTable{Spec: s}
	}
	if s.MTU == 0 {
		s.MTU = 2047
	}
	if s.TSize == 0 {
		s.TSize = 512
	}
	for s.CellLog < 32 && uint64(s.MTU)>>s.CellLog > uint64(s.TSize-1) {
		s.CellLog++
	}
	data := make([]uint16, s.TSize)
again:
	for i := len(data) - 1; i >= 0; i-- {
		sz := adjustSize(uint64(i+1)<<s.CellLog, uint64(s.MPU), uint8(s.LinkLayer))
		if sz>>s.SizeLog > math.MaxUint16 {
			s.SizeLog++
			goto again
		}
		data[i] = uint16(sz >> s.SizeLog)
	}
	s.CellAlign = -1
	return &rtnl.SizeTable{Spec: s, Data: data}
}

// adjustSize is a packet's length as a size table counts it: at least mpu,
// and on ATM whole 53-byte cells of 48 payload bytes. Lengths are 32-bit
// as tc computes them.
func adjustSize(size, mpu uint64, linklayer uint8) uint64 {
	size = uint64(uint32(max(size, mpu)))
	if linklayer == sched.LinklayerATM {
		size = uint64(uint32((size + 47) / 48 * 53))
	}
	return size
}

// printStab prints a size table's spec as tc does under -d: a line of its
// own, a "stab" object in JSON.
func printStab(f *format.Fields, s rtnl.SizeSpec) {
	f.Open("stab")
	f.Literal(" ")
	if s.LinkLayer != 0 {
		f.String("linklayer", "linklayer %s ", sched.LinklayerText(uint8(min(s.LinkLayer, 255))))
	}
	if s.Overhead != 0 {
		f.Int("overhead", "overhead %d ", int64(s.Overhead))
	}
	if s.MPU != 0 {
		f.Uint("mpu", "mpu %u ", uint64(s.MPU))
	}
	if s.MTU != 0 {
		f.Uint("mtu", "mtu %u ", uint64(s.MTU))
	}
	if s.TSize != 0 {
		f.Uint("tsize", "tsize %u ", uint64(s.TSize))
	}
	f.Close()
}
