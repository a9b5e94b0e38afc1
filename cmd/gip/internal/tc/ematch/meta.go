package ematch

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// metaEntry is one of meta's identifiers as tc names them; id 0 starts a
// section of the list.
type metaEntry struct {
	id    uint16
	name  string
	types string // i: an integer, v: a variable-length value; the first is the default
	desc  string
}

var metaTable = []metaEntry{
	{0, "Generic", "", ""},
	{1, "random", "i", "Random value (32 bit)"},
	{2, "loadavg_1", "i", "Load average in last minute"},
	{3, "loadavg_5", "i", "Load average in last 5 minutes"},
	{4, "loadavg_15", "i", "Load average in last 15 minutes"},
	{0, "Interfaces", "", ""},
	{5, "dev", "iv", "Device the packet is on"},
	{0, "Packet attributes", "", ""},
	{6, "priority", "i", "Priority of packet"},
	{7, "protocol", "i", "Link layer protocol"},
	{8, "pkt_type", "i", "Packet type (uni|multi|broad|...)cast"},
	{9, "pkt_len", "i", "Length of packet"},
	{10, "data_len", "i", "Length of data in packet"},
	{11, "mac_len", "i", "Length of link layer header"},
	{0, "Netfilter", "", ""},
	{12, "nf_mark", "i", "Netfilter mark"},
	{12, "fwmark", "i", "Alias for nf_mark"},
	{0, "Traffic Control", "", ""},
	{13, "tc_index", "i", "TC Index"},
	{0, "Routing", "", ""},
	{14, "rt_classid", "i", "Routing ClassID (cls_route)"},
	{15, "rt_iif", "i", "Incoming interface index"},
	{46, "vlan", "i", "Vlan tag"},
	{0, "Sockets", "", ""},
	{16, "sk_family", "i", "Address family"},
	{17, "sk_state", "i", "State"},
	{18, "sk_reuse", "i", "Reuse Flag"},
	{19, "sk_bind_if", "iv", "Bound interface"},
	{20, "sk_refcnt", "i", "Reference counter"},
	{21, "sk_shutdown", "i", "Shutdown mask"},
	{22, "sk_proto", "i", "Protocol"},
	{23, "sk_type", "i", "Type"},
	{24, "sk_rcvbuf", "i", "Receive buffer size"},
	{25, "sk_rmem", "i", "RMEM"},
	{26, "sk_wmem", "i", "WMEM"},
	{27, "sk_omem", "i", "OMEM"},
	{28, "sk_wmem_queue", "i", "WMEM queue"},
	{30, "sk_snd_queue", "i", "Send queue length"},
	{29, "sk_rcv_queue", "i", "Receive queue length"},
	{31, "sk_err_queue", "i", "Error queue length"},
	{32, "sk_fwd_alloc", "i", "Forward allocations"},
	{33, "sk_sndbuf", "i", "Send buffer size"},
}

func typeOf(c byte) uint16 {
	if c == 'v' {
		return rtnl.MetaTypeVar
	}
	return rtnl.MetaTypeInt
}

func metaByName(b []byte) *metaEntry {
	for i := range metaTable {
		if metaTable[i].id != 0 && metaTable[i].name == string(b) {
			return &metaTable[i]
		}
	}
	return nil
}

func metaByID(id uint16) *metaEntry {
	for i := range metaTable {
		if metaTable[i].id == id {
			return &metaTable[i]
		}
	}
	return nil
}

// compatible says whether what's identifier can be read as needed's type.
func compatible(what, needed rtnl.MetaVal) bool {
	e := metaByID(rtnl.MetaID(what.Kind))
	if e == nil {
		return false
	}
	for i := range len(e.types) {
		if typeOf(e.types[i]) == rtnl.MetaType(needed.Kind) {
			return true
		}
	}
	return false
}

func adopt(src, dst rtnl.MetaVal) uint16 { return rtnl.MetaType(dst.Kind)<<12 | rtnl.MetaID(src.Kind) }

