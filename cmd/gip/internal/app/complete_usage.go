package app

import (
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
)

// usageGrammar is what completion reads from an object's usage text, the
// grammar ip prints: the command lines ("gip route { list | flush }
// SELECTOR" and the lines that continue them) and the definitions they
// use ("SELECTOR := [ root PREFIX ] ..."). From them it learns, for a
// verb, the keywords it takes and the words a keyword chooses from.
type usageGrammar struct {
	lines []*grammarLine
	defs  map[string]*grammarLine // "SELECTOR" -> the tokens after :=
}

// grammarLine is one command line of a usage after the program's name
// ("route { list | flush } SELECTOR", "tc qdisc [ add | ... ] dev
// STRING"), or the body of a definition.
type grammarLine struct {
	tokens []string
}

// verbAt splits a command line of an object depth words deep (1 for
// route, 2 for bridge fdb or tc qdisc) into the words where the verb
// stands, several when ip writes "{ add | del }", and the tokens after.
func (l *grammarLine) verbAt(depth int) (verbs, rest []string) {
	if len(l.tokens) <= depth {
		return nil, nil
	}
	toks := l.tokens[depth:]
	if end := groupEnd(toks); end > 0 {
		return toks[1:end], toks[end+1:]
	}
	return toks[:1], toks[1:]
}

// verbWords is what one verb's part of the grammar offers.
type verbWords struct {
	keywords map[string]bool
	values   map[string][]string // keyword -> the words it chooses from
	device   bool                // a device may stand alone ("link set DEVICE")
}

// usagePrograms start a command line of a usage text: gip's or ip's
// name, or the object tc and bridge stand for.
var usagePrograms = []string{command.Prog, "ip", "tc", "bridge"}

// devicePlaceholders are the names a usage gives a device.
var devicePlaceholders = []string{"DEVICE", "DEV", "IFNAME", "PHYS_DEV"}

// parseUsage reads a usage text.
func parseUsage(text string) usageGrammar {
	g := usageGrammar{defs: map[string]*grammarLine{}}
	var cur *grammarLine // what a continuation line continues
	for line := range strings.Lines(text) {
		toks := usageTokens(line)
		if len(toks) > 0 && (toks[0] == "Usage:" || toks[0] == "where") {
			toks = toks[1:]
		}
		switch def := slices.Index(toks, ":="); {
		case len(toks) == 0:
			cur = nil
		case slices.Contains(usagePrograms, toks[0]):
			if toks[0] == command.Prog || toks[0] == "ip" {
				toks = toks[1:]
			}
			cur = &grammarLine{tokens: toks}
			g.lines = append(g.lines, cur)
		case def > 0:
			cur = &grammarLine{tokens: toks[def+1:]}
			g.defs[toks[def-1]] = cur
		case cur != nil:
			cur.tokens = append(cur.tokens, toks...)
		}
	}
	return g
}

// usageTokens splits a line of a usage into words and the brackets, bars
// and braces of the grammar. A bracket glued to a word ("NUMBER[s|ms]",
// "ADDR[/LEN]", "[p|b]fifo") is part of how the word is written and is
// dropped with what it holds; a word in parentheses starts a remark, and
// "..." followed by more words a sentence, either of which ends the line.
func usageTokens(line string) []string {
	var toks []string
	word := func(w string) {
		if w != "" {
			toks = append(toks, w)
		}
	}
	start := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '(' && start == i, strings.HasPrefix(line[i:], "... ") && start == i:
			return toks
		case c == '[' && (start < i || gluedAfter(line, i)):
			word(line[start:i])
			i = closing(line, i)
			start = i + 1
		case strings.IndexByte("[]{}|", c) >= 0:
			word(line[start:i])
			toks = append(toks, string(c))
			start = i + 1
		case c == ' ' || c == '\t' || c == '\n':
			word(line[start:i])
			start = i + 1
		}
	}
	word(line[start:])
	return toks
}

