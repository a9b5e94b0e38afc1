package xfrm

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// stateView prints one state as xfrm_state_print does.
type stateView struct {
	s      *xfrm.State
	typ    uint16 // the message type: Deleted, Updated, Expired
	nokeys bool
	e      *env.Env
}

func (v *stateView) Fields(f *format.Fields) {
	w := &printer{f: f, stats: v.e.G.Stats, e: v.e}
	s, info := v.s, &v.s.Info
	w.event(v.typ, xfrm.MsgDelSA, xfrm.MsgUpdSA, xfrm.MsgExpire)
	ipsec := info.ID.Proto == xfrm.ProtoESP || info.ID.Proto == xfrm.ProtoAH || info.ID.Proto == xfrm.ProtoComp
	w.id(&info.Src, &info.ID, info.Mode, info.ReqID, info.Family, ipsec, "", "")
	f.Uint("replay-window", "\treplay-window %u ", uint64(info.ReplayWindow))
	if w.stats > 0 {
		w.f.Uint("seq", "", uint64(info.Seq))
		f.Literal(fmt.Sprintf("seq 0x%08d ", info.Seq))
	}
	if w.stats > 0 || info.Flags != 0 {
		w.flags("flag", flagWords(uint32(info.Flags), stateFlags))
	}
	if w.stats > 0 && s.ExtraFlags != nil {
		w.flags("extra_flag", flagWords(*s.ExtraFlags, extraFlags))
	}
	if w.stats > 0 {
		f.Literal(" (0x" + mask8(info.Flags) + ")")
	}
	w.line()
	w.attrs(&attrs{StateAttrs: s.StateAttrs, NoKeys: v.nokeys}, info.Family, "\t")
	if !info.Sel.IsZero() {
		f.Open("sel")
		w.selector(&info.Sel, info.Family, "\tsel ")
		f.Close()
	}
	if w.stats > 0 {
		w.lifetime(&info.Lifetime, &info.Current, "\t")
		f.Open("stats")
		f.Literal("\tstats:")
		w.line()
		f.Uint("replay-window", "\t  replay-window %u ", uint64(info.Stats.ReplayWindow))
		f.Uint("replay", "replay %u ", uint64(info.Stats.Replay))
		f.Uint("failed", "failed %u", uint64(info.Stats.IntegrityFailed))
		w.line()
		f.Close()
	}
	if s.SecCtx != nil {
		w.secCtx(s.SecCtx)
	}
	if v.typ == xfrm.MsgExpire {
		f.Uint("hard", "\thard %u", uint64(s.Hard))
		w.line()
	}
	w.end()
}
