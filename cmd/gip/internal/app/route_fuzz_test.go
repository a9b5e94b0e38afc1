package app

import (
	"os"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
)

func FuzzSplitBatchLine(f *testing.F) {
	f.Add("route add 10.0.0.0/8 dev lo")
	f.Add(`"route" 'add' x "unterminated`)
	f.Add("\t  route\r\n")
	f.Fuzz(func(t *testing.T, line string) {
		words, err := splitBatchLine(line, nil)
		if err != nil {
			return
		}
		for _, w := range words {
			if strings.ContainsAny(w, "\n") && !strings.ContainsAny(line, `"'`) {
				t.Fatalf("word %q of %q holds a line break", w, line)
			}
		}
	})
}

func TestSplitBatchLine(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"route add 10.0.0.0/8 dev lo\n", []string{"route", "add", "10.0.0.0/8", "dev", "lo"}},
		{`"a b" 'c d' e`, []string{"a b", "c d", "e"}},
		{"  \t ", nil},
		{`x "y"z w`, []string{"x", "y", "w"}},
	} {
		got, err := splitBatchLine(tc.in, nil)
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("splitBatchLine(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := splitBatchLine(`route "add`, nil); err == nil {
		t.Error("unterminated quote accepted")
	}
}

func TestParseIPv4LikeIP(t *testing.T) {
	for in, want := range map[string]string{"10": "10.0.0.0", "10.1": "10.1.0.0", "0x0a.010.1.1": "10.8.1.1", "1.2.3.4": "1.2.3.4"} {
		a, ok := grammar.ParseIPv4(in)
		if !ok || a.String() != want {
			t.Errorf("parseIPv4(%q) = %v %v, want %s", in, a, ok, want)
		}
	}
	for _, in := range []string{"256.1.1.1", "1.2.3.4.5", "1..2", "", "a.b"} {
		if _, ok := grammar.ParseIPv4(in); ok {
			t.Errorf("parseIPv4(%q) accepted", in)
		}
	}
}

func TestNameDatabases(t *testing.T) {
	dir := t.TempDir()
	old := env.Iproute2ConfDir
	env.Iproute2ConfDir = dir
	defer func() { env.Iproute2ConfDir = old }()
	writeFile(t, dir+"/rt_tables", "# comment\n100\tcustomers\n0x65 hex\n")
	writeFile(t, dir+"/rt_protos", "200 mine\n")
	n := env.NewNames(false)
	if id, ok := n.ParseTable("customers"); !ok || id != 100 {
		t.Errorf("table customers = %d %v", id, ok)
	}
	if id, ok := n.ParseTable("hex"); !ok || id != 101 {
		t.Errorf("table hex = %d %v", id, ok)
	}
	if got := string(n.AppendTable(nil, 254)); got != "main" {
		t.Errorf("table 254 = %q", got)
	}
	if got := string(n.AppendProto(nil, 200)); got != "mine" {
		t.Errorf("proto 200 = %q", got)
	}
	if got := string(env.NewNames(true).AppendTable(nil, 100)); got != "100" {
		t.Errorf("-N table 100 = %q", got)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
