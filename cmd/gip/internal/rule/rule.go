package rule

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const ruleUsage = `Usage: ip rule { add | del } SELECTOR ACTION
       ip rule { flush | save | restore }
       ip rule [ list [ SELECTOR ]]
SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]
            [ fwmark FWMARK[/MASK] ]
            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]
            [ uidrange NUMBER-NUMBER ]
            [ ipproto PROTOCOL ]
            [ sport [ NUMBER | NUMBER-NUMBER ]
            [ dport [ NUMBER | NUMBER-NUMBER ] ]
ACTION := [ table TABLE_ID ]
          [ protocol PROTO ]
          [ nat ADDRESS ]
          [ realms [SRCREALM/]DSTREALM ]
          [ goto NUMBER ]
          SUPPRESSOR
SUPPRESSOR := [ suppress_prefixlength NUMBER ]
              [ suppress_ifgroup DEVGROUP ]
TABLE_ID := [ local | main | default | NUMBER ]`

// Rule flags beyond rtnl's (FIB_RULE_*).
const (
	ruleUnresolved  = 0x4  // FIB_RULE_UNRESOLVED
	ruleIIFDetached = 0x8  // FIB_RULE_IIF_DETACHED
	ruleOIFDetached = 0x10 // FIB_RULE_OIF_DETACHED
	ruleDumpMagic   = 0x71706986
)

// ruleVerbs are ip rule's verbs in ip's matching order.
var ruleVerbs = [][2]string{
	{"list", "show"}, {"lst", "show"}, {"show", "show"}, {"save", "save"}, {"restore", "restore"},
	{"add", "add"}, {"delete", "delete"}, {"flush", "flush"},
}

func Object() *command.Object {
	return &command.Object{
		Name:    "rule",
		Short:   "policy routing rules",
		Match:   ruleVerbs,
		Default: "show",
		Usage:   strings.ReplaceAll(ruleUsage, "ip rule", command.Prog+" rule"),
		Verbs:   ruleVerbList(),
	}
}

func ruleUsageError() error {
	return fail.Usagef("%s", strings.ReplaceAll(ruleUsage, "ip rule", command.Prog+" rule"))
}

func ruleVerbList() []command.Verb {
	var vs []command.Verb
	for _, v := range []struct {
		use, Short string
		action     ruleAction
	}{
		{"add SELECTOR ACTION", "add a rule", ruleAddAction},
		{"delete SELECTOR ACTION", "delete a rule", ruleDelAction},
		{"show SELECTOR", "list rules", ruleListAction},
		{"flush SELECTOR", "delete the selected rules", ruleFlushAction},
		{"save", "write the rules to stdout, in binary", ruleSaveAction},
		{"restore", "add the rules of a save from stdin", ruleRestoreAction},
	} {
		action := v.action
		vs = append(vs, command.Verb{Use: v.use, Short: v.Short, Run: func(e *env.Env, args []string) error {
			return runRule(e, &ruleOptions{action: action, words: args})
		}})
	}
	return vs
}

type ruleAction int

const (
	ruleListAction ruleAction = iota
	ruleAddAction
	ruleDelAction
	ruleFlushAction
	ruleSaveAction
	ruleRestoreAction
)

// ruleOptions is one `rule` verb with its words.
type ruleOptions struct {
	action ruleAction
	words  []string
}

func runRule(e *env.Env, o *ruleOptions) error {
	switch o.action {
	case ruleAddAction, ruleDelAction:
		return runRuleModify(e, o)
	case ruleRestoreAction:
		return runRuleRestore(e)
	}
	return runRuleList(e, o)
}

