package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/ipaddress"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/notation"
)

// grownHashsize matches the hashsize of a save line.
var grownHashsize = regexp.MustCompile(`hashsize [0-9]+`)

// What `gcalc -o ipset --name S` writes restores with gipset as with ipset:
// both families, a /0 (written as halves), and a list longer than hash:net's
// default maxelem.
func TestRestoreGcalcIpsetNotation(t *testing.T) {
	needIpset(t)
	long := make([]string, 70000)
	for i := range long {
		long[i] = fmt.Sprintf("10.%d.%d.%d/30", i>>14, i>>6&255, i&63<<2)
	}
	for i, items := range [][]string{
		{"0.0.0.0/0", "192.0.2.0/24", "198.51.100.7/32", "::/0", "2001:db8::/32", "2001:db9::1/128"},
		{"2001:db8::/48"},
		nil,
		long,
	} {
		var b strings.Builder
		w, err := notation.New(&b, notation.Options{Notation: notation.Ipset, Name: fmt.Sprintf("gcalc%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range items {
			w.Network(ipaddress.MustParseNetwork(s))
		}
		if err := w.End(); err != nil {
			t.Fatal(err)
		}
		nsI, nsG := nltest.NetNS(t), nltest.NetNS(t)
		if r := ipsetIn(t, nsI, b.String(), "restore"); r.status != 0 {
			t.Fatalf("ipset restore: %s", r.stderr)
		}
		if r := gipsetIn(nsG, b.String(), "restore"); r.status != 0 {
			t.Fatalf("gipset restore: %s", r.stderr)
		}
		is, gs := normVolatile(saveOf(t, nsI)), normVolatile(saveOf(t, nsG))
		if len(items) > 1024 {
			// The set grew while it was filled: when the kernel doubles
			// the table depends on how the random seed spreads members
			// over buckets, so the final hashsize differs run to run.
			is, gs = grownHashsize.ReplaceAllString(is, "hashsize N"), grownHashsize.ReplaceAllString(gs, "hashsize N")
		}
		if is != gs {
			t.Errorf("list %d: gipset's state differs from ipset's:\n%s", i, lineDiff(is, gs))
		}
		if want := strings.Count(b.String(), "\nadd "); strings.Count(gs, "\nadd ") != want {
			t.Errorf("list %d: %d members restored, want %d", i, strings.Count(gs, "\nadd "), want)
		}
	}
}
