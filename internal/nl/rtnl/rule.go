package rtnl

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Rule flags (FIB_RULE_*) in Rule.Flags.
const (
	RulePermanent = 0x1 // FIB_RULE_PERMANENT
	RuleInvert    = 0x2 // FIB_RULE_INVERT: `ip rule add not ...`
)

// Rule is a policy routing rule (RTM_NEWRULE and friends): struct
// fib_rule_hdr and its FRA_* attributes. A zero field is left out of
// requests; pointers mark fields where zero is a meaningful value.
type Rule struct {
	Family   uint8 // unix.AF_INET or unix.AF_INET6
	Dst, Src netip.Prefix
	TOS      uint8
	Table    uint32 // lookup table (FR_ACT_TO_TBL)
	Action   uint8  // FR_ACT_*; FR_ACT_TO_TBL when zero in additions
	Flags    uint32 // RuleInvert, ...

	Priority          *uint32 // FRA_PRIORITY, the rule's preference
	Mark              *uint32 // FRA_FWMARK
	Mask              *uint32 // FRA_FWMASK
	IIFName, OIFName  string
	Goto              uint32 // FRA_GOTO target priority
	SuppressPrefixLen *int32 // FRA_SUPPRESS_PREFIXLEN
	SuppressIfGroup   *uint32
	L3MDev            bool
	UIDRange          *[2]uint32
	Protocol          uint8 // FRA_PROTOCOL, who installed the rule
	IPProto           uint8
	SPort, DPort      *[2]uint16
	Realms            uint32 // FRA_FLOW
	TunID             uint64
	// HasProtocol says FRA_PROTOCOL was in a dumped rule (Protocol may be 0).
	HasProtocol bool
	// NATGateway is the deprecated `nat ADDRESS` (RTA_GATEWAY, FR_ACT_NAT).
	NATGateway netip.Addr
}

// RuleOp is a rule request.
type RuleOp int

// Rule requests.
const (
	RuleAdd    RuleOp = iota // NLM_F_CREATE|NLM_F_EXCL
	RuleDelete               // RTM_DELRULE
)

func (r *Rule) family() uint8 {
	switch {
	case r.Family != 0:
		return r.Family
	case r.Src.IsValid():
		return familyOf(r.Src.Addr())
	case r.Dst.IsValid():
		return familyOf(r.Dst.Addr())
	}
	return unix.AF_INET
}

// Message encodes the rule as a request. An addition without a table,
// goto or action looks up table main; additions default to protocol boot.
func (r *Rule) Message(op RuleOp) (nl.Message, error) {
	return r.message(op, true)
}

// MessageAsIs encodes the rule with Action, Table and Protocol exactly as
// they are (a table above 255 as RT_TABLE_UNSPEC plus FRA_TABLE, no
// FRA_PROTOCOL when Protocol is 0), as ip's command line sends them.
func (r *Rule) MessageAsIs(op RuleOp) (nl.Message, error) {
	return r.message(op, false)
}

func (r *Rule) message(op RuleOp, defaults bool) (nl.Message, error) {
	fam := r.family()
	for _, p := range []netip.Prefix{r.Src, r.Dst} {
		if p.IsValid() && familyOf(p.Addr()) != fam {
			return nl.Message{}, fmt.Errorf("rule: prefix %s is not of the rule's family", p)
		}
	}
	action, table, proto := r.Action, r.Table, r.Protocol
	if op == RuleAdd && defaults {
		if action == 0 {
			action = unix.FR_ACT_TO_TBL
			if r.Goto != 0 {
				action = unix.FR_ACT_GOTO
			}
		}
		if action == unix.FR_ACT_TO_TBL && table == 0 && !r.L3MDev {
			table = unix.RT_TABLE_MAIN
		}
		if proto == 0 {
			proto = unix.RTPROT_BOOT
		}
	}
	h := appendRtHeader(make([]byte, 0, 12), fam, r.Dst, r.Src, r.TOS, table, [3]uint8{0, 0, action}, r.Flags)
	if !defaults && table > 255 {
		h[4] = unix.RT_TABLE_UNSPEC
	}
	e := nl.NewAttrEncoder(h)
	if table > 255 {
		e.Uint32(unix.FRA_TABLE, table)
	}
	if r.Dst.IsValid() {
		e.Addr(unix.FRA_DST, r.Dst.Addr())
	}
	if r.Src.IsValid() {
		e.Addr(unix.FRA_SRC, r.Src.Addr())
	}
	if r.Priority != nil {
		e.Uint32(unix.FRA_PRIORITY, *r.Priority)
	}
	if r.Mark != nil {
		e.Uint32(unix.FRA_FWMARK, *r.Mark)
	}
	if r.Mask != nil {
		e.Uint32(unix.FRA_FWMASK, *r.Mask)
	}
	if r.IIFName != "" {
		e.String(unix.FRA_IIFNAME, r.IIFName)
	}
	if r.OIFName != "" {
		e.String(unix.FRA_OIFNAME, r.OIFName)
	}
	if r.Goto != 0 {
		e.Uint32(unix.FRA_GOTO, r.Goto)
	}
	if r.SuppressPrefixLen != nil {
		e.Uint32(unix.FRA_SUPPRESS_PREFIXLEN, uint32(*r.SuppressPrefixLen))
	}
	if r.SuppressIfGroup != nil {
		e.Uint32(unix.FRA_SUPPRESS_IFGROUP, *r.SuppressIfGroup)
	}
	if r.L3MDev {
		e.Uint8(unix.FRA_L3MDEV, 1)
	}
	if r.UIDRange != nil {
		b := binary.NativeEndian.AppendUint32(nil, r.UIDRange[0])
		e.Bytes(unix.FRA_UID_RANGE, binary.NativeEndian.AppendUint32(b, r.UIDRange[1]))
	}
	if proto != 0 {
		e.Uint8(unix.FRA_PROTOCOL, proto)
	}
	if r.IPProto != 0 {
		e.Uint8(unix.FRA_IP_PROTO, r.IPProto)
	}
	for _, pr := range []struct {
		typ uint16
		r   *[2]uint16
	}{{unix.FRA_SPORT_RANGE, r.SPort}, {unix.FRA_DPORT_RANGE, r.DPort}} {
		if pr.r != nil {
			b := binary.NativeEndian.AppendUint16(nil, pr.r[0])
			e.Bytes(pr.typ, binary.NativeEndian.AppendUint16(b, pr.r[1]))
		}
	}
	if r.Realms != 0 {
		e.Uint32(unix.FRA_FLOW, r.Realms)
	}
	if r.TunID != 0 {
		e.Bytes(unix.FRA_TUN_ID, binary.BigEndian.AppendUint64(nil, r.TunID)) // __be64
	}
	if r.NATGateway.IsValid() {
		e.Addr(unix.RTA_GATEWAY, r.NATGateway)
	}
	b, err := e.Encode()
	typ := uint16(unix.RTM_NEWRULE)
	flags := nl.Create | nl.Excl
	if op == RuleDelete {
		typ, flags = unix.RTM_DELRULE, 0
	}
	return nl.Message{Header: nl.Header{Type: typ, Flags: flags}, Data: b}, err
}

