package roff

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		`a-b \n`:           "a\\-b \\en\n",
		".TH\n'x\nplain":   "\\&.TH\n\\&'x\nplain\n",
		"":                 "\n",
		"-j and --version": "\\-j and \\-\\-version\n",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWritePage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man")
	if err := WritePage(dir, "x.8", ".TH X 8\n"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "x.8")); err != nil || string(b) != ".TH X 8\n" {
		t.Errorf("%q, %v", b, err)
	}
}