// parseRuleSpec reads ip's SELECTOR ACTION for add and del
// (iprule_modify).
func parseRuleSpec(words []string, add bool, family uint8, names *env.Names) (*rtnl.Rule, error) {
	r := &rtnl.Rule{Family: family}
	if add {
		r.Action = unix.FR_ACT_TO_TBL
	}
	tableOK, l3mdev := false, false
	var tid uint32
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case w == "not":
			r.Flags |= rtnl.RuleInvert
		case w == "from" || w == "to":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(v, r.Family)
			if err != nil {
				return nil, err
			}
			if r.Family == unix.AF_UNSPEC {
				r.Family = p.Family
			}
			if w == "from" {
				r.Src = p.NetIP()
			} else {
				r.Dst = p.NetIP()
			}
		case grammar.Matches(w, "preference") || grammar.Matches(w, "order") || grammar.Matches(w, "priority"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("preference value is invalid\n", v)
			}
			p := uint32(n)
			r.Priority = &p
		case w == "tos" || grammar.Matches(w, "dsfield"):
			t, err := grammar.ParseValue(a, names.ParseDSField, "TOS value is invalid\n")
			if err != nil {
				return nil, err
			}
			r.TOS = t
		case w == "fwmark":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			markStr, maskStr, hasMask := strings.Cut(v, "/")
			mark, ok := grammar.ParseCUint(markStr, 32)
			if !ok {
				return nil, fail.Invalid("fwmark value is invalid\n", markStr)
			}
			m := uint32(mark)
			r.Mark = &m
			if hasMask {
				mask, ok := grammar.ParseCUint(maskStr, 32)
				if !ok {
					return nil, fail.Invalid("fwmask value is invalid\n", maskStr)
				}
				mk := uint32(mask)
				r.Mask = &mk
			}
		case grammar.Matches(w, "realms"):
			realms, err := grammar.ParseValue(a, names.ParseRealms, "invalid realms\n")
			if err != nil {
				return nil, err
			}
			r.Realms = realms
		case grammar.Matches(w, "protocol"):
			p, err := grammar.ParseValue(a, names.ParseProto, "\"protocol\" value is invalid\n")
			if err != nil {
				return nil, err
			}
			r.Protocol, r.HasProtocol = p, true
		case grammar.Matches(w, "tun_id"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 64)
			if !ok {
				return nil, fail.Invalid("\"tun_id\" value is invalid\n", v)
			}
			r.TunID = n
		case grammar.Matches(w, "table") || w == "lookup":
			t, err := grammar.ParseValue(a, names.ParseTable, "invalid table ID\n")
			if err != nil {
				return nil, err
			}
			tid, r.Table, tableOK = t, t, true
		case grammar.Matches(w, "suppress_prefixlength") || w == "sup_pl":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, err := strconv.ParseInt(v, 0, 32)
			if err != nil || n < 0 {
				return nil, fail.Invalid("suppress_prefixlength value is invalid\n", v)
			}
			pl := int32(n)
			r.SuppressPrefixLen = &pl
		case grammar.Matches(w, "suppress_ifgroup") || w == "sup_group":
			g, err := grammar.ParseValue(a, parseDevGroup, "Invalid \"suppress_ifgroup\" value\n")
			if err != nil {
				return nil, err
			}
			r.SuppressIfGroup = &g
		case w == "dev" || w == "iif" || w == "oif":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if !grammar.ValidIfName(v) {
				if w == "oif" {
					return nil, fail.Invalid("\"oif\" not a valid ifname", v)
				}
				return nil, fail.Invalid("\"iif\"/\"dev\" not a valid ifname", v)
			}
			if w == "oif" {
				r.OIFName = v
			} else {
				r.IIFName = v
			}
		case w == "l3mdev":
			r.L3MDev, tableOK, l3mdev = true, true, true
		case w == "uidrange":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			lo, hi, ok := parseRange32(v)
			if !ok {
				return nil, fail.Invalid("invalid UID range\n", v)
			}
			r.UIDRange = &[2]uint32{lo, hi}
		case w == "nat" || grammar.Matches(w, "map-to"):
			return nil, fail.Usagef("Error: route NAT is not supported by %s (the kernel removed it)", command.Prog)
		case w == "ipproto":
			p, err := grammar.ParseValue(a, env.IpProtoNumber, "Invalid \"ipproto\" value\n")
			if err != nil {
				return nil, err
			}
			r.IPProto = p
		case w == "sport" || w == "dport":
			pr, err := portRangeValue(a, w)
			if err != nil {
				return nil, err
			}
			if w == "sport" {
				r.SPort = &pr
			} else {
				r.DPort = &pr
			}
		default:
			if w == "type" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			}
			switch {
			case grammar.Matches(w, "help"):
				return nil, ruleUsageError()
			case grammar.Matches(w, "goto"):
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				n, ok := grammar.ParseCUint(v, 32)
				if !ok {
					return nil, fail.Invalid("invalid target\n", v)
				}
				r.Goto, r.Action = uint32(n), unix.FR_ACT_GOTO
			case grammar.Matches(w, "nop"):
				r.Action = unix.FR_ACT_NOP
			default:
				t, ok := env.ParseRouteType(w)
				if !ok {
					return nil, fail.Invalid("Failed to parse rule type", w)
				}
				r.Action = t
			}
			tableOK = true
		}
	}
	if l3mdev && tid != 0 {
		return nil, fail.Localf("table can not be specified for l3mdev rules")
	}
	if r.Family == unix.AF_UNSPEC {
		r.Family = unix.AF_INET
	}
	if !tableOK && add {
		r.Table = unix.RT_TABLE_MAIN
	}
	return r, nil
}

