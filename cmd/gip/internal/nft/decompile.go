package nft

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// selector is what a load put in a register: a header field, a meta or a
// conntrack key, with its type.
type selector struct {
	expr
	t    *dtype
	size int
	// what a match on it says about the protocols that follow
	layer depLayer
	kind  string // "meta l4proto", "ip protocol", ...
	// base and proto of a payload field
	base  uint32
	proto string
	// partial is the bytes loaded of an address field, when nft loads
	// only the prefix it compares
	partial int
	// split are the fields a load of several neighbouring ones covers
	split []*field
}

// regval is a register's content while a rule is read.
type regval struct {
	sel  *selector
	mask []byte // a bitwise and applied to sel
	data []byte // an immediate value
}

// decoder turns a rule's expressions into nft's statements, as nft's own
// listing does: loads and comparisons become matches, implied protocol
// matches are left out.
type decoder struct {
	family   nftables.Family
	table    *table
	regs     map[int]*regval
	stmts    []stmt
	netProto string // "ip" or "ip6", known from the family or a match
	l4       string // the transport protocol a match said, "" if none
	pending  [4]int // per layer, the statement that is a dependency, -1 none
	lastGte  *gte   // the statement before was a >= comparison
	unread   bool   // the statement before is an expression gip does not read
}

// gte is a >= comparison that a <= of the same register makes a range.
type gte struct {
	v  *regval
	lo expr
}

func reg32(r uint32) int {
	switch {
	case r >= nftables.Reg32First:
		return int(r - nftables.Reg32First)
	case r >= 1 && r <= 4:
		return int(r-1) * 4
	}
	return -1
}