// metaValue is an operand's value: an integer, or a string.
type metaValue struct {
	n   uint64
	str []byte
}

var metaKind = &kind{
	name: "meta", num: rtnl.EmMetaKind,
	usage: `Usage: meta(OBJECT { eq | lt | gt } OBJECT)
where: OBJECT  := { META_ID | VALUE }
       META_ID := id [ shift SHIFT ] [ mask MASK ]

Example: meta(nf_mark gt 24)
         meta(indev shift 1 eq "ppp")
         meta(tcindex mask 0xf0 eq 0xf0)

For a list of meta identifiers, use meta(list).
`,
	parse: parseMeta,
	print: printMeta,
}

// parseObject reads one operand from args[i:]: a quoted string, a
// number, or an identifier with its shift and mask; it returns the index
// after it.
func parseObject(args []*arg, i int, obj *rtnl.MetaVal, dst *metaValue, left *rtnl.MetaVal) (int, *argError) {
	a := args[i]
	if a.quoted {
		obj.Kind = rtnl.MetaTypeVar<<12 | rtnl.MetaIDValue
		dst.str = a.data
		return i + 1, nil
	}
	if n, ok := bstrtoul(a); ok {
		obj.Kind = rtnl.MetaTypeInt<<12 | rtnl.MetaIDValue
		dst.n = n
		return i + 1, nil
	}
	e := metaByName(a.data)
	if e == nil {
		return 0, errAt(a, "meta: unknown meta id\n")
	}
	obj.Kind = e.id | typeOf(e.types[0])<<12
	if left != nil && rtnl.MetaType(obj.Kind) != rtnl.MetaType(left.Kind) {
		right := obj
		canL, canR := rtnl.MetaID(left.Kind) != 0, rtnl.MetaID(right.Kind) != 0
		switch {
		case canL && !canR && compatible(*left, *right):
			left.Kind = adopt(*left, *right)
		case canR && !canL && compatible(*right, *left):
			right.Kind = adopt(*right, *left)
		case canL && canR && compatible(*left, *right):
			left.Kind = adopt(*left, *right)
		case canL && canR && compatible(*right, *left):
			right.Kind = adopt(*right, *left)
		default:
			return 0, errAt(a, "lvalue and rvalue are not compatible.")
		}
	}
	for i++; i < len(args); {
		switch w := args[i]; {
		case is(w, "shift"):
			if i+1 >= len(args) {
				return 0, errAt(w, "meta: missing argument")
			}
			v, ok := bstrtoul(args[i+1])
			if !ok {
				return 0, errAt(args[i+1], "meta: invalid shift, must be numeric")
			}
			obj.Shift = uint8(v)
			i += 2
		case is(w, "mask"):
			if i+1 >= len(args) {
				return 0, errAt(w, "meta: missing argument")
			}
			v, ok := bstrtoul(args[i+1])
			if !ok {
				return 0, errAt(args[i+1], "meta: invalid mask, must be numeric")
			}
			dst.n = v
			i += 2
		default:
			return i, nil
		}
	}
	return i, nil
}

func parseMeta(args []*arg) ([]byte, *argError) {
	if is(args[0], "list") {
		return nil, nil
	}
	var m rtnl.EmMeta
	var lv, rv metaValue
	i, err := parseObject(args, 0, &m.Left, &lv, nil)
	if err != nil {
		return nil, err
	}
	if i >= len(args) {
		return nil, errAt(args[0], "meta: missing operand")
	}
	switch a := args[i]; {
	case is(a, "eq"):
		m.Left.Op = rtnl.EmOpndEq
	case is(a, "gt"):
		m.Left.Op = rtnl.EmOpndGt
	case is(a, "lt"):
		m.Left.Op = rtnl.EmOpndLt
	default:
		return nil, errAt(a, "meta: invalid operand")
	}
	if i+1 >= len(args) {
		return nil, errAt(args[0], "meta: missing rvalue")
	}
	j, err := parseObject(args, i+1, &m.Right, &rv, &m.Left)
	if err != nil {
		return nil, err
	}
	if j < len(args) {
		return nil, errAt(args[j], "meta: unexpected trailer")
	}
	m.HasHdr = true
	m.LValue = metaBytes(m.Left, lv)
	m.RValue = metaBytes(m.Right, rv)
	return m.Bytes(), nil
}