// parseRange32 reads "A-B" as sscanf("%u-%u") does.
func parseRange32(s string) (uint32, uint32, bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, false
	}
	x, err1 := strconv.ParseUint(a, 10, 32)
	y, err2 := strconv.ParseUint(b, 10, 32)
	return uint32(x), uint32(y), err1 == nil && err2 == nil
}

// parsePortRange reads "P" or "P-Q".
func parsePortRange(s string) (uint16, uint16, bool) {
	a, b, hasEnd := strings.Cut(s, "-")
	x, err := strconv.ParseUint(a, 10, 16)
	if err != nil {
		return 0, 0, false
	}
	if !hasEnd {
		return uint16(x), uint16(x), true
	}
	y, err := strconv.ParseUint(b, 10, 16)
	return uint16(x), uint16(y), err == nil
}

// parseDevGroup reads a device group name (/etc/iproute2/group) or number.
func parseDevGroup(s string) (uint32, bool) {
	db := env.NewNameDB("group", false, map[uint32]string{0: "default"})
	if id, ok := db.Lookup(s); ok {
		return id, true
	}
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil || n < -1<<31 || n > 1<<32-1 {
		return 0, false
	}
	return uint32(n), true
}

func runRuleModify(e *env.Env, o *ruleOptions) error {
	add := o.action == ruleAddAction
	if len(o.words) == 0 {
		verb := "del"
		if add {
			verb = "add"
		}
		return fail.Localf("\"%s rule %s\" requires arguments.", command.Prog, verb)
	}
	r, err := parseRuleSpec(o.words, add, e.G.Family, e.Names())
	if err != nil {
		return err
	}
	op := rtnl.RuleDelete
	if add {
		op = rtnl.RuleAdd
	}
	m, err := r.MessageAsIs(op)
	if err != nil {
		return err
	}
	if !r.HasProtocol {
		m.Data = withoutRuleProtocol(m.Data)
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	_, err = c.Execute(m)
	return err
}

// withoutRuleProtocol drops FRA_PROTOCOL from an encoded rule: ip sends
// none unless asked, and the kernel then records protocol unspec.
func withoutRuleProtocol(data []byte) []byte {
	const hdrLen = 12
	e := nl.NewAttrEncoder(append([]byte(nil), data[:hdrLen]...))
	d := nl.NewAttrDecoder(data[hdrLen:])
	for d.Next() {
		if d.Type() != unix.FRA_PROTOCOL {
			e.Bytes(d.RawType(), d.Bytes())
		}
	}
	b, _ := e.Encode()
	return b
}

// ruleFilter is ip's rule selector for list, flush and save.
type ruleFilter struct {
	pref           *uint32
	not            bool
	src, dst       grammar.PrefixSel
	tos            *uint8
	fwmark, fwmask uint32
	iif, oif       string
	l3mdev         bool
	uidRange       *[2]uint32
	ipproto        uint8
	sport, dport   [2]uint16
	tunID          uint64
	table          uint32
	protocol       uint8
	protocolSet    bool
}

func parseRuleFilter(words []string, family uint8, names *env.Names) (*ruleFilter, error) {
	f := &ruleFilter{}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "preference") || grammar.Matches(w, "order") || grammar.Matches(w, "priority"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("preference value is invalid\n", v)
			}
			p := uint32(n)
			f.pref = &p
		case w == "not":
			f.not = true
		case w == "tos" || w == "dsfield":
			t, err := grammar.ParseValue(a, names.ParseDSField, "TOS value is invalid\n")
			if err != nil {
				return nil, err
			}
			f.tos = &t
		case w == "fwmark":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			markStr, maskStr, hasMask := strings.Cut(v, "/")
			mark, ok := grammar.ParseCUint(markStr, 32)
			if !ok {
				return nil, fail.Invalid("fwmark value is invalid\n", markStr)
			}
			f.fwmark = uint32(mark)
			if hasMask {
				mask, ok := grammar.ParseCUint(maskStr, 32)
				if !ok {
					return nil, fail.Invalid("fwmask value is invalid\n", maskStr)
				}
				f.fwmask = uint32(mask)
			}
		case w == "dev" || w == "iif" || w == "oif":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if !grammar.ValidIfName(v) {
				if w == "oif" {
					return nil, fail.Invalid("\"oif\" not a valid ifname", v)
				}
				return nil, fail.Invalid("\"iif\"/\"dev\" not a valid ifname", v)
			}
			if w == "oif" {
				f.oif = v
			} else {
				f.iif = v
			}
		case w == "l3mdev":
			f.l3mdev = true
		case w == "uidrange":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			lo, hi, ok := parseRange32(v)
			if !ok {
				return nil, fail.Invalid("invalid UID range\n", v)
			}
			f.uidRange = &[2]uint32{lo, hi}
		case grammar.Matches(w, "tun_id"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 64)
			if !ok {
				return nil, fail.Invalid("\"tun_id\" value is invalid\n", v)
			}
			f.tunID = n
		case grammar.Matches(w, "lookup") || grammar.Matches(w, "table"):
			t, err := grammar.ParseValue(a, names.ParseTable, "table id value is invalid\n")
			if err != nil {
				return nil, err
			}
			f.table = t
		case grammar.Matches(w, "from") || grammar.Matches(w, "src"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(v, family)
			if err != nil {
				return nil, err
			}
			f.src = grammar.SelOf(p)
		case grammar.Matches(w, "protocol"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, ok := names.ParseProto(v)
			if !ok {
				if v != "all" {
					return nil, fail.Invalid("invalid \"protocol\"\n", v)
				}
				f.protocolSet = false
				continue
			}
			f.protocol, f.protocolSet = p, true
		case w == "ipproto":
			p, err := grammar.ParseValue(a, env.IpProtoNumber, "Invalid \"ipproto\" value\n")
			if err != nil {
				return nil, err
			}
			f.ipproto = p
		case w == "sport" || w == "dport":
			pr, err := portRangeValue(a, w)
			if err != nil {
				return nil, err
			}
			if w == "sport" {
				f.sport = pr
			} else {
				f.dport = pr
			}
		default:
			if grammar.Matches(w, "dst") || grammar.Matches(w, "to") {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			}
			p, err := grammar.ParsePrefix(w, family)
			if err != nil {
				return nil, err
			}
			f.dst = grammar.SelOf(p)
		}
	}
	return f, nil
}

