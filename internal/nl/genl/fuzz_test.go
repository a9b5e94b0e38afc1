package genl_test

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl/genl"
)

// FuzzParseFamily feeds arbitrary attribute buffers to the family decoder:
// an error is fine, a panic is not, and a decoded family has what it must.
func FuzzParseFamily(f *testing.F) {
	f.Add(familyAttrs(f))
	f.Add([]byte{})
	f.Add([]byte{8, 0, 1, 0, 0x10, 0, 0, 0, 11, 0, 2, 0, 'n', 'l', 'c', 't', 'r', 'l', 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		fam, err := genl.ParseFamily(b)
		if err != nil {
			return
		}
		if fam.ID == 0 || fam.Name == "" {
			t.Fatalf("decoded a family without id or name: %+v", fam)
		}
		for _, g := range fam.Groups {
			if _, ok := fam.Group(g.Name); !ok {
				t.Fatalf("group %q decoded but not found by name", g.Name)
			}
		}
	})
}

// FuzzParse checks the genl header split on arbitrary payloads.
func FuzzParse(f *testing.F) {
	f.Add([]byte{3, 2, 0, 0, 4, 0, 1, 0})
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := genl.Parse(b)
		if err != nil {
			if len(b) >= genl.HeaderLen {
				t.Fatalf("refused %d bytes: %v", len(b), err)
			}
			return
		}
		if len(m.Attrs) != len(b)-genl.HeaderLen || m.Header.Command != b[0] || m.Header.Version != b[1] {
			t.Fatalf("Parse(% x) = %+v", b, m)
		}
	})
}
