package nft

import (
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

// selDesc is a selector of a match: a header field, a meta or ct key.
type selDesc struct {
	f    *field
	meta *metaKey
	ct   *ctKey
	tok  token
}

// bareMeta are the meta keys nft takes without "meta".
var bareMeta = map[string]bool{"mark": true, "iif": true, "iifname": true, "iiftype": true, "oif": true,
	"oifname": true, "oiftype": true, "skuid": true, "skgid": true, "cpu": true, "priority": true, "pkttype": true}

// selector reads a selector if one starts here.
func (c *compiler) selector() (selDesc, bool, error) {
	p := c.p
	if p.done() {
		return selDesc{}, false, nil
	}
	t := p.toks[p.i]
	if t.quoted {
		return selDesc{}, false, nil
	}
	switch {
	case headerProtos[t.s]:
		p.next()
		ft, err := p.word()
		if err != nil {
			return selDesc{}, false, err
		}
		f := fieldNamed(t.s, ft.s)
		if f == nil {
			return selDesc{}, false, p.errAt(ft, "syntax error, unexpected string")
		}
		return selDesc{f: f, tok: t}, true, nil
	case t.s == "meta":
		p.next()
		kt, err := p.word()
		if err != nil {
			return selDesc{}, false, err
		}
		k := metaNamed(kt.s)
		if k == nil {
			return selDesc{}, false, p.errAt(kt, "syntax error, unexpected string")
		}
		return selDesc{meta: k, tok: t}, true, nil
	case bareMeta[t.s]:
		p.next()
		return selDesc{meta: metaNamed(t.s), tok: t}, true, nil
	case t.s == "ct":
		p.next()
		kt, err := p.word()
		if err != nil {
			return selDesc{}, false, err
		}
		k := ctNamed(kt.s)
		if k == nil {
			return selDesc{}, false, p.errAt(kt, "syntax error, unexpected string")
		}
		return selDesc{ct: k, tok: t}, true, nil
	}
	return selDesc{}, false, nil
}

func regFor(idx int) uint32 {
	if idx == 0 {
		return nftables.Reg1
	}
	return nftables.Reg32First + uint32(idx)
}

// depend adds the match nft adds before a field of a protocol the rule
// has not said yet.
func (c *compiler) depend(s selDesc) error {
	if s.f == nil {
		return nil
	}
	switch s.f.base {
	case nftables.BaseLL:
		if c.family != nftables.FamilyBridge && c.family != nftables.FamilyNetdev {
			c.emit(&nftables.Meta{Key: unix.NFT_META_IIFTYPE, DReg: nftables.Reg1},
				&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: tARPHRD.bytes(1, 2)})
		}
	case nftables.BaseNetwork:
		if c.netProto == s.f.proto {
			return nil
		}
		if c.netProto != "" {
			return c.p.errAt(s.tok, "conflicting protocols specified: "+c.netProto+" vs. "+s.f.proto)
		}
		nfproto := uint64(unix.NFPROTO_IPV4)
		ethertype := uint64(0x0800)
		if s.f.proto == "ip6" {
			nfproto, ethertype = unix.NFPROTO_IPV6, 0x86dd
		}
		switch c.family {
		case nftables.FamilyINet:
			c.emit(&nftables.Meta{Key: unix.NFT_META_NFPROTO, DReg: nftables.Reg1},
				&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: []byte{byte(nfproto)}})
		case nftables.FamilyBridge:
			c.emit(&nftables.Payload{DReg: nftables.Reg1, Base: nftables.BaseLL, Offset: 12, Len: 2},
				&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: tEthertype.bytes(ethertype, 2)})
		case nftables.FamilyNetdev:
			c.emit(&nftables.Meta{Key: unix.NFT_META_PROTOCOL, DReg: nftables.Reg1},
				&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: tEthertype.bytes(ethertype, 2)})
		default:
			return c.p.errAt(s.tok, "conflicting protocols specified")
		}
		c.netProto = s.f.proto
	case nftables.BaseTransport:
		if s.f.proto == "th" || c.l4 == s.f.proto {
			return nil
		}
		if c.l4 != "" {
			return c.p.errAt(s.tok, "conflicting transport layer protocols specified: "+c.l4+" vs. "+s.f.proto)
		}
		c.emit(&nftables.Meta{Key: unix.NFT_META_L4PROTO, DReg: nftables.Reg1},
			&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: []byte{headerL4[s.f.proto]}})
		c.l4 = s.f.proto
	}
	return nil
}

