package main

import (
	"io"
	"strings"

	"github.com/gip-suite/gip/internal/completion"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/ipset"
)

// completionCommand prints gipset's completion script for a shell
// (gipset's own command, like gip's).
const completionCommand = "completion"

// writeCompletion prints the script `gipset completion SHELL` asks for.
func writeCompletion(w io.Writer, args []string) error {
	if len(args) == 1 {
		if s, ok := completion.Script(progName, args[0]); ok {
			_, err := io.WriteString(w, s)
			return err
		}
	}
	return usageErr("Usage: %s completion { %s }", progName, strings.Join(completion.Shells, " | "))
}

// complete prints the words that can stand at the cursor of a gipset
// command line: options, commands, set types, the keywords of a type, and
// the names of the sets of the namespace -netns chooses. What it cannot
// read (a namespace, the sets) makes fewer words, never an error.
func complete(w io.Writer, words []string, dial dialFunc) error {
	done, prefix := completion.Split(words)
	var cands []string
	if n := len(done); n > 0 {
		switch o := optionTaking(done[n-1]); o {
		case "-o":
			return completion.Write(w, []string{modePlain, modeSave, modeXML, modeJSON, modeTable}, prefix)
		case "-netns":
			return completion.Write(w, nl.NetNSNames(), prefix)
		case "-f":
			return nil // a file: the shell's own completion
		}
	}
	netns, rest := splitOptions(done)
	if strings.HasPrefix(prefix, "-") {
		for _, o := range envOpts {
			cands = append(cands, o.names[len(o.names)-1])
		}
		return completion.Write(w, cands, prefix)
	}
	if len(rest) == 0 {
		for _, c := range commands {
			cands = append(cands, c.name)
		}
		return completion.Write(w, append(cands, completionCommand), prefix)
	}
	cmd := ""
	for _, c := range commands {
		if matchCommand(rest[0], c) {
			cmd = c.name
			break
		}
	}
	args := rest[1:] // the command's words before the cursor
	sets := func() []string { return setNames(dial, netns) }
	switch {
	case cmd == completionCommand || rest[0] == completionCommand:
		if len(args) == 0 {
			cands = completion.Shells
		}
	case cmd == "help" && len(args) == 0:
		cands = ipset.TypeNames()
	case cmd == "create" && len(args) == 1:
		cands = ipset.TypeNames()
	case cmd == "create" && len(args) >= 2:
		cands = keywords(args[1], ipset.CmdCreate)
	case (cmd == "add" || cmd == "del" || cmd == "test") && len(args) == 0:
		cands = sets()
	case cmd == "add" || cmd == "del" || cmd == "test":
		if len(args) >= 2 {
			cands = setKeywords(dial, netns, args[0], cmd)
		}
	case (cmd == "destroy" || cmd == "list" || cmd == "save" || cmd == "flush" || cmd == "rename") && len(args) == 0,
		cmd == "swap" && len(args) < 2:
		cands = sets()
	}
	return completion.Write(w, cands, prefix)
}

// optionTaking returns the option word names (its short name) when it
// takes an argument, "" otherwise.
func optionTaking(word string) string {
	for _, o := range envOpts {
		if o.hasArg && matchEnvOpt(word, o.names) {
			return o.names[0]
		}
	}
	return ""
}

// splitOptions takes the options out of words, as the command line parser
// does, and returns the namespace -netns names and the other words.
func splitOptions(words []string) (netns string, rest []string) {
	for i := 0; i < len(words); i++ {
		w := words[i]
		if o := optionTaking(w); o != "" {
			if i+1 < len(words) && o == "-netns" {
				netns = words[i+1]
			}
			i++
			continue
		}
		if strings.HasPrefix(w, "-") && w != "-" && isEnvOpt(w) {
			continue
		}
		rest = append(rest, w)
	}
	return netns, rest
}

func isEnvOpt(word string) bool {
	for _, o := range envOpts {
		if matchEnvOpt(word, o.names) {
			return true
		}
	}
	return false
}

// setNames lists the sets of namespace netns.
func setNames(dial dialFunc, netns string) []string {
	c, err := dial(netns)
	if err != nil {
		return nil
	}
	defer c.Close()
	var names []string
	for r, err := range c.List("", ipset.FlagListSetName, false) {
		if err != nil {
			break
		}
		names = append(names, r.SetName)
	}
	return names
}

// setKeywords is the keywords of an add, del or test on the set called
// name, by its type.
func setKeywords(dial dialFunc, netns, name, cmd string) []string {
	c, err := dial(netns)
	if err != nil {
		return nil
	}
	defer c.Close()
	s, err := c.Header(name)
	if err != nil {
		return nil
	}
	return keywords(s.Type, map[string]ipset.Cmd{"add": ipset.CmdAdd, "del": ipset.CmdDel, "test": ipset.CmdTest}[cmd])
}

// keywords is the keywords cmd takes for the set type called typ.
func keywords(typ string, cmd ipset.Cmd) []string {
	t, ok := ipset.LookupType(typ)
	if !ok {
		return nil
	}
	var out []string
	for _, o := range t.Keywords(cmd) {
		out = append(out, string(o))
	}
	return out
}
