package rule

import (
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// specParser is the state of one parseSpec.
type specParser struct {
	r       *rtnl.Rule
	names   *env.Names
	tableOK bool // a table, l3mdev or an action other than lookup was given
}

// parseSpec reads ip's SELECTOR ACTION for add and del (iprule_modify).
func parseSpec(words []string, add bool, family uint8, names *env.Names) (*rtnl.Rule, error) {
	p := &specParser{r: &rtnl.Rule{Family: family}, names: names}
	r := p.r
	if add {
		r.Action = unix.FR_ACT_TO_TBL
	}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		ok, err := selectorWord(w, a, r)
		if !ok {
			err = p.word(w, a)
		}
		if err != nil {
			return nil, err
		}
	}
	if r.L3MDev && r.Table != 0 {
		return nil, fail.Localf("table can not be specified for l3mdev rules")
	}
	if r.Family == unix.AF_UNSPEC {
		r.Family = unix.AF_INET
	}
	if !p.tableOK && !r.L3MDev && add {
		r.Table = unix.RT_TABLE_MAIN
	}
	return r, nil
}

// word reads one keyword only rules have, and its value.
func (p *specParser) word(w string, a *grammar.Args) error {
	r := p.r
	var err error
	switch {
	case w == "from":
		r.Src, err = p.prefix(a)
	case w == "to":
		r.Dst, err = p.prefix(a)
	case w == "tos" || grammar.Matches(w, "dsfield"):
		r.TOS, err = grammar.ParseValue(a, p.names.ParseDSField, "TOS value is invalid\n")
	case grammar.Matches(w, "realms"):
		r.Realms, err = grammar.ParseValue(a, p.names.ParseRealms, "invalid realms\n")
	case grammar.Matches(w, "protocol"):
		r.Protocol, err = grammar.ParseValue(a, p.names.ParseProto, "\"protocol\" value is invalid\n")
		r.HasProtocol = true
	case grammar.Matches(w, "table") || w == "lookup":
		r.Table, err = grammar.ParseValue(a, p.names.ParseTable, "invalid table ID\n")
		p.tableOK = true
	case grammar.Matches(w, "suppress_prefixlength") || w == "sup_pl":
		var n int32
		if n, err = grammar.ParseValue(a, parsePrefixLength, "suppress_prefixlength value is invalid\n"); err == nil {
			r.SuppressPrefixLen = &n
		}
	case grammar.Matches(w, "suppress_ifgroup") || w == "sup_group":
		var g uint32
		if g, err = grammar.ParseValue(a, parseDevGroup(p.names), "Invalid \"suppress_ifgroup\" value\n"); err == nil {
			r.SuppressIfGroup = &g
		}
	case w == "nat" || grammar.Matches(w, "map-to"):
		return fail.Usagef("Error: route NAT is not supported by %s (the kernel removed it)", command.Prog)
	default:
		return p.action(w, a)
	}
	return err
}

// action reads `[type] TYPE` or `goto NUMBER` or nop: what the rule does.
func (p *specParser) action(w string, a *grammar.Args) error {
	r := p.r
	if w == "type" {
		v, err := a.Value()
		if err != nil {
			return err
		}
		w = v
	}
	switch {
	case grammar.Matches(w, "help"):
		return usageError()
	case grammar.Matches(w, "goto"):
		target, err := grammar.ParseValue(a, parseUint32, "invalid target\n")
		if err != nil {
			return err
		}
		r.Goto, r.Action = target, unix.FR_ACT_GOTO
	case grammar.Matches(w, "nop"):
		r.Action = unix.FR_ACT_NOP
	default:
		t, ok := env.ParseRouteType(w)
		if !ok {
			return fail.Invalid("Failed to parse rule type", w)
		}
		r.Action = t
	}
	p.tableOK = true
	return nil
}

// parsePrefixLength reads suppress_prefixlength's value.
func parsePrefixLength(v string) (int32, bool) {
	n, err := strconv.ParseInt(v, 0, 32)
	return int32(n), err == nil && n >= 0
}

// prefix reads a prefix of the rule's family, which it may set.
func (p *specParser) prefix(a *grammar.Args) (netip.Prefix, error) {
	v, err := a.Value()
	if err != nil {
		return netip.Prefix{}, err
	}
	pr, err := grammar.ParsePrefix(v, p.r.Family)
	if err != nil {
		return netip.Prefix{}, err
	}
	if p.r.Family == unix.AF_UNSPEC {
		p.r.Family = pr.Family
	}
	if !pr.Addr.IsValid() && (pr.Any || grammar.HostLen(p.r.Family) == 0) {
		// "all", "any" (and "default" of the multicast families) send
		// no address, as ip's do.
		return netip.Prefix{}, nil
	}
	return pr.NetIP(), nil
}

// parseDevGroup reads a device group: a name (/etc/iproute2/group) or a
// number, which may be negative as a C int.
func parseDevGroup(names *env.Names) func(string) (uint32, bool) {
	return func(s string) (uint32, bool) {
		if id, ok := names.ParseGroup(s); ok {
			return id, true
		}
		n, err := strconv.ParseInt(s, 0, 64)
		if err != nil || n < -1<<31 || n > 1<<32-1 {
			return 0, false
		}
		return uint32(n), true
	}
}

// devGroupName names a device group, or gives its number as a C int.
func devGroupName(names *env.Names, g uint32) string {
	s := names.Group(g)
	if s == strconv.FormatUint(uint64(g), 10) {
		return strconv.FormatInt(int64(int32(g)), 10)
	}
	return s
}
