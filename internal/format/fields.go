package format

import (
	"net/netip"
	"strconv"
	"strings"
)

// Fields prints one record field by field, each call rendering the field
// as text, as JSON, or both, the way iproute2's print_*(PRINT_ANY, key,
// fmt, value) does: a view says once what a field is called in JSON, how
// it reads in text and what its value is, and the mode decides.
//
//	f.String("ifname", "%s: ", l.Name)
//	f.Uint("mtu", "mtu %d ", uint64(l.MTU))
//	f.Bool("nodad", "nodad ", a.NoDAD)   // only when set: f.Bool prints either way
//
// A text format holds at most one verb: %s, %d, %u, %x, %X, %#x or %g, with
// an optional width ("%-16s", "%02x"); "%%" is a percent sign. Keys are
// never printed in text, formats never in JSON. The JSON side writes to a
// streaming JSONWriter, so records are never built as maps.
type Fields struct {
	json *JSONWriter // nil when printing text
	text *Text       // nil when printing JSON
	mode Mode
}

// NewTextFields prints fields as text into t, in t's layout.
func NewTextFields(t *Text) *Fields { return &Fields{text: t, mode: t.mode} }

// NewJSONFields prints fields as members of the JSON object open in w;
// mode is the layout the JSON stands for (Brief for -br -j).
func NewJSONFields(w *JSONWriter, mode Mode) *Fields { return &Fields{json: w, mode: mode} }

// JSON reports whether the fields go to JSON.
func (f *Fields) JSON() bool { return f.json != nil }

// Mode is the layout: -o, -br or the normal one (-br -j prints the brief
// JSON schema).
func (f *Fields) Mode() Mode { return f.mode }

// Text is the text being written, for views that need more than fields
// (nil in JSON).
func (f *Fields) Text() *Text { return f.text }

// String prints a string field.
func (f *Fields) String(key, textFmt, v string) { f.StringColor("", key, textFmt, v) }

// StringColor prints a string field, in colour c in text when colours
// are on. As iproute2's print_color_string, the colour spans the whole
// text the format makes: "%-16s " colours the name, its padding and the
// space after it.
func (f *Fields) StringColor(c, key, textFmt, v string) {
	if f.json != nil {
		if key != "" {
			f.json.Name(key)
			f.json.StringValue(v)
		}
		return
	}
	t := f.text
	if i := bareVerbAt(textFmt, 's'); i >= 0 && (c == "" || !t.color) {
		b := append(t.b, textFmt[:i]...)
		b = append(b, v...)
		t.b = append(b, textFmt[i+2:]...) // one store per field: the text is a heap object
		return
	}
	appendField(t, c, textFmt, v)
}

// Bytes prints a string field held in a byte slice (a name or an address
// appended into a scratch buffer), so a hot view allocates no string.
func (f *Fields) Bytes(key, textFmt string, v []byte) {
	if f.json != nil {
		f.jsonBytes(key, v)
		return
	}
	t := f.text
	if i := bareVerbAt(textFmt, 's'); i >= 0 {
		b := append(t.b, textFmt[:i]...)
		b = append(b, v...)
		t.b = append(b, textFmt[i+2:]...)
		return
	}
	appendField(t, "", textFmt, v)
}

func (f *Fields) jsonBytes(key string, v []byte) {
	if key == "" {
		return
	}
	f.json.Name(key)
	if plainJSON(v) {
		f.json.BytesValue(v)
	} else {
		f.json.StringValue(string(v))
	}
}

// appendField appends a string field through any format: flags, a
// width, colour. The common bare formats never come here, which keeps the
// field methods' frames small.
func appendField[T ~string | ~[]byte](t *Text, c, textFmt string, v T) {
	pre, spec, post := splitFormat(textFmt)
	// The colour spans all the format makes, as print_color_string's
	// does: "\e[36mlo: \e[0m".
	colored := t.color && c != ""
	b := t.b
	if colored {
		b = append(b, c...)
	}
	b = append(b, pre...)
	if spec.verb != 0 {
		start := len(b)
		b = append(b, v...)
		if spec.width > 0 {
			b = pad(b, start, len(v), spec)
		}
		b = append(b, post...)
	}
	if colored {
		b = append(b, colorReset...)
	}
	t.b = b
}

// Addr prints an address, appended where it goes rather than built as a
// string first (route tables print millions).
func (f *Fields) Addr(key, textFmt string, a netip.Addr) {
	appendValue(f, key, textFmt, a)
}

// Prefix prints ADDR/LEN.
func (f *Fields) Prefix(key, textFmt string, p netip.Prefix) {
	appendValue(f, key, textFmt, p)
}

type addrOrPrefix interface {
	netip.Addr | netip.Prefix
	AppendTo(b []byte) []byte
}

