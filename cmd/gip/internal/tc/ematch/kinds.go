package ematch

import (
	"bytes"
	"math"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// kind is one ematch kind: its name, its number (the kernel's, as
// /etc/iproute2/ematch_map gives it), its grammar and its printing.
type kind struct {
	name  string
	num   uint16
	usage string
	// parse reads the arguments after the kind's name into the kind's
	// data; nil data without an error is an answer that is no match
	// (meta(list)).
	parse func(args []*arg) ([]byte, *argError)
	// print is the text between the parentheses; false when tc gives up
	// (data too short), having said so on stderr.
	print func(data []byte) (string, bool)
}

// argError is a kind's complaint and the argument it is about (nil for
// none).
type argError struct {
	msg string
	at  *arg
}

func errAt(a *arg, msg string) *argError { return &argError{msg: msg, at: a} }

// kinds is every ematch kind gip knows, by name.
var kinds = map[string]*kind{
	"cmp":  cmpKind,
	"u32":  u32Kind,
	"meta": metaKind,
}

// kindByNum finds a kind by the number the kernel reports.
func kindByNum(n uint16) *kind {
	for _, k := range kinds {
		if k.num == n {
			return k
		}
	}
	return nil
}

// Kinds is the names of the ematch kinds gip knows.
func Kinds() []string { return []string{"cmp", "meta", "u32"} }

// bstrtoul reads a number as tc's bstrtoul does: strtoul with base 0 on
// the argument (up to a NUL), which takes a prefix and ignores what
// follows; no digits, or ULONG_MAX, fail.
func bstrtoul(a *arg) (uint64, bool) {
	s := a.data
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	v, n := strtoul(string(s))
	if n == 0 || v == math.MaxUint64 {
		return 0, false
	}
	return v, true
}

// strtoul is C's strtoul with base 0: the value and how many bytes it
// read (0: none); an overflow is ULONG_MAX.
func strtoul(s string) (uint64, int) {
	v, n, _ := grammar.Strtoul(s, 0)
	return v, n
}

func is(a *arg, s string) bool { return a != nil && string(a.data) == s }

// alignOf reads u8, u16 or u32.
func alignOf(a *arg) (int, bool) {
	switch {
	case is(a, "u8"):
		return 1, true
	case is(a, "u16"):
		return 2, true
	case is(a, "u32"):
		return 4, true
	}
	return 0, false
}

var cmpKind = &kind{
	name: "cmp", num: rtnl.EmCmpKind,
	usage: `Usage: cmp(ALIGN at OFFSET [ ATTRS ] { eq | lt | gt } VALUE)
where: ALIGN  := { u8 | u16 | u32 }
       ATTRS  := [ layer LAYER ] [ mask MASK ] [ trans ]
       LAYER  := { link | network | transport | 0..2 }

Example: cmp(u16 at 3 layer 2 mask 0xff00 gt 20)
`,
	parse: parseCmp,
	print: printCmp,
}

func parseCmp(args []*arg) ([]byte, *argError) {
	align, ok := alignOf(args[0])
	if !ok {
		return nil, errAt(args[0], "cmp: invalid alignment")
	}
	c := rtnl.EmCmp{Align: uint8(align), Layer: 1}
	var offset, value uint64
	hasOffset, hasValue := false, false
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		value1 := func(msg string) (uint64, *argError) {
			if i+1 >= len(args) {
				return 0, errAt(a, "cmp: missing argument")
			}
			i++
			v, ok := bstrtoul(args[i])
			if !ok {
				return 0, errAt(args[i], msg)
			}
			return v, nil
		}
		switch s := string(a.data); s {
		case "at":
			v, err := value1("cmp: invalid offset, must be numeric")
			if err != nil {
				return nil, err
			}
			offset, hasOffset = v, true
		case "layer":
			if i+1 >= len(args) {
				return nil, errAt(a, "cmp: missing argument")
			}
			i++
			l, ok := layerOf(args[i])
			if !ok {
				return nil, errAt(args[i], "cmp: invalid layer")
			}
			if l > 2 {
				return nil, errAt(args[i], "cmp: illegal layer, must be in 0..2")
			}
			c.Layer = uint8(l)
		case "mask":
			v, err := value1("cmp: invalid mask")
			if err != nil {
				return nil, err
			}
			c.Mask = uint32(v)
		case "trans":
			c.Flags |= rtnl.EmCmpTrans
		case "eq", "gt", "lt":
			c.Opnd = map[string]uint8{"eq": rtnl.EmOpndEq, "gt": rtnl.EmOpndGt, "lt": rtnl.EmOpndLt}[s]
			v, err := value1("cmp: invalid value")
			if err != nil {
				return nil, err
			}
			value, hasValue = v, true
		default:
			return nil, errAt(a, "nbyte: unknown parameter")
		}
	}
	if !hasOffset || !hasValue {
		return nil, errAt(nil, "cmp: offset and value required")
	}
	c.Val, c.Off = uint32(value), uint16(offset)
	return c.Bytes(), nil
}

