package nft

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

// compiler turns the statements of a rule, in nft's language, into the
// kernel's expressions, adding the protocol matches nft adds.
type compiler struct {
	p        *parser
	family   nftables.Family
	table    string
	tx       *nftables.Tx
	exprs    []nftables.Expr
	netProto string
	l4       string
	comment  string
	verdict  bool   // a verdict ended the rule
	spans    []span // per expression, the words of its statement
	cur      span
}

// span is a stretch of the command line an error points at.
type span struct{ pos, n int }

// selDesc is a selector of a match: a header field, a meta or ct key.
type selDesc struct {
	f    *field
	meta *metaKey
	ct   *ctKey
	tok  token
}

func (s selDesc) t() *dtype {
	switch {
	case s.f != nil && s.f.t.size == 0:
		// An integer field is as wide as the field.
		t := *s.f.t
		t.size = int(s.f.len)
		return &t
	case s.f != nil:
		return s.f.t
	case s.meta != nil:
		return s.meta.t
	}
	return s.ct.t
}

func (s selDesc) size() int { return s.t().size }

var headerProtos = map[string]bool{"ether": true, "ip": true, "ip6": true, "tcp": true, "udp": true, "th": true, "icmp": true, "icmpv6": true}

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

func (c *compiler) emit(x ...nftables.Expr) {
	c.exprs = append(c.exprs, x...)
	for range x {
		c.spans = append(c.spans, c.cur)
	}
}

// prepend puts the protocol match a statement implies at the start of
// the rule, where nft puts it.
func (c *compiler) prepend(x ...nftables.Expr) {
	c.exprs = append(x, c.exprs...)
	c.spans = append(make([]span, len(x)), c.spans...)
	for i := range x {
		c.spans[i] = c.cur
	}
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

var relOps = map[string]uint32{"==": nftables.CmpEq, "eq": nftables.CmpEq, "!=": nftables.CmpNeq, "ne": nftables.CmpNeq,
	"<": nftables.CmpLt, "lt": nftables.CmpLt, "<=": nftables.CmpLte, "le": nftables.CmpLte,
	">": nftables.CmpGt, "gt": nftables.CmpGt, ">=": nftables.CmpGte, "ge": nftables.CmpGte}

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
		lk.Set = strings.TrimPrefix(c.p.next().s, "@")
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
	els, err := parseElements(c.p, st)
	if err != nil {
		return err
	}
	kels := st.finish(els)
	st.UserData = st.byteOrders()
	c.tx.AddSet(&st.Set, 0)
	c.tx.AddElements(&nftables.Elements{Family: c.family, Table: c.table, Set: st.Name, SetID: st.ID, Elems: kels}, 0)
	lk.Set, lk.SetID = st.Name, st.ID
	c.emit(lk)
	return nil
}

// statement compiles one statement that is not a match.
func (c *compiler) statement() error {
	p := c.p
	t := p.next()
	switch t.s {
	case "accept", "drop", "continue", "return":
		codes := map[string]int32{"accept": nftables.VerdictAccept, "drop": nftables.VerdictDrop,
			"continue": nftables.VerdictContinue, "return": nftables.VerdictReturn}
		c.emit(&nftables.Immediate{DReg: nftables.RegVerdict, Data: nftables.Data{Verdict: &nftables.Verdict{Code: codes[t.s]}}})
		c.verdict = true
	case "jump", "goto":
		ct, err := p.word()
		if err != nil {
			return err
		}
		code := nftables.VerdictJump
		if t.s == "goto" {
			code = nftables.VerdictGoto
		}
		c.cur = span{ct.pos, len(ct.s)}
		c.emit(&nftables.Immediate{DReg: nftables.RegVerdict, Data: nftables.Data{Verdict: &nftables.Verdict{Code: code, Chain: ct.s}}})
		c.verdict = true
	case "counter":
		if p.accept("packets") {
			if _, err := p.word(); err != nil {
				return err
			}
			if err := p.expect("bytes"); err != nil {
				return err
			}
			if _, err := p.word(); err != nil {
				return err
			}
		}
		c.emit(&nftables.Counter{})
	case "limit":
		return c.limit()
	case "log":
		return c.log()
	case "quota":
		return c.quota()
	case "reject":
		return c.reject()
	case "snat", "dnat":
		return c.nat(t)
	case "masquerade", "redirect":
		return c.portNAT(t)
	case "comment":
		ct, err := p.word()
		if err != nil {
			return err
		}
		c.comment = ct.s
	default:
		// nft reads an unknown word as the start of an expression.
		if p.done() {
			return lineError(p.line, len(p.line), 1, "syntax error, unexpected newline")
		}
		return p.syntax()
	}
	return nil
}

