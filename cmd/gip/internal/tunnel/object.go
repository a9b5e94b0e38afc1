package tunnel

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"golang.org/x/sys/unix"
)

const usage4 = `Usage: ip tunnel { add | change | del | show | prl | 6rd } [ NAME ]
        [ mode { gre | ipip | isatap | sit | vti } ]
        [ remote ADDR ] [ local ADDR ]
        [ [i|o]seq ] [ [i|o]key KEY ] [ [i|o]csum ]
        [ prl-default ADDR ] [ prl-nodefault ADDR ] [ prl-delete ADDR ]
        [ 6rd-prefix ADDR ] [ 6rd-relay_prefix ADDR ] [ 6rd-reset ]
        [ ttl TTL ] [ tos TOS ] [ [no]pmtudisc ] [ dev PHYS_DEV ]

Where: NAME := STRING
       ADDR := { IP_ADDRESS | any }
       TOS  := { STRING | 00..ff | inherit | inherit/STRING | inherit/00..ff }
       TTL  := { 1..255 | inherit }
       KEY  := { DOTTED_QUAD | NUMBER }`

const usage6 = `Usage: ip -f inet6 tunnel { add | change | del | show } [ NAME ]
          [ mode { ip6ip6 | ipip6 | ip6gre | vti6 | any } ]
          [ remote ADDR local ADDR ] [ dev PHYS_DEV ]
          [ encaplimit ELIM ]
          [ hoplimit TTL ] [ tclass TCLASS ] [ flowlabel FLOWLABEL ]
          [ dscp inherit ]
          [ [no]allow-localremote ]
          [ [i|o]seq ] [ [i|o]key KEY ] [ [i|o]csum ]

Where: NAME      := STRING
       ADDR      := IPV6_ADDRESS
       ELIM      := { none | 0..255 }(default=4)
       TTL       := 0..255 (default=64)
       TCLASS    := { 0x0..0xff | inherit }
       FLOWLABEL := { 0x0..0xfffff | inherit }
       KEY       := { DOTTED_QUAD | NUMBER }`

// verbs4 is ip's order of the IPv4 verbs; the IPv6 ones lack prl and 6rd.
var verbs4 = [][2]string{
	{"add", "add"}, {"change", "change"}, {"delete", "delete"}, {"show", "show"},
	{"lst", "show"}, {"list", "show"}, {"prl", "prl"}, {"6rd", "6rd"}, {"help", "help"},
}

// Object is `gip tunnel`.
func Object() *command.Object {
	o := &command.Object{
		Name:     "tunnel",
		Aliases:  []string{"tunl"},
		HelpName: "tunnel",
		Short:    "IP tunnels through the fallback devices' ioctls: add, change, del, show, prl, 6rd",
		Match:    verbs4,
		Default:  "show",
		Usage:    usageOf(unix.AF_INET),
		Options:  chooseFamily,
	}
	o.Verbs = []command.Verb{
		{Use: "add [ NAME ] [ mode MODE ] [ remote ADDR ] [ local ADDR ] [ OPTIONS ]", Short: "create a tunnel through its mode's fallback device (gre0, tunl0, sit0, ip_vti0; with -6 ip6tnl0, ip6gre0, ip6_vti0)", Run: runAdd},
		{Use: "change NAME [ OPTIONS ]", Short: "change a tunnel's parameters, starting from the ones it has", Run: runChange, CannotUndo: cannotUndoChange},
		{Use: "delete [ NAME ] [ mode MODE ] [ SELECTORS ]", Short: "remove a tunnel: the one named, or the one of the mode's fallback device the other words describe", Run: runDelete},
		{Use: "show [ NAME ] [ SELECTORS ]", Short: "list the tunnels of the family, or show one; -s adds counters. -j is valid JSON on every path: an array also for a single tunnel read by name (ip prints text there), and with -s each tunnel's counters in an object \"stats\" {\"rx\": {packets, bytes, errors, csum_errs, out_of_seq, mcasts}, \"tx\": {packets, bytes, errors, dead_loop, no_route, no_bufs}} (ip mixes its text table into the JSON)", Run: runShow},
		{Use: "prl { prl-default | prl-nodefault | prl-delete } ADDR dev NAME", Short: "add or remove a potential router of an ISATAP tunnel (IPv4 only)", Run: runPRL, CannotUndo: cannotUndoPRL},
		{Use: "6rd { 6rd-prefix PREFIX | 6rd-relay_prefix PREFIX | 6rd-reset } dev NAME", Short: "set or reset the 6rd prefixes of a sit tunnel (IPv4 only)", Run: run6RD, CannotUndo: cannotUndo6RD},
		{Use: "help", Short: "print the usage", Run: func(e *env.Env, _ []string) error { return fail.Usagef("%s", usageOf(e.G.Family)) }},
	}
	return o
}

func usageOf(family uint8) string {
	u := usage4
	if family == unix.AF_INET6 {
		u = usage6
	}
	return strings.ReplaceAll(u, "Usage: ip ", "Usage: "+command.Prog+" ")
}

// v6Modes are the modes that make a command line an IPv6 one whatever
// -4 or -6 said.
var v6Modes = []string{
	"ipv6/ipv6", "ip6ip6", "vti6", "ip/ipv6", "ipv4/ipv6", "ipip6", "ip4ip6",
	"ip6gre", "gre/ipv6", "any/ipv6", "any",
}

// chooseFamily settles the family a command line is for, as ip does
// before it reads the verb: the first "mode" word with an IPv6 mode after
// it makes it IPv6, otherwise -6 does; no family is IPv4. It also refuses
// a verb the family lacks (IPv6 has no prl or 6rd) with that family's
// message.
func chooseFamily(e *env.Env, words []string) ([]string, bool, error) {
	for i := 0; i < len(words)-1; i++ {
		if words[i] == "mode" {
			for _, m := range v6Modes {
				if words[i+1] == m {
					e.G.Family = unix.AF_INET6
				}
			}
			break
		}
	}
	switch e.G.Family {
	case unix.AF_UNSPEC:
		e.G.Family = unix.AF_INET
	case unix.AF_INET, unix.AF_INET6:
	default:
		return nil, false, fail.Usagef("Unsupported protocol family: %d", e.G.Family)
	}
	if len(words) == 0 {
		return words, false, nil
	}
	table := verbs4
	if e.G.Family == unix.AF_INET6 {
		table = slicesWithout(verbs4, "prl", "6rd")
	}
	if _, ok := command.MatchWord(words[0], table); !ok {
		if e.G.Family == unix.AF_INET6 {
			return nil, false, fail.Usagef("Command \"%s\" is unknown, try \"%s -f inet6 tunnel help\".", words[0], command.Prog)
		}
		return nil, false, fail.Usagef("Command \"%s\" is unknown, try \"%s tunnel help\"", words[0], command.Prog)
	}
	return words, false, nil
}

// slicesWithout is table without the entries of the named verbs.
func slicesWithout(table [][2]string, names ...string) [][2]string {
	var out [][2]string
next:
	for _, m := range table {
		for _, n := range names {
			if m[1] == n {
				continue next
			}
		}
		out = append(out, m)
	}
	return out
}

// v6 reports whether the command line is an IPv6 one.
func v6(e *env.Env) bool { return e.G.Family == unix.AF_INET6 }
