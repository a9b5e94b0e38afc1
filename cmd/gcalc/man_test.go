package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/notation"
	"github.com/spf13/pflag"
)

// manText is docs/man/gcalc.1 with roff's font changes and escapes taken
// out, and its sections by name.
func manText(t *testing.T) (string, map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "man", "gcalc.1"))
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`\\f[BIRP]`).ReplaceAllString(string(b), "")
	text = strings.NewReplacer(`\-`, "-", `\(en`, "-", `\(em`, "-", `\e`, `\`).Replace(text)
	sections := map[string]string{}
	for _, s := range strings.Split(text, "\n.SH ")[1:] {
		name, body, _ := strings.Cut(s, "\n")
		sections[name] = body
	}
	return text, sections
}

// TestManPageIsComplete fails when gcalc.1 misses a verb of gcalc's
// command registry (in the synopsis and under VERBS), a flag of any
// command, or a notation of -o (under NOTATIONS).
func TestManPageIsComplete(t *testing.T) {
	text, sections := manText(t)
	for _, s := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "VERBS", "OPTIONS", "NOTATIONS", "ENVIRONMENT", "EXIT STATUS"} {
		if sections[s] == "" {
			t.Errorf("gcalc.1 has no section %s", s)
		}
	}
	root := newRootCmd(&env{})
	flag := func(f *pflag.Flag) {
		if f.Name == "help" || f.Name == "version" {
			return
		}
		if !strings.Contains(text, "--"+f.Name) {
			t.Errorf("gcalc.1 does not describe --%s", f.Name)
		}
		if f.Shorthand != "" && !strings.Contains(text, "-"+f.Shorthand+" ") && !strings.Contains(text, "-"+f.Shorthand+",") &&
			!strings.Contains(text, "-"+f.Shorthand+"]") {
			t.Errorf("gcalc.1 does not name -%s (--%s)", f.Shorthand, f.Name)
		}
	}
	root.PersistentFlags().VisitAll(flag)
	verbs := 0
	for _, c := range root.Commands() {
		if c.Name() == "completion" || c.Name() == "help" || !c.Runnable() {
			continue // cobra's own, and help topics (notations)
		}
		verbs++
		if !strings.Contains(sections["SYNOPSIS"], ".B gcalc "+c.Name()+"\n") {
			t.Errorf("gcalc.1's synopsis lacks %s", c.Name())
		}
		if !strings.Contains(sections["VERBS"], ".B "+c.Name()+"\n") {
			t.Errorf("gcalc.1 does not describe the verb %s", c.Name())
		}
		c.LocalNonPersistentFlags().VisitAll(flag)
	}
	if verbs < 10 {
		t.Errorf("only %d verbs in gcalc's registry", verbs)
	}
	for _, n := range append(notation.Names(), formatTable) {
		if !strings.Contains(sections["NOTATIONS"], ".B "+n+"\n") {
			t.Errorf("gcalc.1 does not describe the notation %s", n)
		}
	}
}

// TestManPageRenders formats gcalc.1 as man does, with every warning on:
// there must be none.
func TestManPageRenders(t *testing.T) {
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("skipped: groff is not installed")
	}
	cmd := exec.Command(groff, "-man", "-Tutf8", "-ww", "-z", filepath.Join("..", "..", "docs", "man", "gcalc.1"))
	out, err := cmd.CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("groff: %v\n%s", err, out)
	}
}

// TestManPageUpToDate compares gcalc(1) as gcalc renders it from its
// registry with the committed docs/man/gcalc.1; run `make man` after
// changing a verb, a flag, a notation or a help text.
func TestManPageUpToDate(t *testing.T) {
	committed, err := os.ReadFile(filepath.Join("..", "..", "docs", "man", "gcalc.1"))
	if err != nil {
		t.Fatalf("%v (run: make man)", err)
	}
	if string(committed) != manPage() {
		t.Errorf("docs/man/gcalc.1 is stale (run: make man)")
	}
}
