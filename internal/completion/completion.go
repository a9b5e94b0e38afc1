package completion

import (
	"io"
	"slices"
	"strings"
)

// Command is the hidden command the scripts call: `TOOL __complete
// WORD... PREFIX` prints the words that can stand where PREFIX is, given
// the words before it (the command line after the tool's name).
const Command = "__complete"

// Shells are the shells Script knows.
var Shells = []string{"bash", "zsh", "fish"}

// Script returns the completion script of tool for shell, and false for a
// shell it does not know.
func Script(tool, shell string) (string, bool) {
	var s string
	switch shell {
	case "bash":
		s = `# bash completion for TOOL: source it, or install it as
# /usr/share/bash-completion/completions/TOOL.
_TOOL() {
	local cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\n'
	COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null)" -- "$cur"))
}
complete -F _TOOL TOOL
`
	case "zsh":
		s = `#compdef TOOL
# zsh completion for TOOL: install it as _TOOL in a directory of $fpath, or
# source it after compinit.
_TOOL() {
	local -a cands
	cands=(${(f)"$(${words[1]} __complete ${words[2,CURRENT-1]} ${words[CURRENT]} 2>/dev/null)"})
	compadd -a cands
}
if [ "$funcstack[1]" = "_TOOL" ]; then
	_TOOL "$@"
else
	compdef _TOOL TOOL
fi
`
	case "fish":
		s = `# fish completion for TOOL: install it as
# /usr/share/fish/vendor_completions.d/TOOL.fish.
complete -c TOOL -f -a '(TOOL __complete (commandline -opc)[2..-1] (commandline -ct))'
`
	default:
		return "", false
	}
	return strings.ReplaceAll(s, "TOOL", tool), true
}

// Split divides the words after __complete into those before the cursor
// and the prefix at it (empty when the cursor starts a new word).
func Split(words []string) (done []string, prefix string) {
	if len(words) == 0 {
		return nil, ""
	}
	return words[:len(words)-1], words[len(words)-1]
}

// Write prints the candidates that start with prefix, sorted, each once,
// one per line.
func Write(w io.Writer, cands []string, prefix string) error {
	cands = slices.Clone(cands)
	slices.Sort(cands)
	var b strings.Builder
	for _, c := range slices.Compact(cands) {
		if strings.HasPrefix(c, prefix) {
			b.WriteString(c)
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
