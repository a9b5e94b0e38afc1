package app

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

const rootShort = "show and change links, addresses, routes, rules, nexthops, neighbours, namespaces, bridges and MPLS"

const rootLong = `gip is a drop-in replacement for iproute2's ip: same syntax, same output,
same JSON and the same exit codes, on its own netlink engine.

Global options (single dash, any unambiguous prefix):
  -j[son] -p[retty] -br[ief] -o[neline] -s[tatistics] -d[etails] -h[uman]
  -n[etns] NAME -4 -6 -0 -f[amily] {inet|inet6|link|bridge|mpls}
  -c[olor][=always|auto|never] -a[ll] -force -at[omic] -b[atch] FILE -V[ersion]
  -t[imestamp] -ta[ble]

-table draws any listing as a table for people: its columns are the
listing's JSON members (links and addresses choose theirs). With -c its
cells are coloured as the same fields are in text; -c=auto colours only on a
terminal, and not when NO_COLOR is set.`

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

// writeHelp prints --help for the command line words name: the program
// (no words), an object, or an object's verb. It is gip's own page, from
// the registry, on stdout with exit 0, as --help is for most programs (ip
// itself has no --help; "gip help" keeps ip's usage on stderr).
func writeHelp(w io.Writer, words ...string) error {
	var b strings.Builder
	switch len(words) {
	case 0:
		fmt.Fprintf(&b, "%s\n\nUsage:\n  %s [ OPTIONS ] OBJECT { COMMAND | help }\n\nAvailable Commands:\n", rootLong, command.Prog)
		objs := registry()
		rows := make([][2]string, 0, len(objs)+1)
		for _, o := range objs {
			rows = append(rows, [2]string{o.Name, o.Short})
		}
		rows = append(rows, [2]string{"completion", "print a shell completion script: completion { bash | zsh | fish }"})
		writeRows(&b, rows)
		fmt.Fprintf(&b, "\nUse \"%s OBJECT --help\" for more about an object.\n", command.Prog)
	case 1:
		_, o, _ := lookupObject(words[0])
		if o == nil {
			return fail.Localf("Object %q is unknown, try \"%s help\".", words[0], command.Prog)
		}
		fmt.Fprintf(&b, "%s\n\nUsage:\n  %s %s COMMAND\n", o.Short, command.Prog, o.Name)
		if len(o.Aliases) > 0 {
			fmt.Fprintf(&b, "\nAliases:\n  %s\n", strings.Join(append([]string{o.Name}, o.Aliases...), ", "))
		}
		b.WriteString("\nAvailable Commands:\n")
		rows := make([][2]string, 0, len(o.Verbs))
		for _, v := range o.Verbs {
			rows = append(rows, [2]string{v.Name(), v.Short})
		}
		writeRows(&b, rows)
		fmt.Fprintf(&b, "\nUse \"%s %s help\" for ip's usage of the object.\n", command.Prog, o.Name)
	default:
		_, o, _ := lookupObject(words[0])
		if o == nil {
			return fail.Localf("Object %q is unknown, try \"%s help\".", words[0], command.Prog)
		}
		v, ok := o.Lookup(words[1])
		if !ok {
			return writeHelp(w, words[0])
		}
		fmt.Fprintf(&b, "%s\n\nUsage:\n  %s %s %s\n", v.Short, command.Prog, o.Name, v.Use)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRows writes name/text rows as an indented two-column list.
func writeRows(b *strings.Builder, rows [][2]string) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(b, "  %-*s  %s\n", width, r[0], r[1])
	}
}
