package format

import (
	"strconv"
	"unicode/utf8"
)

// Obj is a JSON object with its keys in insertion order, as iproute2 prints
// them. The zero value is an empty object ready to use.
type Obj struct {
	keys []string
	vals []any
}

// Set appends key with value v. Values may be string, bool, the integer
// types, Fixed, []string, *Obj, []*Obj, or nil (JSON null).
func (o *Obj) Set(key string, v any) *Obj {
	o.keys = append(o.keys, key)
	o.vals = append(o.vals, v)
	return o
}

// Len is the number of members.
func (o *Obj) Len() int { return len(o.keys) }

// Get returns the value stored under key, if any.
func (o *Obj) Get(key string) (any, bool) {
	for i, k := range o.keys {
		if k == key {
			return o.vals[i], true
		}
	}
	return nil, false
}

// Fixed is a number printed with a fixed count of decimals, as iproute2
// prints timers ("hold_timer": 0.00).
type Fixed struct {
	V        float64
	Decimals int
}

// JSONWriter writes JSON with iproute2's layout: compact on one line, or
// pretty with four-space indentation where arrays of scalars stay on one
// line ("flags": [ "UP","LOWER_UP" ]) and objects in arrays are joined as
// "},{".
type JSONWriter struct {
	b      []byte
	pretty bool
	depth  int
	sep    byte
}

// NewJSONWriter returns a writer appending to an internal buffer.
func NewJSONWriter(pretty bool) *JSONWriter { return &JSONWriter{pretty: pretty} }

// Bytes returns what was written so far.
func (w *JSONWriter) Bytes() []byte { return w.b }

func (w *JSONWriter) eol() {
	if !w.pretty {
		return
	}
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "    "...)
	}
}

func (w *JSONWriter) eor() {
	if w.sep != 0 {
		w.b = append(w.b, w.sep)
	}
	w.sep = ','
}

func (w *JSONWriter) begin(c byte) {
	w.eor()
	w.b = append(w.b, c)
	w.depth++
	w.sep = 0
}

func (w *JSONWriter) end(c byte) {
	w.depth--
	if w.sep != 0 {
		w.eol()
	}
	w.b = append(w.b, c)
	w.sep = ','
}

// StartArray opens an array.
func (w *JSONWriter) StartArray() {
	w.begin('[')
	if w.pretty {
		w.b = append(w.b, ' ')
	}
}

// EndArray closes an array.
func (w *JSONWriter) EndArray() {
	if w.pretty && w.sep != 0 {
		w.b = append(w.b, ' ')
	}
	w.sep = 0
	w.end(']')
}

// StartObject opens an object.
func (w *JSONWriter) StartObject() { w.begin('{') }

// EndObject closes an object.
func (w *JSONWriter) EndObject() { w.end('}') }

// Name writes a member name; the value follows.
func (w *JSONWriter) Name(k string) {
	w.eor()
	w.eol()
	w.sep = 0
	w.b = appendString(w.b, k)
	w.b = append(w.b, ':')
	if w.pretty {
		w.b = append(w.b, ' ')
	}
}

// Value writes one value (see Obj.Set for the types).
func (w *JSONWriter) Value(v any) {
	switch v := v.(type) {
	case *Obj:
		w.Object(v)
		return
	case []*Obj:
		w.StartArray()
		for _, o := range v {
			w.Object(o)
		}
		w.EndArray()
		return
	case []string:
		w.StartArray()
		for _, s := range v {
			w.Value(s)
		}
		w.EndArray()
		return
	case []any:
		w.StartArray()
		for _, e := range v {
			w.Value(e)
		}
		w.EndArray()
		return
	}
	w.eor()
	switch v := v.(type) {
	case nil:
		w.b = append(w.b, "null"...)
	case string:
		w.b = appendString(w.b, v)
	case bool:
		w.b = strconv.AppendBool(w.b, v)
	case int:
		w.b = strconv.AppendInt(w.b, int64(v), 10)
	case int8:
		w.b = strconv.AppendInt(w.b, int64(v), 10)
	case int16:
		w.b = strconv.AppendInt(w.b, int64(v), 10)
	case int32:
		w.b = strconv.AppendInt(w.b, int64(v), 10)
	case int64:
		w.b = strconv.AppendInt(w.b, v, 10)
	case uint:
		w.b = strconv.AppendUint(w.b, uint64(v), 10)
	case uint8:
		w.b = strconv.AppendUint(w.b, uint64(v), 10)
	case uint16:
		w.b = strconv.AppendUint(w.b, uint64(v), 10)
	case uint32:
		w.b = strconv.AppendUint(w.b, uint64(v), 10)
	case uint64:
		w.b = strconv.AppendUint(w.b, v, 10)
	case Fixed:
		w.b = strconv.AppendFloat(w.b, v.V, 'f', v.Decimals, 64)
	default:
		panic("format: unsupported JSON value type")
	}
}

// Object writes o.
func (w *JSONWriter) Object(o *Obj) {
	w.StartObject()
	for i, k := range o.keys {
		w.Name(k)
		w.Value(o.vals[i])
	}
	w.EndObject()
}

const hexDigits = "0123456789abcdef"

func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		// A run of bytes that need no escape goes in one append.
		j := i
		for j < len(s) && plainByte(s[j]) {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\r':
				b = append(b, '\\', 'r')
			default: // another control character, or DEL (plainByte takes the rest)
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// Keys returns the member names in order.
func (o *Obj) Keys() []string { return o.keys }

// Values returns the member values in order.
func (o *Obj) Values() []any { return o.vals }

// plainByte reports whether c stands for itself in a JSON string as
// appendString writes it: printable ASCII but the quote and backslash.
func plainByte(c byte) bool { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' }
