package notation

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// ---- nftables

// nftNotation is, for a set name, a set definition to put in a table
// ("set S { type ipv4_addr; flags interval; ... elements = { ... } }"); for
// "[FAMILY] TABLE SET", "add element FAMILY TABLE SET { NET }" lines for a
// set that exists. Single addresses are written bare, as nft lists them.
type nftNotation struct {
	addElement bool
	prefix     []byte // "add element inet filter S { "
}

func newNftNotation(o Options) (notation, error) {
	return &nftNotation{addElement: len(strings.Fields(o.Name)) > 1}, nil
}

// nftFamilies are the table families of nftables.
var nftFamilies = []string{"ip", "ip6", "inet", "arp", "bridge", "netdev"}

// nftName accepts SET, TABLE SET or FAMILY TABLE SET.
func nftName(s string) error {
	words := strings.Fields(s)
	if len(words) == 3 {
		if !slices.Contains(nftFamilies, words[0]) {
			return fmt.Errorf("invalid nftables family %q (want %s)", words[0], strings.Join(nftFamilies, ", "))
		}
		words = words[1:]
	}
	if len(words) < 1 || len(words) > 2 {
		return fmt.Errorf("invalid nftables set %q (want SET, TABLE SET or FAMILY TABLE SET)", s)
	}
	for _, w := range words {
		if len(w) > 255 || !identifier(w, "_.", "/\\-_.") {
			return fmt.Errorf("invalid nftables name %q (letters, digits and / \\ - _ . after a letter, _ or .)", w)
		}
	}
	return nil
}

func nftType(version int) string {
	if version == 6 {
		return "ipv6_addr"
	}
	return "ipv4_addr"
}

func (t *nftNotation) open(b []byte, l *list) []byte {
	if t.addElement {
		t.prefix = append(t.prefix[:0], "add element "...)
		t.prefix = append(t.prefix, strings.Join(strings.Fields(l.name), " ")...)
		t.prefix = append(t.prefix, " { "...)
		return b
	}
	b = append(b, "set "...)
	b = append(b, l.name...)
	b = append(b, " {\n\ttype "...)
	b = append(b, nftType(l.version)...)
	return append(b, "\n\tflags interval\n\tauto-merge\n"...)
}

func (t *nftNotation) entry(b []byte, l *list, it item) []byte {
	if t.addElement {
		b = append(b, t.prefix...)
		b = appendNftElement(b, it.net)
		return append(b, " }\n"...)
	}
	if l.count == 0 {
		b = append(b, "\telements = {\n\t\t"...)
	} else {
		b = append(b, ",\n\t\t"...)
	}
	return appendNftElement(b, it.net)
}

func appendNftElement(b []byte, n ipaddress.Network) []byte {
	if host(n) {
		return n.NetworkAddress().WithoutScope().AppendTo(b)
	}
	return appendPrefix(b, n)
}

func (t *nftNotation) close(b []byte, l *list) []byte {
	if t.addElement {
		return b
	}
	if l.count > 0 {
		b = append(b, "\n\t}\n"...)
	}
	return append(b, "}\n"...)
}

// ---- ipset

// ipsetNotation is ipset restore lines: "create S hash:net family inet"
// then "add S NET" lines. A hash:net set holds at most 65536 entries unless
// created with a larger maxelem, so the header says maxelem when the list
// is longer, or the largest maxelem when its length is not known. hash:net
// takes no /0: a /0 is written as its two halves.
type ipsetNotation struct {
	halves int // /0 networks in the current list, which take two lines
}

func (*ipsetNotation) counted() {}

// ipsetDefaultMaxelem is hash:net's maxelem when create does not say.
const ipsetDefaultMaxelem = 65536

func (s *ipsetNotation) open(b []byte, l *list) []byte {
	b = append(b, "create "...)
	b = append(b, l.name...)
	b = append(b, " hash:net family inet"...)
	if l.version == 6 {
		b = append(b, '6')
	}
	switch lines := l.size + s.halves; {
	case l.size < 0:
		b = append(b, " maxelem 4294967295"...)
	case lines > ipsetDefaultMaxelem:
		b = append(b, " maxelem "...)
		b = strconv.AppendInt(b, int64(lines), 10)
	}
	return append(b, '\n')
}

func (s *ipsetNotation) entry(b []byte, l *list, it item) []byte {
	n := it.net
	if n.PrefixLen() == 0 {
		s.halves++
		for half := range mustSubnets(n, 1) {
			b = s.entry(b, l, item{net: half})
		}
		return b
	}
	b = append(b, "add "...)
	b = append(b, l.name...)
	b = append(b, ' ')
	b = appendPrefix(b, n)
	return append(b, '\n')
}

func (s *ipsetNotation) close(b []byte, _ *list) []byte {
	s.halves = 0
	return b
}

// mustSubnets is n's subnets of length newLen, which the caller knows exist.
func mustSubnets(n ipaddress.Network, newLen int) iter.Seq[ipaddress.Network] {
	seq, err := n.Subnets(newLen)
	if err != nil {
		panic("notation: " + err.Error())
	}
	return seq
}

// ---- BIRD

// birdNotation is a BIRD 2 prefix set constant: "define NAME = [ NET, ... ];".
type birdNotation struct{}

func (birdNotation) open(b []byte, l *list) []byte {
	b = append(b, "define "...)
	b = append(b, l.name...)
	return append(b, " = ["...)
}

func (birdNotation) entry(b []byte, l *list, it item) []byte {
	if l.count > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n\t"...)
	return appendPrefix(b, it.net)
}

func (birdNotation) close(b []byte, l *list) []byte {
	if l.count > 0 {
		b = append(b, '\n')
	}
	return append(b, "];\n"...)
}
