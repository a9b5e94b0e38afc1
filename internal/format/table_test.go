package format

import (
	"os"
	"strings"
	"testing"
)

// TestWriteTable compares tables with testdata/table.golden, the layout
// people know from the table library the suite used before (borders,
// centred upper-case headers, left-aligned cells, wide characters).
func TestWriteTable(t *testing.T) {
	var b strings.Builder
	for _, c := range []struct {
		h    []string
		rows [][]string
	}{
		{[]string{"INDEX", "NAME", "STATE", "addr_info", "x.y"}, [][]string{{"1", "lo", "UNKNOWN", "127.0.0.1/8", ""}, {"2", "v0@v1", "DOWN", "", "ab"}, {"10", "é", "ç日本", "", "a  b"}}},
		{nil, [][]string{{"Address:", "10.0.0.0"}, {"Netmask:", "255.0.0.0 = 8"}}},
		{[]string{"A", "LONGER HEADER", "C"}, [][]string{{"x", "y", "zzzzzzzzzzzzzzzz"}}},
		{[]string{"A", "B"}, nil},
	} {
		WriteTable(&b, c.h, c.rows)
		b.WriteString("===\n")
	}
	want, err := os.ReadFile("testdata/table.golden")
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestHeaderTitle(t *testing.T) {
	for in, want := range map[string]string{"addr_info": "ADDR INFO", "x.y": "X Y", "1.5": "1.5", "v1.": "V1.", "a.b": "A B", "_": " ", "": ""} {
		if got := headerTitle(in); got != want {
			t.Errorf("headerTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDisplayWidthSkipsColours(t *testing.T) {
	for in, want := range map[string]int{"\x1b[35m10.0.0.1\x1b[0m": 8, "a\x1b[1;34mb": 2, "\x1b[": 2, "日": 2} {
		if got := displayWidth(in); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", in, got, want)
		}
	}
}
