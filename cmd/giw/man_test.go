package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/roff"
)

// TestManPageUpToDate compares giw(8) as giw renders it with the committed
// docs/man/giw.8; run `make man` after changing a command or an option.
func TestManPageUpToDate(t *testing.T) {
	page := manPage()
	for _, c := range commands() {
		if !strings.Contains(page, roff.Escape(c.usageLine())) {
			t.Errorf("giw.8 lacks the command %q", c.usageLine())
		}
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "docs", "man", "giw.8"))
	if err != nil {
		t.Fatalf("%v (run: make man)", err)
	}
	if string(committed) != page {
		t.Errorf("docs/man/giw.8 is stale (run: make man)")
	}
}
