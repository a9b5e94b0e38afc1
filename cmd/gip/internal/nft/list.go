package nft

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// listCmd is a parsed nft list command.
type listCmd struct {
	what   string // ruleset, tables, table, chains, chain, sets, set, maps, map
	family nftables.Family
	table  string
	name   string // the chain, set or map
	// at is the index of the word that names the object, for errors.
	words   []string
	at      int
	tableAt int // the index of the table's word
	// allTables, of every family, for a suggestion
	allTables []nftables.Table
}

var listWhats = map[string]int{ // how many names follow the family
	"ruleset": 0, "tables": 0, "chains": 0, "sets": 0, "maps": 0, "counters": 0, "quotas": 0,
	"table": 1, "chain": 2, "set": 2, "map": 2, "counter": 2, "quota": 2,
}

func parseList(args []string) (*listCmd, error) {
	words := append([]string{"list"}, args...)
	if len(args) == 0 {
		return nil, syntaxError(words, 1, "")
	}
	names, ok := listWhats[args[0]]
	if !ok {
		return nil, syntaxError(words, 1, "unexpected string")
	}
	c := &listCmd{what: args[0], family: nftables.FamilyIP, words: words}
	rest := args[1:]
	i := 2
	if names == 0 {
		c.family = nftables.FamilyUnspec
		if len(rest) > 0 {
			f, ok := nftables.ParseFamily(rest[0])
			if !ok {
				return nil, syntaxError(words, i, "unexpected string, expecting end of file or newline or semicolon")
			}
			c.family, rest, i = f, rest[1:], i+1
		}
		if len(rest) > 0 {
			return nil, syntaxError(words, i, "unexpected string, expecting end of file or newline or semicolon")
		}
		return c, nil
	}
	if len(rest) > 0 {
		if f, ok := nftables.ParseFamily(rest[0]); ok {
			c.family, rest, i = f, rest[1:], i+1
		}
	}
	if len(rest) < names {
		return nil, cmdError(words, len(words), "syntax error, unexpected newline, expecting string")
	}
	if len(rest) > names {
		return nil, syntaxError(words, i+names, "unexpected string, expecting end of file or newline or semicolon")
	}
	c.table, c.at, c.tableAt = rest[0], i, i
	if names == 2 {
		c.name, c.at = rest[1], i+1
	}
	return c, nil
}

func runList(e *env.Env, args []string) error {
	lc, err := parseList(args)
	if err != nil {
		return err
	}
	c, err := dial(e)
	if err != nil {
		return err
	}
	defer c.Close()
	w := what{}
	switch lc.what {
	case "ruleset", "table":
		w = what{sets: true, elements: true, objects: true, chains: true, rules: true}
	case "counters", "quotas", "counter", "quota":
		w = what{objects: true}
	case "chains":
		w = what{chains: true}
	case "chain":
		w = what{sets: true, chains: true, rules: true}
	case "sets", "maps", "set", "map":
		w = what{sets: true, elements: true}
	}
	if lc.table != "" && lc.what != "counter" && lc.what != "quota" {
		w.table = lc.table
		switch lc.what {
		case "chain":
			w.chain = lc.name
		case "set", "map":
			w.set = lc.name
		}
	}
	rs, err := load(c, lc.family, w)
	if err != nil {
		return kernelError(err)
	}
	if lc.what == "counter" || lc.what == "quota" {
		if lc.allTables, err = c.Tables(nftables.FamilyUnspec); err != nil {
			return kernelError(err)
		}
	}
	p := &printer{w: e.Stdout, json: e.G.JSON, handles: e.G.All}
	if err := lc.print(p, rs); err != nil {
		return err
	}
	return p.flush()
}

