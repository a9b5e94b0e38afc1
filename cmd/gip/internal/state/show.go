package state

import (
	"slices"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// runShow is gip state show [OBJECT...]: the namespace's configuration as
// a document, YAML, or JSON under -j.
func runShow(e *env.Env, args []string) error {
	var only []*kind
	for _, a := range args {
		k := kindNamed(a)
		if k == nil {
			return fail.Usagef("Unknown object %q, try \"%s state help\".", a, e.Prog)
		}
		only = append(only, k)
	}
	d, err := (&reader{e: e, warn: true}).read(only)
	if err != nil {
		return err
	}
	if s := d.Sections[linkKind.section]; s != nil {
		// lo as the kernel makes it says nothing
		s.Objects = slices.DeleteFunc(s.Objects, func(o *Item) bool { return o.Get("name") == "lo" && o.Get("up") != "true" })
	}
	return writeDocument(e, d)
}

// kindNamed finds a type by its section's name, its noun, or ip's name
// for the object (addr, neigh, ...), possibly abbreviated as ip allows.
func kindNamed(word string) *kind {
	names := [][2]string{
		{"links", "links"}, {"link", "links"}, {"addresses", "addresses"}, {"address", "addresses"}, {"addr", "addresses"},
		{"routes", "routes"}, {"route", "routes"}, {"rules", "rules"}, {"rule", "rules"},
		{"nexthops", "nexthops"}, {"nexthop", "nexthops"},
		{"neighbours", "neighbours"}, {"neighbour", "neighbours"}, {"neighbors", "neighbours"}, {"neighbor", "neighbours"}, {"neigh", "neighbours"},
		{"qdiscs", "qdiscs"}, {"qdisc", "qdiscs"}, {"classes", "classes"}, {"class", "classes"},
		{"filters", "filters"}, {"filter", "filters"},
	}
	for _, n := range names {
		if word == n[0] {
			return kindOf(n[1])
		}
	}
	return nil
}

func writeDocument(e *env.Env, d *Document) error {
	if e.G.JSON {
		return writeDocJSON(e.Stdout, d)
	}
	return writeDocYAML(e.Stdout, d)
}
