package main

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl/ipset"
	"github.com/gip-suite/gip/internal/roff"
)

// manCommand is the hidden command that writes gipset(8):
// `gipset __man DIR` (make man runs it into docs/man).
const manCommand = "__man"

// writeManPage writes gipset.8 into dir.
func writeManPage(dir string) error { return roff.WritePage(dir, "gipset.8", manPage()) }

// sentence ends s with a full stop.
func sentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!)") {
		return s
	}
	return s + "."
}

// usageEntries reads one section ("Commands:" or "Options:") of the usage
// text gipset help prints: a line at the margin names an entry, the
// indented lines under it describe it.
func usageEntries(section string) [][2]string {
	text := fmt.Sprintf(usageText, progName)
	i := strings.Index(text, "\n"+section+"\n")
	if i < 0 {
		return nil
	}
	var out [][2]string
	for _, l := range strings.Split(text[i+len(section)+2:], "\n") {
		switch {
		case strings.HasSuffix(l, ":") && !strings.HasPrefix(l, " "):
			return out // the next section
		case strings.TrimSpace(l) == "":
		case l[0] != ' ' && l[0] != '\t':
			out = append(out, [2]string{strings.TrimSpace(l), ""})
		case len(out) > 0:
			d := &out[len(out)-1][1]
			if *d != "" {
				*d += " "
			}
			*d += strings.TrimSpace(l)
		}
	}
	return out
}

// manPage renders gipset(8) from the usage text, the command and option
// tables and the set type registry that gipset itself uses.
func manPage() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w(".TH GIPSET 8 \"\" \"gip-suite\" \"System Administration\"\n")
	w(".SH NAME\ngipset \\- administer the kernel's IP sets (an ipset replacement)\n")
	w(".SH SYNOPSIS\n.B gipset\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n")
	w(".SH DESCRIPTION\n%s", roff.Escape(`gipset creates, fills, lists, saves and restores the IP sets of the Linux kernel over nfnetlink. It accepts the command language of ipset `+ipsetVersion+` (commands, options, set types, element syntax), prints what ipset prints and exits with ipset's codes, so scripts written for ipset run unchanged.`))
	w(".PP\n%s", roff.Escape(`An IP set holds addresses, networks, ports, interface names or MAC addresses, or combinations of them, in a form chosen by the set's type. Firewall rules (iptables' set match, nftables through the kernel's ipset support) test packets against a whole set in one step.`))
	w(".PP\n%s", roff.Escape(`Options may appear anywhere on the command line, with one or two leading dashes. Commands may be abbreviated to any unambiguous prefix and also take ipset's older one-letter forms.`))

	w(".SH COMMANDS\n")
	for _, e := range usageEntries("Commands:") {
		name := strings.Fields(e[0])[0]
		w(".TP\n.B %s", roff.Escape(e[0]))
		w("%s", roff.Escape(sentence(e[1])))
		for _, c := range commands {
			if c.name != name {
				continue
			}
			var other []string
			for _, a := range c.aliases {
				if a != name {
					other = append(other, a)
				}
			}
			if len(other) > 0 {
				w("%s", roff.Escape("Also: "+strings.Join(other, ", ")+"."))
			}
		}
	}

	w(".SH OPTIONS\n")
	for _, e := range usageEntries("Options:") {
		w(".TP\n.B %s", roff.Escape(e[0]))
		w("%s", roff.Escape(sentence(e[1])))
		short := strings.Fields(e[0])[0]
		for _, o := range envOpts {
			if o.names[0] == short && len(o.names) > 1 {
				w("%s", roff.Escape("Long form: "+strings.Join(o.names[1:], ", ")+"."))
			}
		}
	}

	w(".SH SET TYPES\n%s", roff.Escape(`A type is named METHOD:DATATYPES. bitmap sets hold a range of IPv4 addresses or ports, hash sets any number of entries up to maxelem, list sets the names of other sets. Elements are written with their parts separated by commas, in the order of the type name (hash:ip,port takes 192.0.2.1,tcp:80). The kernel decides which types and revisions it has; gipset uses the newest revision that both the kernel and ipset `+ipsetVersion+` know. gipset help TYPE prints the same summary as below for one type.`))
	for _, name := range ipset.TypeNames() {
		t, _ := ipset.LookupType(name)
		w(".TP\n.B %s", roff.Escape(name))
		w("%s", roff.Escape(strings.TrimSpace(fmt.Sprintf("create SETNAME %s %s", t.Name, optionList(t.Create)))))
		w(".br\n%s", roff.Escape(strings.TrimSpace("add SETNAME ENTRY "+optionList(t.Add))))
		w(".br\n%s", roff.Escape(strings.TrimSpace("del SETNAME ENTRY "+optionList(t.Del))))
		w(".br\n%s", roff.Escape(strings.TrimSpace("test SETNAME ENTRY "+optionList(t.Test))))
		w(".br\n")
		switch {
		case t.HasFamily():
			w("Families inet and inet6.")
		case t.Family == ipset.FamilyUnspec:
			w("Family neutral.")
		default:
			w("Family inet only.")
		}
		w(" Newest revision known: %d.\n", t.Revision)
	}

	w(".SH RESTORE\n%s", roff.Escape(`restore reads the format save writes, from standard input or the file given with -f: commands without the program name, comments starting with #, blank lines and COMMIT. As in ipset, lines take effect one after the other and the first failing line stops the restore with "Error in line N: ...", leaving the lines before it applied.`))
	w(".PP\n%s", roff.Escape(`With -atomic the whole input is one transaction: each set it creates or changes is built under a temporary name and swapped into place only when every line has succeeded; when a line fails, the temporary sets are destroyed and the kernel's sets are as they were. rename, swap, test, list and save lines, and destroy or flush without a set name, are refused in an atomic restore.`))

	w(".SH OUTPUT\n%s", roff.Escape(`list and save print what ipset prints for the same sets, in the modes plain, save and xml (-o). -j, or -o json, prints a JSON array of sets, "[]" when there is nothing to list; each set has its name, type, revision, header (the create options and the kernel's figures) and members. With -n only the names are printed, with -t the headers without members.`))
	w(".SH EXIT STATUS\n%s", roff.Escape(`0 on success; 1 when the kernel refuses a request, for a syntax error in an element or option, and when test finds the entry missing; 2 for a usage error (an unknown command or option, a missing argument), followed by a hint to gipset help.`))
	w(".SH DIFFERENCES FROM IPSET\n%s", roff.Escape(`Error messages start with "gipset: " instead of the ipset version. -r is accepted and ignored: addresses are always printed as numbers. The interactive mode (ipset -) is not provided. -netns, -atomic, -j and -o json are gipset's additions, and so is "gipset completion bash|zsh|fish", which prints a completion script (commands, options, set types, keywords and the names of the sets of the namespace -netns chooses); restore shows a progress line on standard error when it is a terminal.`))
	w(".SH EXAMPLES\n.nf\n%s.fi\n", roff.Escape(`gipset create web hash:ip,port timeout 300
gipset add web 192.0.2.10,tcp:80
gipset test web 192.0.2.10,tcp:80
gipset -j list web
gipset save > sets.txt
gipset -exist -atomic restore -f sets.txt`))
	w(".SH SEE ALSO\n.BR ipset (8),\n.BR iptables (8),\n.BR nft (8),\n.BR gip (8)\n")
	return b.String()
}
