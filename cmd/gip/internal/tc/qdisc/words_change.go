package qdisc

import (
	"slices"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// keptOptions turns options the grammar made for a qdisc (not a class)
// of the kind called name into what the kernel keeps of them (Kind.Kept).
func keptOptions(name string, class bool, o rtnl.TCOptions) {
	if k, ok := kinds()[name]; ok && k.Kept != nil && !class {
		k.Kept(o)
	}
}

// ChangeWords are the words that change a qdisc of the kind called name
// from the words cur to want in place ("tc qdisc change"), or false when
// the kernel cannot (see Kind.Change): the qdisc is to be made again.
func ChangeWords(name string, cur, want Words) (Words, bool) {
	if k, ok := kinds()[name]; ok && k.Change != nil {
		return k.Change(cur, want)
	}
	return want, true
}

// never is the Change of a kind the kernel cannot change in place.
func never(cur, want Words) (Words, bool) { return nil, false }

// madeOnly is the Change of a kind whose options named by keys the
// kernel takes only when it makes the qdisc: a change leaves them out
// when want has them as they are, and cannot be made when it changes one.
func madeOnly(keys ...string) func(cur, want Words) (Words, bool) {
	return func(cur, want Words) (Words, bool) {
		var out Words
		for _, g := range want {
			if !slices.Contains(keys, g[0]) {
				out = append(out, g)
				continue
			}
			if !slices.ContainsFunc(cur, func(h []string) bool { return slices.Equal(h, g) }) {
				return nil, false
			}
		}
		return out, true
	}
}

// keepOmitted is the Change of a kind whose change resets what its words
// leave out (netem's struct, sent whole): it sends cur's groups of the
// keywords want has none of, then want's, so that the kernel keeps them.
func keepOmitted(cur, want Words) (Words, bool) {
	var out Words
	for _, g := range cur {
		if !slices.ContainsFunc(want, func(h []string) bool { return h[0] == g[0] }) {
			out = append(out, g)
		}
	}
	return append(out, want...), true
}
