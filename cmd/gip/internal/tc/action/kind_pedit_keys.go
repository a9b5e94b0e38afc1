package action

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// How a munge's value is read.
const (
	peditU32  = iota // a C number
	peditIPv4        // an IPv4 address
	peditIPv6        // an IPv6 address, four keys
	peditMAC         // a link-layer address, two keys
)

// peditField is a named field of a header: where it lies, how wide it
// is, the bits a value keeps (retain) and whether it may be decremented.
type peditField struct {
	name   string
	abbrev bool // an abbreviation of name also names it
	off    uint32
	size   int
	typ    int
	retain uint32
	dec    bool
	legacy bool // only without "ex": a field past the IPv4 header
	tclass bool // ip6 traffic_class: the key moves four bits up
}

// peditHeader is a header munge names: its name, its fields in tc's
// order of matching, its header type with "ex", and whether it needs
// "ex".
type peditHeader struct {
	name    string
	fields  []peditField
	htype   uint16
	extOnly bool
	refuse  bool // icmp: named, but no field is accepted
}

// peditHeaders is a slice, laid out by the linker, not a map, which
// every start-up of gip would build.
var peditHeaders = []peditHeader{
	{name: "ip", htype: rtnl.PeditHdrIP4, fields: []peditField{
		{name: "src", off: 12, size: 4, typ: peditIPv4, retain: 0xffffffff},
		{name: "dst", off: 16, size: 4, typ: peditIPv4, retain: 0xffffffff},
		{name: "tos", off: 1, size: 1, retain: 0xff},
		{name: "dsfield", abbrev: true, off: 1, size: 1, retain: 0xff},
		{name: "ihl", off: 0, size: 1, retain: 0x0f},
		{name: "ttl", off: 8, size: 1, retain: 0xff, dec: true},
		{name: "protocol", off: 9, size: 1, retain: 0xff},
		{name: "precedence", abbrev: true, off: 1, size: 1, retain: 0xff},
		{name: "nofrag", off: 6, size: 1, retain: 0x3f},
		{name: "firstfrag", off: 6, size: 1, retain: 0x1f},
		{name: "ce", off: 6, size: 1, retain: 0x80},
		{name: "df", off: 6, size: 1, retain: 0x40},
		{name: "mf", off: 6, size: 1, retain: 0x20},
		{name: "dport", off: 22, size: 2, retain: 0xffff, legacy: true},
		{name: "sport", off: 20, size: 2, retain: 0xffff, legacy: true},
		{name: "icmp_type", off: 20, size: 1, retain: 0xff, legacy: true},
		{name: "icmp_code", off: 20, size: 1, retain: 0xff, legacy: true},
	}},
	{name: "ip6", htype: rtnl.PeditHdrIP6, extOnly: true, fields: []peditField{
		{name: "src", off: 8, size: 16, typ: peditIPv6, retain: 0xffffffff},
		{name: "dst", off: 24, size: 16, typ: peditIPv6, retain: 0xffffffff},
		{name: "flow_lbl", off: 0, size: 4, retain: 0x0007ffff},
		{name: "payload_len", off: 4, size: 2, retain: 0xffff},
		{name: "nexthdr", off: 6, size: 1, retain: 0xff},
		{name: "hoplimit", off: 7, size: 1, retain: 0xff, dec: true},
		{name: "traffic_class", off: 1, size: 1, retain: 0xff, tclass: true},
	}},
	{name: "tcp", htype: rtnl.PeditHdrTCP, extOnly: true, fields: []peditField{
		{name: "sport", off: 0, size: 2, retain: 0xffff},
		{name: "dport", off: 2, size: 2, retain: 0xffff},
		{name: "flags", off: 13, size: 1, retain: 0xff},
	}},
	{name: "udp", htype: rtnl.PeditHdrUDP, extOnly: true, fields: []peditField{
		{name: "sport", off: 0, size: 2, retain: 0xffff},
		{name: "dport", off: 2, size: 2, retain: 0xffff},
	}},
	{name: "eth", htype: rtnl.PeditHdrEth, extOnly: true, fields: []peditField{
		{name: "type", off: 12, size: 2, retain: 0xffff},
		{name: "dst", off: 0, size: 6, typ: peditMAC, retain: 0xffffffff},
		{name: "src", off: 6, size: 6, typ: peditMAC, retain: 0xffffffff},
	}},
	{name: "icmp", refuse: true},
}

