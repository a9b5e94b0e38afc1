package format

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// routeLike is a FieldRecord shaped like a route: optional members, a
// list of flags and a nested object.
type routeLike struct {
	dst, gw string
	flags   []string
	metric  uint64
}

func (r routeLike) Fields(f *Fields) {
	f.String("dst", "%s ", r.dst)
	if r.gw != "" {
		f.String("gateway", "via %s ", r.gw)
	}
	if r.metric != 0 {
		f.Uint("metric", "metric %d ", r.metric)
	}
	if f.JSON() && len(r.flags) > 0 {
		f.json.Name("flags")
		f.json.Value(r.flags)
	}
	if f.JSON() {
		f.json.Name("metrics")
		f.json.Object((&Obj{}).Set("mtu", 1400).Set("lock", []string{"mtu"}))
	}
	f.Line()
}

func TestTableOfFieldRecords(t *testing.T) {
	var out bytes.Buffer
	p := NewPrinter(&out, Options{Table: true})
	for _, r := range []routeLike{
		{dst: "10.0.0.0/24", flags: []string{"onlink", "linkdown"}},
		{dst: "10.1.0.0/16", gw: "10.0.0.2", metric: 5},
		{dst: "default", gw: "10.0.0.1"},
	} {
		if err := p.Print(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	want := `+-------------+----------+--------+-----------------+-------------------+
|     DST     | GATEWAY  | METRIC |      FLAGS      |      METRICS      |
+-------------+----------+--------+-----------------+-------------------+
| 10.0.0.0/24 |          |        | onlink,linkdown | mtu 1400 lock mtu |
| 10.1.0.0/16 | 10.0.0.2 | 5      |                 | mtu 1400 lock mtu |
| default     | 10.0.0.1 |        |                 | mtu 1400 lock mtu |
+-------------+----------+--------+-----------------+-------------------+
`
	if got := out.String(); got != want {
		t.Errorf("table:\n%s\nwant\n%s", got, want)
	}
}

func TestTableColumnsKeepTheirPlace(t *testing.T) {
	var rows tableRows
	for _, keys := range [][]string{{"a", "c"}, {"a", "b", "c"}, {"x", "a"}, {"c", "d"}} {
		o := &Obj{}
		for _, k := range keys {
			o.Set(k, k)
		}
		rows.add(o)
	}
	head, cells := rows.table()
	if got := strings.Join(head, " "); got != "x a b c d" {
		t.Errorf("columns %q, want %q", got, "x a b c d")
	}
	if got := strings.Join(cells[3], "|"); got != "|||c|d" {
		t.Errorf("last row %q", got)
	}
}

func TestParseJSONObject(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":"x\"y","b":-1.5e3,"c":true,"d":null,"e":[1,"two",{"f":false}],"g":{}}`: "a=x\"y b=-1.5e3 c=true d= e=1\ntwo\nf false g=",
		`{ "a" : [ ] , "b" : "\u00e9\n" }`:                                           "a= b=é\n",
	} {
		o, err := parseJSONObject([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var parts []string
		for i, k := range o.keys {
			parts = append(parts, k+"="+cellText(o.vals[i]))
		}
		if got := strings.Join(parts, " "); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{``, `[]`, `{`, `{"a"}`, `{"a":}`, `{"a":1,}x`, `{"a":"`, `{"a":tru}`, `{1:2}`} {
		if _, err := parseJSONObject([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzParseJSONObject checks that reading JSON never panics, and that
// what the JSONWriter writes reads back to the same cells.
func FuzzParseJSONObject(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"a":[{"b":"c"}],"d":null}`, `{"x":"\u0041\\"}`} {
		f.Add([]byte(s), "key", "value\t\xff")
	}
	f.Fuzz(func(t *testing.T, b []byte, k, v string) {
		parseJSONObject(b)
		w := NewJSONWriter(false)
		w.Object((&Obj{}).Set(k, v).Set("n", len(v)).Set("l", []string{v, k}).Set("o", (&Obj{}).Set(v, true)))
		o, err := parseJSONObject(w.Bytes())
		if err != nil {
			t.Fatalf("%q does not read back: %v", w.Bytes(), err)
		}
		k, v = written(k), written(v)
		want := []string{v, strconv.Itoa(len(v)), v + "," + k, strings.TrimSpace(v + " true")}
		if o.keys[0] != k {
			t.Errorf("key %q reads back as %q", k, o.keys[0])
		}
		for i, c := range want {
			if i == 1 {
				continue // the length of what was given, not of what was written
			}
			if got := cellText(o.vals[i]); got != c {
				t.Errorf("member %d of %q reads back as %q, want %q", i, w.Bytes(), got, c)
			}
		}
	})
}

// written is s as the JSONWriter writes it: each byte that is not UTF-8
// becomes U+FFFD.
func written(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r)
		i += n
	}
	return b.String()
}
