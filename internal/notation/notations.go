package notation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// Notation names, as -o takes them.
const (
	Plain    = "plain"
	Cisco    = "cisco"
	CiscoACL = "cisco-acl"
	Juniper  = "juniper"
	Iptables = "iptables"
	Nft      = "nft"
	Ipset    = "ipset"
	Bird     = "bird"
	Netmask  = "netmask"
	Hostmask = "hostmask"
	JSON     = "json"
)

// nameUse says whether a notation takes a name.
type nameUse int

const (
	nameNone     nameUse = iota // no name: --name is an error
	nameOptional                // a name makes complete config, none bare entries
	nameRequired                // no output without a name
)

// spec describes one notation.
type spec struct {
	name        string
	summary     string // for help: what the notation prints
	byFamily    bool   // IPv4 and IPv6 networks go to separate lists
	suffix6     bool   // the IPv6 list after an IPv4 one is NAME6
	names       nameUse
	checkName   func(string) error
	actions     []string                          // the actions taken, the first the default; nil for none
	anyAction   bool                              // any word is an action (iptables targets)
	namedAction bool                              // the action shows only in named lists
	build       func(o Options) (notation, error) // the notation for o, or why o does not fit it
}

var specs = []spec{
	{name: Plain, summary: "10.0.0.0/24, addresses bare", build: func(Options) (notation, error) { return plainNotation{}, nil }},
	{name: Cisco, summary: "10.0.0.0 0.0.0.255; --name: ip prefix-list NAME seq 5 permit 10.0.0.0/24",
		byFamily: true, names: nameOptional, checkName: ciscoName, actions: []string{"permit", "deny"}, namedAction: true,
		build: func(o Options) (notation, error) { return ciscoNotation{action: o.Action}, nil }},
	{name: CiscoACL, summary: "permit 10.0.0.0 0.0.0.255; --name: an access list (a number 1-99, 1300-1999: numbered)",
		byFamily: true, names: nameOptional, checkName: ciscoName, actions: []string{"permit", "deny"},
		build: newCiscoACLNotation},
	{name: Juniper, summary: "10.0.0.0/24; --name: prefix-list NAME { ... }",
		names: nameOptional, checkName: juniperName,
		build: func(Options) (notation, error) { return juniperNotation{}, nil }},
	{name: Iptables, summary: "10.0.0.0/24; --name: -A CHAIN -s 10.0.0.0/24 -j ACTION",
		names: nameOptional, checkName: iptablesName, actions: []string{"ACCEPT"}, anyAction: true, namedAction: true,
		build: func(o Options) (notation, error) { return iptablesNotation{target: o.Action}, nil }},
	{name: Nft, summary: "--name SET: a set definition; --name 'FAMILY TABLE SET': add element lines",
		byFamily: true, suffix6: true, names: nameRequired, checkName: nftName,
		build: newNftNotation},
	{name: Ipset, summary: "--name SET: ipset restore lines creating a hash:net set",
		byFamily: true, suffix6: true, names: nameRequired, checkName: ipsetName,
		build: func(Options) (notation, error) { return &ipsetNotation{}, nil }},
	{name: Bird, summary: "--name NAME: define NAME = [ 10.0.0.0/24, ... ];",
		byFamily: true, suffix6: true, names: nameRequired, checkName: birdName,
		build: func(Options) (notation, error) { return birdNotation{}, nil }},
	{name: Netmask, summary: "10.0.0.0/255.255.255.0", build: func(Options) (notation, error) { return netmaskNotation{}, nil }},
	{name: Hostmask, summary: "10.0.0.0/0.0.0.255", build: func(Options) (notation, error) { return hostmaskNotation{}, nil }},
	{name: JSON, summary: `["10.0.0.0/24", ...]`, build: func(Options) (notation, error) { return &jsonNotation{}, nil }},
}

// Names lists the notations.
func Names() []string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.name
	}
	return names
}

// Summary is one line on what a notation prints, for help.
func Summary(name string) string {
	s, err := findSpec(name)
	if err != nil {
		return ""
	}
	return s.summary
}

// Actions lists the actions a notation takes, the default first; nil if it
// takes none.
func Actions(name string) []string {
	s, err := findSpec(name)
	if err != nil {
		return nil
	}
	return s.actions
}

