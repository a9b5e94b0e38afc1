package state

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

func TestCanonVlans(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want []string
		err  string
	}{
		{in: []string{}, want: []string{}},
		{in: []string{"1 pvid untagged"}, want: []string{"1 pvid untagged"}},
		{in: []string{"untagged 1  pvid"}, err: `"untagged" is not a vlan id (1-4094)`},
		{in: []string{"1 untagged pvid"}, want: []string{"1 pvid untagged"}},
		// consecutive vids with the same flags make one range, in vid order
		{in: []string{"30", "10-19", "20-29", "5 pvid", "6 untagged", "7-8 untagged"}, want: []string{"5 pvid", "6-8 untagged", "10-30"}},
		// a pvid stays alone even beside vids with its other flags
		{in: []string{"4 untagged", "5 pvid untagged", "6 untagged"}, want: []string{"4 untagged", "5 pvid untagged", "6 untagged"}},
		{in: []string{"1-4094"}, want: []string{"1-4094"}},
		{in: []string{"0"}, err: `"0" is not a vlan id (1-4094)`},
		{in: []string{"4095"}, err: `"4095" is not a vlan id (1-4094)`},
		{in: []string{"0x10"}, err: `"0x10" is not a vlan id (1-4094)`},
		{in: []string{"10-5"}, err: `"10-5": the range ends below its start`},
		{in: []string{"10-"}, err: `"" is not a vlan id (1-4094)`},
		{in: []string{"10-20 pvid"}, err: `"10-20 pvid": a range of vlans cannot be the pvid`},
		{in: []string{"10 pvid", "20 pvid"}, err: `two pvids (10 and 20)`},
		{in: []string{"10 tagged"}, err: `"10 tagged" is not a vlan (VID[-VID] [pvid] [untagged])`},
		{in: []string{"10 untagged untagged"}, err: `"10 untagged untagged" says untagged twice`},
		{in: []string{"5-10", "10"}, err: `vlan 10 given twice`},
		{in: []string{" "}, err: `" " is not a vlan (VID[-VID] [pvid] [untagged])`},
	} {
		got, err := canonVlans(c.in)
		switch {
		case c.err != "":
			if err == nil || err.Error() != c.err {
				t.Errorf("canonVlans(%q): error %v, want %q", c.in, err, c.err)
			}
		case err != nil:
			t.Errorf("canonVlans(%q): %v", c.in, err)
		case got == nil || !slices.Equal(got, c.want):
			t.Errorf("canonVlans(%q) = %#v, want %#v", c.in, got, c.want)
		}
	}
}

func TestVlanLines(t *testing.T) {
	set := func(l ...string) vlanSet {
		s, err := parseVlans(l)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name       string
		self       bool
		have, want vlanSet
		lines      []string
	}{
		{name: "same", have: set("1 pvid untagged", "10-20"), want: set("10-20", "1 pvid untagged")},
		{name: "pvid moves, a range shrinks", have: set("1 pvid untagged", "10-20"), want: set("1 untagged", "10 pvid", "11-15"),
			lines: []string{"bridge vlan del dev p0 vid 16-20", "bridge vlan add dev p0 vid 1 untagged", "bridge vlan add dev p0 vid 10 pvid"}},
		{name: "none left", have: set("1 pvid untagged", "7"), want: set(),
			lines: []string{"bridge vlan del dev p0 vid 1", "bridge vlan del dev p0 vid 7"}},
		{name: "the bridge's own", self: true, have: set("1 pvid untagged"), want: set("1 pvid untagged", "100-102 untagged"),
			lines: []string{"bridge vlan add dev p0 vid 100-102 untagged self"}},
		// a new port: whatever the kernel gave it goes, but what is wanted
		{name: "unknown", have: nil, want: set("1", "5 pvid", "4094"),
			lines: []string{"bridge vlan del dev p0 vid 2-4", "bridge vlan del dev p0 vid 6-4093", "bridge vlan add dev p0 vid 1", "bridge vlan add dev p0 vid 5 pvid", "bridge vlan add dev p0 vid 4094"}},
		{name: "unknown, none wanted", have: nil, want: set(), lines: []string{"bridge vlan del dev p0 vid 1-4094"}},
	} {
		var got []string
		for _, l := range vlanLines("p0", c.self, c.have, c.want) {
			if !l.late {
				t.Errorf("%s: %s does not wait for every link's settings", c.name, l)
			}
			got = append(got, l.String())
		}
		if !slices.Equal(got, c.lines) {
			t.Errorf("%s:\n got  %s\n want %s", c.name, strings.Join(got, "\n      "), strings.Join(c.lines, "\n      "))
		}
	}
}

