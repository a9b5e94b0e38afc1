package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of one action (TCA_ACT_* in linux/pkt_cls.h).
const (
	tcaActKind        = 1
	tcaActOptions     = 2
	tcaActIndex       = 3
	tcaActStats       = 4
	tcaActCookie      = 6
	tcaActFlags       = 7
	tcaActHWStats     = 8
	tcaActUsedHWStats = 9
	tcaActInHWCount   = 10
)

// Flags of an action (TCA_ACT_FLAGS_*), sent as a bitfield.
const (
	ActFlagNoPercpuStats = 1 << 0
	ActFlagSkipHW        = 1 << 1
	ActFlagSkipSW        = 1 << 2
)

// Hardware statistics types (TCA_ACT_HW_STATS_*), as a bitfield.
const (
	ActHWStatsImmediate = 1 << 0
	ActHWStatsDelayed   = 1 << 1
)

// Action is one action of a filter's list or of the standalone action
// table: its kind, its typed options (encoded as TCA_ACT_OPTIONS), and
// what the kernel reports about it.
type Action struct {
	Kind string
	// Options encodes the kind's TCA_ACT_OPTIONS nest.
	Options TCOptions
	// RawOptions is the payload of TCA_ACT_OPTIONS in a reply, decoded by
	// the kind's own code.
	RawOptions []byte
	Index      Opt[uint32]
	Cookie     []byte
	// Flags and FlagsSelector are the TCA_ACT_FLAGS bitfield.
	Flags, FlagsSelector uint32
	HasFlags             bool
	InHWCount            Opt[uint32]
	// HWStats and UsedHWStats are the TCA_ACT_HW_STATS and
	// TCA_ACT_USED_HW_STATS bitfields (value, selector).
	HWStats, UsedHWStats Opt[[2]uint32]
	// HasOptions says a reply carried TCA_ACT_OPTIONS (a terse dump has
	// none).
	HasOptions bool
	Stats      *TCStats
}

// EncodeActions writes the action list as the nest typ (a filter's
// TCA_<KIND>_ACT, or TCA_ACT_TAB), each action nested under its order
// (1, 2, ...), as tc does.
func EncodeActions(e *nl.AttrEncoder, typ uint16, acts []Action) {
	e.NestPlain(typ)
	for i, a := range acts {
		e.NestPlain(uint16(i + 1))
		e.String(tcaActKind, a.Kind)
		if v, ok := a.Index.Get(); ok && a.Options == nil {
			e.Uint32(tcaActIndex, v)
		}
		if a.Options != nil {
			a.Options.Encode(e)
		}
		if len(a.Cookie) > 0 {
			e.Bytes(tcaActCookie, a.Cookie)
		}
		if v, ok := a.HWStats.Get(); ok {
			e.Bytes(tcaActHWStats, ne.AppendUint32(ne.AppendUint32(nil, v[0]), v[1]))
		}
		if a.HasFlags {
			b := ne.AppendUint32(nil, a.Flags)
			e.Bytes(tcaActFlags, ne.AppendUint32(b, a.FlagsSelector))
		}
		e.Unnest()
	}
	e.Unnest()
}

// DecodeActions reads an action list: the actions nested under their
// order, returned in order with that order.
func DecodeActions(b []byte) ([]Action, []uint16, error) {
	var acts []Action
	var orders []uint16
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		a, err := decodeAction(d.Bytes())
		if err != nil {
			return acts, orders, err
		}
		acts = append(acts, a)
		orders = append(orders, d.Type())
	}
	return acts, orders, d.Err()
}

func decodeAction(b []byte) (Action, error) {
	var a Action
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case tcaActKind:
			a.Kind = d.String()
		case tcaActOptions:
			a.RawOptions, a.HasOptions = clone(d.Bytes()), true
		case tcaActIndex:
			a.Index = Some(d.Uint32())
		case tcaActCookie:
			a.Cookie = clone(d.Bytes())
		case tcaActFlags:
			if v := d.Bytes(); len(v) >= 8 {
				a.HasFlags, a.Flags, a.FlagsSelector = true, ne.Uint32(v), ne.Uint32(v[4:])
			}
		case tcaActHWStats, tcaActUsedHWStats:
			if v := d.Bytes(); len(v) >= 8 {
				bf := Some([2]uint32{ne.Uint32(v), ne.Uint32(v[4:])})
				if d.Type() == tcaActHWStats {
					a.HWStats = bf
				} else {
					a.UsedHWStats = bf
				}
			}
		case tcaActInHWCount:
			a.InHWCount = Some(d.Uint32())
		case tcaActStats:
			var t TC
			a.Stats = decodeStats2(d.Bytes(), &t, clone)
		}
	}
	return a, d.Err()
}

// TCFTimes is struct tcf_t: when an action was installed, last used and
// first used, and when it expires, in jiffies.
type TCFTimes struct {
	Install, LastUse, Expires, FirstUse uint64
}

// DecodeTCFTimes reads struct tcf_t.
func DecodeTCFTimes(b []byte) (TCFTimes, bool) {
	if len(b) < 24 {
		return TCFTimes{}, false
	}
	t := TCFTimes{Install: ne.Uint64(b), LastUse: ne.Uint64(b[8:]), Expires: ne.Uint64(b[16:])}
	if len(b) >= 32 {
		t.FirstUse = ne.Uint64(b[24:])
	}
	return t, true
}