func (c *compiler) number(max uint64) (uint64, token, error) {
	t, err := c.p.word()
	if err != nil {
		return 0, t, err
	}
	n, perr := strconv.ParseUint(t.s, 0, 64)
	if perr != nil || n > max {
		return 0, t, c.p.errAt(t, "syntax error, unexpected string")
	}
	return n, t, nil
}

var unitSeconds = map[string]uint64{"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
var byteUnits = map[string]uint64{"bytes": 1, "kbytes": 1024, "mbytes": 1024 * 1024}

func (c *compiler) limit() error {
	p := c.p
	if err := p.expect("rate"); err != nil {
		return err
	}
	x := &nftables.Limit{Type: nftables.LimitPackets, Burst: 5}
	if p.accept("over") {
		x.Flags = nftables.LimitInvert
	}
	t, err := p.word()
	if err != nil {
		return err
	}
	rate, per, ok := strings.Cut(t.s, "/")
	if ok { // 5/second
		n, err := strconv.ParseUint(rate, 10, 64)
		u, known := unitSeconds[per]
		if err != nil || !known {
			return p.errAt(t, "syntax error, unexpected string")
		}
		x.Rate, x.Unit = n, u
	} else { // 10 mbytes/second
		n, err := strconv.ParseUint(t.s, 10, 64)
		ut, werr := p.word()
		if err != nil || werr != nil {
			return p.errAt(t, "syntax error, unexpected string")
		}
		bu, per, _ := strings.Cut(ut.s, "/")
		mult, ok1 := byteUnits[bu]
		u, ok2 := unitSeconds[per]
		if !ok1 || !ok2 {
			return p.errAt(ut, "Wrong rate format")
		}
		x.Type, x.Rate, x.Unit, x.Burst = nftables.LimitBytes, n*mult, u, 0
	}
	if p.accept("burst") {
		n, _, err := c.number(1<<32 - 1)
		if err != nil {
			return err
		}
		unit, err := p.word()
		if err != nil {
			return err
		}
		if x.Type == nftables.LimitPackets {
			if unit.s != "packets" {
				return p.errAt(unit, "syntax error, unexpected string")
			}
			x.Burst = uint32(n)
		} else {
			mult, ok := byteUnits[unit.s]
			if !ok {
				return p.errAt(unit, "syntax error, unexpected string")
			}
			x.Burst = uint32(n * mult)
		}
	}
	c.emit(x)
	return nil
}

func (c *compiler) log() error {
	p := c.p
	x := &nftables.Log{}
	for {
		switch {
		case p.accept("prefix"):
			t, err := p.word()
			if err != nil {
				return err
			}
			x.Prefix = &t.s
		case p.accept("level"):
			t, err := p.word()
			if err != nil {
				return err
			}
			found := false
			for i, l := range logLevels {
				if l == t.s {
					v := uint32(i)
					x.Level, found = &v, true
				}
			}
			if !found {
				return p.errAt(t, "invalid log level")
			}
		case p.accept("group"):
			n, _, err := c.number(65535)
			if err != nil {
				return err
			}
			g := uint16(n)
			x.Group = &g
		case p.accept("snaplen"):
			n, _, err := c.number(1<<32 - 1)
			if err != nil {
				return err
			}
			v := uint32(n)
			x.Snaplen = &v
		case p.accept("flags"):
			f, err := logFlags(p)
			if err != nil {
				return err
			}
			if x.Flags == nil {
				x.Flags = new(uint32)
			}
			*x.Flags |= f
		case p.accept("queue-threshold"):
			n, _, err := c.number(65535)
			if err != nil {
				return err
			}
			v := uint16(n)
			x.QThreshold = &v
		default:
			c.emit(x)
			return nil
		}
	}
}

func (c *compiler) quota() error {
	p := c.p
	x := &nftables.Quota{}
	if p.accept("over") {
		x.Flags = nftables.QuotaInvert
	}
	n, t, err := c.number(1<<63 - 1)
	if err != nil {
		return err
	}
	ut, err := p.word()
	if err != nil {
		return err
	}
	mult, ok := map[string]uint64{"bytes": 1, "kbytes": 1 << 10, "mbytes": 1 << 20, "gbytes": 1 << 30}[ut.s]
	if !ok {
		return p.errAt(t, "Wrong rate format")
	}
	x.Bytes = n * mult
	c.emit(x)
	return nil
}

func (c *compiler) reject() error {
	p := c.p
	x := &nftables.Reject{}
	switch c.family {
	case nftables.FamilyIP:
		x.Type, x.Code = nftables.RejectICMPUnreach, 3
	case nftables.FamilyIP6:
		x.Type, x.Code = nftables.RejectICMPUnreach, 4
	default:
		x.Type, x.Code = nftables.RejectICMPXUnreach, 1
		switch c.netProto {
		case "ip":
			x.Type, x.Code = nftables.RejectICMPUnreach, 3
		case "ip6":
			x.Type, x.Code = nftables.RejectICMPUnreach, 4
		}
	}
	if p.accept("with") {
		kt, err := p.word()
		if err != nil {
			return err
		}
		switch kt.s {
		case "tcp":
			if err := p.expect("reset"); err != nil {
				return err
			}
			if c.l4 != "tcp" {
				if c.l4 != "" {
					return p.errAt(kt, "conflicting protocols specified: "+c.l4+" vs. tcp")
				}
				c.prepend(&nftables.Meta{Key: unix.NFT_META_L4PROTO, DReg: nftables.Reg1},
					&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: []byte{unix.IPPROTO_TCP}})
				c.l4 = "tcp"
			}
			x.Type, x.Code = nftables.RejectTCPReset, 0
		case "icmp", "icmpv6", "icmpx":
			p.accept("type")
			ct, err := p.word()
			if err != nil {
				return err
			}
			codeType := map[string]*dtype{"icmp": tICMPCode, "icmpv6": tICMPv6Code, "icmpx": tICMPXCode}[kt.s]
			v, ok := codeType.symbol(ct.s)
			if !ok {
				return p.errAt(ct, "Could not parse "+codeType.name)
			}
			x.Code = uint8(v)
			x.Type = nftables.RejectICMPUnreach
			if kt.s == "icmpx" {
				x.Type = nftables.RejectICMPXUnreach
			} else if c.family == nftables.FamilyINet || c.family == nftables.FamilyBridge || c.family == nftables.FamilyNetdev {
				want := map[string]string{"icmp": "ip", "icmpv6": "ip6"}[kt.s]
				if c.netProto == "" {
					nfproto := byte(unix.NFPROTO_IPV4)
					if want == "ip6" {
						nfproto = unix.NFPROTO_IPV6
					}
					c.prepend(&nftables.Meta{Key: unix.NFT_META_NFPROTO, DReg: nftables.Reg1},
						&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: []byte{nfproto}})
					c.netProto = want
				}
			}
		default:
			return p.errAt(kt, "syntax error, unexpected string")
		}
	}
	c.emit(x)
	c.verdict = true
	return nil
}