// metaBytes is the value attribute an operand sends: an integer always
// (a value, or an identifier's mask), a string only as a value.
func metaBytes(v rtnl.MetaVal, x metaValue) []byte {
	switch rtnl.MetaType(v.Kind) {
	case rtnl.MetaTypeInt:
		return binary.NativeEndian.AppendUint32(nil, uint32(x.n))
	case rtnl.MetaTypeVar:
		if rtnl.MetaID(v.Kind) == rtnl.MetaIDValue {
			return append([]byte{}, x.str...)
		}
	}
	return nil
}

func printMeta(data []byte) (string, bool) {
	m, err := rtnl.DecodeEmMeta(data)
	if err != nil || !m.HasHdr {
		return "", false
	}
	var b strings.Builder
	if !printObject(&b, m.Left, m.LValue) {
		return b.String(), false
	}
	switch m.Left.Op {
	case rtnl.EmOpndEq:
		b.WriteString(" eq ")
	case rtnl.EmOpndLt:
		b.WriteString(" lt ")
	case rtnl.EmOpndGt:
		b.WriteString(" gt ")
	}
	ok := printObject(&b, m.Right, m.RValue)
	return b.String(), ok
}

func printObject(b *strings.Builder, v rtnl.MetaVal, val []byte) bool {
	id, typ := rtnl.MetaID(v.Kind), rtnl.MetaType(v.Kind)
	if id == rtnl.MetaIDValue {
		if val == nil {
			return false
		}
		switch typ {
		case rtnl.MetaTypeInt:
			if len(val) < 4 {
				return false
			}
			b.WriteString(itoa(int64(int32(binary.NativeEndian.Uint32(val)))))
		case rtnl.MetaTypeVar:
			b.WriteString(binaryText(val))
		}
		return true
	}
	if e := metaByID(id); e != nil {
		b.WriteString(e.name)
	} else {
		fmt.Fprintf(b, "[unknown meta id %d]", id)
	}
	if v.Shift != 0 {
		b.WriteString(" shift " + itoa(int64(v.Shift)))
	}
	if typ == rtnl.MetaTypeInt && val != nil {
		if len(val) < 4 {
			return false
		}
		if x := binary.NativeEndian.Uint32(val); x != 0 {
			fmt.Fprintf(b, " mask 0x%08x", x)
		}
	}
	return true
}

// binaryText is a string value as tc prints it: as is when printable,
// else its bytes in hex and then quoted with dots.
func binaryText(s []byte) string {
	printable := true
	for _, c := range s {
		if c < 0x20 || c > 0x7E {
			printable = false
		}
	}
	if printable {
		return string(s)
	}
	var b strings.Builder
	for _, c := range s {
		fmt.Fprintf(&b, "%02x ", c)
	}
	b.WriteString(`"` + printableText(s) + `"`)
	return b.String()
}

func printableText(s []byte) string { return printable(s) }

// metaList is meta(list)'s answer.
func metaList() string {
	var b strings.Builder
	b.WriteString("--------------------------------------------------------\n" +
		"  ID               Type       Description\n" +
		"--------------------------------------------------------")
	for _, e := range metaTable {
		if e.id == 0 {
			b.WriteString("\n" + e.name + ":\n")
			continue
		}
		var types []string
		for i := range len(e.types) {
			if typeOf(e.types[i]) == rtnl.MetaTypeInt {
				types = append(types, "INT")
			} else {
				types = append(types, "VAR")
			}
		}
		fmt.Fprintf(&b, "  %-16s %-10s %s\n", e.name, strings.Join(types, ","), e.desc)
	}
	b.WriteString("--------------------------------------------------------")
	return b.String()
}
