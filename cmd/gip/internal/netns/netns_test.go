package netns

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
)

func TestViews(t *testing.T) {
	for _, c := range []struct {
		name string
		v    format.FieldRecord
		json bool
		want string
	}{
		{"list", &nameView{name: "pb-b", id: 5}, false, "pb-b (id: 5)\n"},
		{"list without id", &nameView{name: "pb-a", id: -1}, false, "pb-a\n"},
		{"list json", &nameView{name: "pb-b", id: 5}, true, `[{"name":"pb-b","id":5}]` + "\n"},
		{"list json without id", &nameView{name: "pb-a", id: -1}, true, `[{"name":"pb-a"}]` + "\n"},
		{"list-id", &idView{nsid: 0, name: "pb-b"}, false, "nsid 0 (iproute2 netns name: pb-b)\n"},
		{"list-id unnamed", &idView{nsid: 3}, false, "nsid 3 \n"},
		{"list-id json", &idView{nsid: 0, name: "pb-b"}, true, `[{"nsid":0,"name":"pb-b"}]` + "\n"},
	} {
		var b strings.Builder
		p := format.NewPrinter(&b, format.Options{JSON: c.json})
		if err := p.Print(c.v); err != nil {
			t.Fatal(err)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("%s: %q, want %q", c.name, b.String(), c.want)
		}
	}
}

func TestNameArg(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
		code int
	}{
		{[]string{"pb-a", "x"}, "", 0},
		{nil, "No netns name specified", fail.ExitLocal},
		{[]string{"a/b"}, `Invalid netns name "a/b"`, fail.ExitUsage},
		{[]string{".."}, `Invalid netns name ".."`, fail.ExitUsage},
		{[]string{strings.Repeat("n", 256)}, `Invalid netns name "` + strings.Repeat("n", 256) + `"`, fail.ExitUsage},
	} {
		name, err := nameArg(c.args)
		switch {
		case c.msg == "" && (err != nil || name != c.args[0]):
			t.Errorf("%q: %q %v", c.args, name, err)
		case c.msg != "" && (err == nil || err.Error() != c.msg || fail.ExitCode(err) != c.code):
			t.Errorf("%q: %v, want %q (exit %d)", c.args, err, c.msg, c.code)
		}
	}
}

func FuzzNameArg(f *testing.F) {
	for _, s := range []string{"pb-a", "", ".", "..", "a/b", strings.Repeat("x", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, err := nameArg([]string{s})
		if err == nil && (name != s || strings.Contains(s, "/") || s == "" || s == "." || s == "..") {
			t.Fatalf("%q accepted as %q", s, name)
		}
	})
}
