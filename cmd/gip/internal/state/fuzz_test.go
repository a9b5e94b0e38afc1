package state

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParse feeds any text to the document parser: it returns a document
// or a *ParseError, never panics, and a document it returns writes out
// and reads back to the same document.
func FuzzParse(f *testing.F) {
	f.Add([]byte("links:\n  - name: v0\n    kind: veth\n    peer: v1\n    mtu: 1400\n    up: true\n"))
	f.Add([]byte("routes:\n  purge: true\n  config:\n    - dst: 10.0.0.0/8\n      via: 192.0.2.1\n      nexthops: [via 192.0.2.1 dev v0]\n"))
	f.Add([]byte(`{"rules":[{"priority":100,"from":"10.1.0.0/16","table":"100"}],"neighbours":[{"dst":"10.0.0.4","dev":"v0","state":"absent"}]}`))
	f.Add([]byte("links:\n  - name: vx0\n    kind: vxlan\n    options: {id: 42, learning: false}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("f.yaml", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		var b bytes.Buffer
		if err := writeDocYAML(&b, d); err != nil {
			t.Fatal(err)
		}
		d2, err := Parse("again.yaml", b.Bytes())
		if err != nil {
			t.Fatalf("a written document does not read back: %v\n%s", err, b.Bytes())
		}
		for _, k := range kinds {
			s1, s2 := d.Sections[k.section], d2.Sections[k.section]
			if (s1 == nil) != (s2 == nil) || s1 != nil && len(s1.Objects) != len(s2.Objects) {
				t.Fatalf("section %s differs after a round trip:\n%s", k.section, b.Bytes())
			}
		}
	})
}
