package app

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

var ioamErrors = []string{
	"ioam", "ioam help", "ioam frob", "ioam names show", "ioam namespace", "ioam schema", "ioam namespace frob",
	"ioam namespace sh", "ioam namespace help", "ioam schema frob", "ioam namespace add", "ioam namespace add x",
	"ioam namespace add 70000", "ioam namespace add 5 wide ff data 3", "ioam namespace add 5 frob",
	"ioam namespace add 6 data x", "ioam namespace add 6 wide zz", "ioam namespace add 6 data 1 frob",
	"ioam namespace add 9 data", "ioam namespace add 9 data 1 wide", "ioam namespace del", "ioam namespace del 99",
	"ioam namespace set 1", "ioam namespace set 1 schema", "ioam namespace set 1 frob 1", "ioam namespace set 1 schema x",
	"ioam namespace set 2 schema 99", "ioam schema add", "ioam schema add x y", "ioam schema add 12",
	"ioam schema add 13 " + strings.Repeat("x", 1021), "ioam schema del 99",
}

var ioamChanges = []string{
	"ioam namespace add 1", "ioam namespace add 2 data 0x1234", "ioam namespace add 3 wide 1234abcd",
	"ioam namespace add 4 data 7 wide ff", "ioam namespace add 4", "ioam namespace add 7 data 0 wide 0x0 extra",
	"ioam namespace add 8 wide 0", "ioam schema add 10 abc", "ioam schema add 11 hello",
	"ioam schema add 12 " + strings.Repeat("y", 1020), "ioam schema add 10 again",
	"ioam namespace set 1 schema 10", "ioam namespace set 3 schema 11", "ioam namespace set 3 schema none",
	"ioam namespace set 4 schema 11", "ioam namespace del 2", "ioam schema del 12",
}

// sortedLines is a listing in a fixed order: the kernel lists namespaces
// and schemas in the order of a hash table seeded per namespace.
func sortedLines(s string) string {
	l := strings.Split(s, "\n")
	slices.Sort(l)
	return strings.Join(l, "\n")
}

func TestIoamMatchesIP(t *testing.T) {
	ref, ns := twinNS(t)
	if r := tool(t, "ip", "-n", ns, "ioam", "namespace", "show"); r.code != 0 {
		compareCommand(t, ref, ns, "ioam namespace show")
		testenv.Missing(t, testenv.GenlIOAM, "%s", strings.TrimSpace(r.Stderr))
	}
	shows := []string{"ioam namespace show", "ioam schema show"}
	same := func(what string) {
		t.Helper()
		for _, n := range []string{ref, ns} {
			for _, c := range shows {
				for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
					args := append(append([]string{"-n", n}, opts...), splitArgs(c)...)
					want, got := tool(t, "ip", args...), gip(t, args...)
					if got.code != want.code || got.Stderr != want.Stderr {
						t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
					}
					switch {
					case opts == nil:
						compareLines(t, strings.Join(args, " "), want.Stdout, got.Stdout)
					case c == "ioam schema show":
						ioamSchemasJSON(t, want.Stdout, got.Stdout)
					case !jsonEqual(t, want.Stdout, got.Stdout):
						t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
					}
				}
			}
		}
		for _, c := range shows {
			a := sortedLines(tool(t, "ip", append([]string{"-n", ref}, splitArgs(c)...)...).Stdout)
			b := sortedLines(tool(t, "ip", append([]string{"-n", ns}, splitArgs(c)...)...).Stdout)
			compareLines(t, what+": "+c+": what ip made and what gip made, as ip lists them", a, b)
		}
	}
	for _, c := range ioamErrors {
		compareCommand(t, ref, ns, c)
	}
	same("empty")
	for _, c := range ioamChanges {
		compareCommand(t, ref, ns, c)
		same(c)
	}
	compareBatch(t, ref, ns, "ioam namespace add 20 data 5\nioam namespace add x\nioam namespace add 21\n")
	compareBatch(t, ref, ns, "ioam schema add 30 abcd\nioam namespace set 20 schema 99\nioam namespace set 20 schema 30\n", "-force")
	same("batches")
	if out := tool(t, "ip", "-n", ns, "ioam", "namespace", "show").Stdout; !strings.Contains(out, "namespace 20 [schema 30], data 0x00000005\n") {
		t.Errorf("gip's changes read back through ip as\n%s", out)
	}
}

// ioamSchemasJSON compares ip's JSON of schemas, where each byte of the
// data follows a null "data" under an empty key (not valid JSON), with
// gip's, where "data" is the array of the bytes.
func ioamSchemasJSON(t *testing.T, ip, gip string) {
	t.Helper()
	var got []map[string]any
	if err := json.Unmarshal([]byte(gip), &got); err != nil {
		t.Fatalf("gip's JSON of schemas is not JSON: %v\n%s", err, gip)
	}
	// ip's objects, read key by key: the repeated empty key is the data.
	dec := json.NewDecoder(strings.NewReader(ip))
	want := []map[string]any{}
	tok := func() json.Token {
		tk, err := dec.Token()
		if err != nil {
			t.Fatalf("ip's JSON of schemas: %v\n%s", err, ip)
		}
		return tk
	}
	tok() // [
	for dec.More() {
		tok() // {
		o := map[string]any{}
		var data []any
		for dec.More() {
			key := tok().(string)
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			switch key {
			case "":
				data = append(data, v)
			case "data":
			default:
				o[key] = v
			}
		}
		tok() // }
		o["data"] = data
		if data == nil {
			o["data"] = []any{}
		}
		want = append(want, o)
	}
	wantJSON, _ := json.Marshal(want)
	if !jsonEqual(t, string(wantJSON), gip) {
		t.Errorf("schemas: ip %s, gip %s", ip, gip)
	}
}
