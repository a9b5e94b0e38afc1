package app

import (
	"sort"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/spf13/cobra"
	"golang.org/x/sys/unix"
)

const rootShort = "show and change links, addresses, routes, rules, nexthops, neighbours, namespaces, bridges and MPLS"

const rootLong = `gip is a drop-in replacement for iproute2's ip: same syntax, same output,
same JSON and the same exit codes, on its own netlink engine.

Global options (single dash, any unambiguous prefix):
  -j[son] -p[retty] -br[ief] -o[neline] -s[tatistics] -d[etails] -h[uman]
  -n[etns] NAME -4 -6 -0 -f[amily] {inet|inet6|link|bridge|mpls}
  -c[olor][=always|auto|never] -a[ll] -force -b[atch] FILE -V[ersion]
  -t[imestamp] -ta[ble]`

// globalUsage is `gip help`: ip's usage with gip's objects, from the
// registry.
func globalUsage() string {
	var names []string
	for _, o := range registry() {
		names = append(names, o.Name)
		for _, a := range o.Aliases {
			if a != o.HelpName && !strings.HasPrefix(o.Name, a) {
				names = append(names, a)
			}
		}
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("Usage: gip [ OPTIONS ] OBJECT { COMMAND | help }\n")
	b.WriteString("       gip [ -force ] -batch filename\n")
	b.WriteString("where  OBJECT := { ")
	const indent = "                   "
	col := len("where  OBJECT := { ")
	for i, n := range names {
		w := n
		if i < len(names)-1 {
			w += " |"
		}
		if col+len(w) > 78 {
			b.WriteString("\n" + indent)
			col = len(indent)
		} else if i > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	b.WriteString(" }\n")
	b.WriteString(`       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor] | -ta[ble] }`)
	return b.String()
}

// newRootCmd builds cobra's command tree from the registry, for help,
// completion and man pages only.
func newRootCmd(e *env.Env) *cobra.Command {
	root := &cobra.Command{
		Use:           "gip [ OPTIONS ] OBJECT { COMMAND | help }",
		Short:         rootShort,
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(e.Stdout)
	root.SetErr(e.Stderr)
	for _, o := range registry() {
		c := &cobra.Command{Use: o.Name, Short: o.Short, Aliases: o.Aliases}
		for i := range o.Verbs {
			v := &o.Verbs[i]
			vc := &cobra.Command{
				Use:                v.Use,
				Short:              v.Short,
				DisableFlagParsing: true,
				SilenceUsage:       true,
				RunE: func(c *cobra.Command, args []string) error {
					return c.Help()
				},
			}
			if o.Name != "netns" {
				vc.ValidArgsFunction = completeLinkNames(e)
			}
			c.AddCommand(vc)
		}
		root.AddCommand(c)
	}
	return root
}

// execCobra runs cobra on args: help (--help), completion scripts and
// shell completion requests.
func execCobra(e *env.Env, args []string) error {
	root := newRootCmd(e)
	root.SetArgs(args)
	return root.Execute()
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
