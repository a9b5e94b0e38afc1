package stats

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// table lays out a block of counters as ip does: a title row and a value
// row per direction, each column as wide as its title or its widest
// value (titles only with -h, whose values ip does not measure).
type table struct {
	indent string
	widths []int
	g      *env.Global
}

func newTable(indent string, g *env.Global, titles ...string) *table {
	t := &table{indent: indent, g: g}
	for _, s := range titles {
		t.widths = append(t.widths, len(s))
	}
	return t
}

// fit widens the columns for a row of values.
func (t *table) fit(vals ...uint64) {
	if t.g.Human {
		return
	}
	for i, v := range vals {
		t.widths[i] = max(t.widths[i], len(strconv.FormatUint(v, 10)))
	}
}

// title is a title row: "RX:" and the first title share column 0.
func (t *table) title(f *format.Fields, dir string, titles ...string) {
	var b strings.Builder
	b.WriteString(t.indent + dir + ": " + padLeft(titles[0], t.widths[0]-4))
	for i, s := range titles[1:] {
		b.WriteString(" " + padLeft(s, t.widths[i+1]))
	}
	f.Literal(b.String())
	f.Line()
}

// values is a value row, each value followed by a space.
func (t *table) values(f *format.Fields, vals ...uint64) {
	var b strings.Builder
	b.WriteString(t.indent)
	for i, v := range vals {
		b.WriteString(padLeft(link.HumanNum(v, t.g), t.widths[i]) + " ")
	}
	f.Literal(b.String())
}

func padLeft(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat(" ", n-len(s)) + s
}

// hwStats prints struct rtnl_hw_stats64 as ip's print_hw_stats64.
func hwStats(f *format.Fields, s *rtnl.HWStats, g *env.Global) {
	twoWay(f, g, fifth{"overrun", "mcast", "multicast"},
		[5]uint64{s.RxBytes, s.RxPackets, s.RxErrors, s.RxDropped, s.Multicast},
		[4]uint64{s.TxBytes, s.TxPackets, s.TxErrors, s.TxDropped})
}

// mplsStats prints struct mpls_link_stats as ip's print_mpls_link_stats.
func mplsStats(f *format.Fields, s *rtnl.MPLSLinkStats, g *env.Global) {
	twoWay(f, g, fifth{"noroute", "noroute", "noroute"},
		[5]uint64{s.RxBytes, s.RxPackets, s.RxErrors, s.RxDropped, s.RxNoroute},
		[4]uint64{s.TxBytes, s.TxPackets, s.TxErrors, s.TxDropped})
}

// fifth is the counter only the receive side has: the width its column
// starts with, its title and its JSON key.
type fifth struct{ width, title, key string }

// twoWay prints a block of bytes, packets, errors and drops each way,
// and a fifth counter received: columns in text, "rx" and "tx" objects
// in JSON.
func twoWay(f *format.Fields, g *env.Global, x fifth, rx [5]uint64, tx [4]uint64) {
	keys := []string{"bytes", "packets", "errors", "dropped", x.key}
	if f.JSON() {
		f.Open("rx")
		for i, k := range keys {
			f.Uint(k, "", rx[i])
		}
		f.Close()
		f.Open("tx")
		for i, k := range keys[:4] {
			f.Uint(k, "", tx[i])
		}
		f.Close()
		return
	}
	t := newTable("    ", g, "*X: bytes", "packets", "errors", "dropped", x.width)
	t.fit(rx[:]...)
	t.fit(append(tx[:], 0)...)
	t.title(f, "RX", "bytes", "packets", "errors", "dropped", x.title)
	t.values(f, rx[:]...)
	f.Line()
	t.title(f, "TX", "bytes", "packets", "errors", "dropped")
	t.values(f, tx[:]...)
}
