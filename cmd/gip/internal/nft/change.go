package nft

import (
	"errors"
	"strconv"

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
	elems []span // a set's elements
	// missing, when set, is nft's suggestion when the kernel does not
	// find an object the change names (ENOENT).
	missing func(k *known) (suggestion, bool)
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
			if a.elems != nil && typ == unix.NFTA_SET_ELEM_LIST_ELEMENTS && elem >= 0 && elem < len(a.elems) {
				at = a.elems[elem]
			}
			if errors.Is(op.Err, unix.ENOENT) && a.missing != nil {
				if sg, ok := a.missing(c.known()); ok {
					return lineError(a.line, sg.at.pos, sg.at.n, sg.msg)
				}
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
		c.noteAnchor(anchor{def: tokSpan(name), missing: func(k *known) (suggestion, bool) { return k.noTable(name) }})
	case "flush table":
		f := c.family()
		name, err := p.name()
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
			c.note(name)
		} else {
			c.tx.DelChain(ch)
			c.noteAnchor(anchor{def: tokSpan(name), missing: func(k *known) (suggestion, bool) {
				return k.noChain(f, table, name, false)
			}})
		}
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
		c.noteAnchor(anchor{def: tokSpan(name), missing: func(k *known) (suggestion, bool) {
			return k.noSet(f, &table, name)
		}})
	case "add element", "create element", "delete element":
		return c.elements(verb)
	case "add rule", "insert rule", "replace rule", "create rule":
		return c.addRule(verb)
	case "delete rule":
		f := c.family()
		table, err := p.name()
		if err != nil {
			return err
		}
		chain, err := p.name()
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
	case "add counter", "create counter", "add quota", "create quota":
		return c.addObject(obj.s, verb == "create")
	case "delete counter", "delete quota":
		o := &nftables.Obj{Type: objTypes[obj.s]}
		f, table, name, err := c.object(&o.Handle)
		if err != nil {
			return err
		}
		o.Family, o.Table, o.Name = f, table.s, name.s
		c.tx.DelObj(o)
		c.noteAnchor(anchor{def: tokSpan(name), missing: func(k *known) (suggestion, bool) {
			return k.noObject(f, table, name)
		}})
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
	return c.end()
}

// object reads [FAMILY] TABLE { NAME | handle N } of a chain, set or map.
func (c *change) object(h *uint64) (nftables.Family, token, token, error) {
	f := c.family()
	table, err := c.p.name()
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
	return c.p.name()
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
	name, err := c.p.name()
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

// end fails as nft does on words after a complete command.
func (c *change) end() error {
	if p := c.p; !p.done() {
		return p.errAt(p.toks[p.i], "syntax error, unexpected "+lexClass(p.toks[p.i])+", expecting end of file or newline or semicolon")
	}
	return nil
}

func exclusive(create bool) nl.Flags {
	if create {
		return nftables.Exclusive
	}
	return 0
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
	if sg, ok := c.known().noTable(table); ok {
		return lineError(c.p.line, sg.at.pos, sg.at.n, sg.msg)
	}
	return c.p.errAt(table, enoent)
}
