package grammar

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// Setter reads the value of one keyword from the cursor (the keyword
// itself already consumed) and stores it where it was made to.
type Setter func(a *Args) error

// Keywords maps ip's keywords to the setters that read their values: a
// parser looks the word up instead of spelling out, case by case, "take
// the value, convert it, complain in ip's words".
//
//	kw := grammar.Keywords{
//		"dev": grammar.String(&dev),
//		"mtu": grammar.Uint(&mtu, "Invalid \"mtu\" value\n"),
//		"hairpin": grammar.OnOff(&hairpin, "hairpin"),
//	}
//	for a.More() {
//		w := a.Next()
//		if ok, err := kw.Parse(a, w); ok || err != nil { ... continue or return err }
//		... the keywords that need more than a value
//	}
type Keywords map[string]Setter

// Parse runs the setter of w, if w is a keyword of the table: ok says it
// was one.
func (k Keywords) Parse(a *Args, w string) (ok bool, err error) {
	set, ok := k[w]
	if !ok {
		return false, nil
	}
	return true, set(a)
}

// String stores the value as it is.
func String(p *string) Setter {
	return func(a *Args) error {
		v, err := a.Value()
		if err != nil {
			return err
		}
		*p = v
		return nil
	}
}

// Uint stores a C number (decimal, 0x hex, 0 octal) that fits *p; another
// value is ip's invarg error with msg.
func Uint[T ~uint8 | ~uint16 | ~uint32 | ~uint64](p *T, msg string) Setter {
	bits := bitsOf[T]()
	return func(a *Args) error {
		v, err := ParseValue(a, func(s string) (uint64, bool) { return ParseCUint(s, bits) }, msg)
		if err != nil {
			return err
		}
		*p = T(v)
		return nil
	}
}

// Set stores what parse makes of the value; a value it refuses is ip's
// invarg error with msg.
func Set[T any](p *T, parse func(string) (T, bool), msg string) Setter {
	return func(a *Args) error {
		v, err := ParseValue(a, parse, msg)
		if err != nil {
			return err
		}
		*p = v
		return nil
	}
}

// OnOff stores "on" as true and "off" as false; another value is ip's
// `Error: argument of "KW" must be "on" or "off", not "x"`.
func OnOff(p *bool, kw string) Setter {
	return func(a *Args) error {
		v, err := a.Value()
		if err != nil {
			return err
		}
		on, err := ParseOnOff(kw, v)
		if err != nil {
			return err
		}
		*p = on
		return nil
	}
}

// ParseOnOff reads ip's on/off value of keyword kw.
func ParseOnOff(kw, v string) (bool, error) {
	switch v {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, fail.Localf("Error: argument of %q must be \"on\" or \"off\", not %q", kw, v)
}

// bitsOf is the width in bits of an unsigned integer type.
func bitsOf[T ~uint8 | ~uint16 | ~uint32 | ~uint64]() int {
	n := 0
	for v := ^T(0); v != 0; v >>= 1 {
		n++
	}
	return n
}
