package xfrm

import (
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// attrs are the attributes xfrm_xfrma_print prints, of a policy or a
// state; nil is absent.
type attrs struct {
	Mark         *xfrm.Mark
	Templates    []xfrm.Template
	HasTemplates bool
	IfID         *uint32
}

// attrs prints the attributes in ip's order, each line after prefix.
func (w *printer) attrs(a *attrs, family uint16, prefix string) {
	f := w.f
	if a.Mark != nil {
		f.Open("mark")
		w.hex("value", "\tmark %s/", a.Mark.Value, cHex(a.Mark.Value))
		w.hex("mask", "%s ", a.Mark.Mask, cHex(a.Mark.Mask))
		f.Close()
		w.line()
	}
	if a.HasTemplates {
		w.templates(a.Templates, prefix)
	}
	if a.IfID != nil {
		f.Literal(prefix)
		w.hex("if_id", "if_id %s", *a.IfID, cHex(*a.IfID))
		w.line()
	}
}
