package app

import (
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/completion"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// completeCommand is the hidden command the completion scripts call:
// `gip __complete WORD... PREFIX` prints the words that can stand where
// PREFIX is, one per line. The words are those of the command line after
// the program's name, global options included.
const completeCommand = completion.Command

// globalOptions are the global options completion offers, in ip's long
// spelling (any unambiguous prefix is accepted when parsing).
var globalOptions = []string{
	"-0", "-4", "-6", "-all", "-atomic", "-batch", "-brief", "-color", "-details", "-family",
	"-force", "-human", "-iec", "-json", "-netns", "-Numeric", "-oneline",
	"-pretty", "-resolve", "-statistics", "-table", "-timestamp", "-tshort", "-Version",
}

// complete writes the candidates for the last of words to e.Stdout.
// Nothing it cannot read (a namespace, the links) is an error: it then
// offers fewer words.
func complete(e *env.Env, words []string) error {
	done, prefix := completion.Split(words)
	var cands []string
	g := *e.G // options before __complete count too
	rest, err := g.Parse(command.Prog, done)
	switch {
	case err != nil:
		if n := len(done); n > 0 && isOption(done[n-1], "-netns", 1) {
			cands = env.NetnsDirNames()
		}
	case len(rest) == 0 && strings.HasPrefix(prefix, "-"):
		cands = globalOptions
	case len(rest) == 0:
		cands = append(cands, "help")
		for _, o := range registry() {
			cands = append(cands, o.Name)
			cands = append(cands, o.Aliases...)
		}
	case len(rest) == 1:
		if _, o, _ := lookupObject(rest[0]); o != nil {
			cands = verbNames(o)
		}
	default:
		cands = completeArgs(&completer{g: &g, e: e}, rest)
	}
	return completion.Write(e.Stdout, cands, prefix)
}

// isOption reports whether word is option (such as "-netns") written as
// ip accepts it: with one or two dashes, abbreviated to at least min
// letters.
func isOption(word, option string, min int) bool {
	word = strings.TrimPrefix(strings.TrimPrefix(word, "-"), "-")
	return len(word) >= min && strings.HasPrefix(strings.TrimPrefix(option, "-"), word)
}

// completeArgs returns the words that can follow the command line
// OBJECT VERB WORD...: the values of the keyword last written (devices
// after dev, tables after table, the choices the usage lists after arp or
// scope), else the verb's keywords, and devices where one may stand
// alone. The keywords and choices are read from the object's usage.
func completeArgs(c *completer, rest []string) []string {
	name, o, _ := lookupObject(rest[0])
	if o == nil {
		return nil
	}
	v, ok := o.Lookup(rest[1])
	depth := 1 // words of the object: 2 for tc qdisc, bridge fdb
	for ok && v.Sub != nil && len(rest) > depth+1 {
		o, depth = v.Sub, depth+1
		v, ok = o.Lookup(rest[depth])
	}
	if !ok {
		return nil
	}
	if v.Sub != nil {
		return verbNames(v.Sub)
	}
	g := parseUsage(o.UsageText())
	next := ""
	if len(rest) > depth+1 {
		next = rest[depth+1]
	}
	words := g.words(o, depth, v.Name(), next)
	if last := rest[len(rest)-1]; len(rest) > depth+1 {
		if src, ok := liveValues[last]; ok && (src.only == nil || slices.Contains(src.only, name)) {
			return src.list(c)
		}
		if vals, ok := words.values[last]; ok {
			return vals
		}
	}
	cands := slices.Collect(maps.Keys(words.keywords))
	if words.device {
		cands = append(cands, c.devices()...)
	}
	if name == "netns" {
		cands = append(cands, env.NetnsDirNames()...)
	}
	return cands
}

// verbNames are the words that can stand where o's verb does.
func verbNames(o *command.Object) []string {
	cands := []string{"help"}
	for _, v := range o.Verbs {
		cands = append(cands, v.Name())
	}
	return cands
}

// completer reads the live values completion offers, in the namespace
// the command line's options choose.
type completer struct {
	g *env.Global // the options of the command line
	e *env.Env
}

func (c *completer) devices() []string {
	return linkNames(&env.Env{G: c.g, Ctx: c.e.Ctx})
}

// liveSource lists the values of a keyword from the system: the
// namespace's links, the name databases, the named namespaces.
type liveSource struct {
	list func(c *completer) []string
	only []string // the objects whose keyword it is, if not every one's
}

var (
	devices    = liveSource{list: (*completer).devices}
	namespaces = liveSource{list: func(*completer) []string { return env.NetnsDirNames() }}
	tables     = liveSource{list: func(*completer) []string { return env.NewNames(false).TableNames() }}
	protos     = liveSource{list: func(*completer) []string { return env.NewNames(false).ProtoNames() }}
)

// liveValues are the keywords whose values completion reads from the
// system rather than from the usage.
var liveValues = map[string]liveSource{
	"dev": devices, "master": devices, "link": devices, "iif": devices, "oif": devices,
	"vrf": devices, "iifname": devices, "oifname": devices,
	"table": tables, "lookup": tables,
	"netns": namespaces, "link-netns": namespaces,
	"proto":    protos,
	"protocol": {list: protos.list, only: []string{"route", "rule", "nexthop", "mroute"}},
	"scope":    {list: func(*completer) []string { return env.NewNames(false).ScopeNames() }},
	"realms":   {list: func(*completer) []string { return env.NewNames(false).RealmNames() }},
}

// linkNames lists the links of the namespace e's options choose.
func linkNames(e *env.Env) []string {
	defer e.Close()
	conn, err := e.Conn()
	if err != nil {
		return nil
	}
	var names []string
	for l, err := range rtnl.Links(conn, unix.AF_UNSPEC, rtnl.ExtFilterSkipStats) {
		if err != nil {
			break
		}
		names = append(names, l.Name)
	}
	return names
}

// writeCompletion prints the completion script for the shell words name.
func writeCompletion(w io.Writer, words []string) error {
	if len(words) == 1 {
		if s, ok := completion.Script(command.Prog, words[0]); ok {
			_, err := io.WriteString(w, s)
			return err
		}
	}
	return fail.Usagef("Usage: %s completion { bash | zsh | fish }", command.Prog)
}