// print prints the part of the ruleset the command names.
func (lc *listCmd) print(p *printer, rs *ruleset) error {
	switch lc.what {
	case "tables":
		for _, t := range rs.tables {
			if p.json {
				p.objs = append(p.objs, tableJSON(t))
			} else {
				fmt.Fprintf(&p.b, "table %s %s\n", t.Family, t.Name)
			}
		}
	case "ruleset":
		for _, t := range rs.tables {
			p.fullTable(t)
		}
	case "table":
		t := rs.table(lc.table)
		if t == nil {
			return lc.noTable()
		}
		p.fullTable(t)
	case "chains":
		for _, t := range rs.tables {
			p.tableOf(t, func() {
				for _, c := range t.chains {
					p.chain(t, c, false)
				}
			})
		}
	case "sets", "maps":
		maps := lc.what == "maps"
		for _, t := range rs.tables {
			p.tableOf(t, func() {
				for _, s := range t.sets {
					if s.listsAsMap() == maps {
						p.set(t, s)
					}
				}
			})
		}
	case "counters", "quotas":
		kind := strings.TrimSuffix(lc.what, "s")
		for _, t := range rs.tables {
			if len(t.objects) == 0 {
				continue // nft lists the tables with objects, of any type
			}
			p.tableOf(t, func() {
				for _, o := range t.objects {
					if objTypeNames[o.Type] == kind {
						p.object(o)
					}
				}
			})
		}
	case "counter", "quota":
		t := rs.table(lc.table)
		if t == nil {
			// nft suggests a table here (not for the other objects).
			k := &known{tables: lc.allTables}
			if sg, ok := k.noTable(token{s: lc.table, pos: lc.pos(lc.tableAt)}); ok {
				return lineError(strings.Join(lc.words, " "), sg.at.pos, sg.at.n, sg.msg)
			}
			return lc.noTable()
		}
		for _, o := range t.objects {
			if o.Name == lc.name && objTypeNames[o.Type] == lc.what {
				p.tableOf(t, func() { p.object(o) })
				return nil
			}
		}
		return lc.noSuch()
	case "chain":
		t := rs.table(lc.table)
		if t == nil {
			return lc.noTable()
		}
		for _, c := range t.chains {
			if c.Name == lc.name {
				p.tableOf(t, func() { p.chain(t, c, true) })
				return nil
			}
		}
		return lc.noSuch()
	case "set", "map":
		t := rs.table(lc.table)
		if t == nil {
			return lc.noTable()
		}
		for _, s := range t.sets {
			if s.Name == lc.name && s.listsAsMap() == (lc.what == "map") {
				p.tableOf(t, func() { p.set(t, s) })
				return nil
			}
		}
		return lc.noSuch()
	}
	return nil
}

// pos is the byte offset of word i of the command line.
func (lc *listCmd) pos(i int) int {
	n := 0
	for _, w := range lc.words[:i] {
		n += len(w) + 1
	}
	return n
}

func (lc *listCmd) noSuch() error {
	return cmdError(lc.words, lc.at, "No such file or directory")
}

// noTable is nft's error for a listing of a table that does not exist,
// or of something in it.
func (lc *listCmd) noTable() error {
	return cmdError(lc.words, lc.tableAt, "No such file or directory")
}

func (rs *ruleset) table(name string) *table {
	for _, t := range rs.tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// tableOf prints body inside its table's block (text only: JSON has no
// nesting).
func (p *printer) tableOf(t *table, body func()) {
	if !p.json {
		fmt.Fprintf(&p.b, "table %s %s {\n", t.Family, t.Name)
	}
	body()
	if !p.json {
		p.closeTable()
	}
}

// fullTable prints a table with its objects, sets and chains, an empty line
// between two of them, as nft list ruleset does.
func (p *printer) fullTable(t *table) {
	if p.json {
		p.objs = append(p.objs, tableJSON(t))
		for _, o := range t.objects {
			p.object(o)
		}
		for _, s := range t.sets {
			p.set(t, s)
		}
		for _, c := range t.chains {
			p.chain(t, c, false)
		}
		for _, c := range t.chains {
			p.rules(t, c)
		}
		return
	}
	p.openTable(t)
	n := 0
	if t.Flags&nftables.TableDormant != 0 {
		n = 1
	}
	sep := func() {
		if n > 0 {
			p.b.WriteString("\n")
		}
		n++
	}
	for _, o := range t.objects {
		sep()
		p.object(o)
	}
	for _, s := range t.sets {
		sep()
		p.set(t, s)
	}
	for _, c := range t.chains {
		sep()
		p.chain(t, c, true)
	}
	p.closeTable()
}