// match is filter_nlmsg.
func (f *ruleFilter) Match(r *rtnl.Rule, family uint8) bool {
	if family != unix.AF_UNSPEC && r.Family != family {
		return false
	}
	if f.pref != nil {
		var p uint32
		if r.Priority != nil {
			p = *r.Priority
		}
		if p != *f.pref {
			return false
		}
	}
	if f.not && r.Flags&rtnl.RuleInvert == 0 {
		return false
	}
	for _, sel := range []struct {
		s grammar.PrefixSel
		p netip.Prefix
	}{{f.src, r.Src}, {f.dst, r.Dst}} {
		if !sel.s.Set || sel.s.Family == 0 {
			continue
		}
		plen := 0
		if sel.p.IsValid() {
			plen = sel.p.Bits()
		}
		if sel.s.Family != r.Family || sel.s.Bits > plen {
			return false
		}
		if sel.s.Addr.IsValid() && (!sel.p.IsValid() || !route.PrefixMatch(sel.p.Addr(), sel.s.Addr, sel.s.Bits)) {
			return false
		}
	}
	if f.tos != nil && *f.tos != r.TOS {
		return false
	}
	if f.fwmark != 0 && (r.Mark == nil && f.fwmark != 0 || r.Mark != nil && *r.Mark != f.fwmark) {
		return false
	}
	if f.fwmask != 0 && (r.Mask == nil || *r.Mask != f.fwmask) {
		return false
	}
	if f.iif != "" && r.IIFName != f.iif || f.oif != "" && r.OIFName != f.oif {
		return false
	}
	if f.l3mdev && !r.L3MDev {
		return false
	}
	if f.uidRange != nil && (r.UIDRange == nil || *r.UIDRange != *f.uidRange) {
		return false
	}
	if f.ipproto != 0 && r.IPProto != f.ipproto {
		return false
	}
	if f.sport[0] != 0 && (r.SPort == nil || *r.SPort != f.sport) {
		return false
	}
	if f.dport[0] != 0 && (r.DPort == nil || *r.DPort != f.dport) {
		return false
	}
	if f.tunID != 0 && r.TunID != f.tunID {
		return false
	}
	if f.table != 0 && r.Table != f.table {
		return false
	}
	return true
}

