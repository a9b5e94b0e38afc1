package nft

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/nftables"
)

func (c *change) addSet(isMap, create bool) error {
	p := c.p
	st := &set{}
	st.Family = c.family()
	table, err := p.name()
	if err != nil {
		return err
	}
	name, err := p.name()
	if err != nil {
		return err
	}
	st.Table, st.Name = table.s, name.s
	st.ID = c.tx.NewID()
	var specs []elemSpec
	var comment string
	autoMerge := false
	err = c.block(func(w token) error {
		switch w.s {
		case "type":
			for {
				tt, err := p.word()
				if err != nil {
					return err
				}
				t := typeByName(tt.s)
				if t == nil || t.size == 0 {
					return p.errAt(tt, "unknown datatype "+tt.s)
				}
				st.keyTypes = append(st.keyTypes, t)
				if !p.accept(".") {
					break
				}
			}
			if isMap {
				if err := p.expect(":"); err != nil {
					return err
				}
				dt, err := p.word()
				if err != nil {
					return err
				}
				if dt.s != "verdict" {
					if st.data = typeByName(dt.s); st.data == nil || st.data.size == 0 {
						return p.errAt(dt, "unknown datatype "+dt.s)
					}
				}
			}
		case "flags":
			ft, err := p.word()
			if err != nil {
				return err
			}
			for _, f := range strings.Split(ft.s, ",") {
				switch f {
				case "constant":
					st.Flags |= nftables.SetConstant
				case "interval":
					st.Flags |= nftables.SetInterval
				case "timeout":
					st.Flags |= nftables.SetTimeout
				case "dynamic":
					st.Flags |= nftables.SetEval
				default:
					return p.errAt(ft, "syntax error, unexpected string")
				}
			}
		case "timeout", "gc-interval":
			tt, err := p.word()
			if err != nil {
				return err
			}
			ms, err := parseDuration(tt.s)
			if err != nil {
				return p.errAt(tt, "Wrong time format")
			}
			if w.s == "timeout" {
				st.Timeout = ms
				st.Flags |= nftables.SetTimeout
			} else {
				st.GCInterval = uint32(ms)
			}
		case "size":
			n, _, err := (&compiler{p: p}).number(1<<32 - 1)
			if err != nil {
				return err
			}
			st.Size = uint32(n)
		case "auto-merge":
			autoMerge = true
		case "comment":
			ct, err := p.word()
			if err != nil {
				return err
			}
			comment = ct.s
		case "elements":
			if err := p.expect("="); err != nil {
				return err
			}
			if st.keyTypes == nil {
				return p.errAt(w, "set definition does not specify key")
			}
			st.prepare(isMap)
			specs, err = parseElements(p, st, true)
			return err
		default:
			return p.errAt(w, "syntax error, unexpected string")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if st.keyTypes == nil {
		return p.errAt(name, "set definition does not specify key")
	}
	if err := c.needTable(st.Family, table); err != nil {
		return err
	}
	st.prepare(isMap)
	els, from := st.finish(specs)
	st.UserData = st.byteOrders()
	if autoMerge {
		st.UserData = append(st.UserData, udataSetMerge, 4, 1, 0, 0, 0)
	}
	if comment != "" {
		st.UserData = append(st.UserData, udataSetComment, byte(len(comment)+1))
		st.UserData = append(append(st.UserData, comment...), 0)
	}
	c.tx.AddSet(&st.Set, exclusive(create))
	c.note(name)
	if c.newSets == nil {
		c.newSets = map[tableKey][]*set{}
	}
	c.newSets[tableKey{st.Family, st.Table}] = append(c.newSets[tableKey{st.Family, st.Table}], st)
	if len(els) > 0 {
		c.tx.AddElements(&nftables.Elements{Family: st.Family, Table: st.Table, Set: st.Name, SetID: st.ID, Elems: els}, 0)
		c.noteAnchor(elemAnchor(name, specs, from))
	}
	return c.end()
}

// prepare sets the key and data attributes from the declared types.
func (s *set) prepare(isMap bool) {
	s.KeyType = concatID(s.keyTypes)
	s.KeyLen = 0
	for _, t := range s.keyTypes {
		s.KeyLen += uint32(regSize(t.size))
	}
	if len(s.keyTypes) == 1 {
		s.KeyLen = uint32(s.keyTypes[0].size)
	}
	if isMap {
		s.Flags |= nftables.SetMap
		if s.data == nil {
			s.DataType, s.DataLen = dataVerdict, 16
		} else {
			s.DataType, s.DataLen = s.data.id, uint32(s.data.size)
		}
	}
}

// Byte orders nft records in a set's user data (enum byteorder).
const (
	orderInvalid = 0
	orderHost    = 1
	orderBig     = 2
)

// byteOrders is the user data nft reads a set's values with: the byte
// order of its key and of a map's data.
func (s *set) byteOrders() []byte {
	order := func(ts ...*dtype) byte {
		switch {
		case len(ts) != 1:
			return orderInvalid
		case ts[0].host:
			return orderHost
		}
		return orderBig
	}
	b := []byte{udataSetKeyOrder, 4, order(s.keyTypes...), 0, 0, 0}
	if s.IsMap() {
		d := byte(orderInvalid)
		if s.data != nil {
			d = order(s.data)
		}
		b = append(b, udataSetDataOrder, 4, d, 0, 0, 0)
	}
	return b
}

// existing reads the set called name of a table, for its types.
func (c *change) existing(f nftables.Family, table, name string) (*set, error) {
	key := tableKey{f, table}
	for _, s := range c.newSets[key] {
		if s.Name == name {
			return s, nil
		}
	}
	if c.sets == nil {
		c.sets = map[tableKey][]nftables.Set{}
	}
	sets, ok := c.sets[key]
	if !ok {
		all, err := c.conn.Sets(f)
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			if s.Table == table {
				sets = append(sets, s)
			}
		}
		c.sets[key] = sets
	}
	for _, s := range sets {
		if s.Name == name {
			return newSet(s), nil
		}
	}
	return nil, nil
}

func (c *change) elements(verb string) error {
	p := c.p
	f := c.family()
	table, err := p.name()
	if err != nil {
		return err
	}
	name, err := p.name()
	if err != nil {
		return err
	}
	st, err := c.existing(f, table.s, name.s)
	if err != nil {
		return kernelError(err)
	}
	if st == nil {
		return c.missingSet(f, &table, name)
	}
	specs, err := parseElements(p, st, true)
	if err != nil {
		return err
	}
	if err := c.end(); err != nil {
		return err
	}
	if err := c.checkIntervals(st, specs, verb == "delete"); err != nil {
		return err
	}
	els, from := st.encodeElementsFrom(specs)
	l := &nftables.Elements{Family: f, Table: table.s, Set: name.s, Elems: els}
	if verb == "delete" {
		c.tx.DelElements(l)
	} else {
		c.tx.AddElements(l, exclusive(verb == "create"))
	}
	c.noteAnchor(elemAnchor(name, specs, from))
	return nil
}

// elemAnchor blames a change of elements on the set's name, and the
// kernel's refusal of one element on the words of the element it comes
// from (from: per kernel element, its index in specs).
func elemAnchor(name token, specs []elemSpec, from []int) anchor {
	a := anchor{def: tokSpan(name), elems: make([]span, len(from))}
	for i, j := range from {
		a.elems[i] = specs[j].at
	}
	return a
}