// natTarget reads ADDR, ADDR:PORT, :PORT, [ADDR6]:PORT and ranges of each.
func (c *compiler) natTarget(fam string, t token) (addrLo, addrHi, portLo, portHi []byte, err error) {
	s := t.s
	at := tIPv4
	if fam == "ip6" {
		at = tIPv6
	}
	var addrPart, portPart string
	switch {
	case strings.HasPrefix(s, ":"):
		portPart = s[1:]
	case strings.HasPrefix(s, "["):
		end := strings.LastIndex(s, "]")
		if end < 0 {
			return nil, nil, nil, nil, c.p.errAt(t, "syntax error, unexpected string")
		}
		addrPart = strings.ReplaceAll(strings.ReplaceAll(s[:end+1], "[", ""), "]", "")
		if rest := s[end+1:]; strings.HasPrefix(rest, ":") {
			portPart = rest[1:]
		}
	case at == tIPv4 && strings.Contains(s, ":"):
		addrPart, portPart, _ = strings.Cut(s, ":")
	default:
		addrPart = s
	}
	parseRange := func(t *dtype, v string) ([]byte, []byte, error) {
		a, b, isRange := strings.Cut(v, "-")
		lo, err := parseValue(t, a)
		if err != nil || !isRange {
			return lo, nil, err
		}
		hi, err := parseValue(t, b)
		return lo, hi, err
	}
	if addrPart != "" {
		if addrLo, addrHi, err = parseRange(at, addrPart); err != nil {
			return nil, nil, nil, nil, c.p.errAt(t, err.Error())
		}
	}
	if portPart != "" {
		if c.l4 == "" {
			return nil, nil, nil, nil, c.p.errAt(t, "transport protocol mapping is only valid after transport protocol match")
		}
		if portLo, portHi, err = parseRange(tService, portPart); err != nil {
			return nil, nil, nil, nil, c.p.errAt(t, err.Error())
		}
	}
	return addrLo, addrHi, portLo, portHi, nil
}

