package state

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// fieldType is how a field is written in a document and checked when read.
type fieldType int

const (
	text   fieldType = iota // a string
	number                  // an unsigned integer
	flag                    // true or false
	list                    // a sequence of strings (a route's paths)
)

// field is one field an object type has.
type field struct {
	name string
	typ  fieldType
	// under names the mapping the field is written in: "options" for
	// a link kind's options, "port" for a bridge port's; "" for the
	// object's own mapping. The field's name is then "under.KEY".
	under string
	// none says "" is a value (a link without master: nomaster), or
	// for a list that an empty one is (a device without vlans).
	none bool
	// keepFalse says false is a value of its own (a link down), not
	// the absence of the flag.
	keepFalse bool
	// canon checks and canonicalizes a value read from a file; nil
	// takes it as it is.
	canon func(v string) (string, error)
	// entry, for a list, is how an entry is written (for errors);
	// canonList checks and canonicalizes the list read from a file.
	entry     string
	canonList func(l []string) ([]string, error)
	// same, when set, compares the field of two objects instead of
	// their values' equality.
	same func(cur, want *Item) bool
}

// kind is one object type of a document: how it is named, read from the
// kernel, and changed.
type kind struct {
	section string // the document's section: "routes"
	noun    string // one object, in a plan: "route"
	// fields are the type's fields; lazyFields, when set instead,
	// builds them on first use (a link's, which hold every kind's
	// options). Read them through allFields.
	fields     []field
	lazyFields func() []field
	// required lists the fields an object of the type must have.
	required []string
	// normalize removes what says nothing (a default value spelt out)
	// and completes what the kernel fills in, so that an object read
	// from a file and one read from the kernel compare.
	normalize func(o *Item)
	key       func(o *Item) string
	describe  func(o *Item) string
	read      func(r *reader) ([]*Item, error)
	create    func(o *Item) []line
	remove    func(o *Item) []line
	// change makes cur what want says in place; ok false means the
	// object must be replaced (deleted and created again).
	change func(cur, want *Item) (lines []line, ok bool)
	// quiet, when set, says a field's value is the default a document
	// need not spell out.
	quiet func(o *Item, field string) bool
	// check, when set, checks and canonicalizes an object read from a
	// file once all its fields are read (a tc kind's options).
	check func(o *Item) error
	// depth, when set, orders a plan's creations (lower first) and
	// deletions (higher first) of the type.
	depth func(o *Item) int
	// refuse, when set, says why the file's object w cannot be made
	// (o is w over what exists of it), "" if it can.
	refuse func(w, o *Item) string
	// match, when set, finds the object a file's object names when its
	// key finds none (a filter named without its handle).
	match func(w *Item, have map[string]*Item) *Item
}

// line is one gip command line of a plan.
type line struct {
	words []string
	// family is the -4/-6 the line needs (a rule without addresses).
	family uint8
	// late runs the line after every link's settings (a bond's primary
	// names a port that must have joined it).
	late bool
}

func (l line) String() string { return strings.Join(l.words, " ") }

// kinds lists the object types in the order a document writes them and a
// plan creates them.
var kinds = []*kind{linkKind, addrKind, nexthopKind, routeKind, ruleKind, neighKind, qdiscKind, classKind, filterKind}

// kindOf finds a type by its section's name.
func kindOf(section string) *kind {
	for _, k := range kinds {
		if k.section == section {
			return k
		}
	}
	return nil
}

// allFields are the type's fields.
func (k *kind) allFields() []field {
	if k.lazyFields != nil {
		return k.lazyFields()
	}
	return k.fields
}

// key is the field's name in its mapping.
func (f *field) key() string { return strings.TrimPrefix(f.name, f.under+".") }

// nestedField finds the field written as key in the mapping under.
func (k *kind) nestedField(under, key string) *field {
	fields := k.allFields()
	for i := range fields {
		if f := &fields[i]; f.under == under && f.key() == key {
			return f
		}
	}
	return nil
}

func (k *kind) field(name string) *field {
	fields := k.allFields()
	for i := range fields {
		if fields[i].name == name {
			return &fields[i]
		}
	}
	return nil
}

// normalizeObject brings o to the form objects of type k compare in.
func (k *kind) normalizeObject(o *Item) {
	for _, f := range k.allFields() {
		if f.typ == flag && !f.keepFalse && o.Get(f.name) == "false" {
			o.Set(f.name, "")
		}
	}
	k.normalize(o)
}

// differs lists the fields want sets to a value cur does not have.
func (k *kind) differs(cur, want *Item) []string { return differs(k.allFields(), cur, want) }

func differs(fields []field, cur, want *Item) []string {
	var out []string
	for _, f := range fields {
		if !want.Has(f.name) {
			continue
		}
		if f.same != nil && !f.same(cur, want) || f.same == nil && cur.value(f.name) != want.value(f.name) {
			out = append(out, f.name)
		}
	}
	return out
}

// Canonical forms of values a file may spell in several ways.

// canonPrefix is a route's or rule's destination: "default", or an
// address with its prefix length (a host's when none is given).
func canonPrefix(v string) (string, error) {
	if v == "default" {
		return v, nil
	}
	if p, err := canonIfAddr(v); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%q is not an address or prefix", v)
}

// canonIfAddr is an address with its prefix length, host bits kept.
func canonIfAddr(v string) (string, error) {
	if !strings.Contains(v, "/") {
		a, err := netip.ParseAddr(v)
		if err != nil {
			return "", fmt.Errorf("%q is not an address", v)
		}
		return netip.PrefixFrom(a, a.BitLen()).String(), nil
	}
	p, err := netip.ParsePrefix(v)
	if err != nil {
		return "", fmt.Errorf("%q is not an address with a prefix length", v)
	}
	return p.String(), nil
}

func canonAddr(v string) (string, error) {
	a, err := netip.ParseAddr(v)
	if err != nil {
		return "", fmt.Errorf("%q is not an address", v)
	}
	return a.String(), nil
}

func canonNumber(v string) (string, error) {
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return "", fmt.Errorf("%q is not a number", v)
	}
	return strconv.FormatUint(n, 10), nil
}

func canonMAC(v string) (string, error) {
	b := strings.Split(strings.ToLower(v), ":")
	if len(b) < 2 {
		return "", fmt.Errorf("%q is not a link-layer address", v)
	}
	for i, x := range b {
		n, err := strconv.ParseUint(x, 16, 8)
		if err != nil {
			return "", fmt.Errorf("%q is not a link-layer address", v)
		}
		b[i] = fmt.Sprintf("%02x", n)
	}
	return strings.Join(b, ":"), nil
}

// canonTable names the tables ip names by default; others stay numbers.
func canonTable(v string) (string, error) {
	switch v {
	case "254", "main":
		return "main", nil
	case "255", "local":
		return "local", nil
	case "253", "default":
		return "default", nil
	}
	return v, nil // a number, or a name of rt_tables: the kernel's answer says it the same way
}

// isV6 reports whether an address or prefix text is IPv6.
func isV6(v string) bool { return strings.Contains(v, ":") }