func runRuleList(e *env.Env, o *ruleOptions) error {
	family := e.G.Family
	if family == unix.AF_UNSPEC {
		family = unix.AF_INET
	}
	if o.action == ruleSaveAction && len(o.words) > 0 {
		return fail.Localf("\"%s rule save\" does not take any arguments.", command.Prog)
	}
	f, err := parseRuleFilter(o.words, family, e.Names())
	if err != nil {
		return err
	}
	if o.action == ruleSaveAction && env.IsTerminal(e.Stdout) {
		return fail.Localf("Not sending a binary stream to stdout")
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	msgs, err := c.DumpAll(rtnl.RuleDumpRequest(family))
	if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) {
		return env.DumpError(err, "Dump terminated")
	}
	out := bufio.NewWriterSize(e.Stdout, 64<<10)
	var j *format.JSONWriter
	switch {
	case o.action == ruleSaveAction:
		out.Write(binary.NativeEndian.AppendUint32(nil, ruleDumpMagic))
	case e.G.JSON:
		j = format.NewJSONWriter(e.G.Pretty)
		j.StartArray()
	}
	var buf []byte
	for _, m := range msgs {
		r, err := rtnl.DecodeRule(m)
		if err != nil {
			return err
		}
		if o.action == ruleSaveAction {
			out.Write(nl.AppendMessage(buf[:0], m))
			continue
		}
		if !f.Match(&r, e.G.Family) {
			continue
		}
		switch o.action {
		case ruleFlushAction:
			if f.protocolSet && r.HasProtocol && r.Protocol != f.protocol {
				continue
			}
			if r.Priority == nil {
				continue
			}
			if _, err := c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_DELRULE}, Data: m.Data}); err != nil {
				return err
			}
		default:
			if j != nil {
				ruleJSON(j, e, &r, m.Header.Type == unix.RTM_DELRULE)
			} else {
				buf = appendRuleText(buf[:0], e, &r, m.Header.Type == unix.RTM_DELRULE)
				out.Write(buf)
			}
		}
	}
	if j != nil {
		j.EndArray()
		j.StreamTo(out)
		out.WriteByte('\n')
	}
	return out.Flush()
}

func runRuleRestore(e *env.Env) error {
	if env.IsTerminal(e.Stdin) {
		return fail.Usagef("Can't restore rule dump from a terminal")
	}
	data, err := io.ReadAll(e.Stdin)
	if err != nil {
		return err
	}
	if len(data) < 4 || binary.NativeEndian.Uint32(data) != ruleDumpMagic {
		var magic uint32
		n := 0
		if len(data) >= 4 {
			magic, n = binary.NativeEndian.Uint32(data), 1
		}
		return fail.Usagef("Magic mismatch (%d elems, %x magic)", n, magic)
	}
	msgs, err := nl.ParseMessages(data[4:])
	if err != nil {
		return &fail.Error{Code: fail.ExitKernel, Msg: "Error: the saved rules are truncated or corrupt", Err: err}
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if _, err := c.Execute(nl.Message{Header: nl.Header{Type: m.Header.Type, Flags: nl.Create}, Data: m.Data}); err != nil && !errors.Is(err, unix.EEXIST) {
			return &fail.Error{Code: fail.ExitUsage, Msg: (&fail.KernelError{Err: err}).Error(), Err: err}
		}
	}
	return nil
}

