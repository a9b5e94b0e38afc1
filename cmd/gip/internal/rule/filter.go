package rule

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// filter is ip's rule selector for list, flush and save: the fields of a
// rule to compare, and which of them were given.
type filter struct {
	sel      rtnl.Rule
	tosSet   bool
	src, dst grammar.PrefixSel
}

// listFamily is the family rules are dumped for: IPv4 unless -4/-6/-f
// says otherwise.
func listFamily(e *env.Env) uint8 {
	if e.G.Family == unix.AF_UNSPEC {
		return unix.AF_INET
	}
	return e.G.Family
}

// parseFilter reads the SELECTOR of list and flush (iprule_list_flush_or_save),
// with addresses of family.
func parseFilter(words []string, family uint8, names *env.Names) (*filter, error) {
	f := &filter{}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		ok, err := selectorWord(w, a, &f.sel)
		if !ok {
			err = f.word(w, a, family, names)
		}
		if err != nil {
			return nil, err
		}
	}
	return f, nil
}

// word reads one keyword only filters have, and its value.
func (f *filter) word(w string, a *grammar.Args, family uint8, names *env.Names) error {
	var err error
	switch {
	case w == "tos" || w == "dsfield":
		f.sel.TOS, err = grammar.ParseValue(a, names.ParseDSField, "TOS value is invalid\n")
		f.tosSet = true
	case grammar.Matches(w, "lookup") || grammar.Matches(w, "table"):
		f.sel.Table, err = grammar.ParseValue(a, names.ParseTable, "table id value is invalid\n")
	case grammar.Matches(w, "from") || grammar.Matches(w, "src"):
		f.src, err = selector(a, family)
	case grammar.Matches(w, "protocol"):
		var v string
		if v, err = a.Value(); err != nil {
			return err
		}
		p, ok := names.ParseProto(v)
		if !ok && v != "all" {
			return invalidProtocol(v)
		}
		f.sel.Protocol, f.sel.HasProtocol = p, ok
	default:
		if grammar.Matches(w, "dst") || grammar.Matches(w, "to") {
			f.dst, err = selector(a, family)
		} else {
			a.Back()
			f.dst, err = selector(a, family)
		}
	}
	return err
}

// selector reads an address selector.
func selector(a *grammar.Args, family uint8) (grammar.PrefixSel, error) {
	v, err := a.Value()
	if err != nil {
		return grammar.PrefixSel{}, err
	}
	p, err := grammar.ParsePrefix(v, family)
	if err != nil {
		return grammar.PrefixSel{}, err
	}
	return grammar.SelOf(p), nil
}

// match is filter_nlmsg: whether the selector picks r (of family, or
// of any family for AF_UNSPEC).
func (f *filter) match(r *rtnl.Rule, family uint8) bool {
	s := &f.sel
	if family != unix.AF_UNSPEC && r.Family != family {
		return false
	}
	if s.Priority != nil && priority(r) != *s.Priority {
		return false
	}
	if s.Flags&rtnl.RuleInvert != 0 && r.Flags&rtnl.RuleInvert == 0 {
		return false
	}
	if !prefixMatch(f.src, r.Src, r.Family) || !prefixMatch(f.dst, r.Dst, r.Family) {
		return false
	}
	if f.tosSet && s.TOS != r.TOS {
		return false
	}
	if set(s.Mark) && (r.Mark == nil || *r.Mark != *s.Mark) {
		return false
	}
	if set(s.Mask) && (r.Mask == nil || *r.Mask != *s.Mask) {
		return false
	}
	if s.IIFName != "" && r.IIFName != s.IIFName || s.OIFName != "" && r.OIFName != s.OIFName {
		return false
	}
	if s.L3MDev && !r.L3MDev {
		return false
	}
	if s.UIDRange != nil && (r.UIDRange == nil || *r.UIDRange != *s.UIDRange) {
		return false
	}
	if s.IPProto != 0 && r.IPProto != s.IPProto {
		return false
	}
	if !portsMatch(s.SPort, r.SPort) || !portsMatch(s.DPort, r.DPort) {
		return false
	}
	if s.TunID != 0 && r.TunID != s.TunID {
		return false
	}
	return s.Table == 0 || r.Table == s.Table
}

// priority is a rule's priority, 0 when it has none.
func priority(r *rtnl.Rule) uint32 {
	if r.Priority != nil {
		return *r.Priority
	}
	return 0
}

// set reports whether a selector's number was given and is not zero (ip
// takes 0 for not given).
func set(v *uint32) bool { return v != nil && *v != 0 }

// portsMatch compares a port range selector (ignored when absent or
// starting at 0) with a rule's.
func portsMatch(sel, r *[2]uint16) bool {
	if sel == nil || sel[0] == 0 {
		return true
	}
	return r != nil && *r == *sel
}

// prefixMatch compares an address selector with a rule's prefix: the
// family, a length at least the selector's, and the selector's bits.
func prefixMatch(sel grammar.PrefixSel, p netip.Prefix, family uint8) bool {
	if !sel.Set || sel.Family == 0 {
		return true
	}
	plen := 0
	if p.IsValid() {
		plen = p.Bits()
	}
	if sel.Family != family || sel.Bits > plen {
		return false
	}
	return !sel.Addr.IsValid() || p.IsValid() && grammar.PrefixMatch(p.Addr(), sel.Addr, sel.Bits)
}

func invalidProtocol(v string) error { return fail.Invalid("invalid \"protocol\"\n", v) }