// DecodeRule decodes an RTM_NEWRULE or RTM_DELRULE message.
func DecodeRule(m nl.Message) (Rule, error) {
	if len(m.Data) < 12 {
		return Rule{}, fmt.Errorf("rule message of %d bytes: %w", len(m.Data), nl.ErrShortMessage)
	}
	h := m.Data
	r := Rule{Family: h[0], TOS: h[3], Table: uint32(h[4]), Action: h[7], Flags: binary.NativeEndian.Uint32(h[8:])}
	dstLen, srcLen := int(h[1]), int(h[2])
	d := nl.NewAttrDecoder(h[12:])
	u32 := func() *uint32 { v := d.Uint32(); return &v }
	pair16 := func() *[2]uint16 {
		if b := d.Bytes(); len(b) == 4 {
			return &[2]uint16{binary.NativeEndian.Uint16(b), binary.NativeEndian.Uint16(b[2:])}
		}
		return nil
	}
	for d.Next() {
		switch d.Type() {
		case unix.FRA_DST:
			r.Dst = netip.PrefixFrom(d.Addr(), dstLen)
		case unix.FRA_SRC:
			r.Src = netip.PrefixFrom(d.Addr(), srcLen)
		case unix.FRA_TABLE:
			r.Table = d.Uint32()
		case unix.FRA_PRIORITY:
			r.Priority = u32()
		case unix.FRA_FWMARK:
			r.Mark = u32()
		case unix.FRA_FWMASK:
			r.Mask = u32()
		case unix.FRA_IIFNAME:
			r.IIFName = d.String()
		case unix.FRA_OIFNAME:
			r.OIFName = d.String()
		case unix.FRA_GOTO:
			r.Goto = d.Uint32()
		case unix.FRA_SUPPRESS_PREFIXLEN:
			v := d.Int32()
			r.SuppressPrefixLen = &v
		case unix.FRA_SUPPRESS_IFGROUP:
			r.SuppressIfGroup = u32()
		case unix.FRA_L3MDEV:
			r.L3MDev = d.Uint8() != 0
		case unix.FRA_UID_RANGE:
			if b := d.Bytes(); len(b) == 8 {
				r.UIDRange = &[2]uint32{binary.NativeEndian.Uint32(b), binary.NativeEndian.Uint32(b[4:])}
			}
		case unix.FRA_PROTOCOL:
			r.Protocol = d.Uint8()
			r.HasProtocol = true
		case unix.RTA_GATEWAY:
			r.NATGateway = d.Addr()
		case unix.FRA_IP_PROTO:
			r.IPProto = d.Uint8()
		case unix.FRA_SPORT_RANGE:
			r.SPort = pair16()
		case unix.FRA_DPORT_RANGE:
			r.DPort = pair16()
		case unix.FRA_FLOW:
			r.Realms = d.Uint32()
		case unix.FRA_TUN_ID:
			if b := d.Bytes(); len(b) == 8 {
				r.TunID = binary.BigEndian.Uint64(b)
			}
		}
	}
	if err := d.Err(); err != nil {
		return r, fmt.Errorf("decoding rule: %w", err)
	}
	return r, nil
}

// RuleDumpRequest asks for the rules of family (AF_UNSPEC for all).
func RuleDumpRequest(family uint8) nl.Message {
	h := make([]byte, 12)
	h[0] = family
	return nl.Message{Header: nl.Header{Type: unix.RTM_GETRULE}, Data: h}
}