// peditHeaderNamed is the header called name, nil if none.
func peditHeaderNamed(name string) *peditHeader {
	i := slices.IndexFunc(peditHeaders, func(h peditHeader) bool { return h.name == name })
	if i < 0 {
		return nil
	}
	return &peditHeaders[i]
}

// layered reads a header munge after the header's name (name), the
// cursor on the field.
func (st *peditParse) layered(name string, t *peditTKey) (bool, error) {
	p := st.p
	h := peditHeaderNamed(name)
	if h == nil {
		st.msgs = append(st.msgs, `Unknown action  hence option "`+p.Peek()+`" is unparsable`)
		return false, nil
	}
	if h.refuse || p.Left() < 2 || h.extOnly && !st.o.Extended {
		return false, nil
	}
	if st.o.Extended {
		t.htype = h.htype
	}
	w := p.Peek()
	for _, fd := range h.fields {
		if fd.legacy && st.o.Extended || w != fd.name && !(fd.abbrev && grammar.Matches(w, fd.name)) {
			continue
		}
		p.Next()
		t.Off = fd.off
		good, err := st.cmd(t, fd.size, fd.typ, fd.retain, fd.dec)
		if good && fd.tclass {
			k := &st.o.Keys[len(st.o.Keys)-1]
			k.Mask = k.Mask<<4 | 0xf
			k.Val <<= 4
		}
		return good, err
	}
	return false, nil
}

// cmd reads a munge's command (invert, set V, add V, decrement,
// preserve or clear) and an optional "retain MASK", then packs the keys
// for a field of size bytes. A command tc refuses leaves the cursor on
// it; once packing starts the cursor stays past the command.
func (st *peditParse) cmd(t *peditTKey, size, typ int, retain uint32, dec bool) (bool, error) {
	p := st.p
	start := p.Left()
	refuse := func(msg ...string) (bool, error) {
		st.msgs = append(st.msgs, msg...)
		st.restore(start)
		return false, nil
	}
	if !p.More() {
		return refuse()
	}
	all := uint32(0xff)
	switch size {
	case 2:
		all = 0xffff
	case 4:
		all = 0xffffffff
	}
	// raw is the value's bytes for addresses, as tc keeps them in its
	// 32-bit words.
	var v, m uint32
	var raw [16]byte
	nonExt := "Non extended mode. only 'set' command is supported"
	switch w := p.Peek(); {
	case grammar.Matches(w, "invert"):
		v, m = all, all
		binary.NativeEndian.PutUint32(raw[:], all)
	case grammar.Matches(w, "set"), grammar.Matches(w, "add"):
		if grammar.Matches(w, "add") {
			t.cmd = rtnl.PeditCmdAdd
		}
		if !st.o.Extended && t.cmd != rtnl.PeditCmdSet {
			return refuse(nonExt)
		}
		s, err := p.value()
		if err != nil {
			return false, err
		}
		var good bool
		v, good = st.value(s, typ, raw[:])
		if !good {
			return refuse()
		}
	case grammar.Matches(w, "decrement"):
		if !dec {
			return refuse("decrement command is not supported for this field")
		}
		if !st.o.Extended {
			return refuse(nonExt)
		}
		t.cmd = rtnl.PeditCmdAdd
		v = retain // adding all ones subtracts one
	case grammar.Matches(w, "preserve"):
		retain = 0
	case !grammar.Matches(w, "clear"):
		return refuse()
	}
	p.Next()
	if p.More() && grammar.Matches(p.Peek(), "retain") {
		s, err := p.value()
		if err != nil {
			return false, err
		}
		n, ok := grammar.CUint(s, 0, 0xffffffff)
		if !ok {
			return refuse()
		}
		retain = uint32(n)
		p.Next()
	}
	if size > 4 && retain != 0xffffffff {
		return refuse("retain is not supported for fields longer the 32 bits")
	}
	switch typ {
	case peditMAC:
		return st.packMAC(t, raw[:6]), nil
	case peditIPv6:
		return st.packIPv6(t, raw[:]), nil
	}
	t.Val, t.Mask = v, m
	switch size {
	case 1:
		return st.pack8(t, retain), nil
	case 2:
		return st.pack16(t, retain), nil
	}
	return st.pack32(t, retain), nil
}

