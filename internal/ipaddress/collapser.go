package ipaddress

import (
	"cmp"
	"iter"
	"slices"
)

// Collapser gathers networks for collapsing in a compact form: 8 bytes per
// IPv4 network and 32 per IPv6 network, holding no pointers, so that
// millions of networks cost little memory and no garbage-collector work.
// The zero Collapser is ready to use.
type Collapser struct {
	v4   []uint64 // first<<32 | last
	v6   []span6
	hint int
}

type span6 struct{ first, last u128 }

// SizeHint tells the Collapser to expect about n networks: the first network
// of each family reserves room for n of that family at once.
func (c *Collapser) SizeHint(n int) { c.hint = n }

// Add adds a network. Zones are ignored; the zero Network is ignored.
func (c *Collapser) Add(n Network) {
	switch {
	case n.addr.Is4():
		if c.v4 == nil && c.hint > 0 {
			c.v4 = make([]uint64, 0, c.hint)
		}
		b := n.addr.As4()
		first := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
		last := first | (1<<(32-uint(n.bits)) - 1)
		c.v4 = append(c.v4, first<<32|last)
	case n.addr.Is6():
		if c.v6 == nil && c.hint > 0 {
			c.v6 = make([]span6, 0, c.hint)
		}
		c.v6 = append(c.v6, span6{n.first(), n.last()})
	}
}

// Len is the number of networks added.
func (c *Collapser) Len() int { return len(c.v4) + len(c.v6) }

// All sorts what was added and yields the collapsed networks, IPv4 first,
// in order (see Collapse). It runs in O(n log n) and allocates nothing; the
// Collapser keeps its contents and may be added to and collapsed again.
func (c *Collapser) All() iter.Seq[Network] {
	return func(yield func(Network) bool) {
		c.merged(func(s span) bool { return s.summarize(yield) })
	}
}

// Without yields the addresses added to c that were not added to remove, as
// the fewest networks, sorted, IPv4 first. Both Collapsers are sorted in
// place and otherwise unchanged. It runs in O(n log n) and streams.
func (c *Collapser) Without(remove *Collapser) iter.Seq[Network] {
	return func(yield func(Network) bool) {
		var drop []span
		remove.merged(func(s span) bool { drop = append(drop, s); return true })
		j := 0
		c.merged(func(cur span) bool {
			for ; j < len(drop); j++ {
				d := drop[j]
				if d.bitLen < cur.bitLen || d.bitLen == cur.bitLen && d.last.cmp(cur.first) < 0 {
					continue // entirely before cur
				}
				if d.bitLen > cur.bitLen || d.first.cmp(cur.last) > 0 {
					break // entirely after cur
				}
				if d.first.cmp(cur.first) > 0 {
					if !(span{cur.first, d.first.subOne(), cur.bitLen}).summarize(yield) {
						return false
					}
				}
				if d.last.cmp(cur.last) >= 0 {
					return true // nothing of cur is left; d may cover the next one too
				}
				cur.first, _ = d.last.addOne()
			}
			return cur.summarize(yield)
		})
	}
}

// merged sorts the networks and yields the maximal disjoint ranges they
// cover, IPv4 first, until yield returns false.
func (c *Collapser) merged(yield func(span) bool) {
	slices.Sort(c.v4)
	var m merger
	for _, k := range c.v4 {
		if done, ok := m.add(span{u128{lo: k >> 32}, u128{lo: k & 0xffffffff}, 32}); ok && !yield(done) {
			return
		}
	}
	slices.SortFunc(c.v6, func(a, b span6) int {
		if c := cmp.Compare(a.first.hi, b.first.hi); c != 0 {
			return c
		}
		return cmp.Compare(a.first.lo, b.first.lo)
	})
	for _, s := range c.v6 {
		if done, ok := m.add(span{s.first, s.last, 128}); ok && !yield(done) {
			return
		}
	}
	if m.open {
		yield(m.cur)
	}
}