// appendValue prints a value that appends its own text, which needs no
// escaping in JSON (a type parameter rather than an interface, so the
// value is not moved to the heap).
func appendValue[T addrOrPrefix](f *Fields, key, textFmt string, v T) {
	if f.json != nil {
		if key != "" {
			j := f.json
			j.Name(key)
			j.eor()
			j.b = append(j.b, '"')
			j.b = v.AppendTo(j.b)
			j.b = append(j.b, '"')
		}
		return
	}
	t := f.text
	if i := bareVerbAt(textFmt, 's'); i >= 0 {
		b := append(t.b, textFmt[:i]...)
		b = v.AppendTo(b)
		t.b = append(b, textFmt[i+2:]...)
		return
	}
	appendField(t, "", textFmt, v.AppendTo(nil))
}

// plainJSON reports whether b needs no escaping inside a JSON string.
func plainJSON(b []byte) bool {
	for _, c := range b {
		if !plainByte(c) {
			return false
		}
	}
	return true
}

// Float prints a number as C's %g does (six significant digits): the
// text format's verb is %g.
func (f *Fields) Float(key, textFmt string, v float64) {
	if f.json != nil {
		if key != "" {
			f.json.Name(key)
			f.json.FloatValue(v)
		}
		return
	}
	appendFormatted(f.text, textFmt, func(b []byte, _ spec) []byte { return strconv.AppendFloat(b, v, 'g', 6, 64) })
}

// Uint prints an unsigned number.
func (f *Fields) Uint(key, textFmt string, v uint64) {
	if f.json != nil {
		if key != "" {
			f.json.Name(key)
			f.json.UintValue(v)
		}
		return
	}
	t := f.text
	if i := bareVerbAt(textFmt, 'u'); i >= 0 {
		b := append(t.b, textFmt[:i]...)
		b = strconv.AppendUint(b, v, 10)
		t.b = append(b, textFmt[i+2:]...)
		return
	}
	appendUint(t, textFmt, v)
}

// UintElement prints one number element of the open array, in text
// through textFmt.
func (f *Fields) UintElement(textFmt string, v uint64) {
	if f.json != nil {
		f.json.UintValue(v)
		return
	}
	appendUint(f.text, textFmt, v)
}

// appendUint appends a number through any format: decimal, %x, %X, %#x.
func appendUint(t *Text, textFmt string, v uint64) {
	appendFormatted(t, textFmt, func(b []byte, sp spec) []byte {
		switch sp.verb {
		case 'x', 'X':
			if sp.alt && sp.verb == 'x' {
				b = append(b, "0x"...)
			}
			start := len(b)
			b = strconv.AppendUint(b, v, 16)
			if sp.verb == 'X' {
				for i := start; i < len(b); i++ {
					if c := b[i]; c >= 'a' && c <= 'f' {
						b[i] = c - 'a' + 'A'
					}
				}
			}
			return b
		}
		return strconv.AppendUint(b, v, 10)
	})
}

// appendFormatted appends a value through a format with one verb: the
// text before the verb, the value as value appends it (padded to the
// verb's width), the text after. A format without a verb prints its text
// alone.
func appendFormatted(t *Text, textFmt string, value func(b []byte, sp spec) []byte) {
	pre, sp, post := splitFormat(textFmt)
	b := append(t.b, pre...)
	if sp.verb != 0 {
		start := len(b)
		b = value(b, sp)
		if sp.width > 0 {
			b = pad(b, start, len(b)-start, sp)
		}
		b = append(b, post...)
	}
	t.b = b
}

// Int prints a signed number.
func (f *Fields) Int(key, textFmt string, v int64) {
	if f.json != nil {
		if key != "" {
			f.json.Name(key)
			f.json.IntValue(v)
		}
		return
	}
	appendFormatted(f.text, textFmt, func(b []byte, _ spec) []byte { return strconv.AppendInt(b, v, 10) })
}

// Fixed prints a number with decimals digits after the point (timers in
// seconds): in JSON as a number, in text through textFmt, whose verb is
// %s with an optional width ("%7s" reads as C's "%7.2f").
func (f *Fields) Fixed(key, textFmt string, v float64, decimals int) {
	if f.json != nil {
		if key != "" {
			f.json.Name(key)
			f.json.Value(Fixed{V: v, Decimals: decimals})
		}
		return
	}
	f.StringColor("", "", textFmt, strconv.FormatFloat(v, 'f', decimals, 64))
}

// Bool prints a boolean: true or false in JSON, the text (which takes no
// verb) in text when v is true.
func (f *Fields) Bool(key, text string, v bool) {
	if f.json != nil {
		if key != "" {
			f.json.Name(key)
			f.json.BoolValue(v)
		}
		return
	}
	if v {
		f.text.b = append(f.text.b, text...)
	}
}

