package nft

import (
	"bytes"
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/nftables"
)

// nft checks the elements added to or deleted from an interval set
// against those the set holds before it asks the kernel, and so answers
// with messages of its own; these are those checks.

// interval is a closed range of one key, as big-endian bytes.
type interval struct{ lo, hi []byte }

func (a interval) overlaps(b interval) bool {
	return bytes.Compare(a.lo, b.hi) <= 0 && bytes.Compare(b.lo, a.hi) <= 0
}

func (a interval) equal(b interval) bool {
	return bytes.Equal(a.lo, b.lo) && bytes.Equal(a.hi, b.hi)
}

// checkedIntervals says whether nft checks the set's elements itself: a
// set of intervals of one key in network byte order, that does not merge
// what is added (auto-merge).
func checkedIntervals(s *set) bool {
	if s.Flags&nftables.SetInterval == 0 || len(s.keyTypes) != 1 || s.keyTypes[0].host {
		return false
	}
	_, merge := udata(s.UserData, udataSetMerge)
	return !merge
}

// sortElements orders an interval set's elements as the kernel does: by
// key (cmp), an interval's end before the next start at the same key.
func sortElements(els []nftables.Element, cmp func(a, b []byte) int) {
	slices.SortStableFunc(els, func(a, b nftables.Element) int {
		if c := cmp(a.Key, b.Key); c != 0 {
			return c
		}
		return int(b.Flags&nftables.ElemIntervalEnd) - int(a.Flags&nftables.ElemIntervalEnd)
	})
}

// intervalEnd is the last value of the interval that starts at els[i]
// (sorted): one before the end element that follows, else the largest.
func intervalEnd(els []nftables.Element, i int) []byte {
	if i+1 < len(els) && els[i+1].Flags&nftables.ElemIntervalEnd != 0 {
		return decrement(els[i+1].Key)
	}
	return bytes.Repeat([]byte{0xff}, len(els[i].Key))
}

// intervalsOf reads the kernel's elements of an interval set (starts,
// and ends one past the last value) as intervals.
func intervalsOf(els []nftables.Element) []interval {
	sortElements(els, bytes.Compare)
	var out []interval
	for i, el := range els {
		if el.Flags&nftables.ElemIntervalEnd == 0 {
			out = append(out, interval{el.Key, intervalEnd(els, i)})
		}
	}
	return out
}

// checkIntervals fails as nft does when elements added to an interval
// set overlap each other or what it holds, or when elements to delete are
// not among them.
func (c *change) checkIntervals(st *set, specs []elemSpec, del bool) error {
	if !checkedIntervals(st) {
		return nil
	}
	var have []interval
	if st.Handle != 0 { // a set the kernel has, not one of this transaction
		els, err := c.conn.Elements(&st.Set)
		if err != nil {
			return kernelError(err)
		}
		have = intervalsOf(els)
	}
	for i, e := range specs {
		in := interval{e.lo[0], e.hi[0]}
		if del {
			if !slices.ContainsFunc(have, in.equal) {
				return c.p.errSpan(e.at, "element does not exist")
			}
			continue
		}
		for _, prev := range specs[:i] {
			if in.overlaps(interval{prev.lo[0], prev.hi[0]}) {
				return conflictError(c.p.line, prev.at, e.at, "conflicting intervals specified")
			}
		}
		for _, h := range have {
			if in.overlaps(h) && !in.equal(h) {
				return c.p.errSpan(e.at, "interval overlaps with an existing one")
			}
		}
	}
	return nil
}

// conflictError is nft's error about two places of a line: the first
// underlined with tildes, the second with carets.
func conflictError(line string, first, second span, msg string) error {
	marks := []byte(strings.Repeat(" ", second.pos+second.n))
	for i := range first.n {
		marks[first.pos+i] = '~'
	}
	for i := range second.n {
		marks[second.pos+i] = '^'
	}
	return &fail.Error{Msg: "Error: " + msg + "\n" + line + "\n" + string(marks), Code: fail.ExitLocal}
}
