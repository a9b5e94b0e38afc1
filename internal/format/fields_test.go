package format

import (
	"net/netip"
	"strings"
	"testing"
)

// linkish is a record printed through Fields, for the tests.
type linkish struct {
	name  string
	mtu   uint64
	up    bool
	flags []string
}

func (l *linkish) Fields(f *Fields) {
	f.Uint("ifindex", "%d: ", 3)
	f.StringColor(ColorIfname, "ifname", "%s: ", l.name)
	f.OpenArray("flags")
	f.Literal("<")
	for i, fl := range l.flags {
		if i > 0 {
			f.Literal(",")
		}
		f.Element("%s", fl)
	}
	f.Literal("> ")
	f.CloseArray()
	f.Uint("mtu", "mtu %d ", l.mtu)
	f.Bool("up", "up ", l.up)
	f.Line()
	f.Open("linkinfo")
	f.String("info_kind", "    %s ", "veth")
	f.Close()
	f.Uint("group", "group %#x", 0x1f)
}

func TestFieldsTextAndJSON(t *testing.T) {
	l := &linkish{name: "v0", mtu: 1500, up: true, flags: []string{"BROADCAST", "UP"}}
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{}, "3: v0: <BROADCAST,UP> mtu 1500 up \n    veth group 0x1f\n"},
		{Options{Mode: Oneline}, "3: v0: <BROADCAST,UP> mtu 1500 up \\    veth group 0x1f\n"},
		{Options{Color: true}, "3: \x1b[36mv0: \x1b[0m<BROADCAST,UP> mtu 1500 up \n    veth group 0x1f\n"},
		{Options{JSON: true}, `[{"ifindex":3,"ifname":"v0","flags":["BROADCAST","UP"],"mtu":1500,"up":true,"linkinfo":{"info_kind":"veth"},"group":31}]` + "\n"},
	} {
		var b strings.Builder
		p := NewPrinter(&b, c.opts)
		if err := p.Print(l); err != nil {
			t.Fatal(err)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		// A record ends with its own newline in text: Print adds none.
		got := b.String()
		if !c.opts.JSON {
			got += "\n"
		}
		if got != c.want {
			t.Errorf("%+v:\n got %q\nwant %q", c.opts, got, c.want)
		}
	}
}

func TestFormatVerbs(t *testing.T) {
	for _, c := range []struct {
		format string
		u      uint64
		want   string
	}{
		{"%d", 42, "42"}, {"x%dy", 7, "x7y"}, {"%x", 255, "ff"}, {"%X", 255, "FF"}, {"%#x", 255, "0xff"},
		{"%02x", 5, "05"}, {"%4d|", 42, "  42|"}, {"%-4d|", 42, "42  |"}, {"100%% %d", 1, "100% 1"},
		{"plain", 9, "plain"},
	} {
		tx := &Text{}
		NewTextFields(tx).Uint("k", c.format, c.u)
		if string(tx.b) != c.want {
			t.Errorf("%q with %d: %q, want %q", c.format, c.u, tx.b, c.want)
		}
	}
	tx := &Text{}
	NewTextFields(tx).String("k", "[%-6s]", "ab")
	NewTextFields(tx).String("k", "[%6s]", "ab")
	if string(tx.b) != "[ab    ][    ab]" {
		t.Errorf("string widths: %q", tx.b)
	}
}

func FuzzFormat(f *testing.F) {
	for _, s := range []string{"%d", "%-08s", "%#x", "%%", "%", "a%%b%d%s", "%99999999999999999999d"} {
		f.Add(s, uint64(12345), "str")
	}
	f.Fuzz(func(t *testing.T, format string, u uint64, s string) {
		tx := &Text{}
		fl := NewTextFields(tx)
		if len(format) > 64 {
			return
		}
		fl.Uint("k", format, u)
		fl.String("k", format, s)
		fl.Int("k", format, -int64(u>>1))
	})
}

// row is a FieldRecord that is also a table row.
type row struct{ linkish }

func (r *row) TableHeader() []string { return []string{"name"} }
func (r *row) TableRow() []string    { return []string{r.name} }

func TestTableTakesFieldRecords(t *testing.T) {
	var b strings.Builder
	p := NewPrinter(&b, Options{Table: true})
	if err := p.Print(&row{linkish{name: "v0"}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "+------+\n| NAME |\n+------+\n| v0   |\n+------+\n"; b.String() != want {
		t.Errorf("table:\n%s\nwant\n%s", b.String(), want)
	}
	// A view with no table row of its own gets its JSON members as cells.
	b.Reset()
	p = NewPrinter(&b, Options{Table: true})
	if err := p.Print(&linkish{name: "v0"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| IFINDEX | IFNAME |") || !strings.Contains(b.String(), "| 3       | v0     |") {
		t.Errorf("table of a view without a row of its own:\n%s", b.String())
	}
}

func TestFieldsBytesAndFloat(t *testing.T) {
	for _, c := range []struct {
		json bool
		want string
	}{
		{false, "table main  0.5s x \\"},
		{true, `{"table":"main","odd":"a\"b","t":0.5}`},
	} {
		tx := NewText(Oneline, false)
		w := NewJSONWriter(false)
		var f *Fields
		if c.json {
			f = NewJSONFields(w, Normal)
			w.StartObject()
		} else {
			f = NewTextFields(tx)
		}
		f.Bytes("table", "table %s ", []byte("main"))
		f.Bytes("odd", "", []byte(`a"b`))
		f.Float("t", " %gs ", 0.5)
		f.Literal("x ")
		f.Line()
		got := string(*tx.Bytes())
		if c.json {
			w.EndObject()
			got = string(w.Bytes())
		}
		if got != c.want {
			t.Errorf("json %v: %q, want %q", c.json, got, c.want)
		}
		tx.Reset()
		if len(*tx.Bytes()) != 0 {
			t.Error("Reset left text behind")
		}
	}
}

func TestFieldsFixed(t *testing.T) {
	tx := &Text{}
	NewTextFields(tx).Fixed("k", "t %7s|", 12.5, 2)
	if got := string(tx.b); got != "t   12.50|" {
		t.Errorf("text %q", got)
	}
	w := NewJSONWriter(false)
	w.StartObject()
	NewJSONFields(w, Normal).Fixed("k", "t %7s|", 12.5, 2)
	w.EndObject()
	if got := string(w.Bytes()); got != `{"k":12.50}` {
		t.Errorf("json %s", got)
	}
}

func TestFieldsAddrAndPrefix(t *testing.T) {
	a, p := netip.MustParseAddr("2001:db8::1"), netip.MustParsePrefix("10.0.0.0/8")
	tx := NewText(Normal, false)
	f := NewTextFields(tx)
	f.Addr("gateway", "via %s ", a)
	f.Prefix("dst", "%s ", p)
	f.Addr("x", "[%-12s]", netip.MustParseAddr("1.2.3.4"))
	if got, want := string(*tx.Bytes()), "via 2001:db8::1 10.0.0.0/8 [1.2.3.4     ]"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	w := NewJSONWriter(false)
	w.StartObject()
	f = NewJSONFields(w, Normal)
	f.Addr("gateway", "via %s ", a)
	f.Prefix("dst", "%s ", p)
	w.EndObject()
	if got, want := string(w.Bytes()), `{"gateway":"2001:db8::1","dst":"10.0.0.0/8"}`; got != want {
		t.Errorf("json %q, want %q", got, want)
	}
}
