package state

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// node is a document, or a part of one, as YAML nodes in the order gip
// writes them: sections in the order of kinds, fields in the order of
// their type's fields.
func (d *Document) node() *yaml.Node {
	root := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range kinds {
		s := d.Sections[k.section]
		if s == nil {
			continue
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, o := range s.Objects {
			seq.Content = append(seq.Content, o.node(k))
		}
		var v *yaml.Node = seq
		if s.Purge {
			v = &yaml.Node{Kind: yaml.MappingNode}
			v.Content = append(v.Content, scalar("purge"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"},
				scalar("config"), seq)
		}
		root.Content = append(root.Content, scalar(k.section), v)
	}
	return root
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// node is the object as a YAML mapping.
func (o *Item) node(k *kind) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	var opts *yaml.Node
	for _, f := range k.fields {
		if !o.Has(f.name) || k.quiet != nil && k.quiet(o, f.name) {
			continue
		}
		v := fieldNode(f, o)
		if v == nil {
			continue
		}
		if f.option {
			if opts == nil {
				opts = &yaml.Node{Kind: yaml.MappingNode}
			}
			opts.Content = append(opts.Content, scalar(f.name), v)
			continue
		}
		m.Content = append(m.Content, scalar(f.name), v)
	}
	if opts != nil {
		m.Content = append(m.Content, scalar("options"), opts)
	}
	if o.Absent {
		m.Content = append(m.Content, scalar("state"), scalar("absent"))
	}
	return m
}

func fieldNode(f field, o *Item) *yaml.Node {
	switch f.typ {
	case list:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, x := range o.Lists[f.name] {
			seq.Content = append(seq.Content, scalar(x))
		}
		return seq
	case flag:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: o.Get(f.name)}
	case number:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: o.Get(f.name)}
	}
	return scalar(o.Get(f.name))
}

// writeYAML writes a YAML node tree.
func writeYAML(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// jsonValue is a YAML node tree as JSON, keeping the order of mappings.
type jsonValue struct{ n *yaml.Node }

func (j jsonValue) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := appendJSON(&b, j.n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func appendJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(n.Content[i].Value)
			b.Write(k)
			b.WriteByte(':')
			if err := appendJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, x := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendJSON(b, x); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	default:
		switch n.Tag {
		case "!!bool", "!!int":
			if _, err := strconv.ParseFloat(n.Value, 64); err == nil || n.Tag == "!!bool" {
				b.WriteString(n.Value)
				return nil
			}
		}
		v, _ := json.Marshal(n.Value)
		b.Write(v)
	}
	return nil
}