// hex0x is C's %#llx: 0x-prefixed hex, but plain "0" for zero.
func hex0x(v uint64) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(v, 16)
}

func ruleHostLen(family uint8) int { return grammar.HostLen(family) }

// appendRuleText appends one rule as print_rule does.
func appendRuleText(b []byte, e *env.Env, r *rtnl.Rule, deleted bool) []byte {
	host := ruleHostLen(r.Family)
	if deleted {
		b = append(b, "Deleted "...)
	}
	var prio uint32
	if r.Priority != nil {
		prio = *r.Priority
	}
	b = strconv.AppendUint(b, uint64(prio), 10)
	b = append(b, ":\t"...)
	if r.Flags&rtnl.RuleInvert != 0 {
		b = append(b, "not "...)
	}
	if r.Src.IsValid() && (r.Src.Bits() > 0 || !r.Src.Addr().IsUnspecified()) {
		b = append(b, "from "...)
		b = r.Src.Addr().AppendTo(b)
		if r.Src.Bits() != host {
			b = append(b, '/')
			b = strconv.AppendInt(b, int64(r.Src.Bits()), 10)
		}
	} else {
		b = append(b, "from all"...)
	}
	if r.Dst.IsValid() && (r.Dst.Bits() > 0 || !r.Dst.Addr().IsUnspecified()) {
		b = append(b, " to "...)
		b = r.Dst.Addr().AppendTo(b)
		if r.Dst.Bits() != host {
			b = append(b, '/')
			b = strconv.AppendInt(b, int64(r.Dst.Bits()), 10)
		}
	}
	if r.TOS != 0 {
		b = append(b, " tos "...)
		b = e.Names().AppendDSField(b, r.TOS)
	}
	if r.Mark != nil || r.Mask != nil {
		var mark uint32
		if r.Mark != nil {
			mark = *r.Mark
		}
		b = append(b, " fwmark "...)
		b = append(b, hex0x(uint64(mark))...)
		if r.Mask != nil && *r.Mask != 0xffffffff {
			b = append(b, '/')
			b = append(b, hex0x(uint64(*r.Mask))...)
		}
	}
	if r.IIFName != "" {
		b = append(b, " iif "...)
		b = append(b, r.IIFName...)
		if r.Flags&ruleIIFDetached != 0 {
			b = append(b, " [detached]"...)
		}
	}
	if r.OIFName != "" {
		b = append(b, " oif "...)
		b = append(b, r.OIFName...)
		if r.Flags&ruleOIFDetached != 0 {
			b = append(b, " [detached]"...)
		}
	}
	if r.L3MDev {
		b = append(b, " lookup [l3mdev-table]"...)
	}
	if r.UIDRange != nil {
		b = fmt.Appendf(b, " uidrange %d-%d", r.UIDRange[0], r.UIDRange[1])
	}
	if r.IPProto != 0 {
		b = append(b, " ipproto "...)
		b = append(b, env.IpProtoName(r.IPProto, e.G.Numeric)...)
	}
	for _, pr := range []struct {
		word string
		r    *[2]uint16
	}{{"sport", r.SPort}, {"dport", r.DPort}} {
		if pr.r == nil {
			continue
		}
		b = fmt.Appendf(b, " %s %d", pr.word, pr.r[0])
		if pr.r[0] != pr.r[1] {
			b = fmt.Appendf(b, "-%d", pr.r[1])
		}
	}
	if r.TunID != 0 {
		b = fmt.Appendf(b, " tun_id %d", r.TunID)
	}
	if r.Table != 0 {
		b = append(b, " lookup "...)
		b = e.Names().AppendTable(b, r.Table)
		if r.SuppressPrefixLen != nil && *r.SuppressPrefixLen != -1 {
			b = fmt.Appendf(b, " suppress_prefixlength %d", *r.SuppressPrefixLen)
		}
		if r.SuppressIfGroup != nil && int32(*r.SuppressIfGroup) != -1 {
			b = append(b, " suppress_ifgroup "...)
			b = append(b, devGroupName(*r.SuppressIfGroup, e.G.Numeric)...)
		}
	}
	if r.Realms != 0 {
		from, to := r.Realms>>16, r.Realms&0xffff
		b = append(b, " realms "...)
		if from != 0 {
			b = e.Names().AppendRealm(b, from)
			b = append(b, '/')
		}
		b = e.Names().AppendRealm(b, to)
	}
	switch r.Action {
	case unix.RTN_NAT:
		if r.NATGateway.IsValid() {
			b = append(b, " map-to "...)
			b = r.NATGateway.AppendTo(b)
		} else {
			b = append(b, " masquerade"...)
		}
	case unix.FR_ACT_GOTO:
		if r.Goto != 0 {
			b = fmt.Appendf(b, " goto %d", r.Goto)
		} else {
			b = append(b, " goto none"...)
		}
		if r.Flags&ruleUnresolved != 0 {
			b = append(b, " [unresolved]"...)
		}
	case unix.FR_ACT_NOP:
		b = append(b, " nop"...)
	case unix.FR_ACT_TO_TBL:
	default:
		b = append(b, ' ')
		b = env.AppendRouteType(b, r.Action, e.G.Numeric)
	}
	if r.HasProtocol && (r.Protocol != 0 && r.Protocol != unix.RTPROT_KERNEL || e.G.Details > 0) {
		b = append(b, " proto "...)
		b = e.Names().AppendProto(b, r.Protocol)
	}
	return append(b, '\n')
}

