package ioam

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/ioam6"
)

// namespaceView prints a namespace as ip's print_namespace does: data in
// hexadecimal, in JSON as strings (the data without 0x, the wide data
// with it).
type namespaceView struct{ n *ioam6.Namespace }

func (v *namespaceView) Fields(f *format.Fields) {
	n := v.n
	f.Uint("namespace", "namespace %u", uint64(n.ID))
	if n.Schema != nil {
		f.Uint("schema", " [schema %u]", uint64(*n.Schema))
	}
	if n.Data != nil {
		hex(f, "data", ", data ", fmt.Sprintf("%x", *n.Data), cAltHex(uint64(*n.Data), 10))
	}
	if n.Wide != nil {
		wide := "0"
		if *n.Wide != 0 {
			wide = fmt.Sprintf("%#x", *n.Wide)
		}
		hex(f, "wide", ", wide ", wide, cAltHex(*n.Wide, 18))
	}
	f.Line()
}

// hex prints a value that is text in JSON and another text in text.
func hex(f *format.Fields, key, label, jsonText, text string) {
	if f.JSON() {
		f.String(key, "", jsonText)
		return
	}
	f.Literal(label + text)
}

// cAltHex is C's "%#0*x": zero-padded to width with the 0x inside it,
// which C leaves out for zero.
func cAltHex(v uint64, width int) string {
	if v == 0 {
		return strings.Repeat("0", width)
	}
	return fmt.Sprintf("0x%0*x", width-2, v)
}

// schemaView prints a schema as ip's print_schema does; under -j its
// data is an array of its bytes (ip prints a null "data" and then each
// byte under an empty key, which is not valid JSON).
type schemaView struct{ s *ioam6.Schema }

func (v *schemaView) Fields(f *format.Fields) {
	s := v.s
	f.Uint("schema", "schema %u", uint64(s.ID))
	if s.Namespace != nil {
		f.Uint("namespace", " [namespace %u]", uint64(*s.Namespace))
	}
	f.Literal(", data:")
	f.OpenArray("data")
	for _, b := range s.Data {
		f.UintElement(" %02x", uint64(b))
	}
	f.CloseArray()
	f.Line()
}
