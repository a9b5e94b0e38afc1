package filter

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// printU32 prints a u32 filter as tc's u32_print_opt does; its keys raw
// ("match 0a000001/ffffffff at 16"), in JSON as an array of match objects
// (tc repeats a "match" key per key, which JSON parsers merge).
func printU32(f *format.Fields, o *rtnl.U32Filter, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 {
		f.String("fh", "fh %s ", U32HandleText(h.Handle, v.Q.Raw))
	}
	if node := rtnl.U32Node(h.Handle); node != 0 {
		f.Int("order", "order %d ", int64(node))
	}
	sel, hasSel := o.Sel, o.Sel != nil
	switch {
	case o.Divisor.Set:
		f.Int("ht_divisor", "ht divisor %d ", int64(o.Divisor.V))
	case o.Hash.Set:
		f.String("key_ht", "key ht %s ", strconv.FormatUint(uint64(rtnl.U32HTID(o.Hash.V)>>20), 16))
		f.String("bkt", "bkt %s ", strconv.FormatUint(uint64(rtnl.U32Hash(o.Hash.V)), 16))
	}
	switch {
	case o.Classid.Set:
		if hasSel && sel.Flags&rtnl.U32Terminal != 0 {
			f.Literal("*")
		}
		f.String("flowid", "flowid %s ", sched.ClassIDText(o.Classid.V))
	case hasSel && sel.Flags&rtnl.U32Terminal != 0:
		f.Literal("terminal flowid ")
	}
	if l, ok := o.Link.Get(); ok {
		f.String("link", "link %s ", U32HandleText(l, v.Q.Raw))
	}
	if fl, ok := o.Flags.Get(); ok {
		printClsFlags(f, fl)
	}
	stats := v.Q.Stats && hasSel && len(o.Pcnt) >= 2
	if stats {
		f.Uint("rule_hit", "(rule hit %u ", o.Pcnt[0])
		f.Uint("success", "success %u)", o.Pcnt[1])
	}
	if m, ok := o.Mark.Get(); ok {
		f.Line()
		f.String("fwmark_value", "  mark %s ", "0x"+pad4(m.Val))
		f.String("fwmark_mask", "%s ", "0x"+pad4(m.Mask))
		f.Int("fwmark_success", "(success %d)", int64(int32(m.Success)))
	}
	if hasSel {
		if len(sel.Keys) > 0 {
			f.OpenArray("match")
			for i, k := range sel.Keys {
				f.OpenElement()
				printKey(f, k, h, v)
				if stats && len(o.Pcnt) > 2+i {
					f.Uint("success", " (success %u ) ", o.Pcnt[2+i])
				}
				f.Close()
			}
			f.CloseArray()
		}
		if f.JSON() {
			printSelectors(f, u32Selectors(filterProto(h), o))
		}
		if sel.Flags&(rtnl.U32VarOffset|rtnl.U32Offset) != 0 {
			f.Line()
			f.Literal("    offset ")
			if sel.Flags&rtnl.U32VarOffset != 0 {
				f.String("offset_mask", "", strconv.FormatUint(uint64(sel.Offmask), 16))
				f.Literal(pad4(uint32(sel.Offmask)))
				f.Int("offset_shift", ">>%d ", int64(sel.Offshift))
				f.Int("offset_off", "at %d ", int64(sel.Offoff))
			}
			if sel.Off != 0 {
				f.Int("plus", "plus %d ", int64(int16(sel.Off)))
			}
		}
		if sel.Flags&rtnl.U32Eat != 0 {
			f.Literal(" eat ")
		}
		if sel.Hmask != 0 {
			f.Line()
			f.String("hash_mask", "", strconv.FormatUint(uint64(sel.Hmask), 16))
			f.Literal("    hash mask " + hex8(sel.Hmask) + " ")
			f.Int("hash_off", "at %d ", int64(sel.Hoff))
		}
	}
	if o.Police != nil {
		f.Line()
		action.PrintFilterPolice(f, o.Police, v.A)
	}
	if d, ok := o.Indev.Get(); ok {
		f.Line()
		f.String("input_dev", "  input dev %s", d)
		f.Line()
	}
	if len(o.ActionsRaw) > 0 {
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}

// printKey prints one key: raw ("match 0a000001/ffffffff at 16"), or
// with -p, for an ip or ipv6 filter, decoded as tc 6.1's pretty printers
// do. With -p -j tc 6.1 opens an object per key that its printers do not
// close (an empty one for a key they do not know, the next key nested in
// it) and aborts; gip keeps the raw array there (View.Pretty is off in
// JSON).
func printKey(f *format.Fields, k rtnl.U32Key, h rtnl.TCMsg, v *View) {
	if v.Pretty {
		switch filterProto(h) {
		case unix.ETH_P_IP:
			prettyKey(f, k, false)
			return
		case unix.ETH_P_IPV6:
			prettyKey(f, k, true)
			return
		}
	}
	at := ""
	if k.OffMask != 0 {
		at = "nexthdr+"
	}
	// tc pads the hex in text, not in JSON; each side builds only its
	// own strings (a listing has thousands of keys).
	if f.JSON() {
		f.String("value", "", strconv.FormatUint(uint64(k.Val), 16))
		f.String("mask", "", strconv.FormatUint(uint64(k.Mask), 16))
		f.String("offmask", "", at)
		f.Int("off", "", int64(k.Off))
		return
	}
	f.Line()
	f.Uint("", "  match %08x", uint64(k.Val))
	f.Uint("", "/%08x ", uint64(k.Mask))
	f.String("", "at %s", at)
	f.Int("", "%d", int64(k.Off))
}

// printSelectors prints the node's keys decoded back to selectors, a JSON
// array of its own beside the raw "match" (gip's, not tc's).
func printSelectors(f *format.Fields, sels []string) {
	f.OpenArray("selectors")
	for _, s := range sels {
		f.Element("", s)
	}
	f.CloseArray()
}

// filterProto is a filter's protocol, host order.
func filterProto(h rtnl.TCMsg) uint16 { return uint16(h.Info>>8&0xFF | h.Info<<8&0xFF00) }

// prettyKey is tc 6.1's ip and ipv6 pretty printers, text only, with
// their quirks: a key they do not know prints nothing; the ipv6 printer
// reads the ipv4 header (addresses at 12 and 16, as IPv4 addresses); the
// ports at 20 swap places between the two, and one of each (ipv4's dport
// alone, ipv6's dport alone) starts no line of its own, so that it runs
// on from what was printed before.
func prettyKey(f *format.Fields, k rtnl.U32Key, v6 bool) {
	line := func(s string) {
		f.Line()
		f.Literal(s)
	}
	switch k.Off {
	case 0:
		switch k.Mask {
		case 0x0F000000:
			line("  match IP ihl " + strconv.FormatUint(uint64(k.Val>>24), 10))
		case 0x00FF0000:
			ds := "0"
			if x := k.Val >> 16; x != 0 {
				ds = "0x" + strconv.FormatUint(uint64(x), 16)
			}
			line("  match IP dsfield " + ds)
		}
	case 8:
		if k.Mask == 0x00FF0000 {
			line("  match IP protocol " + strconv.FormatInt(int64(int32(k.Val>>16)), 10))
		}
	case 12, 16:
		if bits, ok := prefixBits32(k.Mask); ok {
			which := "src"
			if k.Off == 16 {
				which = "dst"
			}
			var a [4]byte
			binary.BigEndian.PutUint32(a[:], k.Val)
			line("  match IP " + which + " " + netip.AddrFrom4(a).String() + "/" + strconv.Itoa(bits))
		}
	case 20:
		lo, hi := strconv.FormatUint(uint64(k.Val&0xFFFF), 10), strconv.FormatUint(uint64(k.Val>>16), 10)
		switch {
		case k.Mask == 0x0000FFFF && !v6:
			f.Literal("match dport " + lo)
		case k.Mask == 0xFFFF0000 && !v6:
			line("  match sport " + hi)
		case k.Mask == 0xFFFFFFFF && !v6:
			line("  match dport " + lo + ", match sport " + hi)
		case k.Mask == 0x0000FFFF:
			line("  match sport " + lo)
		case k.Mask == 0xFFFF0000:
			f.Literal("match dport " + hi)
		case k.Mask == 0xFFFFFFFF:
			line("  match sport " + lo + ", match dport " + hi)
		}
	}
}

// prefixBits32 is the prefix length of a netmask (host order), false if the
// mask is not one.
func prefixBits32(m uint32) (int, bool) {
	host := ^m
	if host&(host+1) != 0 {
		return 0, false
	}
	return bits.OnesCount32(m), true
}

// printClsFlags prints a classifier's flags as tc does.
func printClsFlags(f *format.Fields, fl uint32) {
	if fl&rtnl.ClsFlagSkipHW != 0 {
		f.Bool("skip_hw", "skip_hw ", true)
	}
	if fl&rtnl.ClsFlagSkipSW != 0 {
		f.Bool("skip_sw", "skip_sw ", true)
	}
	if fl&rtnl.ClsFlagInHW != 0 {
		f.Bool("in_hw", "in_hw ", true)
	} else if fl&rtnl.ClsFlagNotInHW != 0 {
		f.Bool("not_in_hw", "not_in_hw ", true)
	}
}

func pad4(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	if len(s) < 4 {
		s = strings.Repeat("0", 4-len(s)) + s
	}
	return s
}
