package nft

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

// change is one command line that changes the ruleset: it becomes the
// changes of one transaction.
type change struct {
	p       *parser
	tx      *nftables.Tx
	anchors []anchor // per change of tx, the words an error points at
	conn    *nftables.Conn
	sets    map[tableKey][]nftables.Set // read on demand, for element types
	// made in this transaction, which the kernel does not know yet
	newTables map[tableKey]bool
	newSets   map[tableKey][]*set
}

// anchor says which words of the command line made a change: by default
// def, or the words of the attribute the kernel's error points at.
type anchor struct {
	line  string
	def   span
	attrs map[uint16]span
	exprs []span // a rule's expressions
}

func tokSpan(t token) span {
	n := len(t.s)
	if t.quoted {
		n += 2
	}
	return span{t.pos, n}
}

// note records the word to blame for the changes added since the last
// note.
func (c *change) note(t token) { c.noteAnchor(anchor{def: tokSpan(t)}) }

func (c *change) noteAnchor(a anchor) {
	a.line = c.p.line
	for len(c.anchors) < c.tx.Len() {
		c.anchors = append(c.anchors, a)
	}
}

// runChange runs the command verb ARGS... as one transaction.
func runChange(verb string) func(e *env.Env, args []string) error {
	return func(e *env.Env, args []string) error {
		conn, err := dial(e)
		if err != nil {
			return err
		}
		defer conn.Close()
		c := &change{tx: &nftables.Tx{}, conn: conn}
		if err := c.line(append([]string{verb}, args...)); err != nil {
			return err
		}
		return c.commit()
	}
}

// line adds the changes of one command (VERB OBJECT ...) to the
// transaction.
func (c *change) line(words []string) error {
	c.p = newParser(words)
	verb := c.p.next().s
	return c.parse(verb)
}

func (c *change) commit() error {
	err := c.conn.Commit(c.tx)
	if err == nil {
		return nil
	}
	var te *nftables.TxError
	if !errors.As(err, &te) || te.Index < 0 || te.Index >= len(c.anchors) {
		return kernelError(err)
	}
	msg := "Could not process rule: "
	a := c.anchors[te.Index]
	at := a.def
	var op *nl.OpError
	if errors.As(err, &op) {
		if op.Message != "" {
			msg += op.Message
		} else {
			msg += fail.Strerror(op.Err)
		}
		if typ, elem, ok := c.tx.AttrAt(te.Index, op.Offset); ok && op.Offset != 0 {
			if sp, ok := a.attrs[typ]; ok {
				at = sp
			}
			if typ == unix.NFTA_RULE_EXPRESSIONS && elem >= 0 && elem < len(a.exprs) && a.attrs != nil {
				at = a.exprs[elem]
			}
		}
	}
	return lineError(a.line, at.pos, at.n, msg)
}

// family reads an optional family word (ip when there is none).
func (c *change) family() nftables.Family {
	if f, ok := nftables.ParseFamily(c.p.peek()); ok && !c.p.toks[c.p.i].quoted {
		c.p.next()
		return f
	}
	return nftables.FamilyIP
}

