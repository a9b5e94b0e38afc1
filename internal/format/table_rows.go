package format

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// tableRows gathers the rows of records that have no table of their own
// (no Tabular): each record's JSON members are its cells, named by their
// keys, so that every listing with -table gets a table from the one
// description of its fields. The columns are the keys in the order they
// first appear; a key a later record brings in goes after the key it
// follows there.
type tableRows struct {
	cols []string
	rows []map[string]string
}

// add adds the row of one record's JSON object.
func (t *tableRows) add(o *Obj) {
	row := make(map[string]string, o.Len())
	prev := -1 // the column of the record's previous key
	for i, k := range o.keys {
		row[k] = cellText(o.vals[i])
		at := -1
		for c, name := range t.cols {
			if name == k {
				at = c
				break
			}
		}
		if at < 0 {
			at = prev + 1
			t.cols = append(t.cols[:at], append([]string{k}, t.cols[at:]...)...)
		}
		prev = at
	}
	t.rows = append(t.rows, row)
}

// table returns the header and the rows' cells in column order.
func (t *tableRows) table() ([]string, [][]string) {
	out := make([][]string, len(t.rows))
	for i, r := range t.rows {
		cells := make([]string, len(t.cols))
		for c, k := range t.cols {
			cells[c] = r[k]
		}
		out[i] = cells
	}
	return t.cols, out
}

// cellText is a JSON value as a table cell: scalars as they read, a list
// of scalars joined with commas, an object's members as "key value"
// pairs, and a list of objects one per line.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case jsonNumber:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	case Fixed:
		return strconv.FormatFloat(v.V, 'f', v.Decimals, 64)
	case []string:
		return strings.Join(v, ",")
	case *Obj:
		parts := make([]string, 0, v.Len())
		for i, k := range v.keys {
			parts = append(parts, strings.TrimSpace(k+" "+cellText(v.vals[i])))
		}
		return strings.Join(parts, " ")
	case []*Obj:
		parts := make([]string, len(v))
		for i, o := range v {
			parts[i] = cellText(o)
		}
		return strings.Join(parts, "\n")
	case []any:
		sep := ","
		parts := make([]string, len(v))
		for i, x := range v {
			if _, ok := x.(*Obj); ok {
				sep = "\n"
			}
			parts[i] = cellText(x)
		}
		return strings.Join(parts, sep)
	}
	var w JSONWriter // the integer types
	w.Value(v)
	return string(w.Bytes())
}

// jsonNumber is a number read back from JSON, kept as written.
type jsonNumber string

var errBadJSON = errors.New("format: malformed JSON")

// parseJSONObject reads back an object the JSONWriter wrote (compact), as
// an Obj whose values are string, jsonNumber, bool, nil, *Obj and []any.
func parseJSONObject(b []byte) (*Obj, error) {
	r := jsonReader{b: b}
	v, err := r.value()
	if err != nil {
		return nil, err
	}
	r.skipSpace()
	o, ok := v.(*Obj)
	if !ok || r.i != len(r.b) {
		return nil, errBadJSON
	}
	return o, nil
}

type jsonReader struct {
	b []byte
	i int
}

func (r *jsonReader) skipSpace() {
	for r.i < len(r.b) && strings.IndexByte(" \t\r\n", r.b[r.i]) >= 0 {
		r.i++
	}
}

func (r *jsonReader) value() (any, error) {
	r.skipSpace()
	if r.i >= len(r.b) {
		return nil, errBadJSON
	}
	switch c := r.b[r.i]; {
	case c == '{':
		r.i++
		o := &Obj{}
		if r.closes('}') {
			return o, nil
		}
		for {
			k, err := r.value()
			key, ok := k.(string)
			if err != nil || !ok || !r.skip(':') {
				return nil, errBadJSON
			}
			v, err := r.value()
			if err != nil {
				return nil, err
			}
			o.Set(key, v)
			if r.closes('}') {
				return o, nil
			}
			if !r.skip(',') {
				return nil, errBadJSON
			}
		}
	case c == '[':
		r.i++
		a := []any{}
		if r.closes(']') {
			return a, nil
		}
		for {
			v, err := r.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
			if r.closes(']') {
				return a, nil
			}
			if !r.skip(',') {
				return nil, errBadJSON
			}
		}
	case c == '"':
		return r.str()
	case r.literal("true"):
		return true, nil
	case r.literal("false"):
		return false, nil
	case r.literal("null"):
		return nil, nil
	default:
		start := r.i
		for r.i < len(r.b) && strings.IndexByte("+-.0123456789eE", r.b[r.i]) >= 0 {
			r.i++
		}
		if r.i == start {
			return nil, errBadJSON
		}
		return jsonNumber(r.b[start:r.i]), nil
	}
}

// skip steps over c, after white space, if it comes next.
func (r *jsonReader) skip(c byte) bool {
	r.skipSpace()
	if r.i < len(r.b) && r.b[r.i] == c {
		r.i++
		return true
	}
	return false
}

// closes steps over the closing byte of an object or array if it comes
// next.
func (r *jsonReader) closes(c byte) bool { return r.skip(c) }

func (r *jsonReader) literal(s string) bool {
	if bytes.HasPrefix(r.b[r.i:], []byte(s)) {
		r.i += len(s)
		return true
	}
	return false
}

func (r *jsonReader) str() (string, error) {
	start := r.i
	r.i++
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case '\\':
			r.i += 2
			continue
		case '"':
			r.i++
			s, err := strconv.Unquote(string(r.b[start:r.i]))
			if err != nil {
				return "", errBadJSON
			}
			return s, nil
		}
		r.i++
	}
	return "", errBadJSON
}
