package main

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// manCommand is the hidden command that writes gcalc(1): `gcalc __man
// DIR` (make man runs it into docs/man). main reads it before cobra, so
// that it is no verb of gcalc's.
const manCommand = "__man"

// writeManPage writes gcalc.1 into dir.
func writeManPage(dir string) error { return roff.WritePage(dir, "gcalc.1", manPage()) }

// manPage renders gcalc(1) from gcalc's cobra registry: the root's texts,
// each verb's usage, text and flags, the global flags, and the notations
// help topic.
func manPage() string {
	root := newRootCmd(&env{})
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w(".TH GCALC 1 \"\" \"gip-suite\" \"User Commands\"\n")
	w(".SH NAME\ngcalc \\- %s", roff.Escape(root.Short))

	w(".SH SYNOPSIS\n.B gcalc\n%s", roff.Escape("[OPTIONS] "+useArgs(root)))
	for _, c := range verbCommands(root) {
		w(".br\n.B gcalc %s\n%s", c.Name(), roff.Escape(useArgs(c)))
	}

	w(".SH DESCRIPTION\n")
	for i, p := range paragraphs(root.Long) {
		if i > 0 {
			w(".PP\n")
		}
		w("%s", roff.Escape(p))
	}

	w(".SH VERBS\n")
	for _, c := range verbCommands(root) {
		text := c.Long
		if text == "" {
			text = c.Short + "."
		}
		w(".TP\n.B %s\n%s", c.Name(), roff.Escape(text))
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
			if f.Name != "help" {
				_, usage := pflag.UnquoteUsage(f)
				w(".br\n%s: %s", flagNames(f), roff.Escape(usage+"."))
			}
		})
	}

	w(".SH OPTIONS\n")
	root.PersistentFlags().VisitAll(func(f *pflag.Flag) {
		_, usage := pflag.UnquoteUsage(f)
		w(".TP\n%s\n%s", flagNames(f), roff.Escape(capital(usage)+"."))
	})
	w(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n%s", roff.Escape("Help for gcalc, or for a verb after it."))
	w(".TP\n\\fB\\-v\\fR, \\fB\\-\\-version\\fR\n%s", roff.Escape("The suite's version, commit and Go release."))

	w(".SH NOTATIONS\n")
	for _, c := range root.Commands() {
		if c.Name() == "notations" {
			writeTopic(w, c.Long)
		}
	}

	w(".SH ENVIRONMENT\n.TP\n.B NO_COLOR\n%s", roff.Escape("When set to a non-empty value, tables on a terminal are not coloured (addresses are otherwise magenta for IPv4 and blue for IPv6)."))
	w(".SH EXIT STATUS\n%s", roff.Escape(fmt.Sprintf(`%d success; %d invalid input (nothing is printed on standard output for list verbs); %d a "no" from contains or overlaps; %d usage error.`,
		exitOK, exitError, exitFalse, exitUsage)))
	w(".SH EXAMPLES\n.nf\n%s.fi\n", roff.Escape(`$ gcalc collapse 10.0.0.0/25 10.0.0.128/25 10.0.1.0/24
10.0.0.0/23
$ gcalc exclude 10.0.0.0/8 10.1.0.0/16 -o cisco
$ gcalc collapse -o juniper --name BOGONS bogons.txt
$ echo 10.0.0.0/24 10.0.1.0/24 | gcalc collapse -o cisco --name NETS
ip prefix-list NETS seq 5 permit 10.0.0.0/23
$ gcalc collapse -o ipset --name blocked drop.txt | gipset restore
$ gcalc collapse -o nft --name 'inet filter blocked' drop.txt | nft -f -
$ printf '10.0.0.256/24\n' | gcalc collapse
gcalc: line 1: '10.0.0.256/24' does not appear to be an IPv4 or IPv6 network`))
	w(".SH SEE ALSO\n.BR gip (8),\n.BR gipset (8),\n.BR giw (8)\n")
	return b.String()
}

// verbCommands are gcalc's verbs: the runnable commands, without cobra's
// own (help, completion) and the help topics.
func verbCommands(root *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range root.Commands() {
		if c.Runnable() && c.Name() != "help" && c.Name() != "completion" && !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}

// useArgs is what a command's usage line says after its name.
func useArgs(c *cobra.Command) string {
	_, args, _ := strings.Cut(c.Use, " ")
	return strings.TrimSpace(strings.Replace(args, "[flags]", "", 1))
}

// flagNames is a flag as the page names it, in bold with its argument in
// italics: "-o, --format FORMAT", "--count N" (the name its usage gives
// the argument, or the flag's name).
func flagNames(f *pflag.Flag) string {
	s := ""
	if f.Shorthand != "" {
		s = `\fB\-` + f.Shorthand + `\fR, `
	}
	s += `\fB\-\-` + strings.ReplaceAll(f.Name, "-", `\-`) + `\fR`
	if f.Value.Type() != "bool" {
		arg, _ := pflag.UnquoteUsage(f)
		if arg == f.Value.Type() {
			arg = strings.ToUpper(f.Name)
		}
		s += ` \fI` + arg + `\fR`
	}
	return s
}

// paragraphs splits a help text at its blank lines, keeping the indent
// of their lines.
func paragraphs(s string) []string {
	var out []string
	for p := range strings.SplitSeq(strings.Trim(s, "\n"), "\n\n") {
		out = append(out, strings.TrimRight(p, "\n "))
	}
	return out
}

// writeTopic renders a help topic: its paragraphs, an indented list of
// "name  description" lines as tagged paragraphs, and a paragraph whose
// heading ends in a colon over indented lines ("Examples:") as they are.
func writeTopic(w func(string, ...any), text string) {
	for i, p := range paragraphs(text) {
		lines := strings.Split(p, "\n")
		switch {
		case indented(lines):
			for _, l := range lines {
				name, desc, _ := strings.Cut(strings.TrimSpace(l), " ")
				w(".TP\n.B %s%s", roff.Escape(name), roff.Escape(strings.TrimSpace(desc)))
			}
		case strings.HasSuffix(lines[0], ":") && indented(lines[1:]):
			w(".PP\n%s.nf\n%s.fi\n", roff.Escape(lines[0]), roff.Escape(dedent(lines[1:])))
		default:
			if i > 0 {
				w(".PP\n")
			}
			w("%s", roff.Escape(p))
		}
	}
}

// indented reports whether every one of lines (at least one) starts with
// two spaces.
func indented(lines []string) bool {
	for _, l := range lines {
		if !strings.HasPrefix(l, "  ") {
			return false
		}
	}
	return len(lines) > 0
}

// dedent takes the common two-space indent off lines.
func dedent(lines []string) string {
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return strings.Join(lines, "\n")
}

// capital starts s with a capital letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
