package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// TestManPageUpToDate compares gipset(8) as gipset renders it with the
// committed docs/man/gipset.8; run `make man` after changing a command,
// an option or a set type.
func TestManPageUpToDate(t *testing.T) {
	page := manPage()
	for _, want := range append([]string{".TH GIPSET 8", ".SH NAME", ".SH EXIT STATUS"}, ipset.TypeNames()...) {
		if !strings.Contains(page, want) {
			t.Errorf("gipset.8 lacks %q", want)
		}
	}
	for _, c := range commands {
		if c.name != "quit" && !strings.Contains(page, ".B "+c.name) {
			t.Errorf("gipset.8 lacks the command %s", c.name)
		}
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "docs", "man", "gipset.8"))
	if err != nil {
		t.Fatalf("%v (run: make man)", err)
	}
	if string(committed) != page {
		t.Errorf("docs/man/gipset.8 is stale (run: make man)")
	}
}
