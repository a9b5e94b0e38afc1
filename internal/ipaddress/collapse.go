package ipaddress

import (
	"iter"
	"slices"
)

// span is an inclusive range of addresses of one family.
type span struct {
	first, last u128
	bitLen      int
}

func (n Network) span() span { return span{n.first(), n.last(), n.addr.BitLen()} }

// summarize emits the fewest networks covering s, in order, and reports
// whether the consumer wanted more.
func (s span) summarize(yield func(Network) bool) bool {
	first, last, bl := s.first, s.last, s.bitLen
	for {
		// Largest aligned block at first that does not pass last.
		nbits := min(first.trailingZeros(), bl)
		if size, carry := last.sub(first).addOne(); !carry {
			nbits = min(nbits, size.bitLen()-1)
		} // else the span is all of IPv6: nbits is already 128.
		if !yield(networkOf(first, bl, bl-nbits)) {
			return false
		}
		end := first.or(allOnes(nbits))
		if end == last {
			return true
		}
		first, _ = end.addOne()
	}
}

// merger folds ranges sorted by start into maximal disjoint ranges.
type merger struct {
	cur  span
	open bool
}

// add takes the next range. When it starts a new maximal range it returns
// the finished one.
func (m *merger) add(s span) (done span, finished bool) {
	if !m.open {
		m.cur, m.open = s, true
		return span{}, false
	}
	if s.bitLen == m.cur.bitLen {
		next, carry := m.cur.last.addOne()
		if carry || s.first.cmp(next) <= 0 {
			if s.last.cmp(m.cur.last) > 0 {
				m.cur.last = s.last
			}
			return span{}, false
		}
	}
	done, m.cur = m.cur, s
	return done, true
}

// before reports whether s starts before the open range, which sorted input
// never does.
func (m *merger) before(s span) bool {
	if !m.open {
		return false
	}
	if s.bitLen != m.cur.bitLen {
		return s.bitLen < m.cur.bitLen
	}
	return s.first.cmp(m.cur.first) < 0
}

// Collapse returns the fewest networks that cover exactly the addresses of
// nets, sorted, IPv4 before IPv6: CPython's collapse_addresses, extended to
// take both families at once. It sorts nets and reuses its storage for the
// result, so it allocates nothing and runs in O(n log n). Zones are dropped;
// zero Networks are ignored.
func Collapse(nets []Network) []Network {
	nets = slices.DeleteFunc(nets, func(n Network) bool { return !n.IsValid() })
	SortNetworks(nets)
	out := nets[:0]
	var m merger
	emit := func(n Network) bool { out = append(out, n); return true }
	for _, n := range nets {
		// out never overtakes the read position: a finished range
		// needs no more networks than the inputs that made it.
		if done, ok := m.add(n.span()); ok {
			done.summarize(emit)
		}
	}
	if m.open {
		m.cur.summarize(emit)
	}
	return out
}

// CollapseSorted is Collapse for input already in Collapse's order (IPv4
// first, then by network address; a network may also start inside the
// ranges seen so far). It streams: each result is yielded as soon as no later
// input can change it, and the input is read only as far as the consumer
// asks. An input network that starts before an earlier one ends the
// sequence with an error wrapping ErrUnsorted; results yielded until then
// are correct for the input read.
func CollapseSorted(nets iter.Seq[Network]) iter.Seq2[Network, error] {
	return func(yield func(Network, error) bool) {
		var m merger
		emit := func(n Network) bool { return yield(n, nil) }
		for n := range nets {
			if !n.IsValid() {
				continue
			}
			s := n.span()
			if m.before(s) {
				yield(Network{}, &opError{n.String() + " is out of order", ErrUnsorted})
				return
			}
			if done, ok := m.add(s); ok && !done.summarize(emit) {
				return
			}
		}
		if m.open {
			m.cur.summarize(emit)
		}
	}
}

// SortNetworks sorts nets in CPython's order for networks: IPv4 first, then
// by network address, then shorter prefix first (see Network.Compare).
func SortNetworks(nets []Network) {
	slices.SortFunc(nets, compareForSort)
}

func compareForSort(a, b Network) int {
	if c := a.addr.Compare(b.addr); c != 0 {
		if a.addr.Zone() == "" && b.addr.Zone() == "" {
			return c
		}
		return a.Compare(b)
	}
	return int(a.bits) - int(b.bits)
}

// SortAddresses sorts addresses IPv4 first, then by value.
func SortAddresses(addrs []Address) {
	slices.SortFunc(addrs, Address.Compare)
}

// SummarizeRange yields the fewest networks covering first..last inclusive,
// in order: CPython's summarize_address_range. The two addresses must be of
// one family (ErrVersionMismatch) with first <= last (ErrRange). Zones are
// ignored. Networks are generated as they are consumed.
func SummarizeRange(first, last Address) (iter.Seq[Network], error) {
	if !first.IsValid() || !last.IsValid() || first.ip.BitLen() != last.ip.BitLen() {
		return nil, versionError(first, last)
	}
	s := span{first.int(), last.int(), first.ip.BitLen()}
	if s.last.cmp(s.first) < 0 {
		return nil, &opError{"last IP address must be greater than first", ErrRange}
	}
	return func(yield func(Network) bool) { s.summarize(yield) }, nil
}

// Exclude yields the addresses of nets that are not in any of remove, as the
// fewest networks, sorted, IPv4 first. Both lists may mix families and
// overlap; neither is modified. It runs in O((n+m) log(n+m)) and yields as
// it goes. For very long lists, gather them in Collapsers and use
// Collapser.Without, which stores them more compactly.
func Exclude(nets, remove []Network) iter.Seq[Network] {
	return func(yield func(Network) bool) {
		var keep, drop Collapser
		keep.SizeHint(len(nets))
		drop.SizeHint(len(remove))
		for _, n := range nets {
			keep.Add(n)
		}
		for _, n := range remove {
			drop.Add(n)
		}
		for n := range keep.Without(&drop) {
			if !yield(n) {
				return
			}
		}
	}
}