// closing returns the index of the bracket that closes the one at i, or
// the line's last index.
func closing(line string, i int) int {
	depth := 0
	for ; i < len(line); i++ {
		if line[i] == '[' {
			depth++
		} else if line[i] == ']' {
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(line) - 1
}

// gluedAfter reports whether the bracket at i is glued to the word after
// it closes ("[p|b]fifo").
func gluedAfter(line string, i int) bool {
	j := closing(line, i) + 1
	return j < len(line) && isKeyword(line[j:j+1])
}

// groupEnd returns the index of the bracket that closes the group toks
// opens, or 0 when toks does not start with one.
func groupEnd(toks []string) int {
	if len(toks) == 0 || (toks[0] != "[" && toks[0] != "{") {
		return 0
	}
	depth := 0
	for i, t := range toks {
		switch t {
		case "[", "{":
			depth++
		case "]", "}":
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return 0
}

// isKeyword reports whether a token of a usage is a word typed as it is
// written: "mtu", "link-netns", "gso_max_size".
func isKeyword(t string) bool {
	if t == "" || t[0] < 'a' || t[0] > 'z' || strings.HasSuffix(t, ".") {
		return false
	}
	for _, c := range t {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// isPlaceholder reports whether a token stands for something to fill in:
// "PREFIX", "TABLE_ID", "SCOPE-ID".
func isPlaceholder(t string) bool { return t != "" && t[0] >= 'A' && t[0] <= 'Z' }

// words returns what the lines of o's verb offer, o being depth words
// deep; those of every line when no line names the verb (a usage that
// does not follow ip's layout). When the lines of the verb go on with
// words of their own (bridge fdb { add | del }, link property add) and
// next, the word typed after the verb, is one of them, only those lines
// count, from after that word.
func (g *usageGrammar) words(o *command.Object, depth int, verb, next string) *verbWords {
	w := &verbWords{keywords: map[string]bool{}, values: map[string][]string{}}
	var rests [][]string
	for _, l := range g.lines {
		verbs, rest := l.verbAt(depth)
		if slices.ContainsFunc(verbs, func(word string) bool {
			v, ok := o.Lookup(word)
			return ok && v.Name() == verb
		}) {
			rests = append(rests, rest)
		}
	}
	if len(rests) == 0 {
		for _, l := range g.lines {
			rests = append(rests, l.tokens)
		}
	}
	var narrowed [][]string
	for _, rest := range rests {
		l := grammarLine{tokens: rest}
		if sub, after := l.verbAt(0); next != "" && slices.Contains(sub, next) {
			narrowed = append(narrowed, after)
		}
	}
	if len(narrowed) > 0 {
		rests = narrowed
	}
	for _, rest := range rests {
		g.walk(rest, nil, w)
	}
	return w
}

// walk adds the keywords of toks, and of the definitions they name, to
// w. A keyword followed by a choice ("arp { on | off }", "scope SCOPE"
// where SCOPE := [ host | link | ... ]) has those words as its values.
// stack holds the definitions being walked, so that one naming itself
// ("FLAG-LIST := [ FLAG-LIST ] FLAG") ends.
func (g *usageGrammar) walk(toks []string, stack []string, w *verbWords) {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case isKeyword(t):
			w.keywords[t] = true
			if i+1 < len(toks) {
				if vals, n := g.choice(toks[i+1:], stack); len(vals) > 0 {
					w.values[t] = append(w.values[t], vals...)
					i += n
				}
			}
		case isPlaceholder(t):
			if slices.Contains(devicePlaceholders, t) && (i == 0 || !isKeyword(toks[i-1])) {
				w.device = true
			}
			if d, ok := g.defs[t]; ok && !slices.Contains(stack, t) {
				g.walk(d.tokens, append(stack, t), w)
			}
		}
	}
}

// choice returns the words of the choice toks starts with and how many
// tokens it takes: a group of alternatives ("{ on | off }"), or a
// placeholder defined as one; none for anything else.
func (g *usageGrammar) choice(toks []string, stack []string) ([]string, int) {
	if end := groupEnd(toks); end > 0 {
		group := toks[1:end]
		if len(group) == 1 {
			vals, _ := g.choice(group, stack)
			return vals, end + 1
		}
		if !topLevelBar(group) {
			return nil, 0
		}
		return g.choiceWords(group, stack), end + 1
	}
	d, ok := g.defs[toks[0]]
	if !ok || slices.Contains(stack, toks[0]) {
		return nil, 0
	}
	body := d.tokens
	if end := groupEnd(body); end > 0 && end == len(body)-1 {
		body = body[1:end]
	}
	if !topLevelBar(body) {
		return nil, 0
	}
	return g.choiceWords(body, append(stack, toks[0])), 1
}

// topLevelBar reports whether toks are alternatives: a bar outside any
// bracket.
func topLevelBar(toks []string) bool {
	depth := 0
	for _, t := range toks {
		switch t {
		case "[", "{":
			depth++
		case "]", "}":
			depth--
		case "|":
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// choiceWords returns the words of a choice, those of the placeholders
// it names included ("FLAG := [ permanent | ... | CONFFLAG-LIST ]").
func (g *usageGrammar) choiceWords(toks []string, stack []string) []string {
	var words []string
	for _, t := range toks {
		if isKeyword(t) {
			words = append(words, t)
		} else if d, ok := g.defs[t]; ok && !slices.Contains(stack, t) {
			words = append(words, g.choiceWords(d.tokens, append(stack, t))...)
		}
	}
	return words
}
