package nft

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

func (c *change) addRule(verb string) error {
	p := c.p
	r := &nftables.Rule{Family: c.family()}
	table, err := p.name()
	if err != nil {
		return err
	}
	chain, err := p.name()
	if err != nil {
		return err
	}
	r.Table, r.Chain = table.s, chain.s
	a := anchor{def: span{0, len(p.line) + 1}, attrs: map[uint16]span{
		unix.NFTA_RULE_TABLE: tokSpan(table), unix.NFTA_RULE_CHAIN: tokSpan(chain)},
		missing: func(k *known) (suggestion, bool) { return k.noChain(r.Family, table, chain, true) }}
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
	exprs, spans, udata, err := compileRule(p, c.tx, r.Family, r.Table, func(ref token) error {
		st, err := c.existing(r.Family, r.Table, strings.TrimPrefix(ref.s, "@"))
		if err != nil {
			return kernelError(err)
		}
		if st == nil {
			return c.missingSet(r.Family, nil, ref)
		}
		return nil
	})
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
