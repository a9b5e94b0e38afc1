package state

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"go.yaml.in/yaml/v3"
)

// ParseError is a fault in a document: where it is and what it is.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// loadFile reads the text of name, "-" for stdin, and the name errors
// call it by.
func loadFile(name string, stdin io.Reader) (data []byte, display string, err error) {
	if name == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, "", fail.Localf("Cannot open file \"%s\" for reading: %s", name, fail.Strerror(err))
	}
	return data, displayName(name), nil
}

// parseFault is a fault in a file as the error a verb returns (exit 1).
func parseFault(err error) error {
	if err == nil {
		return nil
	}
	return &fail.Error{Msg: err.Error(), Code: fail.ExitLocal, Err: err}
}

// sectionWord finds the words that may start a section, in YAML's block
// style or in JSON; a word found elsewhere only makes a dump of more.
// It is compiled on first use, not at every start-up of gip.
var sectionWord = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(links|addresses|nexthops|routes|rules|neighbours|qdiscs|classes|filters)["']?\s*:`)
})

// mentioned guesses, from its text, the sections a file has: at least
// those it has.
func mentioned(data []byte) []*kind {
	var out []*kind
	for _, m := range sectionWord().FindAllSubmatch(data, -1) {
		if k := kindOf(string(m[1])); k != nil && !containsKind(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// Parse reads a document (YAML, or JSON, which is YAML too). Every
// fault is a *ParseError naming file and line.
func Parse(file string, data []byte) (*Document, error) {
	p := &parser{file: file}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if err == io.EOF {
			return &Document{}, nil
		}
		return nil, p.yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, p.errorf(extra.Line, "a state file holds one document")
	}
	return p.document(&root)
}

type parser struct{ file string }

func (p *parser) errorf(line int, format string, a ...any) error {
	return &ParseError{File: p.file, Line: line, Msg: fmt.Sprintf(format, a...)}
}

// yamlError turns the library's "yaml: line N: msg" into FILE:N: msg.
func (p *parser) yamlError(err error) error {
	var line int
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		_, rest, _ := strings.Cut(msg, ": ")
		return p.errorf(line, "%s", rest)
	}
	return p.errorf(0, "%s", msg)
}

func (p *parser) document(root *yaml.Node) (*Document, error) {
	d := &Document{}
	n := root
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return d, nil
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return d, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n.Line, "a state file is a mapping of sections (%s)", sectionNames())
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		k := kindOf(kn.Value)
		if k == nil {
			return nil, p.errorf(kn.Line, "unknown section %q (sections: %s)", kn.Value, sectionNames())
		}
		if _, dup := d.Sections[k.section]; dup {
			return nil, p.errorf(kn.Line, "section %q given twice", kn.Value)
		}
		s, err := p.section(k, vn)
		if err != nil {
			return nil, err
		}
		d.section(k)
		d.Sections[k.section] = s
	}
	return d, nil
}

func sectionNames() string {
	var s []byte
	for i, k := range kinds {
		if i > 0 {
			s = append(s, ", "...)
		}
		s = append(s, k.section...)
	}
	return string(s)
}

// section reads a section: a sequence of objects, or a mapping with
// "purge" and "config" (the objects).
func (p *parser) section(k *kind, n *yaml.Node) (*Section, error) {
	s := &Section{}
	items := n
	switch n.Kind {
	case yaml.SequenceNode:
	case yaml.MappingNode:
		items = nil
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn, vn := n.Content[i], n.Content[i+1]
			switch kn.Value {
			case "purge":
				b, err := p.boolean(vn)
				if err != nil {
					return nil, err
				}
				s.Purge = b
			case "config":
				if vn.Kind != yaml.SequenceNode && !isNull(vn) {
					return nil, p.errorf(vn.Line, "%s: config is a list of %ss", k.section, k.noun)
				}
				items = vn
			default:
				return nil, p.errorf(kn.Line, "%s: unknown key %q (purge, config)", k.section, kn.Value)
			}
		}
	default:
		if isNull(n) {
			return s, nil
		}
		return nil, p.errorf(n.Line, "%s is a list of %ss, or a mapping with purge and config", k.section, k.noun)
	}
	if items == nil {
		return s, nil
	}
	seen := map[string]int{}
	for _, in := range items.Content {
		o, err := p.object(k, in)
		if err != nil {
			return nil, err
		}
		key := k.key(o)
		if l, dup := seen[key]; dup {
			return nil, p.errorf(in.Line, "%s given twice (first on line %d)", k.describe(o), l)
		}
		seen[key] = in.Line
		s.Objects = append(s.Objects, o)
	}
	return s, nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func (p *parser) boolean(n *yaml.Node) (bool, error) {
	if n.Kind == yaml.ScalarNode {
		if b, err := strconv.ParseBool(n.Value); err == nil && (n.Tag == "!!bool" || n.Tag == "!!str") {
			return b, nil
		}
	}
	return false, p.errorf(n.Line, "%q is not true or false", n.Value)
}

