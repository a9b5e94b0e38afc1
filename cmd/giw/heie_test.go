package main

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrintHEEHTIEsAsIw6 prints the frames in testdata/iw6 (NAME.hex,
// the elements in hex) as scan does, and wants iw 6.17's text for them:
// NAME.txt, and NAME.u.txt with -u. The expected texts are iw 6.17's own
// output for those bytes (its scan element printer run on them), the
// quirks of its decoders included: maps read past an element's end, the
// Multi-Link element's common information bounds.
func TestPrintHEEHTIEsAsIw6(t *testing.T) {
	frames, err := filepath.Glob("testdata/iw6/*.hex")
	if err != nil || len(frames) == 0 {
		t.Fatalf("no frames in testdata/iw6: %v", err)
	}
	for _, f := range frames {
		name := strings.TrimSuffix(filepath.Base(f), ".hex")
		t.Run(name, func(t *testing.T) {
			h, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := hex.DecodeString(strings.TrimSpace(string(h)))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				suffix  string
				unknown bool
			}{{".txt", false}, {".u.txt", true}} {
				want, err := os.ReadFile(strings.TrimSuffix(f, ".hex") + c.suffix)
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				printIEs(&tw{w: &b}, raw, c.unknown)
				if b.String() != string(want) {
					t.Errorf("%s%s:\ngot:\n%s\nwant:\n%s\n%s", name, c.suffix, b.String(), want, lineDiff(b.String(), string(want)))
				}
			}
		})
	}
}