// load adds the load of a selector into reg.
func (c *compiler) load(s selDesc, reg uint32) {
	switch {
	case s.f != nil:
		c.emit(&nftables.Payload{DReg: reg, Base: s.f.base, Offset: s.f.offset, Len: s.f.len})
	case s.meta != nil:
		c.emit(&nftables.Meta{Key: s.meta.key, DReg: reg})
	default:
		c.emit(&nftables.Ct{Key: s.ct.key, DReg: reg})
	}
}

// match compiles a match that starts with selector first.
func (c *compiler) match(first selDesc) error {
	sels := []selDesc{first}
	for c.p.accept(".") {
		s, ok, err := c.selector()
		if err != nil {
			return err
		}
		if !ok {
			return c.p.syntax()
		}
		sels = append(sels, s)
	}
	for _, s := range sels {
		if err := c.depend(s); err != nil {
			return err
		}
	}
	idx := 0
	for _, s := range sels {
		c.load(s, regFor(idx))
		idx += regSize(s.size()) / 4
	}
	types := make([]*dtype, len(sels))
	for i, s := range sels {
		types[i] = s.t()
	}
	if c.p.accept("vmap") {
		return c.lookup(types, true, false)
	}
	op := nftables.CmpEq
	explicit := false
	if o, ok := relOps[c.p.peek()]; ok && !c.p.toks[c.p.i].quoted {
		c.p.next()
		op, explicit = o, true
	}
	if c.p.peekIs("{") || strings.HasPrefix(c.p.peek(), "@") {
		if op != nftables.CmpEq && op != nftables.CmpNeq {
			return c.p.syntax()
		}
		return c.lookup(types, false, op == nftables.CmpNeq)
	}
	if len(sels) > 1 {
		return c.p.syntax()
	}
	s := sels[0]
	vt, err := c.p.word()
	if err != nil {
		return err
	}
	t := s.t()
	// ct state established,related: a flag test.
	if t.bitmask && !explicit {
		v, err := parseValue(t, vt.s)
		if err != nil {
			return c.p.errAt(vt, err.Error())
		}
		c.emit(&nftables.Bitwise{SReg: nftables.Reg1, DReg: nftables.Reg1, Len: uint32(len(v)), Mask: v, Xor: make([]byte, len(v))},
			&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpNeq, Data: make([]byte, len(v))})
		return nil
	}
	// An interface name pattern: compare the part before the '*'.
	if t == tIfname && strings.HasSuffix(vt.s, "*") && (op == nftables.CmpEq || op == nftables.CmpNeq) {
		prefix := strings.TrimSuffix(vt.s, "*")
		c.emit(&nftables.Cmp{SReg: nftables.Reg1, Op: op, Data: []byte(prefix)})
		return nil
	}
	lo, hi, plen, err := c.valueOrRange(t, vt)
	if err != nil {
		return err
	}
	switch {
	case plen >= 0:
		if op != nftables.CmpEq && op != nftables.CmpNeq {
			return c.p.errAt(vt, "syntax error, unexpected string")
		}
		mask := prefixMask(len(lo), plen)
		c.emit(&nftables.Bitwise{SReg: nftables.Reg1, DReg: nftables.Reg1, Len: uint32(len(lo)), Mask: mask, Xor: make([]byte, len(lo))},
			&nftables.Cmp{SReg: nftables.Reg1, Op: op, Data: andBytes(lo, mask)})
	case hi != nil:
		rop := uint32(0)
		if op == nftables.CmpNeq {
			rop = 1
		} else if op != nftables.CmpEq {
			return c.p.errAt(vt, "syntax error, unexpected string")
		}
		c.emit(&nftables.Range{SReg: nftables.Reg1, Op: rop, From: lo, To: hi})
	default:
		c.emit(&nftables.Cmp{SReg: nftables.Reg1, Op: op, Data: lo})
		if op == nftables.CmpEq {
			c.learn(s, lo)
		}
	}
	return nil
}

