package state

import (
	"slices"
	"testing"
)

// TestLinkOptionsTable checks the option table: an option name means one
// type in every kind (a document's field has one type), a default is a
// value of its type, and an option's words say its name or its value.
func TestLinkOptionsTable(t *testing.T) {
	types := map[string]fieldType{}
	check := func(kind string, opts []linkOption) {
		for _, o := range opts {
			if typ, ok := types[o.name]; ok && typ != o.typ && kind != "port" {
				t.Errorf("%s: option %s has type %d, elsewhere %d", kind, o.name, o.typ, typ)
			}
			types[o.name] = o.typ
			if o.def != "" && o.typ == number {
				if _, err := canonNumber(o.def); err != nil {
					t.Errorf("%s: %s's default %q is not a number", kind, o.name, o.def)
				}
			}
			if o.def != "" && o.typ == flag && o.def != "true" && o.def != "false" {
				t.Errorf("%s: %s's default %q is not a flag", kind, o.name, o.def)
			}
			v := "7"
			if o.typ == flag {
				v = "true"
			}
			w := optionWords(&Item{Fields: map[string]string{o.name: v}}, []linkOption{o}, "")
			if len(w) == 0 || !slices.Contains(w, v) && !slices.ContainsFunc(w, func(s string) bool { return s == o.name || s == "on" }) {
				t.Errorf("%s: %s %s gives the words %q", kind, o.name, v, w)
			}
		}
	}
	for kind, k := range linkKinds() {
		check(kind, k.options)
	}
	check("port", portOptions)
}

// TestChangeLinkWords: a change in place sends only the options that
// change; a fixed option, or a kind that cannot change in place, replaces
// the link; a new port gets its port options after its master.
func TestChangeLinkWords(t *testing.T) {
	item := func(fields ...string) *Item {
		o := NewItem()
		for i := 0; i+1 < len(fields); i += 2 {
			o.Set(fields[i], fields[i+1])
		}
		return o
	}
	for _, c := range []struct {
		name      string
		cur, want *Item
		lines     []string // nil: replaced
	}{
		{"bond", item("name", "bo0", "kind", "bond", "mode", "active-backup", "miimon", "100"), item("name", "bo0", "mode", "active-backup", "miimon", "200"),
			[]string{"link set dev bo0 type bond miimon 200"}},
		{"macsec sci", item("name", "ms0", "kind", "macsec", "sci", "1"), item("name", "ms0", "sci", "2"), nil},
		{"vlan", item("name", "vl0", "kind", "vlan", "id", "5"), item("name", "vl0", "gvrp", "true"), nil},
		{"port", item("name", "v0", "kind", "veth", "port.cost", "2"), item("name", "v0", "master", "br0", "port.cost", "2", "port.hairpin", "true"),
			[]string{"link set dev v0 master br0", "link set dev v0 type bridge_slave cost 2 hairpin on"}},
		{"port option", item("name", "v0", "kind", "veth", "master", "br0", "port.cost", "2"), item("name", "v0", "port.cost", "5"),
			[]string{"link set dev v0 type bridge_slave cost 5"}},
	} {
		lines, ok := changeLink(c.cur, c.want)
		var got []string
		for _, l := range lines {
			got = append(got, l.String())
		}
		if ok != (c.lines != nil) || !slices.Equal(got, c.lines) {
			t.Errorf("%s: changeLink = %q, %v; want %q", c.name, got, ok, c.lines)
		}
	}
}

// TestReattachPorts: the ports of a replaced link join the new one
// again, with their port options; a port the file gives a master of
// its own is left to the file.
func TestReattachPorts(t *testing.T) {
	cur, err := Parse("cur.yaml", []byte("links:\n  - {name: br0, kind: bridge}\n  - {name: v0, kind: veth, master: br0, port: {cost: 5}}\n  - {name: v2, kind: veth, master: br0}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse("want.yaml", []byte("links:\n  - {name: br0, kind: bond}\n  - {name: v2, master: \"\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := planFor("want.yaml", cur, want)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range p.actions {
		if a.op == opReplace {
			for _, l := range a.set {
				got = append(got, l.String())
			}
		}
	}
	if w := []string{"link set dev v0 master br0", "link set dev v0 type bridge_slave cost 5"}; !slices.Equal(got, w) {
		t.Errorf("the replacement's settings: %q, want %q", got, w)
	}
}

// TestLateOptionsLast: a bond's primary is set after every link's
// settings, so after its port has joined it, whichever comes first in
// the file; a bond port's options follow its master.
func TestLateOptionsLast(t *testing.T) {
	want, err := Parse("want.yaml", []byte("links:\n"+
		"  - {name: bo0, kind: bond, options: {mode: active-backup, primary: v2}}\n"+
		"  - {name: v2, kind: veth, peer: v3, master: bo0, port: {queue_id: 2, prio: 5}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := planFor("want.yaml", &Document{}, want)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range p.lines() {
		got = append(got, l.String())
	}
	w := []string{
		"link add bo0 type bond mode active-backup",
		"link add v2 type veth peer name v3",
		"link set dev v2 master bo0",
		"link set dev v2 type bond_slave queue_id 2 prio 5",
		"link set dev bo0 type bond primary v2",
	}
	if !slices.Equal(got, w) {
		t.Errorf("plan lines:\n%q\nwant\n%q", got, w)
	}
}
