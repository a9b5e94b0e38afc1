package ematch

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// TestTextAsTC checks trees printed as tc 6.1 prints them (listings taken
// from tc on the vm tier's kernel).
func TestTextAsTC(t *testing.T) {
	for _, c := range []struct{ expr, text, flat string }{
		{"cmp(u8 at 0 layer 1 eq 1)", "\n  cmp(u8 at 0 layer 1 eq 1)\n", "cmp(u8 at 0 layer 1 eq 1)"},
		{"cmp(u16 at 2 layer network mask 0xff00 gt 20) and not meta(nf_mark gt 24)",
			"\n  cmp(u16 at 2 layer 1 mask 0xff00 gt 20)\n  AND NOT meta(nf_mark gt 24)\n",
			"cmp(u16 at 2 layer 1 mask 0xff00 gt 20) AND NOT meta(nf_mark gt 24)"},
		{`u32(u16 0x1122 0xffff at nexthdr+4) or (cmp(u32 at 4 layer 2 trans lt 5) and meta(dev shift 1 eq "ppp"))`,
			"\n  u32(11220000/ffff0000 at nexthdr+4)\n  OR (\n    cmp(u32 at 4 layer 2 trans lt 5)\n    AND meta(dev shift 1 eq ppp)\n  ) ",
			"u32(11220000/ffff0000 at nexthdr+4) OR (cmp(u32 at 4 layer 2 trans lt 5) AND meta(dev shift 1 eq ppp))"},
	} {
		tree, used, err := Parse([]string{c.expr, "classid"})
		if err != nil || used != 1 {
			t.Fatalf("%s: used %d, %v", c.expr, used, err)
		}
		if got := Text(tree); got != c.text {
			t.Errorf("%s: text %q, want %q", c.expr, got, c.text)
		}
		if got := Flat(tree); got != c.flat {
			t.Errorf("%s: flat %q, want %q", c.expr, got, c.flat)
		}
	}
}

// TestFlattenOrder checks the list order tc sends: the top-level terms,
// then each sub-expression's, depth first, each container pointing at its
// first.
func TestFlattenOrder(t *testing.T) {
	tree, _, err := Parse(strings.Fields("cmp(u8 at 0 eq 1) and ( cmp(u8 at 1 eq 1) or ( cmp(u8 at 2 eq 1) and cmp(u8 at 3 eq 1) ) ) and ( cmp(u8 at 4 eq 1) ) x"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range tree.Matches {
		if m.Kind == rtnl.EmContainer {
			got = append(got, "->"+itoa(int64(m.Data[0])))
			continue
		}
		c, _ := rtnl.DecodeEmCmp(m.Data)
		got = append(got, itoa(int64(c.Off)))
	}
	want := []string{"0", "->3", "->7", "1", "->5", "2", "3", "4"}
	if !reflect.DeepEqual(got, want) || tree.NMatches != 8 {
		t.Errorf("list %v (%d), want %v", got, tree.NMatches, want)
	}
}

func TestStrtoul(t *testing.T) {
	for _, c := range []struct {
		s    string
		v    uint64
		n    int
		fail bool
	}{{"10", 10, 2, false}, {"0x1f", 31, 4, false}, {"010", 8, 3, false}, {"5x", 5, 1, false},
		{"0x", 0, 1, false}, {"-2", 1<<64 - 2, 2, false}, {"x", 0, 0, true}, {" 7", 7, 2, false}} {
		v, n := strtoul(c.s)
		if v != c.v || n != c.n {
			t.Errorf("strtoul(%q) = %d, %d; want %d, %d", c.s, v, n, c.v, c.n)
		}
	}
}

// FuzzParse feeds words to the grammar: it must not panic, must not
// take more words than it had, and a tree it makes must survive the
// wire (encode, decode) and print the same.
func FuzzParse(f *testing.F) {
	f.Add("cmp(u8 at 0 layer 1 eq 1)\x00classid")
	f.Add("not (cmp(u8 at 0 eq 1) or (u32(u8 1 0xff at 3) and not meta(vlan eq 2)))")
	f.Add("meta(dev shift 1 eq \"p\\x41p\\101\")\x00and\x00meta(list)")
	f.Add("cmp\x00(\x00u16\x00at\x002\x00mask\x000xff\x00gt\x0020\x00)\x00action")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Split(s, "\x00")
		tree, used, err := Parse(words)
		if err != nil {
			return
		}
		if used < 0 || used > len(words) {
			t.Fatalf("%q: used %d of %d words", words, used, len(words))
		}
		if tree == nil {
			return
		}
		text, flat := Text(tree), Flat(tree)
		e := nl.NewAttrEncoder(nil)
		tree.Encode(e, 1)
		b, err := e.Encode()
		if err != nil {
			t.Fatal(err)
		}
		d := nl.NewAttrDecoder(b)
		if !d.Next() {
			t.Fatalf("%q: no tree encoded", words)
		}
		back, err := rtnl.DecodeEmatchTree(d.Bytes())
		if err != nil {
			t.Fatalf("%q: %v", words, err)
		}
		if Text(back) != text || Flat(back) != flat {
			t.Fatalf("%q: prints %q, after the wire %q", words, text, Text(back))
		}
	})
}