// value reads a set or add value of type typ: a number (returned) or an
// address (into raw, and an IPv4 one returned as a number too).
func (st *peditParse) value(s string, typ int, raw []byte) (uint32, bool) {
	switch typ {
	case peditIPv4, peditIPv6:
		fam := uint8(unix.AF_INET)
		if typ == peditIPv6 {
			fam = unix.AF_INET6
		}
		pr, err := grammar.ParsePrefix(s, fam)
		if err != nil {
			return 0, false
		}
		if pr.Addr.IsValid() {
			copy(raw, pr.Addr.AsSlice())
		}
		return binary.BigEndian.Uint32(raw), true
	case peditMAC:
		mac, ok := st.lladdr(s)
		copy(raw, mac[:])
		return 0, ok
	}
	n, ok := grammar.CUint(s, 0, 0xffffffff)
	return uint32(n), ok
}

// lladdr reads a link-layer address of exactly six bytes: six
// colon-separated hexadecimal pieces. A dotted IPv4 address is four bytes,
// so too short; a bad piece is complained about.
func (st *peditParse) lladdr(s string) (mac [6]byte, ok bool) {
	if strings.Contains(s, ".") {
		if _, good := grammar.ParseIPv4(s); !good {
			st.msgs = append(st.msgs, `"`+s+`" is invalid lladdr.`)
		}
		return mac, false
	}
	pieces := strings.Split(s, ":")
	for i, piece := range pieces {
		if i == len(mac) {
			return mac, false // a seventh piece
		}
		n, good := scanHex(piece)
		if !good || n < 0 || n > 255 {
			st.msgs = append(st.msgs, `"`+piece+`" is invalid lladdr.`)
			return mac, false
		}
		mac[i] = byte(n)
	}
	return mac, len(pieces) == len(mac)
}

// pack adds a key as it stands: on a 32-bit boundary, at most
// peditMaxKeys of them, and without "ex" only plain set keys.
func (st *peditParse) pack(t *peditTKey) bool {
	o := st.o
	if len(o.Keys) >= peditMaxKeys {
		return false
	}
	if t.Off%4 != 0 {
		st.msgs = append(st.msgs, "offsets MUST be in 32 bit boundaries")
		return false
	}
	if !o.Extended && (t.htype != rtnl.PeditHdrNetwork || t.cmd != rtnl.PeditCmdSet) {
		st.msgs = append(st.msgs, "Munge parameters not supported. Use 'pedit ex munge ...'.")
		return false
	}
	o.Keys = append(o.Keys, t.PeditKey)
	if o.Extended {
		o.KeysEx = append(o.KeysEx, rtnl.PeditKeyEx{HType: t.htype, Cmd: t.cmd})
	}
	return true
}

// pack32 packs a whole word: the value's bits outside retain are left
// as they are.
func (st *peditParse) pack32(t *peditTKey, retain uint32) bool {
	if t.Off&3 != 0 {
		st.msgs = append(st.msgs, "pack_key32: 32 bit offsets must begin in 32bit boundaries")
		return false
	}
	t.Val &= retain
	t.Mask |= ^retain
	return st.pack(t)
}

// pack16 packs a half word at its place in the word around it.
func (st *peditParse) pack16(t *peditTKey, retain uint32) bool {
	keep := [...]uint32{0x0000ffff, 0xff0000ff, 0xffff0000}
	if t.Val > 0xffff || t.Mask > 0xffff {
		st.msgs = append(st.msgs, "pack_key16 bad value")
		return false
	}
	ind := t.Off & 3
	if ind == 3 {
		st.msgs = append(st.msgs, "pack_key16 bad index value 3")
		return false
	}
	stride := 8 * (2 - ind)
	t.Val = (t.Val & retain) << stride
	t.Mask = (t.Mask|^retain)<<stride | keep[ind]
	t.Off &^= 3
	return st.pack(t)
}

