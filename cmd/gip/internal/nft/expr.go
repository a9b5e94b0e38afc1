package nft

import "github.com/gip-suite/gip/internal/format"

// expr is an expression of nft's language, as both outputs show it: its
// text ("ip saddr", "{ 22, 80 }", "10.0.0.0/8") and its JSON value.
type expr struct {
	text string
	json any
}

// obj is a JSON object of one member, the shape of nft's expressions and
// statements: {"name": v}.
func obj(name string, v any) *format.Obj { return new(format.Obj).Set(name, v) }

// valueExpr is a value of type t.
func valueExpr(t *dtype, b []byte) expr {
	text, js := t.value(b)
	return expr{text, js}
}

// prefixExpr is an address with a prefix length.
func prefixExpr(addr expr, bits int) expr {
	return expr{
		text: addr.text + "/" + itoa(bits),
		json: obj("prefix", new(format.Obj).Set("addr", addr.json).Set("len", bits)),
	}
}

// rangeExpr is a range of values, both ends included.
func rangeExpr(lo, hi expr) expr {
	return expr{text: lo.text + "-" + hi.text, json: obj("range", []any{lo.json, hi.json})}
}

// concatExpr joins values or selectors into a concatenation.
func concatExpr(parts []expr) expr {
	if len(parts) == 1 {
		return parts[0]
	}
	e := expr{}
	js := make([]any, len(parts))
	for i, p := range parts {
		if i > 0 {
			e.text += " . "
		}
		e.text += p.text
		js[i] = p.json
	}
	e.json = obj("concat", js)
	return e
}
