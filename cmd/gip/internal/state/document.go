package state

import (
	"maps"
	"slices"
	"strings"
)

// Document is a namespace's configuration as gip state reads and writes
// it: one section per object type, in the order of sections.
type Document struct {
	Sections map[string]*Section
}

// Section is the objects of one type a document names, and whether the
// document owns the whole type (Purge: objects it does not name are
// deleted) or only those it names.
type Section struct {
	Purge   bool
	Objects []*Item
}

// Item is one object of a document: its fields as canonical text
// (numbers in decimal, addresses as netip prints them, flags "true" or
// "false"), a route's paths as lists, and the line of the file it came
// from (0 for objects read from the kernel).
type Item struct {
	Fields map[string]string
	Lists  map[string][]string
	Line   int
	// Absent says the document asks for the object not to exist.
	Absent bool
}

// NewItem is an object without fields.
func NewItem() *Item { return &Item{Fields: map[string]string{}} }

// Get is the value of field f ("" when unset).
func (o *Item) Get(f string) string { return o.Fields[f] }

// Has reports whether field f is set.
func (o *Item) Has(f string) bool {
	_, ok := o.Fields[f]
	if !ok {
		_, ok = o.Lists[f]
	}
	return ok
}

// Set sets field f, or clears it when v is "".
func (o *Item) Set(f, v string) {
	if v == "" {
		delete(o.Fields, f)
		return
	}
	o.Fields[f] = v
}

// SetList sets list field f, or clears it when l is nil: an empty list
// that is not nil is a value (a device without vlans).
func (o *Item) SetList(f string, l []string) {
	if l == nil {
		delete(o.Lists, f)
		return
	}
	if o.Lists == nil {
		o.Lists = map[string][]string{}
	}
	o.Lists[f] = l
}

// value is field f as one comparable string (a list joined).
func (o *Item) value(f string) string {
	if l, ok := o.Lists[f]; ok {
		return strings.Join(l, "; ")
	}
	return o.Fields[f]
}

// Clone is a deep copy of o.
func (o *Item) Clone() *Item {
	c := &Item{Fields: maps.Clone(o.Fields), Line: o.Line, Absent: o.Absent}
	for f, l := range o.Lists {
		c.SetList(f, slices.Clone(l))
	}
	return c
}

// merged is cur with every field want sets taken from want: what a change
// makes of the object.
func merged(cur, want *Item) *Item {
	m := cur.Clone()
	for f, v := range want.Fields {
		m.Fields[f] = v
	}
	for f, l := range want.Lists {
		m.SetList(f, l)
	}
	m.Line = want.Line
	return m
}

// section returns the document's section of type k, made empty if
// missing.
func (d *Document) section(k *kind) *Section {
	if d.Sections == nil {
		d.Sections = map[string]*Section{}
	}
	s := d.Sections[k.section]
	if s == nil {
		s = &Section{}
		d.Sections[k.section] = s
	}
	return s
}