// pack8 packs a byte at its place in the word around it.
func (st *peditParse) pack8(t *peditTKey, retain uint32) bool {
	keep := [...]uint32{0x00ffffff, 0xff00ffff, 0xffff00ff, 0xffffff00}
	if t.Val > 0xff || t.Mask > 0xff {
		st.msgs = append(st.msgs, "pack_key8 bad value (val "+strconv.FormatUint(uint64(t.Val), 16)+
			" mask "+strconv.FormatUint(uint64(t.Mask), 16))
		return false
	}
	ind := t.Off & 3
	stride := 8 * (3 - ind)
	t.Val = (t.Val & retain) << stride
	t.Mask = (t.Mask|^retain)<<stride | keep[ind]
	t.Off &^= 3
	return st.pack(t)
}

// packMAC packs six bytes as a word and a half word, or a half word and
// a word, by where they start.
func (st *peditParse) packMAC(t *peditTKey, mac []byte) bool {
	be := binary.BigEndian
	switch {
	case t.Off&3 == 0:
		t.Mask, t.Val = 0, be.Uint32(mac)
		ok := st.pack32(t, ^uint32(0))
		t.Off += 4
		t.Mask, t.Val = 0, uint32(be.Uint16(mac[4:]))
		return st.pack16(t, ^uint32(0)) && ok
	case t.Off&1 == 0:
		t.Mask, t.Val = 0, uint32(be.Uint16(mac))
		ok := st.pack16(t, ^uint32(0))
		t.Off += 4
		t.Mask, t.Val = 0, be.Uint32(mac[2:])
		return st.pack32(t, ^uint32(0)) && ok
	}
	st.msgs = append(st.msgs, "pack_mac: mac offsets must begin in 32bit or 16bit boundaries")
	return false
}

// packIPv6 packs sixteen bytes as four words.
func (st *peditParse) packIPv6(t *peditTKey, addr []byte) bool {
	if t.Off&3 != 0 {
		st.msgs = append(st.msgs, "pack_ipv6: IPv6 offsets must begin in 32bit boundaries")
		return false
	}
	for i := 0; i < 4; i++ {
		t.Mask, t.Val = 0, binary.BigEndian.Uint32(addr[4*i:])
		if !st.pack32(t, ^uint32(0)) {
			return false
		}
		t.Off += 4
	}
	return true
}

// peditHTypes names the header types as tc prints them.
var peditHTypes = []string{rtnl.PeditHdrEth: "eth", rtnl.PeditHdrIP4: "ipv4", rtnl.PeditHdrIP6: "ipv6",
	rtnl.PeditHdrTCP: "tcp", rtnl.PeditHdrUDP: "udp"}

// printPeditKey prints key #i: where it lies, its command, value and
// mask (in JSON the command's own name).
func printPeditKey(f *format.Fields, i int, k rtnl.PeditKey, x rtnl.PeditKeyEx) {
	f.Literal("\n\t key #" + strconv.Itoa(i) + "  at ")
	off := int64(int32(k.Off))
	if x.HType != rtnl.PeditHdrNetwork {
		name := "unknown(" + strconv.Itoa(int(x.HType)) + ")"
		if int(x.HType) < len(peditHTypes) {
			name = peditHTypes[x.HType]
		}
		f.String("htype", "%s", name)
		if off >= 0 {
			f.Int("offset", "+%d", off)
		} else {
			f.Int("offset", "%d", off)
		}
	} else {
		if f.JSON() {
			f.String("htype", "", "network")
		}
		f.Int("offset", "%d", off)
	}
	set := x.Cmd == rtnl.PeditCmdSet
	if f.JSON() {
		cmd := "add"
		if set {
			cmd = "set"
		}
		f.String("cmd", "", cmd)
		f.String("val", "", strconv.FormatUint(uint64(k.Val), 16))
		f.String("mask", "", strconv.FormatUint(uint64(k.Mask), 16))
		return
	}
	cmd := ": add"
	if set {
		cmd = ": val"
	}
	f.Literal(cmd + " " + hex32(k.Val) + " mask " + hex32(k.Mask))
}

// hex32 is v as C's "%08x".
func hex32(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	return strings.Repeat("0", 8-len(s)) + s
}
