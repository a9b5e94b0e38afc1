package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

// TestManPagesUpToDate regenerates the manual pages and compares them
// with the committed docs/man; run `make man` (gip __man docs/man) after
// changing a command.
func TestManPagesUpToDate(t *testing.T) {
	e := &env.Env{Prog: command.Prog, G: &env.Global{}, Stdout: io.Discard, Stderr: io.Discard}
	pages := manPages(e)
	if len(pages) < 6 {
		t.Fatalf("only %d pages", len(pages))
	}
	for name, text := range pages {
		if !strings.HasPrefix(text, ".TH ") || !strings.Contains(text, ".SH NAME") {
			t.Errorf("%s is not a manual page", name)
		}
		committed, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "docs", "man", name))
		if err != nil {
			t.Errorf("%s: %v (run: gip __man docs/man)", name, err)
			continue
		}
		if string(committed) != text {
			t.Errorf("docs/man/%s is stale (run: gip __man docs/man)", name)
		}
	}
}