// ActionParms is struct tc_gen, the head of every action's parameters:
// its index, capabilities, control verdict and reference counts.
type ActionParms struct {
	Index   uint32
	Capab   uint32
	Action  int32
	Refcnt  int32
	Bindcnt int32
}

// ActionParmsLen is the size of struct tc_gen.
const ActionParmsLen = 20

// Append appends p as struct tc_gen.
func (p ActionParms) Append(b []byte) []byte {
	for _, v := range []uint32{p.Index, p.Capab, uint32(p.Action), uint32(p.Refcnt), uint32(p.Bindcnt)} {
		b = ne.AppendUint32(b, v)
	}
	return b
}

// DecodeActionParms reads struct tc_gen from the front of b.
func DecodeActionParms(b []byte) (ActionParms, bool) {
	if len(b) < ActionParmsLen {
		return ActionParms{}, false
	}
	return ActionParms{ne.Uint32(b), ne.Uint32(b[4:]), int32(ne.Uint32(b[8:])), int32(ne.Uint32(b[12:])), int32(ne.Uint32(b[16:]))}, true
}

// Attributes of an action message (TCA_ROOT_* in linux/rtnetlink.h) and
// the flags of TCA_ROOT_FLAGS.
const (
	TCARootTab       = 1 // TCA_ACT_TAB
	tcaRootFlags     = 2
	tcaRootCount     = 3
	tcaRootTimeDelta = 4

	ActFlagLargeDump = 1 << 0 // TCA_ACT_FLAG_LARGE_DUMP_ON
	ActFlagTerseDump = 1 << 1 // TCA_ACT_FLAG_TERSE_DUMP
)

// ActionMsg is an RTM_{NEW,DEL,GET}ACTION message: struct tcamsg (its
// family, always AF_UNSPEC as tc sends it), the action table and the root
// attributes.
type ActionMsg struct {
	Actions []Action
	// Flags is TCA_ROOT_FLAGS (value = selector), sent when set.
	Flags Opt[uint32]
	// TimeDelta is TCA_ROOT_TIME_DELTA in milliseconds (tc's "since").
	TimeDelta Opt[uint32]
	// Count is TCA_ROOT_COUNT in a reply; Tab is the raw TCA_ACT_TAB and
	// HasTab whether the reply had one.
	Count  Opt[uint32]
	Tab    []byte
	HasTab bool
}

// ActionMsgHeaderLen is the size of struct tcamsg.
const ActionMsgHeaderLen = 4

// Message encodes m as a request of type typ.
func (m *ActionMsg) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	EncodeActions(e, TCARootTab, m.Actions)
	if v, ok := m.Flags.Get(); ok {
		e.Bytes(tcaRootFlags, ne.AppendUint32(ne.AppendUint32(nil, v), v))
	}
	if v, ok := m.TimeDelta.Get(); ok {
		e.Uint32(tcaRootTimeDelta, v)
	}
	return request(typ, flags, make([]byte, ActionMsgHeaderLen), e)
}

// DecodeActionMsg reads an action message.
func DecodeActionMsg(msg nl.Message, m *ActionMsg) error {
	*m = ActionMsg{}
	if len(msg.Data) < ActionMsgHeaderLen {
		return nl.ErrShortMessage
	}
	d := nl.NewAttrDecoder(msg.Data[ActionMsgHeaderLen:])
	for d.Next() {
		switch d.Type() {
		case TCARootTab:
			m.Tab, m.HasTab = clone(d.Bytes()), true
		case tcaRootCount:
			m.Count = Some(d.Uint32())
		case tcaRootFlags:
			if v := d.Bytes(); len(v) >= 4 {
				m.Flags = Some(ne.Uint32(v))
			}
		}
	}
	return d.Err()
}

// ActionFlush is what the kernel reports of a flush of one action kind
// (an RTM_DELACTION with NLM_F_ROOT, to the monitors): the kind and how
// many actions went.
type ActionFlush struct {
	Kind  string
	Count uint32
}

// In a flush report the kind and count are the qdisc attributes TCA_KIND
// and TCA_FCNT, not TCA_ACT_* ones.
const (
	tcaFlushKind  = 1 // TCA_KIND
	tcaFlushCount = 6 // TCA_FCNT
)

// DecodeActionFlush reads the TCA_ACT_TAB of a flush report: one nest
// holding the kind and the count. ok is false when the table holds no
// kind.
func DecodeActionFlush(tab []byte) (f ActionFlush, ok bool, err error) {
	d := nl.NewAttrDecoder(tab)
	if !d.Next() {
		return f, false, d.Err()
	}
	in := nl.NewAttrDecoder(d.Bytes())
	for in.Next() {
		switch in.Type() {
		case tcaFlushKind:
			f.Kind, ok = in.String(), true
		case tcaFlushCount:
			f.Count = in.Uint32()
		}
	}
	if err := in.Err(); err != nil {
		return f, false, err
	}
	return f, ok, d.Err()
}