// Null prints JSON null under key, or the text (which takes no verb).
func (f *Fields) Null(key, text string) {
	if f.json != nil {
		f.json.Name(key)
		f.json.NullValue()
		return
	}
	f.text.b = append(f.text.b, text...)
}

// Literal prints s in text only (iproute2's PRINT_FP).
func (f *Fields) Literal(s string) {
	if f.text != nil {
		f.text.b = append(f.text.b, s...)
	}
}

// Line ends a line inside a record in text (a line break, or "\" with
// -o); nothing in JSON.
func (f *Fields) Line() {
	if f.text != nil {
		f.text.Break()
	}
}

// Open starts a nested JSON object under key; text is unaffected.
func (f *Fields) Open(key string) {
	if f.json != nil {
		f.json.Name(key)
		f.json.StartObject()
	}
}

// Close ends the object Open started.
func (f *Fields) Close() {
	if f.json != nil {
		f.json.EndObject()
	}
}

// OpenArray starts a JSON array under key (key "" inside an array).
func (f *Fields) OpenArray(key string) {
	if f.json != nil {
		if key != "" {
			f.json.Name(key)
		}
		f.json.StartArray()
	}
}

// CloseArray ends the array OpenArray started.
func (f *Fields) CloseArray() {
	if f.json != nil {
		f.json.EndArray()
	}
}

// OpenElement starts an object element of the open array.
func (f *Fields) OpenElement() {
	if f.json != nil {
		f.json.StartObject()
	}
}

// Element prints one string element of the open array, in text through
// textFmt.
func (f *Fields) Element(textFmt, v string) {
	if f.json != nil {
		f.json.StringValue(v)
		return
	}
	f.StringColor("", "", textFmt, v)
}

// FieldRecord is a view printed through Fields: one method for text and
// JSON alike.
type FieldRecord interface {
	Fields(f *Fields)
}

// maxWidth bounds a format's width: formats are the program's own, but a
// typo must not make a line of gigabytes.
const maxWidth = 1024

// spec is the verb of a text format (verb 0: the format has none and the
// value is not printed in text).
type spec struct {
	verb  byte
	width int
	left  bool // '-': pad on the right
	zero  bool // '0': pad with zeros
	alt   bool // '#': 0x before hex
}

// splitFormat cuts a format at its one verb. The common format, a bare
// verb ("%s ", "dev %s "), is cut inline; the rest by splitFormatSpec.
func splitFormat(s string) (pre string, sp spec, post string) {
	if i := strings.IndexByte(s, '%'); i >= 0 && i+1 < len(s) && bareVerb(s[i+1]) {
		return s[:i], spec{verb: s[i+1]}, s[i+2:]
	}
	return splitFormatSpec(s)
}

// bareVerbAt is where the format's first verb stands when that verb is
// %VERB itself, with no flags or width; -1 when it is anything else. A
// loop, not strings.IndexByte: formats are a few bytes long.
func bareVerbAt(s string, verb byte) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			if s[i+1] == verb {
				return i
			}
			return -1
		}
	}
	return -1
}

func bareVerb(c byte) bool {
	return c == 's' || c == 'd' || c == 'u' || c == 'x' || c == 'X' || c == 'g'
}

// splitFormatSpec cuts any format: flags, widths, "%%", or no verb.
func splitFormatSpec(s string) (pre string, sp spec, post string) {
	for i := strings.IndexByte(s, '%'); i >= 0 && i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '%' {
			// "%%": keep one percent sign in the literal text.
			p, sp2, post2 := splitFormatSpec(s[i+2:])
			return s[:i+1] + p, sp2, post2
		}
		j := i + 1
		for ; j < len(s); j++ {
			switch c := s[j]; {
			case c == '-':
				sp.left = true
			case c == '#':
				sp.alt = true
			case c == '0' && sp.width == 0:
				sp.zero = true
			case c >= '0' && c <= '9':
				sp.width = min(sp.width*10+int(c-'0'), maxWidth)
			default:
				sp.verb = c
				return s[:i], sp, s[j+1:]
			}
		}
		return s[:i], sp, ""
	}
	return s, sp, ""
}

// pad widens the n bytes of b that start at start to the spec's width.
func pad(b []byte, start, n int, sp spec) []byte {
	if n >= sp.width { // also every format without a width
		return b
	}
	fill := byte(' ')
	if sp.zero && !sp.left {
		fill = '0'
	}
	k := sp.width - n
	if sp.left {
		for ; k > 0; k-- {
			b = append(b, ' ')
		}
		return b
	}
	end := len(b)
	for ; k > 0; k-- {
		b = append(b, fill)
	}
	copy(b[start+sp.width-n:], b[start:end])
	for i := start; i < start+sp.width-n; i++ {
		b[i] = fill
	}
	return b
}