// decodeRule returns the statements of a rule.
func decodeRule(t *table, r *nftables.Rule) []stmt {
	d := &decoder{family: r.Family, table: t, regs: map[int]*regval{}, pending: [4]int{-1, -1, -1, -1}}
	switch r.Family {
	case nftables.FamilyIP:
		d.netProto = "ip"
	case nftables.FamilyIP6:
		d.netProto = "ip6"
	}
	for _, x := range r.Exprs {
		d.expr(x)
	}
	out := d.stmts[:0]
	for _, s := range d.stmts {
		if !s.removed {
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) add(s stmt) {
	d.lastGte = nil
	d.unread = false
	d.stmts = append(d.stmts, s)
}

// unknown adds a statement for an expression gip does not read. The
// comparisons of what it loaded belong to it: they add nothing more.
func (d *decoder) unknown(kind string) {
	d.regs = map[int]*regval{}
	if d.unread {
		return
	}
	d.add(stmt{text: "[" + kind + "]", json: obj("xt", new(format.Obj).Set("type", "unknown").Set("name", kind))})
	d.unread = true
}

func (d *decoder) set(reg uint32, v *regval) {
	if i := reg32(reg); i >= 0 {
		d.regs[i] = v
	}
}

func (d *decoder) get(reg uint32) *regval { return d.regs[reg32(reg)] }

func (d *decoder) expr(x nftables.Expr) {
	switch x := x.(type) {
	case *nftables.Payload:
		if sel := d.payload(x); sel != nil {
			d.set(x.DReg, &regval{sel: sel})
		} else {
			d.unknown("payload")
		}
	case *nftables.Meta:
		k := findMeta(x.Key)
		if k == nil || x.SReg != 0 {
			d.unknown("meta")
			return
		}
		text := "meta " + k.name
		if k.bare {
			text = k.name
		}
		sel := &selector{expr: expr{text, obj("meta", new(format.Obj).Set("key", k.name))}, t: k.t, size: k.t.size, kind: "meta " + k.name}
		switch k.name {
		case "nfproto", "protocol":
			sel.layer = depNetwork
		case "l4proto":
			sel.layer = depTransport
		case "iiftype":
			sel.layer = depLink
		}
		d.set(x.DReg, &regval{sel: sel})
	case *nftables.Ct:
		k := findCt(x.Key)
		if k == nil || x.SReg != 0 || x.Dir != nil {
			d.unknown("ct")
			return
		}
		d.set(x.DReg, &regval{sel: &selector{expr: expr{"ct " + k.name, obj("ct", new(format.Obj).Set("key", k.name))}, t: k.t, size: k.t.size}})
	case *nftables.Bitwise:
		v := d.get(x.SReg)
		if v == nil || v.sel == nil || x.Op != 0 || !allZero(x.Xor) {
			d.unknown("bitwise")
			return
		}
		d.set(x.DReg, &regval{sel: v.sel, mask: x.Mask})
	case *nftables.Cmp:
		d.cmp(x)
	case *nftables.Range:
		v := d.get(x.SReg)
		if v == nil || v.sel == nil || v.mask != nil {
			d.unknown("range")
			return
		}
		op := "=="
		if x.Op == 1 {
			op = "!="
		}
		d.add(match(op, v.sel.expr, rangeExpr(valueExpr(v.sel.t, x.From), valueExpr(v.sel.t, x.To))))
	case *nftables.Lookup:
		d.lookup(x)
	case *nftables.Immediate:
		if x.DReg == nftables.RegVerdict && x.Data.Verdict != nil {
			d.add(verdictStmt(*x.Data.Verdict))
			return
		}
		d.set(x.DReg, &regval{data: x.Data.Value})
	case *nftables.Counter:
		d.add(stmt{
			text: fmt.Sprintf("counter packets %d bytes %d", x.Packets, x.Bytes),
			json: obj("counter", new(format.Obj).Set("packets", x.Packets).Set("bytes", x.Bytes)),
		})
	case *nftables.Limit:
		d.add(limitStmt(x))
	case *nftables.Log:
		d.add(logStmt(x))
	case *nftables.Quota:
		d.add(quotaStmt(x))
	case *nftables.Reject:
		d.reject(x)
	case *nftables.NAT:
		d.nat(x)
	case *nftables.Masq:
		d.add(d.portNAT("masquerade", x.Flags, x.RegProtoMin, x.RegProtoMax))
	case *nftables.Redir:
		d.add(d.portNAT("redirect", x.Flags, x.RegProtoMin, x.RegProtoMax))
	case *nftables.Objref:
		d.objref(x)
	default:
		d.unknown(x.Kind())
	}
}

// payload names a payload load by the protocols known so far.
func (d *decoder) payload(x *nftables.Payload) *selector {
	var proto string
	layer := depNone
	switch x.Base {
	case nftables.BaseLL:
		proto, layer = "ether", depLink
	case nftables.BaseNetwork:
		proto, layer = d.netProto, depNetwork
	case nftables.BaseTransport:
		proto, layer = d.l4, depTransport
	}
	f := findField(proto, x.Base, x.Offset, x.Len)
	if f == nil && x.Base == nftables.BaseTransport {
		f = findField("th", x.Base, x.Offset, x.Len)
	}
	partial := 0
	if f == nil {
		// nft loads only the bytes a prefix needs: ip saddr 10.0.0.0/8
		// is one byte of the address.
		if f = addrField(proto, x.Base, x.Offset, x.Len); f == nil {
			raw := d.rawPayload(x)
			if raw != nil {
				// nft compares neighbouring fields in one load.
				raw.split = splitFields(proto, x.Base, x.Offset, x.Len)
				raw.proto, raw.base = proto, x.Base
			}
			return raw
		}
		partial = int(x.Len)
	}
	if f.proto != "th" {
		d.killDependency(layer, f.proto)
	}
	sel := &selector{
		expr:    expr{f.proto + " " + f.name, obj("payload", new(format.Obj).Set("protocol", f.proto).Set("field", f.name))},
		t:       f.t,
		size:    int(f.len),
		base:    f.base,
		proto:   f.proto,
		partial: partial,
	}
	switch {
	case f.proto == "ip" && f.name == "protocol", f.proto == "ip6" && f.name == "nexthdr":
		sel.layer, sel.kind = depTransport, f.proto+" "+f.name
	case f.proto == "ether" && f.name == "type":
		sel.layer, sel.kind = depNetwork, "ether type"
	}
	return sel
}

var baseNames = []string{"ll", "nh", "th"}

func (d *decoder) rawPayload(x *nftables.Payload) *selector {
	if int(x.Base) >= len(baseNames) {
		return nil
	}
	b := baseNames[x.Base]
	t := &dtype{id: typeInteger, name: "integer", size: int(x.Len)}
	return &selector{
		expr: expr{fmt.Sprintf("@%s,%d,%d", b, x.Offset*8, x.Len*8),
			obj("payload", new(format.Obj).Set("base", b).Set("offset", x.Offset*8).Set("len", x.Len*8))},
		t: t, size: int(x.Len),
	}
}

// killDependency drops the pending match of layer that a field of proto
// makes redundant. A match on ip protocol (or ip6 nexthdr) says more than
// the transport header in the families that carry both IPv4 and IPv6, so
// it stays there.
func (d *decoder) killDependency(layer depLayer, proto string) {
	i := d.pending[layer]
	if i < 0 {
		return
	}
	s := &d.stmts[i]
	if layer == depTransport && !strings.HasPrefix(s.depKind, "meta ") &&
		d.family != nftables.FamilyIP && d.family != nftables.FamilyIP6 {
		d.pending[layer] = -1
		return
	}
	s.removed = true
	d.pending[layer] = -1
}

func (d *decoder) cmp(x *nftables.Cmp) {
	v := d.get(x.SReg)
	if v == nil || v.sel == nil || int(x.Op) >= len(cmpOps) {
		d.unknown("cmp")
		return
	}
	sel := v.sel
	op := cmpOps[x.Op]
	if sel.split != nil && op == "==" && v.mask == nil {
		d.splitCmp(sel, x.Data)
		return
	}
	if v.mask != nil || sel.partial != 0 {
		d.maskedCmp(sel, v.mask, op, x.Data)
		return
	}
	right := valueExpr(sel.t, x.Data)
	if sel.t == tIfname && len(x.Data) < sel.size {
		// A compare of the first bytes of a name: a pattern.
		w := udataString(x.Data) + "*"
		right = expr{strconvQuote(w), w}
	}
	// nft writes a range as two comparisons of one load: >= and <=.
	if op == "<=" && d.lastGte != nil && d.lastGte.v == v && len(d.stmts) > 0 {
		d.stmts[len(d.stmts)-1] = match("==", sel.expr, rangeExpr(d.lastGte.lo, right))
		d.lastGte = nil
		return
	}
	s := match(op, sel.expr, right)
	if op == "==" && sel.t.bitmask {
		// Equality of flags is said, to tell it from a flag test.
		s.text = sel.text + " == " + right.text
	}
	if op == "==" && sel.layer != depNone {
		s.dep, s.depKind = sel.layer, sel.kind
		d.learn(sel, x.Data)
		d.pending[sel.layer] = len(d.stmts)
	}
	d.add(s)
	if op == ">=" {
		d.lastGte = &gte{v: v, lo: right}
	}
}

// learn records the protocol a dependency match says.
func (d *decoder) learn(sel *selector, b []byte) {
	v := sel.t.uint(b)
	switch sel.layer {
	case depNetwork:
		switch {
		case sel.t == tNFProto && v == 2, sel.t == tEthertype && v == 0x0800:
			d.netProto = "ip"
		case sel.t == tNFProto && v == 10, sel.t == tEthertype && v == 0x86dd:
			d.netProto = "ip6"
		}
	case depTransport:
		d.l4 = ""
		for name, n := range headerL4 {
			if uint64(n) == v {
				d.l4 = name
			}
		}
	}
}

// maskedCmp reads a comparison of a masked field: a flag test (ct state
// established,related), a prefix (ip saddr 10.0.0.0/8) or a plain mask.
func (d *decoder) maskedCmp(sel *selector, mask []byte, op string, data []byte) {
	if sel.partial != 0 {
		// Widen a partial load to the whole field.
		if mask == nil {
			mask = bytes.Repeat([]byte{0xff}, sel.partial)
		}
		mask = append(slices.Clone(mask), make([]byte, sel.size-len(mask))...)
		data = append(slices.Clone(data), make([]byte, sel.size-len(data))...)
	}
	switch {
	case sel.t.bitmask && op == "!=" && allZero(data):
		d.add(match("in", sel.expr, valueExpr(sel.t, mask)))
		return
	case (sel.t == tIPv4 || sel.t == tIPv6) && (op == "==" || op == "!="):
		if n, ok := prefixLen(mask); ok {
			d.add(match(op, sel.expr, prefixExpr(valueExpr(sel.t, data), n)))
			return
		}
	}
	m := valueExpr(sel.t, mask)
	left := expr{sel.text + " & " + m.text, obj("&", []any{sel.json, m.json})}
	s := match(op, left, valueExpr(sel.t, data))
	if op == "==" {
		// After a mask the operator is said.
		s.text = left.text + " == " + valueExpr(sel.t, data).text
	}
	d.add(s)
}

// prefixLen reports whether mask is a network mask, and its length.
func prefixLen(mask []byte) (int, bool) {
	n := 0
	for i, b := range mask {
		ones := bits.LeadingZeros8(^b)
		n += ones
		if ones < 8 {
			if b<<ones != 0 || !allZero(mask[i+1:]) {
				return 0, false
			}
			break
		}
	}
	return n, true
}

func allZero(b []byte) bool { return len(bytes.Trim(b, "\x00")) == 0 }

// key is what the registers from sreg on hold for a lookup in set s:
// its selectors, one per member of the key.
func (d *decoder) key(s *set, sreg uint32) (expr, bool) {
	var parts []expr
	idx := reg32(sreg)
	for _, t := range s.keyTypes {
		v := d.regs[idx]
		if v == nil || v.sel == nil || v.mask != nil {
			return expr{}, false
		}
		parts = append(parts, v.sel.expr)
		idx += regSize(t.size) / 4
	}
	return concatExpr(parts), true
}

func (d *decoder) lookup(x *nftables.Lookup) {
	s := d.table.setNamed(x.Set)
	if s == nil {
		d.unknown("lookup")
		return
	}
	left, ok := d.key(s, x.SReg)
	if !ok {
		d.unknown("lookup")
		return
	}
	right := s.reference()
	if x.DReg != nil {
		if *x.DReg != nftables.RegVerdict {
			d.unknown("lookup")
			return
		}
		d.add(stmt{
			text: left.text + " vmap " + right.text,
			json: obj("vmap", new(format.Obj).Set("key", left.json).Set("data", right.json)),
		})
		return
	}
	op := "=="
	if x.Flags&nftables.LookupInvert != 0 {
		op = "!="
	}
	d.add(match(op, left, right))
}

func verdictStmt(v nftables.Verdict) stmt {
	switch v.Code {
	case nftables.VerdictAccept:
		return simple("accept")
	case nftables.VerdictDrop:
		return simple("drop")
	case nftables.VerdictContinue:
		return simple("continue")
	case nftables.VerdictReturn:
		return simple("return")
	case nftables.VerdictJump, nftables.VerdictGoto:
		name := "jump"
		if v.Code == nftables.VerdictGoto {
			name = "goto"
		}
		return stmt{text: name + " " + v.Chain, json: obj(name, new(format.Obj).Set("target", v.Chain))}
	case nftables.VerdictQueue:
		return simple("queue")
	}
	return stmt{text: fmt.Sprintf("verdict %d", v.Code), json: obj("verdict", int64(v.Code))}
}

// verdictExpr is a verdict as a map's data.
func verdictExpr(v nftables.Verdict) expr {
	s := verdictStmt(v)
	return expr{s.text, s.json}
}

// splitCmp reads one comparison of neighbouring fields as a match on each.
func (d *decoder) splitCmp(sel *selector, data []byte) {
	layer := map[uint32]depLayer{nftables.BaseLL: depLink, nftables.BaseNetwork: depNetwork, nftables.BaseTransport: depTransport}[sel.base]
	d.killDependency(layer, sel.proto)
	for _, f := range sel.split {
		fs := &selector{
			expr:  expr{f.proto + " " + f.name, obj("payload", new(format.Obj).Set("protocol", f.proto).Set("field", f.name))},
			t:     f.t,
			size:  int(f.len),
			base:  f.base,
			proto: f.proto,
		}
		piece := data[:f.len]
		data = data[f.len:]
		d.add(match("==", fs.expr, valueExpr(f.t, piece)))
	}
}
