package app

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/addr"
	"github.com/gip-suite/gip/cmd/gip/internal/bridge"
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/mpls"
	"github.com/gip-suite/gip/cmd/gip/internal/neigh"
	"github.com/gip-suite/gip/cmd/gip/internal/netns"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/cmd/gip/internal/rule"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/spf13/cobra"
	"golang.org/x/sys/unix"
)

// objectOrder lists ip's objects in the order ip tries them when it
// matches an abbreviation ("r" is route, "n" is neighbor), followed by gip's
// own additions. An entry without a definition is known to ip but not
// provided by gip.
var objectOrder = []string{
	"address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour",
	"ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl",
	"tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm",
	"mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp",
	"ioam", "help", "stats", "amt",
	"bridge", "mpls",
}

// objects is the one place where gip's objects are registered. To add an
// object, write its file and add it here.
func objects() map[string]*command.Object {
	neigh := neigh.NeighObject()
	return map[string]*command.Object{
		"link":      link.LinkObject(),
		"address":   addr.AddrObject(),
		"neighbor":  neigh,
		"neighbour": neigh,
		"netns":     netns.NetnsObject(),
		"bridge":    bridge.BridgeObject(),
		"route":     route.RouteObject(),
		"nexthop":   nexthop.NexthopObject(),
		"rule":      rule.RuleObject(),
		"mpls":      mpls.MplsObject(),
	}
}

// newRootCmd builds the command tree for help, completion and man pages.
func newRootCmd(e *env.Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "gip [ OPTIONS ] OBJECT { COMMAND | help }",
		Short: "show and change links, addresses, neighbours, namespaces and bridges",
		Long: `gip is a drop-in replacement for iproute2's ip: same syntax, same output,
same JSON and the same exit codes, on its own netlink engine.

Global options (single dash, any unambiguous prefix):
  -j[son] -p[retty] -br[ief] -o[neline] -s[tatistics] -d[etails] -h[uman]
  -n[etns] NAME -4 -6 -0 -f[amily] {inet|inet6|link|bridge|mpls}
  -c[olor][=always|auto|never] -a[ll] -force -b[atch] FILE -V[ersion]
  -t[imestamp] -ta[ble]`,
		SilenceUsage:  true,
		SilenceErrors: true,
		CompletionOptions: cobra.CompletionOptions{
			HiddenDefaultCmd: false,
		},
	}
	root.SetOut(e.Stdout)
	root.SetErr(e.Stderr)
	seen := map[*command.Object]bool{}
	objs := objects()
	for _, name := range objectOrder {
		o := objs[name]
		if o == nil || seen[o] {
			continue
		}
		seen[o] = true
		c := o.Cmd(e)
		c.Use = o.Name
		c.Short = o.Short
		for _, v := range c.Commands() {
			v.DisableFlagParsing = true
			v.SilenceUsage = true
			if o.Name != "netns" {
				v.ValidArgsFunction = completeLinkNames(e)
			}
		}
		root.AddCommand(c)
	}
	return root
}

// completeLinkNames offers the names of the links in the namespace -n
// chose (they are what most arguments name) for shell completion.
func completeLinkNames(e *env.Env) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
		conn, err := e.Conn()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for l, err := range rtnl.Links(conn, unix.AF_UNSPEC, rtnl.ExtFilterSkipStats) {
			if err != nil {
				break
			}
			if strings.HasPrefix(l.Name, prefix) {
				out = append(out, l.Name)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// dispatch resolves iproute2 abbreviations and runs the verb.
func dispatch(e *env.Env, words []string) error {
	if len(words) == 0 {
		return fail.Usagef("%s", globalUsage)
	}
	switch words[0] {
	case "completion", "__complete", "__completeNoDesc":
		return execCobra(e, words)
	case manCommand:
		if len(words) != 2 {
			return fail.Usagef("Usage: %s %s DIRECTORY", command.Prog, manCommand)
		}
		return writeManPages(e, words[1])
	}
	name, ok := grammar.Lookup(words[0], objectOrder)
	if !ok {
		return fail.Localf("Object %q is unknown, try \"%s help\".", words[0], command.Prog)
	}
	if name == "help" {
		return fail.Usagef("%s", globalUsage)
	}
	o := objects()[name]
	if o == nil {
		return fail.Localf("Object %q is not provided by %s yet, try \"%s help\".", name, command.Prog, command.Prog)
	}
	rest := words[1:]
	if o.Name == "bridge" && len(rest) > 0 && len(rest[0]) > 1 && rest[0][0] == '-' && rest[0] != "--help" {
		r, err := e.G.Parse(command.Prog, rest)
		if err != nil {
			return err
		}
		rest = r
	}
	if len(rest) == 0 && o.DefaultVerb == "" {
		return fail.Usagef("%s", strings.TrimRight(o.Usage, "\n"))
	}
	verb := o.DefaultVerb
	if len(rest) > 0 {
		w := rest[0]
		switch {
		case w == "help":
			return fail.Usagef("%s", strings.TrimRight(o.Usage, "\n"))
		case w == "--help" || w == "-help":
			return execCobra(e, []string{o.Name, "--help"})
		}
		v, ok := command.LookupVerb(w, o.Verbs)
		if !ok && o.Name == "bridge" {
			return fail.Usagef("Object %q is unknown, try \"%s bridge help\".", w, command.Prog)
		}
		if !ok {
			hn := o.Name
			if o.HelpName != "" {
				hn = o.HelpName
			}
			return fail.Usagef("Command %q is unknown, try \"%s %s help\".", w, command.Prog, hn)
		}
		verb = v
		rest = rest[1:]
	}
	for _, w := range rest {
		if w == "--help" {
			return execCobra(e, []string{o.Name, verb, "--help"})
		}
	}
	return execCobra(e, append([]string{o.Name, verb}, rest...))
}

func execCobra(e *env.Env, args []string) error {
	root := newRootCmd(e)
	root.SetArgs(args)
	return root.Execute()
}

const globalUsage = `Usage: gip [ OPTIONS ] OBJECT { COMMAND | help }
       gip [ -force ] -batch filename
where  OBJECT := { address | bridge | link | neighbor | neighbour | netns }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor] | -ta[ble] }`
