package route

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// filter is ip's route show/flush/save selector (struct filter in
// iproute.c), made fresh for every command.
type filter struct {
	family        uint8  // -4/-6/-f, or AF_UNSPEC
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

// parseFilter reads ip's SELECTOR (iproute_list_flush_or_save).
func parseFilter(words []string, family uint8, names *env.Names) (*filter, error) {
	f := &filter{family: family, table: unix.RT_TABLE_MAIN}
	f.mdst.Bits, f.msrc.Bits = -1, -1
	a := grammar.NewArgs(words)
	for a.More() {
		if err := f.word(a.Next(), a, names); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// word reads one keyword of the selector and its value.
func (f *filter) word(w string, a *grammar.Args, names *env.Names) error {
	var err error
	switch {
	case grammar.Matches(w, "table"):
		return f.tableWord(a, names)
	case grammar.Matches(w, "vrf"):
		return errVRF()
	case grammar.Matches(w, "cached") || grammar.Matches(w, "cloned"):
		f.cloned = true
	case isTOS(w):
		f.tos, err = grammar.ParseValue(a, names.ParseDSField, "TOS value is invalid\n")
		f.tosSet = true
	case grammar.Matches(w, "protocol"):
		f.proto, f.protoSet, err = allOr(a, names.ParseProto, "invalid \"protocol\"\n")
	case grammar.Matches(w, "scope"):
		f.scope, f.scopeSet, err = allOr(a, names.ParseScope, "invalid \"scope\"\n")
	case grammar.Matches(w, "type"):
		f.typ, err = grammar.ParseValue(a, env.ParseRouteType, "node type value is invalid\n")
		f.typeSet = true
	case w == "dev" || w == "oif":
		f.oifName, err = a.Value()
	case w == "iif":
		f.iifName, err = a.Value()
	case w == "mark":
		f.mark, err = uint32Value(a, "invalid mark value")
		f.markSet = true
	case isMetric(w):
		f.metric, err = metricValue(a)
		f.metricSet = true
	case w == "via":
		var v string
		var fam uint8
		if v, fam, err = viaValue(a, f.family); err == nil {
			f.rvia, err = selector(v, fam)
		}
	case w == "src":
		var v string
		if v, err = a.Value(); err == nil {
			f.prefsrc, err = selector(v, f.family)
		}
	case grammar.Matches(w, "realms"):
		return f.realmsWord(a, names)
	case grammar.Matches(w, "from"):
		return f.rootMatchExact(a, &f.rsrc, &f.msrc)
	default:
		if grammar.Matches(w, "to") {
			if !a.More() {
				return fail.Incomplete()
			}
		} else {
			a.Back()
		}
		return f.rootMatchExact(a, &f.rdst, &f.mdst)
	}
	return err
}

// tableWord reads a table: a name or number, all, or cache.
func (f *filter) tableWord(a *grammar.Args, names *env.Names) error {
	v, err := a.Value()
	if err != nil {
		return err
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
		return ErrUsage
	default:
		return fail.Invalid("table id value is invalid\n", v)
	}
	return nil
}

// realmsWord reads [FROM/]TO, where a side left empty matches any realm.
func (f *filter) realmsWord(a *grammar.Args, names *env.Names) error {
	v, err := a.Value()
	if err != nil {
		return err
	}
	realms, ok := names.ParseRealms(v)
	if !ok {
		return fail.Invalid("invalid realms\n", v)
	}
	f.realms, f.realmMask = realms, ^uint32(0)
	if realms&0xffff == 0 && v[len(v)-1] == '/' {
		f.realmMask &^= 0xffff
	}
	if realms&0xffff0000 == 0 && (!strings.Contains(v, "/") || v[0] == '/') {
		f.realmMask &^= 0xffff0000
	}
	return nil
}

// allOr reads a value that may also be "all" (which selects nothing).
func allOr[T any](a *grammar.Args, parse func(string) (T, bool), msg string) (T, bool, error) {
	var zero T
	v, err := a.Value()
	if err != nil {
		return zero, false, err
	}
	if x, ok := parse(v); ok {
		return x, true, nil
	}
	if v != "all" {
		return zero, false, fail.Invalid(msg, v)
	}
	return zero, false, nil
}

// selector parses an address selector of a family.
func selector(v string, family uint8) (grammar.PrefixSel, error) {
	p, err := grammar.ParsePrefix(v, family)
	if err != nil {
		return grammar.PrefixSel{}, err
	}
	return grammar.SelOf(p), nil
}

// rootMatchExact reads `[root|match|exact] PREFIX`.
func (f *filter) rootMatchExact(a *grammar.Args, root, match *grammar.PrefixSel) error {
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
	s, err := selector(v, f.family)
	if err != nil {
		return err
	}
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

// resolve turns the selector's device names into indexes.
func (f *filter) resolve(e *env.Env) error {
	var err error
	if f.iifName != "" {
		if f.iif, err = e.Links().Index(f.iifName); err != nil {
			return err
		}
	}
	if f.oifName != "" {
		if f.oif, err = e.Links().Index(f.oifName); err != nil {
			return err
		}
	}
	return nil
}

// dumpFamily is the family ip dumps: IPv4 only when a table is selected
// and no family was asked for.
func (f *filter) dumpFamily() uint8 {
	if f.family == unix.AF_UNSPEC && f.table != 0 {
		return unix.AF_INET
	}
	return f.family
}

// kernelFilter is what the kernel filters for us (its strict dump check
// accepts table, protocol, type, output device and the cache flag).
func (f *filter) kernelFilter() *rtnl.Route {
	k := &rtnl.Route{Table: f.table, OIF: f.oif}
	if f.family == unix.AF_MPLS {
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

// dumpRequest is the dump the selector reads.
func (f *filter) dumpRequest() nl.Message {
	return rtnl.RouteDumpRequest(f.dumpFamily(), f.kernelFilter())
}

// hidden is what the filter pins down and ip therefore does not print.
func (f *filter) hidden() hidden {
	return hidden{
		table:  f.table != 0,
		proto:  f.protoSet,
		scope:  f.scopeSet,
		dev:    f.oifName != "",
		metric: f.metricSet,
		tos:    f.tosSet,
	}
}
