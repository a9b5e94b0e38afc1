package xfrm

import (
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// Notice is what a NETLINK_XFRM notification prints, as ip xfrm monitor
// prints it: the object and action of its JSON envelope in gip monitor,
// and its record.
type Notice struct {
	Object string // xfrm-state, xfrm-policy, xfrm-acquire, xfrm-aevent, xfrm-report, xfrm-mapping
	Action string // new, update, del, expire, flush
	Rec    format.FieldRecord
}

// Decode makes the notice of msg; nokeys hides the keys of reports. A
// message of a type ip xfrm monitor does not know prints ip's "Unknown
// message" line.
func Decode(e *env.Env, msg nl.Message, nokeys bool) (*Notice, error) {
	t := msg.Header.Type
	switch t {
	case xfrm.MsgNewSA, xfrm.MsgUpdSA, xfrm.MsgDelSA, xfrm.MsgExpire:
		s, err := xfrm.ParseState(msg)
		if err != nil {
			return nil, err
		}
		// ip 6.1 prints a state's keys even under nokeys (which hides
		// those of reports).
		return &Notice{"xfrm-state", action(t), &stateView{s: s, typ: t, e: e}}, nil
	case xfrm.MsgNewPolicy, xfrm.MsgUpdPolicy, xfrm.MsgDelPolicy, xfrm.MsgPolExpire:
		p, err := xfrm.ParsePolicy(msg)
		if err != nil {
			return nil, err
		}
		return &Notice{"xfrm-policy", action(t), &policyView{p: p, typ: t, family: e.G.Family, e: e}}, nil
	case xfrm.MsgAcquire:
		a, err := xfrm.ParseAcquire(msg)
		if err != nil {
			return nil, err
		}
		return &Notice{"xfrm-acquire", "new", &acquireView{a: a, e: e}}, nil
	case xfrm.MsgFlushSA:
		proto, err := xfrm.ParseFlushSA(msg)
		if err != nil {
			return nil, err
		}
		return &Notice{"xfrm-state", "flush", &flushView{what: "state", key: "proto", value: xfrmProtoName(proto)}}, nil
	case xfrm.MsgFlushPolicy:
		ptype, err := xfrm.ParseFlushPolicy(msg)
		if err != nil {
			return nil, err
		}
		v := &flushView{what: "policy"}
		if ptype != nil {
			v.key, v.value = "ptype", ptypeName(*ptype)
		}
		return &Notice{"xfrm-policy", "flush", v}, nil
	case xfrm.MsgReport:
		r, err := xfrm.ParseReport(msg)
		if err != nil {
			return nil, err
		}
		return &Notice{"xfrm-report", "new", &reportView{r: r, nokeys: nokeys, e: e}}, nil
	case xfrm.MsgNewAE:
		a, err := xfrm.ParseAEvent(msg)
		if err != nil {
			return nil, err
		}
		return &Notice{"xfrm-aevent", "new", &aeventView{a}}, nil
	case xfrm.MsgMapping:
		m, err := xfrm.ParseMapping(msg)
		if err != nil {
			return nil, err
		}
		return &Notice{"xfrm-mapping", "new", &mappingView{m}}, nil
	}
	return &Notice{"xfrm", "unknown", &unknownView{msg.Header}}, nil
}

// action is the envelope's action of a state or policy message.
func action(t uint16) string {
	switch t {
	case xfrm.MsgUpdSA, xfrm.MsgUpdPolicy:
		return "update"
	case xfrm.MsgDelSA, xfrm.MsgDelPolicy:
		return "del"
	case xfrm.MsgExpire, xfrm.MsgPolExpire:
		return "expire"
	}
	return "new"
}

// Groups are the multicast groups of ip xfrm monitor's objects, by word.
var Groups = []struct {
	Word  string
	Group uint32
}{
	{"acquire", xfrm.GroupAcquire}, {"expire", xfrm.GroupExpire}, {"SA", xfrm.GroupSA},
	{"aevent", xfrm.GroupAEvents}, {"policy", xfrm.GroupPolicy}, {"report", xfrm.GroupReport},
}

// Resync lists every state and policy as notices, for the monitor's
// resynchronisation after an overrun: states first, then policies.
func Resync(e *env.Env, print func(*Notice) error) error {
	c, err := conn(e)
	if err != nil {
		return err
	}
	for s, err := range xfrm.States(c, nil) {
		if err != nil {
			return dumpFailed(err, "Dump terminated")
		}
		if err := print(&Notice{"xfrm-state", "new", &stateView{s: s, e: e}}); err != nil {
			return err
		}
	}
	for p, err := range xfrm.Policies(c) {
		if err != nil {
			return dumpFailed(err, "Dump terminated")
		}
		if err := print(&Notice{"xfrm-policy", "new", &policyView{p: p, family: e.G.Family, e: e}}); err != nil {
			return err
		}
	}
	return nil
}

// acquireView prints an acquire as ip does: the template's protocol and
// SPI, the flow's selector, the policy.
type acquireView struct {
	a *xfrm.Acquire
	e *env.Env
}

func (v *acquireView) Fields(f *format.Fields) {
	w := &printer{f: f, stats: v.e.G.Stats, e: v.e}
	a := v.a
	family := a.Sel.Family
	if family == 0 {
		family = a.Policy.Sel.Family
	}
	if family == 0 {
		family = uint16(v.e.G.Family)
	}
	f.Literal("acquire ")
	f.String("proto", "proto %s ", xfrmProtoName(a.ID.Proto))
	if w.stats > 0 || a.ID.SPI != 0 {
		w.hex("spi", "spi %s", a.ID.SPI, fmt.Sprintf("0x%08x", a.ID.SPI))
		if w.stats > 0 {
			f.Literal("(" + strconv.FormatUint(uint64(a.ID.SPI), 10) + ")")
		}
		f.Literal(" ")
	}
	w.line()
	f.Open("sel")
	w.selector(&a.Sel, family, "  sel ")
	f.Close()
	f.Open("policy")
	p := &policyView{p: &xfrm.Policy{Info: a.Policy, PolicyAttrs: a.PolicyAttrs}, family: v.e.G.Family, e: v.e, title: "  policy ", prefix: "    "}
	p.print(w)
	f.Close()
	if w.stats > 0 {
		f.Uint("seq", "", uint64(a.Seq))
		f.Literal(fmt.Sprintf("  seq 0x%08d ", a.Seq))
		w.hex("enc-mask", "enc-mask %s ", a.EncAlgos, fmt.Sprintf("%08x", a.EncAlgos))
		w.hex("auth-mask", "auth-mask %s ", a.AuthAlgos, fmt.Sprintf("%08x", a.AuthAlgos))
		w.hex("comp-mask", "comp-mask %s", a.CompAlgos, fmt.Sprintf("%08x", a.CompAlgos))
	}
	w.line()
	w.end()
}

// flushView prints "Flushed state proto esp" or "Flushed policy ptype
// main"; JSON {"proto":"esp"}, {"ptype":"main"} or {}.
type flushView struct{ what, key, value string }

func (v *flushView) Fields(f *format.Fields) {
	f.Literal("Flushed " + v.what + " ")
	if v.key != "" {
		sep := ""
		if v.key == "ptype" {
			sep = " "
		}
		f.String(v.key, v.key+" %s"+sep, v.value)
	}
	f.Line()
	if f.Mode() == format.Oneline {
		f.Literal("\n")
	}
}

// reportView prints a report: its protocol, selector and attributes.
type reportView struct {
	r      *xfrm.Report
	nokeys bool
	e      *env.Env
}

func (v *reportView) Fields(f *format.Fields) {
	w := &printer{f: f, stats: v.e.G.Stats, e: v.e}
	family := v.r.Sel.Family
	if family == 0 {
		family = uint16(v.e.G.Family)
	}
	f.Literal("report ")
	f.String("proto", "proto %s ", xfrmProtoName(v.r.Proto))
	w.line()
	f.Open("sel")
	w.selector(&v.r.Sel, family, "  sel ")
	f.Close()
	w.attrs(&attrs{StateAttrs: v.r.StateAttrs, NoKeys: v.nokeys}, family, "  ")
	w.end()
}

// aeventView prints an asynchronous event: why it came and the state.
type aeventView struct{ a *xfrm.AEvent }

func (v *aeventView) Fields(f *format.Fields) {
	a := v.a
	f.Literal("Async event ")
	f.Uint("flags", "", uint64(a.Flags))
	f.Literal(" (0x" + strconv.FormatUint(uint64(a.Flags), 16) + ") ")
	f.OpenArray("reasons")
	for _, r := range []struct {
		bit  uint32
		word string
	}{{xfrm.AEReplayUpdate, "replay update"}, {xfrm.AETimerExpired, "timer expired"}, {xfrm.AEPolicyUpdate, "policy updated"}} {
		if a.Flags&r.bit != 0 {
			f.Element(" %s ", r.word)
		}
	}
	f.CloseArray()
	f.Literal("\n\t")
	f.String("src", "src %s ", addr(a.Src, a.ID.Family))
	said(f, &a.ID, a.ReqID)
	f.Literal("\n")
}

// said prints a state's id as ip's xfrm_usersa_print does.
func said(f *format.Fields, id *xfrm.SAID, reqid uint32) {
	f.String("dst", "dst %s ", addr(id.Dst, id.Family))
	f.Uint("reqid", "", uint64(reqid))
	f.Literal(" reqid 0x" + strconv.FormatUint(uint64(reqid), 16))
	f.String("protocol", " protocol %s ", protoName(id.Proto))
	f.Uint("spi", "", uint64(id.SPI))
	f.Literal(" SPI 0x" + strconv.FormatUint(uint64(id.SPI), 16))
}

// mappingView prints a NAT-T peer's new address and port.
type mappingView struct{ m *xfrm.Mapping }

func (v *mappingView) Fields(f *format.Fields) {
	m := v.m
	f.Literal("Mapping change ")
	f.String("old-src", "%s", addr(m.OldSrc, m.ID.Family))
	f.Uint("old-sport", ":%u -> ", uint64(m.OldSport))
	f.String("new-src", "%s", addr(m.NewSrc, m.ID.Family))
	f.Uint("new-sport", ":%u\n\t", uint64(m.NewSport))
	said(f, &m.ID, m.ReqID)
	f.Literal("\n")
}

// unknownView is ip's line for a message it does not know.
type unknownView struct{ h nl.Header }

func (v *unknownView) Fields(f *format.Fields) {
	f.Uint("len", "", uint64(v.h.Length))
	f.Uint("type", "", uint64(v.h.Type))
	f.Uint("flags", "", uint64(v.h.Flags))
	f.Literal(fmt.Sprintf("Unknown message: %08d 0x%08x 0x%08x\n", v.h.Length, v.h.Type, uint16(v.h.Flags)))
}
