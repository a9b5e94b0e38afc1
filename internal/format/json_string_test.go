package format

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAppendString: the escapes as ip's JSON writer spells them.
func TestAppendString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"10.0.0.0/8", `"10.0.0.0/8"`},
		{`fe80::%a"b\c`, `"fe80::%a\"b\\c"`},
		{"x\ty\x01\n\r\x7f", `"x\ty\u0001\n\r\u007f"`},
		{"é", `"é"`},
		{"\xff", `"\ufffd"`},
	} {
		if got := string(AppendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzAppendString checks that every string becomes one JSON string that
// reads back as itself, each byte that is not UTF-8 as U+FFFD.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "eth0", `a"b\c`, "tab\there\nnl\r\x00\x1f\x7f", "héllo ✓", "\xff\xfe ok \xc3", "10.0.0.0/8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := appendString([]byte("x"), s)
		if out[0] != 'x' {
			t.Fatalf("appendString overwrote what was before it")
		}
		var got string
		if err := json.Unmarshal(out[1:], &got); err != nil {
			t.Fatalf("%q: %s is not a JSON string: %v", s, out[1:], err)
		}
		var want strings.Builder
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				want.WriteRune(utf8.RuneError)
			} else {
				want.WriteString(s[i : i+n])
			}
			i += n
		}
		if got != want.String() {
			t.Fatalf("%q: read back %q, want %q", s, got, want.String())
		}
	})
}