// TestLinkVlansPlan plans the vlans of links read from a namespace
// against a file's: a port that keeps its bridge changes only what
// differs; one that joins a bridge, or is made, starts from nothing; a
// link that can have no vlans is refused at its line.
func TestLinkVlansPlan(t *testing.T) {
	link := func(fields map[string]string, vlans ...string) *Item {
		o := NewItem()
		for k, v := range fields {
			o.Set(k, v)
		}
		if vlans != nil {
			o.SetList("vlans", vlans)
		}
		return o
	}
	cur := &Document{Sections: map[string]*Section{"links": {Objects: []*Item{
		link(map[string]string{"name": "br0", "kind": "bridge"}, "1 pvid untagged"),
		link(map[string]string{"name": "br1", "kind": "bridge"}, "1 pvid untagged"),
		link(map[string]string{"name": "p0", "kind": "veth", "master": "br0"}, "1 pvid untagged", "10"),
		link(map[string]string{"name": "p1", "kind": "veth", "master": "br0"}, "1 pvid untagged"),
		link(map[string]string{"name": "v9", "kind": "veth"}),
	}}}}
	for _, c := range []struct {
		name, file string
		lines      []string
		err        string
	}{
		{name: "kept", file: "links:\n  - {name: p0, vlans: [10, 1 untagged pvid]}\n"},
		{name: "changed", file: "links:\n  - {name: p0, vlans: [10 untagged]}\n",
			lines: []string{"bridge vlan del dev p0 vid 1", "bridge vlan add dev p0 vid 10 untagged"}},
		{name: "to another bridge", file: "links:\n  - {name: p1, master: br1, vlans: [1 pvid untagged]}\n",
			lines: []string{"link set dev p1 master br1", "bridge vlan del dev p1 vid 2-4094", "bridge vlan add dev p1 vid 1 pvid untagged"}},
		{name: "bridge self", file: "links:\n  - {name: br0, vlans: []}\n", lines: []string{"bridge vlan del dev br0 vid 1 self"}},
		{name: "made", file: "links:\n  - {name: p2, kind: veth, peer: p3, master: br0, vlans: [7 pvid]}\n",
			lines: []string{"link add p2 type veth peer name p3", "link set dev p2 master br0", "bridge vlan del dev p2 vid 1-6", "bridge vlan del dev p2 vid 8-4094", "bridge vlan add dev p2 vid 7 pvid"}},
		{name: "no bridge", file: "links:\n  - {name: v9, vlans: [7]}\n", err: "f.yaml:2: link v9: only a bridge or a bridge port has vlans"},
		{name: "taken off", file: "links:\n  - {name: p0, master: \"\", vlans: [7]}\n", err: "f.yaml:2: link p0: only a bridge or a bridge port has vlans"},
		{name: "bad entry", file: "links:\n  - {name: p0, vlans: [7 pvid, 8 pvid]}\n", err: "f.yaml:2: vlans: two pvids (7 and 8)"},
	} {
		want, err := Parse("f.yaml", []byte(c.file))
		if err == nil {
			var p *Plan
			if p, err = planFor("f.yaml", cur, want); err == nil {
				var got []string
				for _, l := range p.lines() {
					got = append(got, l.String())
				}
				if !slices.Equal(got, c.lines) {
					t.Errorf("%s:\n got  %s\n want %s", c.name, strings.Join(got, "\n      "), strings.Join(c.lines, "\n      "))
				}
				// every line parses through its verb's plan
				e := &env.Env{Prog: "gip", G: &env.Global{}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
				if _, err := steps(e, "f.yaml", p); err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
			}
		}
		if got := errText(err); got != c.err {
			t.Errorf("%s: error %q, want %q", c.name, got, c.err)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// FuzzCanonVlans feeds any lines to the vlans reader: a list it takes
// canonicalizes to itself, the same set.
func FuzzCanonVlans(f *testing.F) {
	for _, s := range []string{"1 pvid untagged", "10-20\n21 untagged\n5 pvid", "4094\n1-3 untagged", "0", "7-5", "3 pvid\n4 pvid"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := strings.Split(s, "\n")
		c, err := canonVlans(in)
		if err != nil {
			return
		}
		again, err := canonVlans(c)
		if err != nil || !slices.Equal(again, c) {
			t.Fatalf("canonVlans(%q) = %q, which reads back as %q, %v", in, c, again, err)
		}
		a, _ := parseVlans(in)
		b, _ := parseVlans(c)
		if len(a) != len(b) {
			t.Fatalf("%q holds %d vlans, its canonical form %q %d", in, len(a), c, len(b))
		}
		for v, fl := range a {
			if b[v] != fl {
				t.Fatalf("vlan %d: flags %d, canonical %d", v, fl, b[v])
			}
		}
	})
}