// learn records the protocol a match says, as nft's context does.
func (c *compiler) learn(s selDesc, v []byte) {
	switch {
	case s.meta != nil && s.meta.name == "nfproto":
		switch v[0] {
		case unix.NFPROTO_IPV4:
			c.netProto = "ip"
		case unix.NFPROTO_IPV6:
			c.netProto = "ip6"
		}
	case s.meta != nil && s.meta.name == "l4proto",
		s.f != nil && (s.f.proto == "ip" && s.f.name == "protocol" || s.f.proto == "ip6" && s.f.name == "nexthdr"):
		for name, n := range headerL4 {
			if n == v[0] {
				c.l4 = name
			}
		}
	}
}

// valueOrRange reads a value, a prefix (plen >= 0) or a range (hi set).
func (c *compiler) valueOrRange(t *dtype, vt token) (lo, hi []byte, plen int, err error) {
	plen = -1
	s := vt.s
	if (t == tIPv4 || t == tIPv6) && strings.Contains(s, "/") {
		pr, perr := netip.ParsePrefix(s)
		if perr != nil || pr.Addr().Is4() != (t == tIPv4) {
			return nil, nil, 0, c.p.errAt(vt, "Could not resolve hostname: Name or service not known")
		}
		return pr.Addr().AsSlice(), nil, pr.Bits(), nil
	}
	if v, err := parseValue(t, s); err == nil {
		return v, nil, -1, nil
	}
	if a, b, ok := strings.Cut(s, "-"); ok && !vt.quoted && t != tIfname && t != tString && a != "" {
		if lo, err = parseValue(t, a); err == nil {
			if hi, err = parseValue(t, b); err == nil {
				return lo, hi, -1, nil
			}
		}
		return nil, nil, 0, c.p.errAt(vt, err.Error())
	}
	lo, err = parseValue(t, s)
	if err != nil {
		return nil, nil, 0, c.p.errAt(vt, err.Error())
	}
	return lo, nil, -1, nil
}

func prefixMask(n, bits int) []byte {
	m := make([]byte, n)
	for i := range m {
		switch {
		case bits >= 8:
			m[i] = 0xff
			bits -= 8
		case bits > 0:
			m[i] = byte(0xff << (8 - bits))
			bits = 0
		}
	}
	return m
}

func andBytes(a, m []byte) []byte {
	out := make([]byte, len(a))
	for i := range a {
		out[i] = a[i] & m[i]
	}
	return out
}

// lookup compiles a set lookup (or a verdict map) of the loaded keys.
func (c *compiler) lookup(types []*dtype, vmap, invert bool) error {
	lk := &nftables.Lookup{SReg: nftables.Reg1}
	if invert {
		lk.Flags = nftables.LookupInvert
	}
	if vmap {
		dreg := nftables.RegVerdict
		lk.DReg = &dreg
		c.verdict = true
	}
	if strings.HasPrefix(c.p.peek(), "@") {
		ref := c.p.next()
		if c.checkSet != nil {
			if err := c.checkSet(ref); err != nil {
				return err
			}
		}
		lk.Set = strings.TrimPrefix(ref.s, "@")
		c.emit(lk)
		return nil
	}
	st := &set{keyTypes: types}
	st.Family, st.Table = c.family, c.table
	st.Name = "__set%d"
	st.ID = c.tx.NewID()
	st.Flags = nftables.SetAnonymous | nftables.SetConstant
	if vmap {
		st.Flags |= nftables.SetMap
		st.DataType, st.DataLen = dataVerdict, 16
	}
	st.KeyType = concatID(types)
	for _, t := range types {
		st.KeyLen += uint32(regSize(t.size))
	}
	if len(types) == 1 {
		st.KeyLen = uint32(types[0].size)
	}
	els, err := parseElements(c.p, st, false)
	if err != nil {
		return err
	}
	kels, _ := st.finish(els)
	st.UserData = st.byteOrders()
	c.tx.AddSet(&st.Set, 0)
	c.tx.AddElements(&nftables.Elements{Family: c.family, Table: c.table, Set: st.Name, SetID: st.ID, Elems: kels}, 0)
	lk.Set, lk.SetID = st.Name, st.ID
	c.emit(lk)
	return nil
}
