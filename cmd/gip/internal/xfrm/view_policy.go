package xfrm

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// policyView prints one policy as xfrm_policy_print does.
type policyView struct {
	p      *xfrm.Policy
	typ    uint16 // the message type: Deleted, Updated, Expired
	family uint8  // ip's preferred family, for a selector without one
	e      *env.Env
	// title comes before the selector and prefix before each line
	// after it: empty in a listing, "  policy " and "    " in an
	// acquire.
	title, prefix string
}

func (v *policyView) Fields(f *format.Fields) {
	w := &printer{f: f, stats: v.e.G.Stats, e: v.e}
	v.print(w)
	w.end()
}

// print prints the policy's lines, without ending the record.
func (v *policyView) print(w *printer) {
	f := w.f
	p, info := v.p, &v.p.Info
	w.event(v.typ, xfrm.MsgDelPolicy, xfrm.MsgUpdPolicy, xfrm.MsgPolExpire)
	w.selector(&info.Sel, uint16(v.family), v.title)
	if p.SecCtx != nil {
		w.secCtx(p.SecCtx)
	}
	f.Literal(v.prefix + "\t")
	dir := info.Dir
	if dir >= xfrm.DirMax {
		f.String("socket", "socket %s ", dirName(dir-xfrm.DirMax))
	} else {
		f.String("dir", "dir %s ", dirName(dir))
	}
	switch info.Action {
	case xfrm.ActionAllow:
		if w.stats > 0 {
			f.String("action", "action %s ", "allow")
		}
	case xfrm.ActionBlock:
		f.String("action", "action %s ", "block")
	default:
		f.Uint("action", "action %u ", uint64(info.Action))
	}
	if w.stats > 0 {
		f.Uint("index", "index %u ", uint64(info.Index))
	}
	f.Uint("priority", "priority %u ", uint64(info.Priority))
	if p.Type != nil {
		f.String("ptype", "ptype %s ", ptypeName(*p.Type))
	}
	if w.stats > 0 {
		f.String("share", "share %s ", shareName(info.Share))
	}
	if w.stats > 0 || info.Flags != 0 {
		w.flags("flag", flagWords(uint32(info.Flags), policyFlags))
	}
	if w.stats > 0 {
		f.Literal(" (0x" + mask8(info.Flags) + ")")
	}
	w.line()
	if w.stats > 0 {
		w.lifetime(&info.Lifetime, &info.Current, v.prefix+"\t")
	}
	w.attrs(&attrs{StateAttrs: xfrm.StateAttrs{Mark: p.Mark, IfID: p.IfID}, Templates: p.Templates, HasTemplates: p.Templates != nil}, info.Sel.Family, v.prefix+"\t")
	if v.typ == xfrm.MsgPolExpire {
		f.Uint("hard", "\thard %u", uint64(p.Hard))
		w.line()
	}
}