// ruleJSON writes one rule with ip's keys.
func ruleJSON(j *format.JSONWriter, e *env.Env, r *rtnl.Rule, deleted bool) {
	host := ruleHostLen(r.Family)
	j.StartObject()
	if deleted {
		j.Name("deleted")
		j.BoolValue(true)
	}
	var prio uint32
	if r.Priority != nil {
		prio = *r.Priority
	}
	j.Name("priority")
	j.UintValue(uint64(prio))
	if r.Flags&rtnl.RuleInvert != 0 {
		j.Name("not")
		j.NullValue()
	}
	if r.Src.IsValid() && (r.Src.Bits() > 0 || !r.Src.Addr().IsUnspecified()) {
		j.Name("src")
		j.StringValue(r.Src.Addr().String())
		if r.Src.Bits() != host {
			j.Name("srclen")
			j.UintValue(uint64(r.Src.Bits()))
		}
	} else {
		j.Name("src")
		j.StringValue("all")
	}
	if r.Dst.IsValid() && (r.Dst.Bits() > 0 || !r.Dst.Addr().IsUnspecified()) {
		j.Name("dst")
		j.StringValue(r.Dst.Addr().String())
		if r.Dst.Bits() != host {
			j.Name("dstlen")
			j.UintValue(uint64(r.Dst.Bits()))
		}
	}
	if r.TOS != 0 {
		j.Name("tos")
		j.StringValue(string(e.Names().AppendDSField(nil, r.TOS)))
	}
	if r.Mark != nil || r.Mask != nil {
		var mark uint32
		if r.Mark != nil {
			mark = *r.Mark
		}
		j.Name("fwmark")
		j.StringValue(hex0x(uint64(mark)))
		if r.Mask != nil && *r.Mask != 0xffffffff {
			j.Name("fwmask")
			j.StringValue(hex0x(uint64(*r.Mask)))
		}
	}
	if r.IIFName != "" {
		j.Name("iif")
		j.StringValue(r.IIFName)
		if r.Flags&ruleIIFDetached != 0 {
			j.Name("iif_detached")
			j.NullValue()
		}
	}
	if r.OIFName != "" {
		j.Name("oif")
		j.StringValue(r.OIFName)
		if r.Flags&ruleOIFDetached != 0 {
			j.Name("oif_detached")
			j.NullValue()
		}
	}
	if r.L3MDev {
		j.Name("l3mdev")
		j.NullValue()
	}
	if r.UIDRange != nil {
		j.Name("uid_start")
		j.UintValue(uint64(r.UIDRange[0]))
		j.Name("uid_end")
		j.UintValue(uint64(r.UIDRange[1]))
	}
	if r.IPProto != 0 {
		j.Name("ipproto")
		j.StringValue(env.IpProtoName(r.IPProto, e.G.Numeric))
	}
	for _, pr := range []struct {
		word string
		r    *[2]uint16
	}{{"sport", r.SPort}, {"dport", r.DPort}} {
		if pr.r == nil {
			continue
		}
		if pr.r[0] == pr.r[1] {
			j.Name(pr.word)
			j.UintValue(uint64(pr.r[0]))
		} else {
			j.Name(pr.word + "_start")
			j.UintValue(uint64(pr.r[0]))
			j.Name(pr.word + "_end")
			j.UintValue(uint64(pr.r[1]))
		}
	}
	if r.TunID != 0 {
		j.Name("tun_id")
		j.UintValue(r.TunID)
	}
	if r.Table != 0 {
		j.Name("table")
		j.StringValue(string(e.Names().AppendTable(nil, r.Table)))
		if r.SuppressPrefixLen != nil && *r.SuppressPrefixLen != -1 {
			j.Name("suppress_prefixlen")
			j.IntValue(int64(*r.SuppressPrefixLen))
		}
		if r.SuppressIfGroup != nil && int32(*r.SuppressIfGroup) != -1 {
			j.Name("suppress_ifgroup")
			j.StringValue(devGroupName(*r.SuppressIfGroup, e.G.Numeric))
		}
	}
	if r.Realms != 0 {
		from, to := r.Realms>>16, r.Realms&0xffff
		if from != 0 {
			j.Name("flow_from")
			j.StringValue(string(e.Names().AppendRealm(nil, from)))
		}
		j.Name("flow_to")
		j.StringValue(string(e.Names().AppendRealm(nil, to)))
	}
	switch r.Action {
	case unix.RTN_NAT:
		if r.NATGateway.IsValid() {
			j.Name("nat_gateway")
			j.StringValue(r.NATGateway.String())
		} else {
			j.Name("masquerade")
			j.NullValue()
		}
	case unix.FR_ACT_GOTO:
		j.Name("goto")
		if r.Goto != 0 {
			j.UintValue(uint64(r.Goto))
		} else {
			j.StringValue("none")
		}
		if r.Flags&ruleUnresolved != 0 {
			j.Name("unresolved")
			j.NullValue()
		}
	case unix.FR_ACT_NOP:
		j.Name("nop")
		j.NullValue()
	case unix.FR_ACT_TO_TBL:
	default:
		j.Name("action")
		j.StringValue(string(env.AppendRouteType(nil, r.Action, e.G.Numeric)))
	}
	if r.HasProtocol && (r.Protocol != 0 && r.Protocol != unix.RTPROT_KERNEL || e.G.Details > 0) {
		j.Name("protocol")
		j.StringValue(string(e.Names().AppendProto(nil, r.Protocol)))
	}
	j.EndObject()
}

// groupName names a device group (/etc/iproute2/group) or gives its number.
func devGroupName(g uint32, numeric bool) string {
	if !numeric {
		db := env.NewNameDB("group", false, map[uint32]string{0: "default"})
		if n := db.Name(g); n != "" {
			return n
		}
	}
	return strconv.FormatInt(int64(int32(g)), 10)
}

// portRangeValue consumes the value of sport or dport (w): a port or a
// range PORT-PORT.
func portRangeValue(a *grammar.Args, w string) ([2]uint16, error) {
	v, err := a.Value()
	if err != nil {
		return [2]uint16{}, err
	}
	lo, hi, ok := parsePortRange(v)
	if !ok {
		msg := "invalid port range\n"
		if w == "dport" {
			msg = "invalid dport range\n"
		}
		return [2]uint16{}, fail.Invalid(msg, v)
	}
	return [2]uint16{lo, hi}, nil
}
