package main

import (
	"os"
	"path/filepath"
	"slices"
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

// TestHelpIsComplete fails when a command of gipset's command table or an
// option of its option table is missing from gipset help (and so from
// gipset.8, which is made from the same text).
func TestHelpIsComplete(t *testing.T) {
	var listed, options []string
	for _, e := range usageEntries("Commands:") {
		listed = append(listed, strings.Fields(e[0])[0])
	}
	for _, e := range usageEntries("Options:") {
		options = append(options, strings.Fields(e[0])[0])
	}
	for _, c := range commands {
		if !slices.Contains(listed, c.name) {
			t.Errorf("gipset help does not list the command %s", c.name)
		}
	}
	for _, o := range envOpts {
		if !slices.ContainsFunc(options, func(entry string) bool { return strings.HasPrefix(entry, o.names[0]) }) {
			t.Errorf("gipset help does not list the option %s", o.names[0])
		}
	}
	if len(listed) != len(commands) {
		t.Errorf("gipset help lists %d commands, the command table has %d: %q", len(listed), len(commands), listed)
	}
}
