package nftables

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Rule is a rule of a chain: its expressions, in order.
type Rule struct {
	Family   Family
	Table    string
	Chain    string
	Handle   uint64
	Position uint64 // add after (insert before) the rule with this handle
	Exprs    []Expr
	UserData []byte // nft keeps the rule's comment here
}

func (r *Rule) encode(e *nl.AttrEncoder) {
	e.String(unix.NFTA_RULE_TABLE, r.Table)
	e.String(unix.NFTA_RULE_CHAIN, r.Chain)
	if r.Handle != 0 {
		e.Uint64(unix.NFTA_RULE_HANDLE, r.Handle)
	}
	if r.Position != 0 {
		e.Uint64(unix.NFTA_RULE_POSITION, r.Position)
	}
	if len(r.Exprs) > 0 {
		encodeExprs(e, unix.NFTA_RULE_EXPRESSIONS, r.Exprs)
	}
	if len(r.UserData) > 0 {
		e.Bytes(unix.NFTA_RULE_USERDATA, r.UserData)
	}
}

func decodeRule(f Family, b []byte) (Rule, error) {
	r := Rule{Family: f}
	d := newDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_RULE_TABLE:
			r.Table = d.String()
		case unix.NFTA_RULE_CHAIN:
			r.Chain = d.String()
		case unix.NFTA_RULE_HANDLE:
			r.Handle = d.Uint64()
		case unix.NFTA_RULE_POSITION:
			r.Position = d.Uint64()
		case unix.NFTA_RULE_USERDATA:
			r.UserData = append([]byte(nil), d.Bytes()...)
		case unix.NFTA_RULE_EXPRESSIONS:
			r.Exprs = decodeExprList(&d)
		}
	}
	return r, d.Err()
}