// layerOf reads a layer: a name by its first letter, or a number.
func layerOf(a *arg) (uint64, bool) {
	if len(a.data) > 0 {
		switch a.data[0] {
		case 'l':
			return 0, true
		case 'n':
			return 1, true
		case 't':
			return 2, true
		}
	}
	return bstrtoul(a)
}

func printCmp(data []byte) (string, bool) {
	c, ok := rtnl.DecodeEmCmp(data)
	if !ok {
		return "", false
	}
	var b strings.Builder
	switch c.Align {
	case 1:
		b.WriteString("u8 ")
	case 2:
		b.WriteString("u16 ")
	case 4:
		b.WriteString("u32 ")
	}
	b.WriteString("at " + itoa(int64(c.Off)) + " layer " + itoa(int64(c.Layer)) + " ")
	if c.Mask != 0 {
		b.WriteString("mask 0x" + hex(uint64(c.Mask)) + " ")
	}
	if c.Flags&rtnl.EmCmpTrans != 0 {
		b.WriteString("trans ")
	}
	switch c.Opnd {
	case rtnl.EmOpndEq:
		b.WriteString("eq ")
	case rtnl.EmOpndLt:
		b.WriteString("lt ")
	case rtnl.EmOpndGt:
		b.WriteString("gt ")
	}
	b.WriteString(itoa(int64(int32(c.Val))))
	return b.String(), true
}

var u32Kind = &kind{
	name: "u32", num: rtnl.EmU32Kind,
	usage: `Usage: u32(ALIGN VALUE MASK at [ nexthdr+ ] OFFSET)
where: ALIGN  := { u8 | u16 | u32 }

Example: u32(u16 0x1122 0xffff at nexthdr+4)
`,
	parse: parseU32,
	print: printU32,
}

func parseU32(args []*arg) ([]byte, *argError) {
	align, ok := alignOf(args[0])
	if !ok {
		return nil, errAt(args[0], "u32: invalid alignment")
	}
	next := func(i int) *arg {
		if i < len(args) {
			return args[i]
		}
		return nil
	}
	a := next(1)
	if a == nil {
		return nil, errAt(nil, "u32: missing key")
	}
	key, ok := bstrtoul(a)
	if !ok {
		return nil, errAt(a, "u32: invalid key, must be numeric")
	}
	a = next(2)
	if a == nil {
		return nil, errAt(nil, "u32: missing mask")
	}
	mask, ok := bstrtoul(a)
	if !ok {
		return nil, errAt(a, "u32: invalid mask, must be numeric")
	}
	a = next(3)
	if a == nil || !is(a, "at") {
		return nil, errAt(a, `u32: missing "at"`)
	}
	i := 4
	a = next(i)
	if a == nil {
		return nil, errAt(nil, "u32: missing offset")
	}
	var offset uint64
	var offmask int32
	const nh = "nexthdr+"
	switch {
	case len(a.data) > len(nh) && string(a.data[:len(nh)]) == nh:
		offmask = -1
		rest := a.data[len(nh):]
		if j := bytes.IndexByte(rest, 0); j >= 0 {
			rest = rest[:j]
		}
		offset, _ = strtoul(string(rest))
	case is(a, nh):
		i++
		a = next(i)
		if a == nil {
			return nil, errAt(nil, "u32: missing offset")
		}
		if offset, ok = bstrtoul(a); !ok {
			offset = math.MaxUint64
		}
	default:
		if offset, ok = bstrtoul(a); !ok {
			offset = math.MaxUint64
		}
	}
	if offset == math.MaxUint64 {
		return nil, errAt(a, "u32: invalid offset")
	}
	if t := next(i + 1); t != nil {
		return nil, errAt(t, "u32: unexpected trailer")
	}
	switch align {
	case 1:
		if key > 0xFF {
			return nil, errAt(a, "Illegal key (>0xFF)")
		}
		if mask > 0xFF {
			return nil, errAt(a, "Illegal mask (>0xFF)")
		}
		shift := 24 - (offset&3)*8
		key, mask = key<<shift, mask<<shift
		offset &^= 3
	case 2:
		if key > 0xFFFF {
			return nil, errAt(a, "Illegal key (>0xFFFF)")
		}
		if mask > 0xFFFF {
			return nil, errAt(a, "Illegal mask (>0xFFFF)")
		}
		if offset&3 == 0 {
			key, mask = key<<16, mask<<16
		}
		offset &^= 3
	}
	if offset%4 != 0 {
		return nil, errAt(a, "u32: invalid offset alignment, must be aligned to 4.")
	}
	k := rtnl.U32Key{Mask: uint32(mask), Val: uint32(key) & uint32(mask), Off: int32(offset), OffMask: offmask}
	return rtnl.EmU32Bytes(k), nil
}

func printU32(data []byte) (string, bool) {
	k, ok := rtnl.DecodeEmU32(data)
	if !ok {
		return "", false
	}
	nh := ""
	if k.OffMask != 0 {
		nh = "nexthdr+"
	}
	return hex8(k.Val) + "/" + hex8(k.Mask) + " at " + nh + itoa(int64(k.Off)), true
}