const (
	reg2 = 2 // NFT_REG_2
)

func (c *compiler) nat(kind token) error {
	p := c.p
	x := &nftables.NAT{Type: nftables.NATSnat}
	if kind.s == "dnat" {
		x.Type = nftables.NATDnat
	}
	fam := "ip"
	switch c.family {
	case nftables.FamilyIP6:
		fam = "ip6"
	case nftables.FamilyINet:
		fam = c.netProto
	}
	if p.peekIs("ip") || p.peekIs("ip6") {
		fam = p.next().s
	}
	if fam == "" {
		return p.errAt(kind, "specify `"+kind.s+" ip' or '"+kind.s+" ip6' in inet table to disambiguate")
	}
	x.Family = unix.NFPROTO_IPV4
	if fam == "ip6" {
		x.Family = unix.NFPROTO_IPV6
	}
	if err := p.expect("to"); err != nil {
		return err
	}
	t, err := p.word()
	if err != nil {
		return err
	}
	alo, ahi, plo, phi, err := c.natTarget(fam, t)
	if err != nil {
		return err
	}
	if alo != nil {
		c.emit(&nftables.Immediate{DReg: nftables.Reg1, Data: nftables.Data{Value: alo}})
		x.RegAddrMin, x.RegAddrMax = nftables.Reg1, nftables.Reg1
		x.Flags |= natMapIPs
		if ahi != nil {
			c.emit(&nftables.Immediate{DReg: reg2, Data: nftables.Data{Value: ahi}})
			x.RegAddrMax = reg2
		}
	}
	if plo != nil {
		r := uint32(reg2)
		if ahi != nil {
			r = 3
		}
		c.emit(&nftables.Immediate{DReg: r, Data: nftables.Data{Value: plo}})
		x.RegProtoMin, x.RegProtoMax = r, r
		x.Flags |= natProtoSpec
		if phi != nil {
			c.emit(&nftables.Immediate{DReg: r + 1, Data: nftables.Data{Value: phi}})
			x.RegProtoMax = r + 1
		}
	}
	x.Flags |= c.natFlags()
	c.emit(x)
	c.verdict = true
	return nil
}

