package state

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// A document is written by hand rather than through a YAML node tree:
// gip state show of a table of a million routes must cost little more
// than gip route show of it. The YAML is in block style, one field a
// line; text that YAML would read as something else is double-quoted
// (JSON's quoting, which YAML reads).

// nestedMappings are the mappings of a link's fields, in order.
var nestedMappings = []string{"options", "port"}

// pair is one field of an object as written: a scalar, a list, or the
// nested fields of a link's options.
type pair struct {
	name  string
	value string
	typ   fieldType
	list  []string
	sub   []pair
}

// pairs are the fields of o in the order of its type's fields, defaults
// left out, a link's options nested under "options" and its bridge port
// options under "port".
func (o *Item) pairs(k *kind) []pair {
	var out []pair
	nested := map[string][]pair{}
	for _, f := range k.allFields() {
		if !o.Has(f.name) || k.quiet != nil && k.quiet(o, f.name) {
			continue
		}
		p := pair{name: f.key(), value: o.Get(f.name), typ: f.typ, list: o.Lists[f.name]}
		if f.under != "" {
			nested[f.under] = append(nested[f.under], p)
		} else {
			out = append(out, p)
		}
	}
	for _, m := range nestedMappings {
		if nested[m] != nil {
			out = append(out, pair{name: m, sub: nested[m]})
		}
	}
	if o.Absent {
		out = append(out, pair{name: "state", value: "absent"})
	}
	return out
}

// writeDocYAML writes d as YAML.
func writeDocYAML(w io.Writer, d *Document) error {
	b := bufio.NewWriterSize(w, 64<<10)
	for _, k := range kinds {
		s := d.Sections[k.section]
		if s == nil {
			continue
		}
		b.WriteString(k.section)
		indent := "  "
		if s.Purge {
			b.WriteString(":\n  purge: true\n  config")
			indent = "    "
		}
		if len(s.Objects) == 0 {
			b.WriteString(": []\n")
			continue
		}
		b.WriteString(":\n")
		for _, o := range s.Objects {
			writePairsYAML(b, o.pairs(k), indent+"- ", indent+"  ")
		}
	}
	return b.Flush()
}

// writePairsYAML writes the fields of one mapping, the first line led by
// first and the others by rest.
func writePairsYAML(b *bufio.Writer, ps []pair, first, rest string) {
	if len(ps) == 0 {
		b.WriteString(strings.TrimRight(first, " ") + " {}\n")
		return
	}
	for i, p := range ps {
		lead := rest
		if i == 0 {
			lead = first
		}
		b.WriteString(lead)
		b.WriteString(p.name)
		switch {
		case p.sub != nil:
			b.WriteString(":\n")
			writePairsYAML(b, p.sub, rest+"  ", rest+"  ")
		case p.typ == list && len(p.list) == 0:
			b.WriteString(": []\n")
		case p.typ == list:
			b.WriteString(":\n")
			for _, x := range p.list {
				b.WriteString(rest + "  - ")
				b.WriteString(yamlText(x))
				b.WriteByte('\n')
			}
		default:
			b.WriteString(": ")
			b.WriteString(scalarText(p, yamlText))
			b.WriteByte('\n')
		}
	}
}

func scalarText(p pair, text func(string) string) string {
	switch p.typ {
	case number:
		if _, err := strconv.ParseUint(p.value, 10, 64); err == nil {
			return p.value
		}
	case flag:
		if p.value == "true" || p.value == "false" {
			return p.value
		}
	}
	return text(p.value)
}

// yamlText is a string as a YAML scalar: plain where YAML reads it back
// as the same string, double-quoted otherwise.
func yamlText(s string) string {
	if plainSafe(s) {
		return s
	}
	return jsonText(s)
}

func plainSafe(s string) bool {
	if s == "" || strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@` ") || strings.HasSuffix(s, " ") || strings.HasSuffix(s, ":") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", ".nan":
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return false
	}
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return false
	}
	return true
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// writeDocJSON writes d as one line of JSON, fields in order.
func writeDocJSON(w io.Writer, d *Document) error {
	b := bufio.NewWriterSize(w, 64<<10)
	appendDocJSON(b, d)
	b.WriteByte('\n')
	return b.Flush()
}

func appendDocJSON(b *bufio.Writer, d *Document) {
	b.WriteByte('{')
	n := 0
	for _, k := range kinds {
		s := d.Sections[k.section]
		if s == nil {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		b.WriteString(jsonText(k.section) + ":")
		if s.Purge {
			b.WriteString(`{"purge":true,"config":`)
		}
		b.WriteByte('[')
		for i, o := range s.Objects {
			if i > 0 {
				b.WriteByte(',')
			}
			appendPairsJSON(b, o.pairs(k))
		}
		b.WriteByte(']')
		if s.Purge {
			b.WriteByte('}')
		}
	}
	b.WriteByte('}')
}

func appendPairsJSON(b *bufio.Writer, ps []pair) {
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsonText(p.name) + ":")
		switch {
		case p.sub != nil:
			appendPairsJSON(b, p.sub)
		case p.typ == list:
			b.WriteByte('[')
			for j, x := range p.list {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(jsonText(x))
			}
			b.WriteByte(']')
		default:
			b.WriteString(scalarText(p, jsonText))
		}
	}
	b.WriteByte('}')
}

// docJSON and itemJSON put a document or an object inside a larger JSON
// value (apply -j, plan -j).
type docJSON struct{ d *Document }

func (j docJSON) MarshalJSON() ([]byte, error) {
	return marshalWith(func(b *bufio.Writer) { appendDocJSON(b, j.d) })
}

type itemJSON struct {
	k *kind
	o *Item
}

func (j itemJSON) MarshalJSON() ([]byte, error) {
	return marshalWith(func(b *bufio.Writer) { appendPairsJSON(b, j.o.pairs(j.k)) })
}

func marshalWith(fn func(b *bufio.Writer)) ([]byte, error) {
	var sb strings.Builder
	b := bufio.NewWriter(&sb)
	fn(b)
	if err := b.Flush(); err != nil {
		return nil, err
	}
	return []byte(sb.String()), nil
}
