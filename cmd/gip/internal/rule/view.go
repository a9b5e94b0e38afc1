package rule

import (
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Rule flags beyond rtnl's (FIB_RULE_*).
const (
	flagUnresolved  = 0x4  // FIB_RULE_UNRESOLVED
	flagIIFDetached = 0x8  // FIB_RULE_IIF_DETACHED
	flagOIFDetached = 0x10 // FIB_RULE_OIF_DETACHED
)

// view prints a rule as ip's print_rule does, on one line without its
// newline.
type view struct {
	Env     *env.Env
	Rule    *rtnl.Rule
	Deleted bool // a RTM_DELRULE notification
}

// Fields prints the rule, one call per field.
func (v view) Fields(f *format.Fields) {
	r, e := v.Rule, v.Env
	names := e.Names()
	if v.Deleted {
		f.Bool("deleted", "Deleted ", true)
	}
	f.Uint("priority", "%u:\t", uint64(priority(r)))
	if r.Flags&rtnl.RuleInvert != 0 {
		f.Null("not", "not ")
	}
	if given(r.Src) {
		prefixFields(f, "src", "from %s", "srclen", r.Src, r.Family)
	} else {
		f.String("src", "from %s", "all")
	}
	if given(r.Dst) {
		prefixFields(f, "dst", " to %s", "dstlen", r.Dst, r.Family)
	}
	if r.TOS != 0 {
		f.Bytes("tos", " tos %s", names.AppendDSField(nil, r.TOS))
	}
	if r.Mark != nil || r.Mask != nil {
		var mark uint32
		if r.Mark != nil {
			mark = *r.Mark
		}
		f.String("fwmark", " fwmark %s", hex0x(mark))
		if r.Mask != nil && *r.Mask != 0xffffffff {
			f.String("fwmask", "/%s", hex0x(*r.Mask))
		}
	}
	ifFields(f, "iif", r.IIFName, r.Flags&flagIIFDetached != 0)
	ifFields(f, "oif", r.OIFName, r.Flags&flagOIFDetached != 0)
	if r.L3MDev {
		f.Null("l3mdev", " lookup [l3mdev-table]")
	}
	if r.UIDRange != nil {
		f.Uint("uid_start", " uidrange %u", uint64(r.UIDRange[0]))
		f.Uint("uid_end", "-%u", uint64(r.UIDRange[1]))
	}
	if r.IPProto != 0 {
		f.String("ipproto", " ipproto %s", env.IPProtoName(r.IPProto, e.G.Numeric))
	}
	portFields(f, &sportKeys, r.SPort)
	portFields(f, &dportKeys, r.DPort)
	if r.TunID != 0 {
		f.Uint("tun_id", " tun_id %u", r.TunID)
	}
	if r.Table != 0 {
		f.Bytes("table", " lookup %s", names.AppendTable(nil, r.Table))
		if r.SuppressPrefixLen != nil && *r.SuppressPrefixLen != -1 {
			f.Int("suppress_prefixlen", " suppress_prefixlength %d", int64(*r.SuppressPrefixLen))
		}
		if r.SuppressIfGroup != nil && int32(*r.SuppressIfGroup) != -1 {
			f.String("suppress_ifgroup", " suppress_ifgroup %s", devGroupName(names, *r.SuppressIfGroup))
		}
	}
	if r.Realms != 0 {
		if from := r.Realms >> 16; from != 0 {
			f.Bytes("flow_from", " realms %s/", names.AppendRealm(nil, from))
		} else {
			f.Literal(" realms ")
		}
		f.Bytes("flow_to", "%s", names.AppendRealm(nil, r.Realms&0xffff))
	}
	actionFields(f, r, e.G.Numeric)
	if r.HasProtocol && (r.Protocol != 0 && r.Protocol != unix.RTPROT_KERNEL || e.G.Details > 0) {
		f.Bytes("protocol", " proto %s", names.AppendProto(nil, r.Protocol))
	}
}

// actionFields prints what the rule does, when it does more than look
// up its table.
func actionFields(f *format.Fields, r *rtnl.Rule, numeric bool) {
	switch r.Action {
	case unix.RTN_NAT:
		if r.NATGateway.IsValid() {
			f.String("nat_gateway", " map-to %s", r.NATGateway.String())
		} else {
			f.Null("masquerade", " masquerade")
		}
	case unix.FR_ACT_GOTO:
		if r.Goto != 0 {
			f.Uint("goto", " goto %u", uint64(r.Goto))
		} else {
			f.String("goto", " goto %s", "none")
		}
		if r.Flags&flagUnresolved != 0 {
			f.Null("unresolved", " [unresolved]")
		}
	case unix.FR_ACT_NOP:
		f.Null("nop", " nop")
	case unix.FR_ACT_TO_TBL:
	default:
		f.Bytes("action", " %s", env.AppendRouteType(nil, r.Action, numeric))
	}
}

// given reports whether a rule's prefix selects anything.
func given(p netip.Prefix) bool {
	return p.IsValid() && (p.Bits() > 0 || !p.Addr().IsUnspecified())
}

// prefixFields prints an address and, unless it is a host's, its length.
func prefixFields(f *format.Fields, key, textFmt, lenKey string, p netip.Prefix, family uint8) {
	f.String(key, textFmt, p.Addr().String())
	if p.Bits() != grammar.HostLen(family) {
		f.Uint(lenKey, "/%u", uint64(p.Bits()))
	}
}

// ifFields prints an interface (iif or oif) and whether it is detached.
func ifFields(f *format.Fields, key, name string, detached bool) {
	if name == "" {
		return
	}
	f.String(key, " "+key+" %s", name)
	if detached {
		f.Null(key+"_detached", " [detached]")
	}
}

// portKeys are the JSON keys and text of a port selector.
type portKeys struct{ one, start, end, text string }

var (
	sportKeys = portKeys{"sport", "sport_start", "sport_end", " sport %u"}
	dportKeys = portKeys{"dport", "dport_start", "dport_end", " dport %u"}
)

// portFields prints a port or a range of ports.
func portFields(f *format.Fields, k *portKeys, p *[2]uint16) {
	switch {
	case p == nil:
	case p[0] == p[1]:
		f.Uint(k.one, k.text, uint64(p[0]))
	default:
		f.Uint(k.start, k.text, uint64(p[0]))
		f.Uint(k.end, "-%u", uint64(p[1]))
	}
}

// hex0x is C's %#x: 0x-prefixed hex, but plain "0" for zero.
func hex0x(v uint32) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(uint64(v), 16)
}

// record is a view as a line of rule list.
type record struct{ view }

// Fields prints the rule and ends its line.
func (r record) Fields(f *format.Fields) {
	r.view.Fields(f)
	f.Literal("\n")
}