func (c *change) parse(verb string) error {
	p := c.p
	obj, err := p.word()
	if err != nil {
		return err
	}
	switch verb + " " + obj.s {
	case "add table", "create table":
		return c.addTable(verb == "create")
	case "delete table":
		f := c.family()
		t := &nftables.Table{Family: f}
		name, err := c.nameOrHandle(&t.Handle)
		if err != nil {
			return err
		}
		t.Name = name.s
		c.tx.DelTable(t)
		c.note(name)
	case "flush table":
		f := c.family()
		name, err := p.word()
		if err != nil {
			return err
		}
		c.tx.DelRule(&nftables.Rule{Family: f, Table: name.s})
		c.note(name)
	case "add chain", "create chain":
		return c.addChain(verb == "create")
	case "delete chain", "flush chain":
		ch := &nftables.Chain{}
		f, table, name, err := c.object(&ch.Handle)
		if err != nil {
			return err
		}
		ch.Family, ch.Table, ch.Name = f, table.s, name.s
		if verb == "flush" {
			c.tx.DelRule(&nftables.Rule{Family: f, Table: table.s, Chain: name.s})
		} else {
			c.tx.DelChain(ch)
		}
		c.note(name)
	case "add set", "create set", "add map", "create map":
		return c.addSet(obj.s == "map", verb == "create")
	case "delete set", "delete map", "flush set", "flush map":
		st := &nftables.Set{}
		f, table, name, err := c.object(&st.Handle)
		if err != nil {
			return err
		}
		st.Family, st.Table, st.Name = f, table.s, name.s
		if verb == "flush" {
			c.tx.DelElements(&nftables.Elements{Family: f, Table: table.s, Set: name.s})
		} else {
			c.tx.DelSet(st)
		}
		c.note(name)
	case "add element", "create element", "delete element":
		return c.elements(verb)
	case "add rule", "insert rule", "replace rule", "create rule":
		return c.addRule(verb)
	case "delete rule":
		f := c.family()
		table, err := p.word()
		if err != nil {
			return err
		}
		chain, err := p.word()
		if err != nil {
			return err
		}
		r := &nftables.Rule{Family: f, Table: table.s, Chain: chain.s}
		if err := p.expect("handle"); err != nil {
			return err
		}
		h, err := c.handle(&r.Handle)
		if err != nil {
			return err
		}
		c.tx.DelRule(r)
		c.note(h)
	case "flush ruleset":
		f := nftables.FamilyUnspec
		if !p.done() {
			f = c.family()
		}
		c.tx.DelTable(&nftables.Table{Family: f})
		c.note(obj)
	default:
		p.i--
		return p.syntax()
	}
	if !p.done() {
		return p.syntax()
	}
	return nil
}

// object reads [FAMILY] TABLE { NAME | handle N } of a chain, set or map.
func (c *change) object(h *uint64) (nftables.Family, token, token, error) {
	f := c.family()
	table, err := c.p.word()
	if err != nil {
		return f, table, token{}, err
	}
	name, err := c.nameOrHandle(h)
	return f, table, name, err
}

// nameOrHandle reads NAME or handle N.
func (c *change) nameOrHandle(h *uint64) (token, error) {
	if c.p.accept("handle") {
		return c.handle(h)
	}
	return c.p.word()
}

func (c *change) handle(h *uint64) (token, error) {
	t, err := c.p.word()
	if err != nil {
		return t, err
	}
	n, perr := strconv.ParseUint(t.s, 10, 64)
	if perr != nil {
		return t, c.p.errAt(t, "syntax error, unexpected string, expecting number")
	}
	*h = n
	return t, nil
}

// block reads { ITEM ; ... } calling item for each item's first word.
func (c *change) block(item func(t token) error) error {
	p := c.p
	if !p.accept("{") {
		return nil
	}
	for {
		for p.accept(";") {
		}
		if p.accept("}") {
			return nil
		}
		t, err := p.word()
		if err != nil {
			return err
		}
		if err := item(t); err != nil {
			return err
		}
	}
}

func (c *change) addTable(create bool) error {
	t := &nftables.Table{Family: c.family()}
	name, err := c.p.word()
	if err != nil {
		return err
	}
	t.Name = name.s
	err = c.block(func(w token) error {
		if w.s != "flags" {
			return c.p.errAt(w, "syntax error, unexpected string")
		}
		f, err := c.p.word()
		if err != nil {
			return err
		}
		if f.s != "dormant" {
			return c.p.errAt(f, "syntax error, unexpected string")
		}
		t.Flags |= nftables.TableDormant
		return nil
	})
	if err != nil {
		return err
	}
	c.tx.AddTable(t, exclusive(create))
	c.note(name)
	if c.newTables == nil {
		c.newTables = map[tableKey]bool{}
	}
	c.newTables[tableKey{t.Family, t.Name}] = true
	return c.end()
}

func (c *change) end() error {
	if !c.p.done() {
		return c.p.syntax()
	}
	return nil
}

func exclusive(create bool) nl.Flags {
	if create {
		return nftables.Exclusive
	}
	return 0
}

