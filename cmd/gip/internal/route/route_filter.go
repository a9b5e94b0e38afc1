package route

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// routeFilter is ip's route show/flush/save selector (struct filter in
// iproute.c), made fresh for every command.
type routeFilter struct {
	Family        uint8  // -4/-6/-f, or AF_UNSPEC
	table         uint32 // 0: all tables
	cloned        bool   // "cache": the route cache instead of routes
	proto         uint8
	protoSet      bool
	scope         uint8
	scopeSet      bool
	typ           uint8
	typeSet       bool
	tos           uint8
	tosSet        bool
	oifName       string
	iifName       string
	oif, iif      int32
	mark          uint32
	markSet       bool
	metric        uint32
	metricSet     bool
	realms        uint32
	realmMask     uint32
	rdst, mdst    grammar.PrefixSel
	rsrc, msrc    grammar.PrefixSel
	rvia, prefsrc grammar.PrefixSel

	ip6MultipleTables bool // ip's static ip6_multiple_tables, per command
}

// parseRouteFilter reads ip's SELECTOR (iproute_list_flush_or_save).
func ParseRouteFilter(words []string, family uint8, names *env.Names) (*routeFilter, error) {
	f := &routeFilter{Family: family, table: unix.RT_TABLE_MAIN}
	f.mdst.Bits, f.msrc.Bits = -1, -1
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "table"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			t, ok := names.ParseTable(v)
			switch {
			case ok:
				f.table = t
			case v == "all":
				f.table = 0
			case v == "cache":
				f.cloned = true
			case v == "help":
				return nil, ErrRouteUsage
			default:
				return nil, fail.Invalid("table id value is invalid\n", v)
			}
		case grammar.Matches(w, "vrf"):
			return nil, fail.Usagef("Error: \"vrf\" is not supported by %s route yet", command.Prog)
		case grammar.Matches(w, "cached") || grammar.Matches(w, "cloned"):
			f.cloned = true
		case w == "tos" || grammar.Matches(w, "dsfield"):
			t, err := grammar.ParseValue(a, names.ParseDSField, "TOS value is invalid\n")
			if err != nil {
				return nil, err
			}
			f.tos, f.tosSet = t, true
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
				f.proto, f.protoSet = 0, false
				continue
			}
			f.proto, f.protoSet = p, true
		case grammar.Matches(w, "scope"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			s, ok := names.ParseScope(v)
			if !ok {
				if v != "all" {
					return nil, fail.Invalid("invalid \"scope\"\n", v)
				}
				f.scopeSet = false
				continue
			}
			f.scope, f.scopeSet = s, true
		case grammar.Matches(w, "type"):
			t, err := grammar.ParseValue(a, env.ParseRouteType, "node type value is invalid\n")
			if err != nil {
				return nil, err
			}
			f.typ, f.typeSet = t, true
		case w == "dev" || w == "oif":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			f.oifName = v
		case w == "iif":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			f.iifName = v
		case w == "mark":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("invalid mark value", v)
			}
			f.mark, f.markSet = uint32(n), true
		case grammar.Matches(w, "metric") || grammar.Matches(w, "priority") || w == "preference":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("\"metric\" value is invalid\n", v)
			}
			f.metric, f.metricSet = uint32(n), true
		case w == "via":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			fam := grammar.ReadFamily(v)
			if fam == unix.AF_UNSPEC {
				fam = family
			} else if v, err = a.Value(); err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(v, fam)
			if err != nil {
				return nil, err
			}
			f.rvia = grammar.SelOf(p)
		case w == "src":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			p, err := grammar.ParsePrefix(v, family)
			if err != nil {
				return nil, err
			}
			f.prefsrc = grammar.SelOf(p)
		case grammar.Matches(w, "realms"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			realms, ok := names.ParseRealms(v)
			if !ok {
				return nil, fail.Invalid("invalid realms\n", v)
			}
			f.realms, f.realmMask = realms, ^uint32(0)
			if realms&0xffff == 0 && v[len(v)-1] == '/' {
				f.realmMask &^= 0xffff
			}
			if realms&0xffff0000 == 0 && (indexByte(v, '/') < 0 || v[0] == '/') {
				f.realmMask &^= 0xffff0000
			}
		case grammar.Matches(w, "from"):
			if err := parseRootMatchExact(a, &f.rsrc, &f.msrc, family); err != nil {
				return nil, err
			}
		default:
			if grammar.Matches(w, "to") {
				if !a.More() {
					return nil, fail.Incomplete()
				}
			} else {
				a.Back()
			}
			if err := parseRootMatchExact(a, &f.rdst, &f.mdst, family); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// parseRootMatchExact reads `[root|match|exact] PREFIX`.
func parseRootMatchExact(a *grammar.Args, root, match *grammar.PrefixSel, family uint8) error {
	v, err := a.Value()
	if err != nil {
		return err
	}
	kind := "exact"
	switch {
	case grammar.Matches(v, "root"):
		kind = "root"
	case grammar.Matches(v, "match"):
		kind = "match"
	}
	if kind != "exact" || grammar.Matches(v, "exact") {
		if v, err = a.Value(); err != nil {
			return err
		}
	}
	p, err := grammar.ParsePrefix(v, family)
	if err != nil {
		return err
	}
	s := grammar.SelOf(p)
	switch kind {
	case "root":
		*root = s
	case "match":
		*match = s
	default:
		*root, *match = s, s
	}
	return nil
}

// dumpFamily is the family ip dumps: IPv4 only when a table is selected
// and no family was asked for.
func (f *routeFilter) dumpFamily() uint8 {
	if f.Family == unix.AF_UNSPEC && f.table != 0 {
		return unix.AF_INET
	}
	return f.Family
}

// kernelFilter is what the kernel filters for us (its strict dump check
// accepts table, protocol, type, output device and the cache flag).
func (f *routeFilter) KernelFilter() *rtnl.Route {
	k := &rtnl.Route{Table: f.table, OIF: f.oif}
	if f.Family == unix.AF_MPLS {
		// MPLS has one table and its dump check refuses RTA_TABLE.
		k.Table = 0
	}
	if f.protoSet {
		k.Protocol = f.proto
	}
	if f.typeSet {
		k.Type = f.typ
	}
	if f.cloned {
		k.Flags = unix.RTM_F_CLONED
	}
	return k
}

// hidden is what the filter pins down and ip therefore does not print.
func (f *routeFilter) hidden() routeHidden {
	return routeHidden{
		table:  f.table != 0,
		proto:  f.protoSet,
		scope:  f.scopeSet,
		dev:    f.oifName != "",
		metric: f.metricSet,
		tos:    f.tosSet,
	}
}

// prefixMatch is inet_addr_match == 0: the first bits of a and b agree.
func PrefixMatch(a, b netip.Addr, bits int) bool {
	if bits <= 0 {
		return true
	}
	if !a.IsValid() || !b.IsValid() {
		return !a.IsValid() && !b.IsValid()
	}
	if a.BitLen() != b.BitLen() {
		return false
	}
	if bits > a.BitLen() {
		bits = a.BitLen()
	}
	pa, _ := a.Prefix(bits)
	pb, _ := b.Prefix(bits)
	return pa == pb
}

// match is filter_nlmsg for the selectors the kernel does not apply.
func (f *routeFilter) Match(r *rtnl.Route) bool {
	if f.Family != unix.AF_UNSPEC && r.Family != f.Family {
		return false
	}
	if r.Family == unix.AF_INET6 && r.Table != unix.RT_TABLE_MAIN {
		f.ip6MultipleTables = true
	}
	if f.cloned != (r.Flags&unix.RTM_F_CLONED != 0) {
		return false
	}
	if r.Family == unix.AF_INET6 && !f.ip6MultipleTables {
		if f.table != 0 {
			switch f.table {
			case unix.RT_TABLE_LOCAL:
				if r.Type != unix.RTN_LOCAL {
					return false
				}
			case unix.RT_TABLE_MAIN:
				if r.Type == unix.RTN_LOCAL {
					return false
				}
			default:
				return false
			}
		}
	} else if f.table != 0 && f.table != r.Table {
		return false
	}
	if f.protoSet && r.Protocol != f.proto {
		return false
	}
	if f.scopeSet && r.Scope != f.scope {
		return false
	}
	if f.typeSet && r.Type != f.typ {
		return false
	}
	if f.tosSet && r.TOS != f.tos {
		return false
	}
	dstLen, srcLen := r.Dst.Bits(), 0
	if r.Family == unix.AF_MPLS {
		dstLen = 20
	}
	if r.Src.IsValid() {
		srcLen = r.Src.Bits()
	}
	if !selLenOK(f.rdst, r.Family, func(s grammar.PrefixSel) bool { return s.Bits > dstLen }) ||
		!selLenOK(f.mdst, r.Family, func(s grammar.PrefixSel) bool { return s.Bits >= 0 && s.Bits < dstLen }) ||
		!selLenOK(f.rsrc, r.Family, func(s grammar.PrefixSel) bool { return s.Bits > srcLen }) ||
		!selLenOK(f.msrc, r.Family, func(s grammar.PrefixSel) bool { return s.Bits >= 0 && s.Bits < srcLen }) {
		return false
	}
	if f.rvia.Set && f.rvia.Family != 0 {
		fam := r.Family
		if vf := viaFamily(r, r.Gateway); vf != 0 {
			fam = vf
		}
		if fam != f.rvia.Family {
			return false
		}
	}
	if f.prefsrc.Set && f.prefsrc.Family != 0 && r.Family != f.prefsrc.Family {
		return false
	}
	dst := r.Dst.Addr()
	if f.rdst.Set && !PrefixMatch(dst, f.rdst.Addr, f.rdst.Bits) && f.rdst.Addr.IsValid() {
		return false
	}
	if f.mdst.Set && f.mdst.Bits >= 0 && f.mdst.Addr.IsValid() && !PrefixMatch(dst, f.mdst.Addr, dstLen) {
		return false
	}
	src := r.Src.Addr()
	if f.rsrc.Set && f.rsrc.Addr.IsValid() && !PrefixMatch(orZero(src, f.rsrc.Addr), f.rsrc.Addr, f.rsrc.Bits) {
		return false
	}
	if f.msrc.Set && f.msrc.Bits >= 0 && f.msrc.Addr.IsValid() && !PrefixMatch(orZero(src, f.msrc.Addr), f.msrc.Addr, srcLen) {
		return false
	}
	if f.rvia.Set && f.rvia.Addr.IsValid() && !PrefixMatch(orZero(r.Gateway, f.rvia.Addr), f.rvia.Addr, f.rvia.Bits) {
		return false
	}
	if f.prefsrc.Set && f.prefsrc.Addr.IsValid() && !PrefixMatch(orZero(r.PrefSrc, f.prefsrc.Addr), f.prefsrc.Addr, f.prefsrc.Bits) {
		return false
	}
	if f.realmMask != 0 && (r.Realms^f.realms)&f.realmMask != 0 {
		return false
	}
	if f.iif != 0 && r.IIF != f.iif {
		return false
	}
	if f.oif != 0 && r.OIF != f.oif {
		return false
	}
	if f.markSet && r.Mark != f.mark {
		return false
	}
	if f.metricSet {
		var m uint32
		if r.Priority != nil {
			m = *r.Priority
		}
		if m != f.metric {
			return false
		}
	}
	return true
}

// selLenOK applies a selector's family and length test.
func selLenOK(s grammar.PrefixSel, family uint8, reject func(grammar.PrefixSel) bool) bool {
	if !s.Set {
		return true
	}
	if s.Family != 0 && family != s.Family {
		return false
	}
	return !reject(s)
}

// orZero stands in the zero address of like's family for a missing one,
// as ip compares a zeroed buffer.
func orZero(a, like netip.Addr) netip.Addr {
	if a.IsValid() {
		return a
	}
	if like.Is4() {
		return netip.IPv4Unspecified()
	}
	return netip.IPv6Unspecified()
}