func findSpec(name string) (*spec, error) {
	for i := range specs {
		if specs[i].name == name {
			return &specs[i], nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Names(), ", "))
}

// lookup finds o's notation and checks o against it, filling in the default
// action.
func lookup(o *Options) (*spec, error) {
	s, err := findSpec(o.Notation)
	if err != nil {
		return nil, err
	}
	switch {
	case o.Name == "" && s.names == nameRequired:
		return nil, fmt.Errorf("-o %s needs --name", s.name)
	case o.Name != "" && s.names == nameNone:
		return nil, fmt.Errorf("--name does not apply to -o %s", s.name)
	case o.Name != "":
		if err := s.checkName(o.Name); err != nil {
			return nil, err
		}
		if s.suffix6 {
			if err := s.checkName(o.Name + "6"); err != nil {
				return nil, fmt.Errorf("%w (the IPv6 list is %s6)", err, o.Name)
			}
		}
	}
	switch {
	case o.Action == "" && s.actions != nil:
		o.Action = s.actions[0]
	case o.Action == "":
	case s.actions == nil:
		return nil, fmt.Errorf("--action does not apply to -o %s", s.name)
	case s.namedAction && o.Name == "":
		return nil, fmt.Errorf("--action applies to -o %s with --name", s.name)
	case s.anyAction:
		if err := checkWord("action", o.Action, 29); err != nil {
			return nil, err
		}
	case !slices.Contains(s.actions, o.Action):
		return nil, fmt.Errorf("invalid action %q for -o %s (want %s)", o.Action, s.name, strings.Join(s.actions, " or "))
	}
	return s, nil
}

// ---- names

// checkWord accepts a printable ASCII word of at most maxLen bytes.
func checkWord(what, s string, maxLen int) error {
	if s == "" {
		return fmt.Errorf("empty %s", what)
	}
	if len(s) > maxLen {
		return fmt.Errorf("%s %q is longer than %d characters", what, s, maxLen)
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return fmt.Errorf("invalid %s %q: only printable characters, no spaces", what, s)
		}
	}
	return nil
}

func ciscoName(s string) error { return checkWord("list name", s, 64) }

// standardACL reports whether n numbers a standard IPv4 access list.
func standardACL(n int) bool { return 1 <= n && n <= 99 || 1300 <= n && n <= 1999 }

func juniperName(s string) error {
	if err := checkWord("prefix-list name", s, 64); err != nil {
		return err
	}
	if strings.ContainsAny(s, `;{}"#'`) {
		return fmt.Errorf("invalid prefix-list name %q: no ; { } quotes or #", s)
	}
	return nil
}

func iptablesName(s string) error {
	if err := checkWord("chain name", s, 28); err != nil {
		return err
	}
	if s[0] == '-' || s[0] == '!' {
		return fmt.Errorf("invalid chain name %q", s)
	}
	return nil
}

func ipsetName(s string) error {
	if err := checkWord("set name", s, 31); err != nil {
		return err
	}
	if s[0] == '-' {
		return fmt.Errorf("invalid set name %q", s)
	}
	return nil
}

// birdName accepts a BIRD symbol: a letter or '_', then letters, digits and '_'.
func birdName(s string) error {
	if s == "" || !identifier(s, "_", "_") {
		return fmt.Errorf("invalid BIRD symbol %q: letters, digits and _, not starting with a digit", s)
	}
	return nil
}

// identifier reports whether s is a letter or one of first, then letters,
// digits or one of rest.
func identifier(s, first, rest string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		switch {
		case letter, strings.IndexByte(first, c) >= 0 && i == 0:
		case i > 0 && ('0' <= c && c <= '9' || strings.IndexByte(rest, c) >= 0):
		default:
			return false
		}
	}
	return s != ""
}

// ---- shared pieces

// appendPrefix appends n in CIDR form without a zone.
func appendPrefix(b []byte, n ipaddress.Network) []byte {
	b = n.NetworkAddress().WithoutScope().AppendTo(b)
	b = append(b, '/')
	return strconv.AppendInt(b, int64(n.PrefixLen()), 10)
}

// host reports whether n is a single address.
func host(n ipaddress.Network) bool { return n.PrefixLen() == n.MaxPrefixLen() }
