package nftables

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nfnl"
	"golang.org/x/sys/unix"
)

// Tx is a list of changes the kernel applies as one transaction: all of
// them or, when one is refused, none.
type Tx struct {
	msgs   []nl.Message
	what   []string
	nextID uint32
}

// Len is the number of changes.
func (tx *Tx) Len() int { return len(tx.msgs) }

// NewID returns an id unique in the transaction, to name a set or chain
// before the kernel has given it a handle.
func (tx *Tx) NewID() uint32 {
	tx.nextID++
	return tx.nextID
}

// Change flags: Create adds (NLM_F_CREATE), Exclusive refuses an object
// that exists (NLM_F_EXCL), Append adds a rule at the end (NLM_F_APPEND),
// Replace replaces a rule (NLM_F_REPLACE).
const (
	Create    = nl.Create
	Exclusive = nl.Excl
	Append    = nl.Append
	Replace   = nl.Replace
)

func (tx *Tx) add(what string, msg uint8, flags nl.Flags, f Family, enc func(e *nl.AttrEncoder)) {
	e := newEncoder()
	enc(e)
	attrs, err := e.Encode()
	if err != nil {
		// Only an attribute of more than 64 KiB fails; the kernel
		// refuses the empty message instead.
		attrs = nil
	}
	tx.msgs = append(tx.msgs, message(msg, flags|nl.Acknowledge, f, attrs))
	tx.what = append(tx.what, what)
}

// AddTable adds (or with Exclusive creates) a table.
func (tx *Tx) AddTable(t *Table, flags nl.Flags) {
	tx.add("table", unix.NFT_MSG_NEWTABLE, Create|flags, t.Family, t.encode)
}

// DelTable deletes a table; a table without a name and handle deletes
// every table of its family (every table with FamilyUnspec).
func (tx *Tx) DelTable(t *Table) {
	tx.add("table", unix.NFT_MSG_DELTABLE, 0, t.Family, t.encode)
}

// AddChain adds (or with Exclusive creates) a chain.
func (tx *Tx) AddChain(c *Chain, flags nl.Flags) {
	tx.add("chain", unix.NFT_MSG_NEWCHAIN, Create|flags, c.Family, c.encode)
}

// DelChain deletes a chain.
func (tx *Tx) DelChain(c *Chain) {
	tx.add("chain", unix.NFT_MSG_DELCHAIN, 0, c.Family, c.encode)
}

// AddSet adds (or with Exclusive creates) a set or map.
func (tx *Tx) AddSet(s *Set, flags nl.Flags) {
	tx.add("set", unix.NFT_MSG_NEWSET, Create|flags, s.Family, s.encode)
}

// DelSet deletes a set or map.
func (tx *Tx) DelSet(s *Set) {
	tx.add("set", unix.NFT_MSG_DELSET, 0, s.Family, s.encode)
}

// elemsPerMessage bounds the elements of one message, whose list must
// fit in a netlink attribute (64 KiB).
const elemsPerMessage = 256

// chunks splits a list of elements into lists one message each can carry.
func (s *Elements) chunks() []*Elements {
	if len(s.Elems) <= elemsPerMessage {
		return []*Elements{s}
	}
	var out []*Elements
	for i := 0; i < len(s.Elems); i += elemsPerMessage {
		c := *s
		c.Elems = s.Elems[i:min(i+elemsPerMessage, len(s.Elems))]
		out = append(out, &c)
	}
	return out
}

// AddElements adds elements to a set (in as many messages as they need).
func (tx *Tx) AddElements(s *Elements, flags nl.Flags) {
	for _, c := range s.chunks() {
		tx.add("element", unix.NFT_MSG_NEWSETELEM, Create|flags, c.Family, c.encode)
	}
}

// DelElements deletes elements of a set; with none given, all of them.
func (tx *Tx) DelElements(s *Elements) {
	for _, c := range s.chunks() {
		tx.add("element", unix.NFT_MSG_DELSETELEM, 0, c.Family, c.encode)
	}
}

// AddRule adds a rule: at the end of its chain with Append, at the start
// without; after (Append) or before the rule Position names. With Replace
// it replaces the rule Handle names.
func (tx *Tx) AddRule(r *Rule, flags nl.Flags) {
	tx.add("rule", unix.NFT_MSG_NEWRULE, Create|flags, r.Family, r.encode)
}

// DelRule deletes a rule by handle; without a handle every rule of its
// chain, without a chain every rule of its table.
func (tx *Tx) DelRule(r *Rule) {
	tx.add("rule", unix.NFT_MSG_DELRULE, 0, r.Family, func(e *nl.AttrEncoder) {
		e.String(unix.NFTA_RULE_TABLE, r.Table)
		if r.Chain != "" {
			e.String(unix.NFTA_RULE_CHAIN, r.Chain)
		}
		if r.Handle != 0 {
			e.Uint64(unix.NFTA_RULE_HANDLE, r.Handle)
		}
	})
}

// TxError is the kernel's refusal of one change of a transaction, which
// then applied nothing.
type TxError struct {
	Index int    // the change, counted from 0
	What  string // table, chain, set, element, rule
	Err   error  // the *nl.OpError
}

func (e *TxError) Error() string {
	return fmt.Sprintf("nftables: change %d (%s): %v", e.Index, e.What, e.Err)
}

func (e *TxError) Unwrap() error { return e.Err }

// Commit sends the transaction between the batch delimiters and returns
// the first refusal, as a *TxError.
func (c *Conn) Commit(tx *Tx) error {
	if len(tx.msgs) == 0 {
		return nil
	}
	msgs := make([]nl.Message, 0, len(tx.msgs)+2)
	msgs = append(msgs, nfnl.BatchBegin(nfnl.SubsysNFTables))
	msgs = append(msgs, tx.msgs...)
	msgs = append(msgs, nfnl.BatchEnd(nfnl.SubsysNFTables))
	results, err := c.nc.Transact(msgs)
	if err != nil {
		return err
	}
	if results[0] != nil {
		return &TxError{Index: -1, What: "batch", Err: results[0]}
	}
	for i, r := range results[1 : len(results)-1] {
		if r != nil {
			return &TxError{Index: i, What: tx.what[i], Err: r}
		}
	}
	return nil
}

// AttrAt says where the kernel's error offset (from the start of change
// i's netlink header) points: the type of the top-level attribute, and
// the index of the element of a list attribute (a rule's expressions, a
// set's elements), or -1.
func (tx *Tx) AttrAt(i int, offset uint32) (typ uint16, elem int, ok bool) {
	if i < 0 || i >= len(tx.msgs) {
		return 0, -1, false
	}
	const hdr = nl.HeaderLen + nfnl.HeaderLen
	if offset < hdr {
		return 0, -1, false
	}
	b := tx.msgs[i].Data[nfnl.HeaderLen:]
	off := int(offset - hdr)
	d := newDecoder(b)
	pos := 0
	for d.Next() {
		n := nl.Align(4 + d.Len())
		if off >= pos && off < pos+n {
			typ = d.Type()
			elem = -1
			inner := off - pos - 4
			l := d.Nested()
			epos, idx := 0, 0
			for l.Next() {
				en := nl.Align(4 + l.Len())
				if inner >= epos && inner < epos+en {
					elem = idx
					break
				}
				epos += en
				idx++
			}
			return typ, elem, true
		}
		pos += n
	}
	return 0, -1, false
}