func (c *compiler) natFlags() uint32 {
	var f uint32
	if c.p.done() {
		return 0
	}
	for _, w := range strings.Split(c.p.peek(), ",") {
		switch w {
		case "random":
			f |= natRandom
		case "fully-random":
			f |= natFullyRandom
		case "persistent":
			f |= natPersistent
		default:
			return 0
		}
	}
	c.p.next()
	return f
}

func (c *compiler) portNAT(kind token) error {
	p := c.p
	var flags, lo, hi uint32
	if p.accept("to") {
		t, err := p.word()
		if err != nil {
			return err
		}
		if !strings.HasPrefix(t.s, ":") {
			return p.errAt(t, "syntax error, unexpected string")
		}
		_, _, plo, phi, err := c.natTarget("ip", t)
		if err != nil {
			return err
		}
		c.emit(&nftables.Immediate{DReg: nftables.Reg1, Data: nftables.Data{Value: plo}})
		lo, hi = nftables.Reg1, nftables.Reg1
		flags |= natProtoSpec
		if phi != nil {
			c.emit(&nftables.Immediate{DReg: reg2, Data: nftables.Data{Value: phi}})
			hi = reg2
		}
	}
	flags |= c.natFlags()
	if kind.s == "masquerade" {
		c.emit(&nftables.Masq{Flags: flags, RegProtoMin: lo, RegProtoMax: hi})
	} else {
		c.emit(&nftables.Redir{Flags: flags, RegProtoMin: lo, RegProtoMax: hi})
	}
	c.verdict = true
	return nil
}

// compileRule reads a rule's statements until the end of the line. It
// returns the expressions, the words each came from, and the rule's user
// data.
func compileRule(p *parser, tx *nftables.Tx, f nftables.Family, table string) ([]nftables.Expr, []span, []byte, error) {
	c := &compiler{p: p, family: f, table: table, tx: tx}
	switch f {
	case nftables.FamilyIP:
		c.netProto = "ip"
	case nftables.FamilyIP6:
		c.netProto = "ip6"
	}
	for !p.done() {
		start := p.toks[p.i].pos
		c.cur = span{start, 0}
		n := len(c.exprs)
		s, ok, err := c.selector()
		if err != nil {
			return nil, nil, nil, err
		}
		if ok {
			err = c.match(s)
		} else {
			err = c.statement()
		}
		if err != nil {
			return nil, nil, nil, err
		}
		// The statement's words: up to the end of its last token.
		last := p.toks[p.i-1]
		end := last.pos + len(last.s)
		if last.quoted {
			end += 2
		}
		for i := n; i < len(c.spans); i++ {
			if c.spans[i].n == 0 {
				c.spans[i] = span{start, end - start}
			}
		}
	}
	if len(c.exprs) == 0 && c.comment == "" {
		return nil, nil, nil, lineError(p.line, len(p.line), 1, "syntax error, unexpected newline")
	}
	var udata []byte
	if c.comment != "" {
		udata = append([]byte{udataRuleComment, byte(len(c.comment) + 1)}, c.comment...)
		udata = append(udata, 0)
	}
	return c.exprs, c.spans, udata, nil
}

// logFlags reads the words after "flags" of a log statement.
func logFlags(p *parser) (uint32, error) {
	t, err := p.word()
	if err != nil {
		return 0, err
	}
	switch t.s {
	case "all":
		return logAll, nil
	case "skuid":
		return logUID, nil
	case "ether":
		return logMAC, nil
	case "ip":
		if err := p.expect("options"); err != nil {
			return 0, err
		}
		return logIPOpt, nil
	case "tcp":
		w, err := p.word()
		if err != nil {
			return 0, err
		}
		var f uint32
		for _, o := range strings.Split(w.s, ",") {
			switch o {
			case "sequence":
				f |= logTCPSeq
			case "options":
				f |= logTCPOpt
			default:
				return 0, p.errAt(w, "syntax error, unexpected string")
			}
		}
		return f, nil
	}
	return 0, p.errAt(t, "syntax error, unexpected string")
}
