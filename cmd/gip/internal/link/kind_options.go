package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The kinds whose ip parser sends each word's attribute as it reads it
// (bond, bridge): a table of words in ip's order, read by one loop. An
// option given twice is sent twice: its earlier value goes to the
// kind's Superseded attributes, sent first (the kernel keeps the last).

// kindOption is one word of such a kind over its options T: the
// attribute it sends and how its value is read. exact words are taken
// only whole, the others abbreviated.
type kindOption[T any] struct {
	word  string
	exact bool
	attr  uint16
	parse func(p *kindParser, d *T) error
}

// kindUsage is a kind's usage and what ip calls a word it does not take
// ("bond: unknown command", "bond_slave: unknown option").
type kindUsage struct {
	text, word string
}

// parseOptions reads p's words by opts, the first a word names (ip's
// if-chain), help and any other word failing with usage as ip does.
// superseded is d's list of earlier values.
func parseOptions[T any, P interface {
	*T
	rtnl.LinkData
}](p *kindParser, d P, superseded *[]rtnl.Attr, opts []kindOption[T], usage kindUsage) error {
	given := map[uint16]bool{}
	for p.More() {
		w := p.Next()
		opt, ok := optionOf(opts, w)
		switch {
		case ok:
		case grammar.Matches(w, "help"):
			return explained("", usage.text)
		default:
			return explained(fmt.Sprintf("%s: unknown %s %q?", p.kind, usage.word, w), usage.text)
		}
		if given[opt.attr] {
			*superseded = supersede(*superseded, d, opt.attr)
		}
		given[opt.attr] = true
		if err := opt.parse(p, d); err != nil {
			return err
		}
	}
	return nil
}

// optionOf is the first of opts w names.
func optionOf[T any](opts []kindOption[T], w string) (kindOption[T], bool) {
	for _, o := range opts {
		if w == o.word || !o.exact && grammar.Matches(w, o.word) {
			return o, true
		}
	}
	return kindOption[T]{}, false
}

// supersede adds to superseded the value d holds of attribute attr, if
// any: the last d encodes of it (its superseded ones come first).
func supersede(superseded []rtnl.Attr, d rtnl.LinkData, attr uint16) []rtnl.Attr {
	var last *rtnl.Attr
	for _, a := range rtnl.EncodeAttrs(d) {
		if a.Type&^unix.NLA_F_NESTED == attr {
			last = &a
		}
	}
	if last == nil {
		return superseded
	}
	return append(superseded, *last)
}

// numberOption reads a number of at most bits as ip's get_u8 ... get_u64
// (base 0) do into the option get returns; invalid names it in ip's
// complaint.
func numberOption[T any, N uint8 | uint16 | uint32 | uint64](bits int, invalid string, get func(*T) *rtnl.Opt[N]) func(*kindParser, *T) error {
	return func(p *kindParser, d *T) error {
		v, err := p.Value()
		if err != nil {
			return err
		}
		n, ok := grammar.CUint(v, 0, uint64(1)<<bits-1)
		if !ok {
			return fail.Invalid(invalid, v)
		}
		*get(d) = rtnl.Some(N(n))
		return nil
	}
}

// mac reads a 6-byte link-layer address as ip's ll_addr_a2n does (its
// complaint for a bad one; gip refuses another length itself, where ip
// sends it for the kernel to refuse).
func (p *kindParser) mac(o *rtnl.Opt[[6]byte]) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	mac, n, complaint := grammar.LLAddrA2N(v, 32)
	switch {
	case complaint != "":
		return fail.Localf("%s", complaint)
	case n != 6:
		return fail.Localf("%q is invalid lladdr.", v)
	}
	*o = rtnl.Some([6]byte(mac))
	return nil
}
