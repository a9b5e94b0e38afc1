package format

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func neighObjs() []*Obj {
	mk := func(dst, dev, ll, state string) *Obj {
		o := &Obj{}
		return o.Set("dst", dst).Set("dev", dev).Set("lladdr", ll).Set("state", []string{state})
	}
	return []*Obj{
		mk("198.51.100.2", "br0", "02:00:00:00:00:03", "REACHABLE"),
		mk("192.0.2.2", "veth0", "02:00:00:00:00:02", "PERMANENT"),
		mk("2001:db8::2", "veth0", "02:00:00:00:00:02", "STALE"),
	}
}

type objRecord struct{ o *Obj }

func (r objRecord) Text(t *Text)          { t.S("x").Break().S("    y").End() }
func (r objRecord) JSON(bool) *Obj        { return r.o }
func (r objRecord) TableHeader() []string { return []string{"dst", "dev"} }
func (r objRecord) TableRow() []string {
	d, _ := r.o.Get("dst")
	v, _ := r.o.Get("dev")
	return []string{d.(string), v.(string)}
}

// TestPrettyJSONMatchesIP renders the objects of a captured `ip -j -p neigh`
// and expects the very same bytes.
func TestPrettyJSONMatchesIP(t *testing.T) {
	want, err := os.ReadFile("testdata/ip-neigh-pretty.json")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	p := NewPrinter(&b, Options{JSON: true, Pretty: true})
	for _, o := range neighObjs() {
		if err := p.Print(objRecord{o}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("pretty JSON differs\n got: %q\nwant: %q", b.String(), want)
	}
}

func TestCompactJSON(t *testing.T) {
	var b bytes.Buffer
	p := NewPrinter(&b, Options{JSON: true})
	o := &Obj{}
	o.Set("s", "a\"b\\c\n\x01").Set("n", -3).Set("u", uint64(1<<63)).Set("t", true).Set("null", nil).
		Set("f", Fixed{V: 2.5, Decimals: 2}).Set("nested", (&Obj{}).Set("k", []string{})).Set("objs", []*Obj{{}, {}})
	p.Print(objRecord{o})
	p.Close()
	want := `[{"s":"a\"b\\c\n\u0001","n":-3,"u":9223372036854775808,"t":true,"null":null,"f":2.50,"nested":{"k":[]},"objs":[{},{}]}]` + "\n"
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
	var v any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Errorf("not JSON: %v", err)
	}
}

func TestEmptyJSON(t *testing.T) {
	for _, c := range []struct {
		pretty bool
		want   string
	}{{false, "[]\n"}, {true, "[ ]\n"}} {
		var b bytes.Buffer
		p := NewPrinter(&b, Options{JSON: true, Pretty: c.pretty})
		p.Close()
		if b.String() != c.want {
			t.Errorf("pretty=%v: %q, want %q", c.pretty, b.String(), c.want)
		}
	}
}

// TestNothingBeforeClose checks that JSON and tables reach the writer
// only when the output is complete.
func TestNothingBeforeClose(t *testing.T) {
	for _, opts := range []Options{{JSON: true}, {Table: true}} {
		var b bytes.Buffer
		p := NewPrinter(&b, opts)
		for _, o := range neighObjs() {
			p.Print(objRecord{o})
		}
		if b.Len() != 0 {
			t.Errorf("%+v: %d bytes written before Close", opts, b.Len())
		}
	}
}

func TestTextModes(t *testing.T) {
	var b bytes.Buffer
	p := NewPrinter(&b, Options{Mode: Oneline})
	p.Print(objRecord{&Obj{}})
	p.Close()
	if b.String() != "x\\    y\n" {
		t.Errorf("oneline: %q", b.String())
	}
	b.Reset()
	p = NewPrinter(&b, Options{Mode: Normal})
	p.Print(objRecord{&Obj{}})
	p.Close()
	if b.String() != "x\n    y\n" {
		t.Errorf("normal: %q", b.String())
	}
}

func TestTable(t *testing.T) {
	var b bytes.Buffer
	p := NewPrinter(&b, Options{Table: true})
	for _, o := range neighObjs() {
		p.Print(objRecord{o})
	}
	p.Close()
	out := b.String()
	for _, s := range []string{"DST", "DEV", "198.51.100.2", "veth0", "2001:db8::2"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
}

func TestColorAndPad(t *testing.T) {
	var tx Text
	tx.color = true
	tx.Pad(ColorIfname, "lo ", 5)
	if got := string(tx.b); got != "\x1b[36mlo   \x1b[0m" {
		t.Errorf("%q", got)
	}
}
