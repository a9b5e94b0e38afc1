package nft

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nftables"
)

// nft answers a name that does not exist with the closest one that does
// ("did you mean chain ‘input’ in table inet ‘filter’?"), found by an
// edit distance of its own; this file finds the same names.

// editDistance is nft's distance between two names: a Damerau-Levenshtein
// distance as nft computes it, whose quirks decide ties and so which name
// it suggests. It compares the byte after each prefix (a NUL past the
// end), and its table's rows are one cell short, so that a row's last
// cell is the next row's first.
func editDistance(a, b string) int {
	la, lb := len(a), len(b)
	at := func(s string, i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	d := make([]int, (la+1)*(lb+1))
	cell := func(i, j int) *int { return &d[i*lb+j] }
	for i := 0; i <= la; i++ {
		*cell(i, 0) = i
	}
	for j := 0; j <= lb; j++ {
		*cell(0, j) = j
	}
	for i := 1; i <= la; i++ {
		for j := 1; j <= lb; j++ {
			sub := 1
			if at(a, i) == at(b, j) {
				sub = 0
			}
			v := min(*cell(i-1, j)+1, *cell(i, j-1)+1, *cell(i-1, j-1)+sub)
			if i > 1 && j > 1 && at(a, i) == at(b, j-1) && at(a, i-1) == at(b, j) {
				v = min(v, *cell(i-2, j-2)+sub)
			}
			*cell(i, j) = v
		}
	}
	return *cell(la, lb)
}

// closeEnough says whether nft takes have for a misspelling of want, and
// how far apart they are.
func closeEnough(have, want string) (int, bool) {
	la, lb := len(have), len(want)
	longest, shortest := max(la, lb), min(la, lb)
	if longest <= 1 {
		return 0, false
	}
	limit := (longest + 2 + 2) / 3
	if longest-shortest <= 1 {
		limit = max((longest+2)/3, 1)
	}
	d := editDistance(have, want)
	return d, d <= limit
}

// nearest finds the closest of n candidates to want: the first at the
// smallest distance, or -1.
func nearest(n int, name func(i int) string, want string) int {
	best, bestD := -1, int(^uint(0)>>1)
	for i := range n {
		if d, ok := closeEnough(name(i), want); ok && d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// known is the ruleset's names, of every family, read once for the
// suggestions of one failed command.
type known struct {
	tables  []nftables.Table
	chains  []nftables.Chain
	sets    []nftables.Set
	objects []nftables.Obj
}

func (c *change) known() *known {
	k := &known{}
	k.tables, _ = c.conn.Tables(nftables.FamilyUnspec)
	k.chains, _ = c.conn.Chains(nftables.FamilyUnspec)
	k.objects, _ = c.conn.Objects(nftables.FamilyUnspec)
	all, _ := c.conn.Sets(nftables.FamilyUnspec)
	for _, s := range all {
		if s.Flags&nftables.SetAnonymous == 0 {
			k.sets = append(k.sets, s)
		}
	}
	return k
}

const enoent = "No such file or directory"

func (k *known) hasTable(f nftables.Family, name string) bool {
	for _, t := range k.tables {
		if t.Family == f && t.Name == name {
			return true
		}
	}
	return false
}

// noTable is nft's message for a table that does not exist, when it has
// one to suggest.
func (k *known) noTable(name token) (suggestion, bool) {
	i := nearest(len(k.tables), func(i int) string { return k.tables[i].Name }, name.s)
	if i < 0 {
		return suggestion{}, false
	}
	t := k.tables[i]
	return suggestion{fmt.Sprintf("%s; did you mean table ‘%s’ in family %s?", enoent, t.Name, t.Family), tokSpan(name)}, true
}

// wrongTable is nft's message when the command's table does not exist
// but the suggested object lives in another: the table to blame, or "".
func (k *known) wrongTable(f nftables.Family, table string, tf nftables.Family, tname string) string {
	if k.hasTable(f, table) || (table == tname && f == tf) {
		return ""
	}
	return fmt.Sprintf("%s; did you mean table ‘%s’ in family %s?", enoent, tname, tf)
}

// suggestion is a message and the words it points at.
type suggestion struct {
	msg string
	at  span
}

// noChain is nft's message for chain NAME of table TABLE, which does not
// exist: a table or a chain to use instead, or none (ok false). For a rule
// (rule set), nft says nothing when the chain's name is right but its
// table is not the one found.
func (k *known) noChain(f nftables.Family, table, chain token, rule bool) (suggestion, bool) {
	i := -1
	for j, ch := range k.chains {
		if ch.Name == chain.s {
			i = j
			break
		}
	}
	if i < 0 {
		i = nearest(len(k.chains), func(i int) string { return k.chains[i].Name }, chain.s)
	}
	if i < 0 {
		return suggestion{}, false
	}
	ch := k.chains[i]
	if m := k.wrongTable(f, table.s, ch.Family, ch.Table); m != "" {
		return suggestion{m, tokSpan(table)}, true
	}
	if rule && ch.Name == chain.s {
		return suggestion{}, false
	}
	return suggestion{fmt.Sprintf("%s; did you mean chain ‘%s’ in table %s ‘%s’?", enoent, ch.Name, ch.Family, ch.Table), tokSpan(chain)}, true
}

// noSet is nft's message for a set or map that does not exist (name, a
// set's name or a reference @NAME), when it has one to suggest; table,
// when not nil, is checked first as nft does for a command on the set.
func (k *known) noSet(f nftables.Family, table *token, name token) (suggestion, bool) {
	i := nearest(len(k.sets), func(i int) string { return k.sets[i].Name }, strings.TrimPrefix(name.s, "@"))
	if i < 0 {
		return suggestion{}, false
	}
	s := k.sets[i]
	if table != nil {
		if m := k.wrongTable(f, table.s, s.Family, s.Table); m != "" {
			return suggestion{m, tokSpan(*table)}, true
		}
	}
	kind := "set"
	if s.IsMap() || s.Flags&nftables.SetObject != 0 {
		kind = "map"
	}
	return suggestion{fmt.Sprintf("%s; did you mean %s ‘%s’ in table %s ‘%s’?", enoent, kind, s.Name, s.Family, s.Table), tokSpan(name)}, true
}

// noObject is nft's message for a counter or quota that does not exist,
// when it has an object of any type to suggest.
func (k *known) noObject(f nftables.Family, table, name token) (suggestion, bool) {
	i := nearest(len(k.objects), func(i int) string { return k.objects[i].Name }, name.s)
	if i < 0 {
		return suggestion{}, false
	}
	o := k.objects[i]
	if m := k.wrongTable(f, table.s, o.Family, o.Table); m != "" {
		return suggestion{m, tokSpan(table)}, true
	}
	return suggestion{fmt.Sprintf("%s; did you mean obj ‘%s’ in table %s ‘%s’?", enoent, o.Name, o.Family, o.Table), tokSpan(name)}, true
}

// missingSet is nft's error for a set it looks up itself and does not
// find.
func (c *change) missingSet(f nftables.Family, table *token, name token) error {
	if sg, ok := c.known().noSet(f, table, name); ok {
		return lineError(c.p.line, sg.at.pos, sg.at.n, sg.msg)
	}
	return c.p.errAt(name, enoent)
}
