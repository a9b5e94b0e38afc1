package nft

import (
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// ruleset is what a listing shows, read from the kernel: tables with
// their sets, chains and rules, in the kernel's order.
type ruleset struct {
	tables []*table
}

type table struct {
	nftables.Table
	sets    []*set // named sets and maps
	anon    map[string]*set
	objects []*nftables.Obj // counters and quotas
	chains  []*chain
}

type chain struct {
	nftables.Chain
	rules []nftables.Rule
}

// what says which parts of the ruleset a listing needs: table, set and
// chain, when not empty, narrow it to one table and, in it, the elements
// of one set and the rules of one chain.
type what struct {
	sets, elements, objects, chains, rules bool
	table, set, chain                      string
}

// load reads the ruleset of family f (FamilyUnspec: all), only the parts
// w asks for.
func load(c *nftables.Conn, f nftables.Family, w what) (*ruleset, error) {
	tables, err := c.Tables(f)
	if err != nil {
		return nil, err
	}
	rs := &ruleset{}
	byKey := map[tableKey]*table{}
	for _, t := range tables {
		if w.table != "" && t.Name != w.table {
			continue
		}
		tb := &table{Table: t, anon: map[string]*set{}}
		rs.tables = append(rs.tables, tb)
		byKey[tableKey{t.Family, t.Name}] = tb
	}
	if w.sets || w.rules {
		sets, err := c.Sets(f)
		if err != nil {
			return nil, err
		}
		for i := range sets {
			s := &sets[i]
			tb := byKey[tableKey{s.Family, s.Table}]
			if tb == nil {
				continue
			}
			st := newSet(*s)
			// Anonymous sets hold the values rules print.
			if w.elements && (w.set == "" || s.Name == w.set) || w.rules && s.IsAnonymous() {
				if st.elems, err = c.Elements(s); err != nil {
					return nil, err
				}
			}
			if s.IsAnonymous() {
				tb.anon[s.Name] = st
			} else {
				tb.sets = append(tb.sets, st)
			}
		}
	}
	if w.objects {
		objs, err := c.Objects(f)
		if err != nil {
			return nil, err
		}
		for i := range objs {
			o := &objs[i]
			if tb := byKey[tableKey{o.Family, o.Table}]; tb != nil && objTypeNames[o.Type] != "" {
				tb.objects = append(tb.objects, o)
			}
		}
	}
	if w.chains {
		chains, err := c.Chains(f)
		if err != nil {
			return nil, err
		}
		byChain := map[chainKey]*chain{}
		for _, ch := range chains {
			tb := byKey[tableKey{ch.Family, ch.Table}]
			if tb == nil {
				continue
			}
			c := &chain{Chain: ch}
			tb.chains = append(tb.chains, c)
			byChain[chainKey{ch.Family, ch.Table, ch.Name}] = c
		}
		if w.rules {
			rules, err := c.Rules(f, w.table, w.chain)
			if err != nil {
				return nil, err
			}
			for _, r := range rules {
				if ch := byChain[chainKey{r.Family, r.Table, r.Chain}]; ch != nil {
					ch.rules = append(ch.rules, r)
				}
			}
		}
	}
	return rs, nil
}

type tableKey struct {
	f    nftables.Family
	name string
}

type chainKey struct {
	f            nftables.Family
	table, chain string
}

// setNamed returns the table's set (named or anonymous) called name.
func (t *table) setNamed(name string) *set {
	if s, ok := t.anon[name]; ok {
		return s
	}
	for _, s := range t.sets {
		if s.Name == name {
			return s
		}
	}
	return nil
}