func (c *change) addChain(create bool) error {
	p := c.p
	ch := &nftables.Chain{Family: c.family()}
	table, err := p.word()
	if err != nil {
		return err
	}
	name, err := p.word()
	if err != nil {
		return err
	}
	ch.Table, ch.Name = table.s, name.s
	err = c.block(func(w token) error {
		switch w.s {
		case "type":
			typ, err := p.word()
			if err != nil {
				return err
			}
			ch.Type = typ.s
			if err := p.expect("hook"); err != nil {
				return err
			}
			ht, err := p.word()
			if err != nil {
				return err
			}
			num, ok := hookNumber(ch.Family, ht.s)
			if !ok {
				return p.errAt(ht, "unknown chain hook")
			}
			ch.Hook = &nftables.Hook{Num: num}
			if p.accept("device") {
				dev, err := p.word()
				if err != nil {
					return err
				}
				ch.Hook.Devices = []string{dev.s}
			}
			if err := p.expect("priority"); err != nil {
				return err
			}
			prio, err := c.priority(ch.Family, ht.s)
			if err != nil {
				return err
			}
			ch.Hook.Priority = prio
		case "policy":
			pt, err := p.word()
			if err != nil {
				return err
			}
			var v uint32
			switch pt.s {
			case "accept":
				v = uint32(nftables.VerdictAccept)
			case "drop":
				v = uint32(nftables.VerdictDrop)
			default:
				return p.errAt(pt, "syntax error, unexpected string")
			}
			ch.Policy = &v
		default:
			return p.errAt(w, "syntax error, unexpected string")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if ch.Policy != nil && ch.Hook == nil {
		return p.errAt(name, "policy requires a base chain")
	}
	if ch.Family == nftables.FamilyNetdev && ch.Hook != nil && len(ch.Hook.Devices) == 0 {
		return p.errAt(name, "Missing `device' in this chain definition")
	}
	if err := c.needTable(ch.Family, table); err != nil {
		return err
	}
	c.tx.AddChain(ch, exclusive(create))
	c.noteAnchor(anchor{def: tokSpan(name), attrs: map[uint16]span{unix.NFTA_CHAIN_TABLE: tokSpan(table)}})
	return c.end()
}

// priority reads a number or a named priority with an optional offset.
func (c *change) priority(f nftables.Family, hook string) (int32, error) {
	t, err := c.p.word()
	if err != nil {
		return 0, err
	}
	if n, err := strconv.ParseInt(t.s, 10, 32); err == nil {
		return int32(n), nil
	}
	base, ok := prioNamed(f, hook, t.s)
	if !ok {
		return 0, c.p.errAt(t, "'"+t.s+"' is invalid priority in this context.")
	}
	if c.p.peekIs("+") || c.p.peekIs("-") {
		sign := c.p.next().s
		nt, err := c.p.word()
		if err != nil {
			return 0, err
		}
		n, perr := strconv.ParseInt(nt.s, 10, 32)
		if perr != nil {
			return 0, c.p.errAt(nt, "syntax error, unexpected string")
		}
		if sign == "-" {
			n = -n
		}
		base += int32(n)
	}
	return base, nil
}

func (c *change) addSet(isMap, create bool) error {
	p := c.p
	st := &set{}
	st.Family = c.family()
	table, err := p.word()
	if err != nil {
		return err
	}
	name, err := p.word()
	if err != nil {
		return err
	}
	st.Table, st.Name = table.s, name.s
	st.ID = c.tx.NewID()
	var specs []elemSpec
	var comment string
	autoMerge := false
	err = c.block(func(w token) error {
		switch w.s {
		case "type":
			for {
				tt, err := p.word()
				if err != nil {
					return err
				}
				t := typeByName(tt.s)
				if t == nil || t.size == 0 {
					return p.errAt(tt, "unknown datatype "+tt.s)
				}
				st.keyTypes = append(st.keyTypes, t)
				if !p.accept(".") {
					break
				}
			}
			if isMap {
				if err := p.expect(":"); err != nil {
					return err
				}
				dt, err := p.word()
				if err != nil {
					return err
				}
				if dt.s != "verdict" {
					if st.data = typeByName(dt.s); st.data == nil || st.data.size == 0 {
						return p.errAt(dt, "unknown datatype "+dt.s)
					}
				}
			}
		case "flags":
			ft, err := p.word()
			if err != nil {
				return err
			}
			for _, f := range strings.Split(ft.s, ",") {
				switch f {
				case "constant":
					st.Flags |= nftables.SetConstant
				case "interval":
					st.Flags |= nftables.SetInterval
				case "timeout":
					st.Flags |= nftables.SetTimeout
				case "dynamic":
					st.Flags |= nftables.SetEval
				default:
					return p.errAt(ft, "syntax error, unexpected string")
				}
			}
		case "timeout", "gc-interval":
			tt, err := p.word()
			if err != nil {
				return err
			}
			ms, err := parseDuration(tt.s)
			if err != nil {
				return p.errAt(tt, "Wrong time format")
			}
			if w.s == "timeout" {
				st.Timeout = ms
				st.Flags |= nftables.SetTimeout
			} else {
				st.GCInterval = uint32(ms)
			}
		case "size":
			n, _, err := (&compiler{p: p}).number(1<<32 - 1)
			if err != nil {
				return err
			}
			st.Size = uint32(n)
		case "auto-merge":
			autoMerge = true
		case "comment":
			ct, err := p.word()
			if err != nil {
				return err
			}
			comment = ct.s
		case "elements":
			if err := p.expect("="); err != nil {
				return err
			}
			if st.keyTypes == nil {
				return p.errAt(w, "set definition does not specify key")
			}
			st.prepare(isMap)
			specs, err = parseElements(p, st)
			return err
		default:
			return p.errAt(w, "syntax error, unexpected string")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if st.keyTypes == nil {
		return p.errAt(name, "set definition does not specify key")
	}
	if err := c.needTable(st.Family, table); err != nil {
		return err
	}
	st.prepare(isMap)
	els := st.finish(specs)
	st.UserData = st.byteOrders()
	if autoMerge {
		st.UserData = append(st.UserData, udataSetMerge, 4, 1, 0, 0, 0)
	}
	if comment != "" {
		st.UserData = append(st.UserData, udataSetComment, byte(len(comment)+1))
		st.UserData = append(append(st.UserData, comment...), 0)
	}
	c.tx.AddSet(&st.Set, exclusive(create))
	c.note(name)
	if c.newSets == nil {
		c.newSets = map[tableKey][]*set{}
	}
	c.newSets[tableKey{st.Family, st.Table}] = append(c.newSets[tableKey{st.Family, st.Table}], st)
	if len(els) > 0 {
		c.tx.AddElements(&nftables.Elements{Family: st.Family, Table: st.Table, Set: st.Name, SetID: st.ID, Elems: els}, 0)
		c.note(name)
	}
	return c.end()
}

// prepare sets the key and data attributes from the declared types.
func (s *set) prepare(isMap bool) {
	s.KeyType = concatID(s.keyTypes)
	s.KeyLen = 0
	for _, t := range s.keyTypes {
		s.KeyLen += uint32(regSize(t.size))
	}
	if len(s.keyTypes) == 1 {
		s.KeyLen = uint32(s.keyTypes[0].size)
	}
	if isMap {
		s.Flags |= nftables.SetMap
		if s.data == nil {
			s.DataType, s.DataLen = dataVerdict, 16
		} else {
			s.DataType, s.DataLen = s.data.id, uint32(s.data.size)
		}
	}
}

// Byte orders nft records in a set's user data (enum byteorder).
const (
	orderInvalid = 0
	orderHost    = 1
	orderBig     = 2
)

// byteOrders is the user data nft reads a set's values with: the byte
// order of its key and of a map's data.
func (s *set) byteOrders() []byte {
	order := func(ts ...*dtype) byte {
		switch {
		case len(ts) != 1:
			return orderInvalid
		case ts[0].host:
			return orderHost
		}
		return orderBig
	}
	b := []byte{udataSetKeyOrder, 4, order(s.keyTypes...), 0, 0, 0}
	if s.IsMap() {
		d := byte(orderInvalid)
		if s.data != nil {
			d = order(s.data)
		}
		b = append(b, udataSetDataOrder, 4, d, 0, 0, 0)
	}
	return b
}

// needTable fails as nft does, before asking the kernel, when the table
// a new object goes into does not exist.
func (c *change) needTable(f nftables.Family, table token) error {
	if c.newTables[tableKey{f, table.s}] {
		return nil
	}
	tables, err := c.conn.Tables(f)
	if err != nil {
		return kernelError(err)
	}
	for _, t := range tables {
		if t.Name == table.s {
			return nil
		}
	}
	return c.p.errAt(table, "No such file or directory")
}

// existing reads the set called name of a table, for its types.
func (c *change) existing(f nftables.Family, table, name string) (*set, error) {
	key := tableKey{f, table}
	for _, s := range c.newSets[key] {
		if s.Name == name {
			return s, nil
		}
	}
	if c.sets == nil {
		c.sets = map[tableKey][]nftables.Set{}
	}
	sets, ok := c.sets[key]
	if !ok {
		all, err := c.conn.Sets(f)
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			if s.Table == table {
				sets = append(sets, s)
			}
		}
		c.sets[key] = sets
	}
	for _, s := range sets {
		if s.Name == name {
			return newSet(s), nil
		}
	}
	return nil, nil
}

func (c *change) elements(verb string) error {
	p := c.p
	f := c.family()
	table, err := p.word()
	if err != nil {
		return err
	}
	name, err := p.word()
	if err != nil {
		return err
	}
	st, err := c.existing(f, table.s, name.s)
	if err != nil {
		return kernelError(err)
	}
	if st == nil {
		return p.errAt(name, "No such file or directory")
	}
	specs, err := parseElements(p, st)
	if err != nil {
		return err
	}
	els := st.encodeElements(specs)
	l := &nftables.Elements{Family: f, Table: table.s, Set: name.s, Elems: els}
	if verb == "delete" {
		c.tx.DelElements(l)
	} else {
		c.tx.AddElements(l, exclusive(verb == "create"))
	}
	c.note(name)
	return c.end()
}

func (c *change) addRule(verb string) error {
	p := c.p
	r := &nftables.Rule{Family: c.family()}
	table, err := p.word()
	if err != nil {
		return err
	}
	chain, err := p.word()
	if err != nil {
		return err
	}
	r.Table, r.Chain = table.s, chain.s
	a := anchor{def: span{0, len(p.line) + 1}, attrs: map[uint16]span{
		unix.NFTA_RULE_TABLE: tokSpan(table), unix.NFTA_RULE_CHAIN: tokSpan(chain)}}
	var flags nl.Flags
	position := func() error {
		if kw := p.toks[p.i]; p.accept("position") {
			t, err := c.handle(&r.Position)
			if err != nil {
				return err
			}
			a.attrs[unix.NFTA_RULE_POSITION] = span{kw.pos, t.pos + len(t.s) - kw.pos}
		}
		return nil
	}
	switch verb {
	case "add", "create":
		flags = nftables.Append
		if !p.done() {
			if err := position(); err != nil {
				return err
			}
		}
	case "insert":
		if !p.done() {
			if err := position(); err != nil {
				return err
			}
		}
	case "replace":
		if err := p.expect("handle"); err != nil {
			return err
		}
		t, err := c.handle(&r.Handle)
		if err != nil {
			return err
		}
		a.attrs[unix.NFTA_RULE_HANDLE] = tokSpan(t)
		flags = nftables.Replace
	}
	c.noteAnchor(a)
	exprs, spans, udata, err := compileRule(p, c.tx, r.Family, r.Table)
	if err != nil {
		return err
	}
	c.noteAnchor(anchor{def: span{0, len(p.line) + 1}})
	r.Exprs, r.UserData = exprs, udata
	a.exprs = spans
	c.tx.AddRule(r, flags)
	c.noteAnchor(a)
	return nil
}
