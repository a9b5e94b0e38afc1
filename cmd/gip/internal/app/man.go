package app

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/roff"
)

// manCommand is the hidden command that writes the manual pages:
// `gip __man DIR` (make man runs it into docs/man).
const manCommand = "__man"

// manPages renders gip(8) and one page per object, from the same command
// tree and usage texts the program prints.
func manPages(e *env.Env) map[string]string {
	pages := map[string]string{}
	var seeAlso []string
	var objList strings.Builder
	for _, o := range registry() {
		page := "gip-" + o.Name
		seeAlso = append(seeAlso, `.BR `+page+` (8)`)
		fmt.Fprintf(&objList, ".TP\n.B %s\n%s", o.Name, roff.Escape(o.Short))
		var b strings.Builder
		fmt.Fprintf(&b, ".TH %s 8 \"\" \"gip-suite\" \"System Administration\"\n", strings.ToUpper(page))
		fmt.Fprintf(&b, ".SH NAME\n%s \\- %s", page, roff.Escape(o.Short))
		fmt.Fprintf(&b, ".SH SYNOPSIS\n.nf\n%s.fi\n", roff.Escape(strings.TrimRight(o.UsageText(), "\n")))
		b.WriteString(".SH COMMANDS\n")
		for _, v := range o.Verbs {
			fmt.Fprintf(&b, ".TP\n.B gip %s %s\n%s", o.Name, roff.Escape(v.Use), roff.Escape(v.Short))
		}
		if o.Notes != "" {
			fmt.Fprintf(&b, ".SH NOTES\n.nf\n%s.fi\n", roff.Escape(strings.TrimRight(o.Notes, "\n")))
		}
		if len(o.Match) > 0 {
			var words []string
			for _, v := range o.Match {
				words = append(words, v[0])
			}
			fmt.Fprintf(&b, ".SH ABBREVIATIONS\nCommands may be abbreviated to any prefix; ties go to the first of: %s.\n", roff.Escape(strings.Join(words, ", ")))
		}
		b.WriteString(".SH SEE ALSO\n.BR gip (8)\n")
		pages[page+".8"] = b.String()
	}
	var b strings.Builder
	b.WriteString(".TH GIP 8 \"\" \"gip-suite\" \"System Administration\"\n")
	fmt.Fprintf(&b, ".SH NAME\ngip \\- %s", roff.Escape(rootShort))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n.nf\n%s.fi\n", roff.Escape(globalUsage()+"\n"))
	fmt.Fprintf(&b, ".SH DESCRIPTION\n%s", roff.Escape(rootLong))
	fmt.Fprintf(&b, ".SH OBJECTS\n%s", objList.String())
	b.WriteString(atomicManSection)
	b.WriteString(".SH EXIT STATUS\n0 on success, 1 for a local failure (such as an unknown device), " +
		"2 when the kernel refused the request, 255 for a usage error.\n")
	fmt.Fprintf(&b, ".SH SEE ALSO\n%s\n.BR ip (8)\n", strings.Join(seeAlso, ",\n"))
	pages["gip.8"] = b.String()
	return pages
}

func writeManPages(e *env.Env, dir string) error {
	for name, text := range manPages(e) {
		if err := roff.WritePage(dir, name, text); err != nil {
			return err
		}
	}
	return nil
}

// atomicManSection is gip(8)'s text on -atomic, an option of gip's own.
const atomicManSection = `.SH GLOBAL OPTIONS
.TP
.B \-atomic \-batch FILE
Run the batch whole or not at all: before the batch first changes an object type (links,
addresses, routes, rules, nexthops, neighbours, fdb entries, bridge vlans, tc) gip dumps it once; at the first
failed line it restores every touched type to that pre-image, links first, and dumps them again
to check. Exit 0 when every line applied; 1 when a line failed and the namespace is as it was
(ip's message for the line, then "rolled back N changes"); 3 when differences remain, each
printed. Changes gip cannot undo (tc chains and shared blocks; bridge mdb, vni, vlan set, vlan global set and vlan tunnel ids; addrlabel; and the objects of other netlink
protocols: xfrm, mptcp, tcp_metrics, l2tp, fou, macsec, nft) fail the batch.
.B \-atomic
needs
.B \-batch
and cannot be combined with
.BR \-force .
See docs/atomic.md.
`
