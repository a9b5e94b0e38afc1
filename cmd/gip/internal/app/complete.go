package app

import (
	"io"
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// completeCommand is the hidden command the completion scripts call:
// `gip __complete WORD... PREFIX` prints the words that can stand where
// PREFIX is, one per line. The words are those of the command line after
// the program's name, global options included.
const completeCommand = "__complete"

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
	if len(words) == 0 {
		words = []string{""}
	}
	done, prefix := words[:len(words)-1], words[len(words)-1]
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
	var b strings.Builder
	slices.Sort(cands)
	for _, c := range slices.Compact(cands) {
		if strings.HasPrefix(c, prefix) {
			b.WriteString(c)
			b.WriteByte('\n')
		}
	}
	_, err = io.WriteString(e.Stdout, b.String())
	return err
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

// completionScripts are the scripts `gip completion SHELL` prints; each
// asks `gip __complete` for the words.
var completionScripts = map[string]string{
	"bash": `# bash completion for gip: source it, or install it as
# /usr/share/bash-completion/completions/gip.
_gip() {
	local cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\n'
	COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null)" -- "$cur"))
}
complete -F _gip gip
`,
	"zsh": `#compdef gip
# zsh completion for gip: install it as _gip in a directory of $fpath, or
# source it after compinit.
_gip() {
	local -a cands
	cands=(${(f)"$(${words[1]} __complete ${words[2,CURRENT-1]} ${words[CURRENT]} 2>/dev/null)"})
	compadd -a cands
}
if [ "$funcstack[1]" = "_gip" ]; then
	_gip "$@"
else
	compdef _gip gip
fi
`,
	"fish": `# fish completion for gip: install it as
# /usr/share/fish/vendor_completions.d/gip.fish.
complete -c gip -f -a '(gip __complete (commandline -opc)[2..-1] (commandline -ct))'
`,
}

// writeCompletion prints the completion script for the shell words name.
func writeCompletion(w io.Writer, words []string) error {
	if len(words) == 1 {
		if s, ok := completionScripts[words[0]]; ok {
			_, err := io.WriteString(w, s)
			return err
		}
	}
	return fail.Usagef("Usage: %s completion { bash | zsh | fish }", command.Prog)
}
