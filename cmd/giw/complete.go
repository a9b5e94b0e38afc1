package main

import (
	"io"
	"strings"

	"github.com/gip-suite/gip/internal/completion"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// completionCommand prints giw's completion script for a shell.
const completionCommand = "completion"

// writeCompletion prints the script `giw completion SHELL` asks for.
func writeCompletion(w, stderr io.Writer, args []string) int {
	if len(args) == 1 {
		if s, ok := completion.Script("giw", args[0]); ok {
			io.WriteString(w, s)
			return 0
		}
	}
	io.WriteString(stderr, "Usage: giw completion { "+strings.Join(completion.Shells, " | ")+" }\n")
	return 1
}

// complete prints the words that can stand at the cursor of a giw command
// line: options, the words of the command table after "dev DEV", "phy PHY"
// or nothing, and the wireless devices and phys of the namespace -n
// chooses. What it cannot read (no nl80211) makes fewer words.
func complete(w io.Writer, words []string) error {
	done, prefix := completion.Split(words)
	netns := ""
	var rest []string
	for i := 0; i < len(done); i++ {
		switch done[i] {
		case "-n", "-netns", "--netns":
			if i+1 < len(done) {
				netns = done[i+1]
			}
			i++
		case "-j", "-json", "--json", "-p", "-pretty", "--pretty", "--debug":
		default:
			rest = append(rest, done[i])
		}
	}
	if n := len(done); n > 0 && (done[n-1] == "-n" || done[n-1] == "-netns" || done[n-1] == "--netns") {
		return completion.Write(w, nl.NetNSNames(), prefix)
	}
	if len(rest) == 0 && strings.HasPrefix(prefix, "-") {
		return completion.Write(w, []string{"-j", "-p", "-n", "--debug", "--version", "--help"}, prefix)
	}
	var cands []string
	by, path := byNone, rest
	switch {
	case len(rest) >= 1 && (rest[0] == "dev" || rest[0] == "phy") && len(rest) == 1:
		return completion.Write(w, radios(netns, rest[0] == "phy"), prefix)
	case len(rest) >= 2 && rest[0] == "dev":
		by, path = byDev, rest[2:]
	case len(rest) >= 2 && rest[0] == "phy":
		by, path = byPhy, rest[2:]
	case len(rest) >= 2 && rest[0] == "wdev":
		by, path = byWdev, rest[2:]
	case len(rest) == 0:
		cands = append(cands, "help", "wdev", completionCommand)
	case rest[0] == completionCommand && len(rest) == 1:
		return completion.Write(w, completion.Shells, prefix)
	}
	for _, c := range commands() {
		if c.idby == byNone && by == byNone && len(rest) == 0 && len(c.path) > 0 {
			cands = append(cands, c.path[0])
			continue
		}
		if !c.takes(by) || len(c.path) <= len(path) || !wordsPrefix(c.path, path) {
			continue
		}
		cands = append(cands, c.path[len(path)])
	}
	return completion.Write(w, cands, prefix)
}

// wordsPrefix reports whether path starts with the words of p.
func wordsPrefix(path, p []string) bool {
	for i, w := range p {
		if path[i] != w {
			return false
		}
	}
	return true
}

// radios lists the wireless interfaces (or phys) of a namespace.
func radios(netns string, phys bool) []string {
	c, err := nl80211.Dial(&nl.Config{NetNS: netns})
	if err != nil {
		return nil
	}
	defer c.Close()
	var names []string
	if phys {
		ps, _ := c.Phys()
		for _, p := range ps {
			names = append(names, p.Name)
		}
		return names
	}
	ifs, _ := c.Interfaces()
	for _, i := range ifs {
		names = append(names, i.Name)
	}
	return names
}
