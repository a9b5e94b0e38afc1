package app

import (
	"io"
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
			cands = append(cands, "help")
			for _, v := range o.Verbs {
				cands = append(cands, v.Name())
			}
		}
	default:
		name, _, _ := lookupObject(rest[0])
		if name == "netns" || rest[len(rest)-1] == "netns" {
			cands = env.NetnsDirNames()
		} else {
			cands = linkNames(&env.Env{G: &g, Ctx: e.Ctx})
		}
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