// object reads one object of type k.
func (p *parser) object(k *kind, n *yaml.Node) (*Item, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n.Line, "a %s is a mapping of its fields", k.noun)
	}
	o := NewItem()
	o.Line = n.Line
	nested := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		switch {
		case kn.Value == "state":
			switch vn.Value {
			case "present":
			case "absent":
				o.Absent = true
			default:
				return nil, p.errorf(vn.Line, "state is present or absent, not %q", vn.Value)
			}
			continue
		case slices.Contains(nestedMappings, kn.Value) && k == linkKind:
			if vn.Kind != yaml.MappingNode {
				return nil, p.errorf(vn.Line, "a link's %s are a mapping", kn.Value)
			}
			nested[kn.Value] = vn
			continue
		}
		f := k.field(kn.Value)
		if f == nil || f.under != "" {
			return nil, p.errorf(kn.Line, "a %s has no field %q (fields: %s)", k.noun, kn.Value, fieldNames(k))
		}
		if o.Has(f.name) {
			return nil, p.errorf(kn.Line, "field %q given twice", kn.Value)
		}
		if err := p.value(o, f, vn); err != nil {
			return nil, err
		}
	}
	for _, r := range k.required {
		if !o.Has(r) {
			return nil, p.errorf(n.Line, "a %s needs its %s", k.noun, r)
		}
	}
	if n := nested["options"]; n != nil {
		kindName := o.Get("kind")
		err := p.nested(o, k, n, linkKinds()[kindName].options, "options", func(key string) string {
			return fmt.Sprintf("a link of kind %q has no option %q", kindName, key)
		})
		if err != nil {
			return nil, err
		}
	}
	if n := nested["port"]; n != nil {
		err := p.nested(o, k, n, portOptions, "port", func(key string) string {
			return fmt.Sprintf("a bridge or bond port has no option %q", key)
		})
		if err != nil {
			return nil, err
		}
	}
	k.normalizeObject(o)
	if k.check != nil {
		if err := k.check(o); err != nil {
			return nil, p.errorf(n.Line, "%v", err)
		}
	}
	return o, nil
}

// nested reads the mapping n of fields under "under", each one of opts.
func (p *parser) nested(o *Item, k *kind, n *yaml.Node, opts []linkOption, under string, unknown func(string) string) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		f := k.nestedField(under, kn.Value)
		if f == nil || !slices.ContainsFunc(opts, func(lo linkOption) bool { return lo.name == kn.Value }) {
			return p.errorf(kn.Line, "%s", unknown(kn.Value))
		}
		if err := p.value(o, f, vn); err != nil {
			return err
		}
	}
	return nil
}

func fieldNames(k *kind) string {
	var s []byte
	for _, f := range k.allFields() {
		if f.under != "" {
			continue
		}
		if len(s) > 0 {
			s = append(s, ", "...)
		}
		s = append(s, f.name...)
	}
	if k == linkKind {
		s = append(s, ", options, port"...)
	}
	return string(s) + ", state"
}

// value reads the value of field f.
func (p *parser) value(o *Item, f *field, n *yaml.Node) error {
	if f.typ == list {
		if n.Kind != yaml.SequenceNode {
			return p.errorf(n.Line, "%s is a list", f.name)
		}
		var l []string
		if f.none {
			l = []string{}
		}
		for _, x := range n.Content {
			if x.Kind != yaml.ScalarNode || x.Value == "" {
				return p.errorf(x.Line, "%s: each entry is a line of words (%s)", f.name, f.entry)
			}
			l = append(l, x.Value)
		}
		if f.canonList != nil {
			c, err := f.canonList(l)
			if err != nil {
				return p.errorf(n.Line, "%s: %v", f.name, err)
			}
			l = c
		}
		o.SetList(f.name, l)
		return nil
	}
	if f.none && (isNull(n) || n.Kind == yaml.ScalarNode && n.Value == "") {
		o.Fields[f.name] = ""
		return nil
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		return p.errorf(n.Line, "%s: a value is expected", f.key())
	}
	v := n.Value
	switch f.typ {
	case flag:
		b, err := p.boolean(n)
		if err != nil {
			return p.errorf(n.Line, "%s: %q is not true or false", f.key(), n.Value)
		}
		v = strconv.FormatBool(b)
	case number:
		if _, err := canonNumber(v); err != nil {
			return p.errorf(n.Line, "%s: %v", f.key(), err)
		}
	}
	if v == "" {
		return p.errorf(n.Line, "%s: a value is expected", f.key())
	}
	if f.canon != nil {
		c, err := f.canon(v)
		if err != nil {
			return p.errorf(n.Line, "%s: %v", f.key(), err)
		}
		v = c
	}
	o.Fields[f.name] = v
	return nil
}
