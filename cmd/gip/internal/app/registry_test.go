package app

import (
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

// TestEveryObjectHasHelp fails when an object of the registry is missing
// from gip help, lacks a usage text or a summary, or has a verb without
// one; or when a word of its match table names no verb.
func TestEveryObjectHasHelp(t *testing.T) {
	usage := globalUsage()
	pages := manPages(nil)
	for i, o := range registry() {
		if e := &objects[i]; e.name != o.Name || !slices.Equal(e.aliases, o.Aliases) {
			t.Errorf("the registry calls %s %q %v, the object says %q %v", o.Name, e.name, e.aliases, o.Name, o.Aliases)
		}
		if !strings.Contains(usage, " "+o.Name+" ") {
			t.Errorf("gip help does not list %s", o.Name)
		}
		if o.Short == "" || !strings.Contains(o.UsageText(), "Usage:") {
			t.Errorf("%s: no summary or usage text", o.Name)
		}
		if _, ok := pages["gip-"+o.Name+".8"]; !ok {
			t.Errorf("%s: no man page", o.Name)
		}
		if len(o.Verbs) == 0 {
			t.Errorf("%s: no verbs", o.Name)
		}
		for _, v := range o.Verbs {
			if v.Short == "" || v.Run == nil {
				t.Errorf("%s %s: no summary or no function", o.Name, v.Name())
			}
		}
		for _, m := range o.Match {
			if o.Verb(m[1]) == nil {
				t.Errorf("%s: %q selects %q, which is not a verb", o.Name, m[0], m[1])
			}
		}
		if got := objectNamed(o.Name); got != o {
			t.Errorf("%s: not found by its name", o.Name)
		}
		if _, _, ok := lookupObject(o.Name); !ok {
			t.Errorf("%s: ip's object order does not know it", o.Name)
		}
	}
}

// TestCompletion checks the words `gip __complete` offers where no kernel
// is asked: objects, options, verbs, namespace names after -n, and that
// every shell's script is there.
func TestCompletion(t *testing.T) {
	cases := []struct {
		words []string
		want  []string // must be offered
		not   []string // must not be
	}{
		{[]string{""}, []string{"address", "addr", "link", "route", "help"}, nil},
		{[]string{"ro"}, []string{"route"}, []string{"rule", "link"}},
		{[]string{"-j", "ne"}, []string{"neigh", "neighbour", "netns", "nexthop"}, []string{"link"}},
		{[]string{"-js"}, []string{"-json"}, []string{"-brief"}},
		{[]string{"link", ""}, []string{"add", "delete", "set", "show", "help"}, []string{"link"}},
		{[]string{"r", "a"}, []string{"add", "append"}, []string{"show"}},
		{[]string{"nosuch", ""}, nil, []string{"add", "show"}},
	}
	for _, c := range cases {
		var out strings.Builder
		e := &env.Env{G: &env.Global{}, Stdout: &out, Stderr: io.Discard}
		if err := complete(e, c.words); err != nil {
			t.Fatalf("complete %q: %v", c.words, err)
		}
		got := strings.Fields(out.String())
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("complete %q = %q, lacks %q", c.words, got, w)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("complete %q = %q, offers %q", c.words, got, w)
			}
		}
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		var out strings.Builder
		if err := writeCompletion(&out, []string{sh}); err != nil || !strings.Contains(out.String(), "__complete") {
			t.Errorf("completion %s: %v, %q", sh, err, out.String())
		}
	}
	if err := writeCompletion(io.Discard, []string{"tcsh"}); err == nil {
		t.Error("completion tcsh: no error")
	}
}

// TestUsageNamesGip fails when an object's usage (gip OBJECT help, its
// man page's synopsis) gives its command lines as ip's rather than gip's.
func TestUsageNamesGip(t *testing.T) {
	ipLine := regexp.MustCompile(`(?m)^(Usage:)?\s*ip `)
	for _, o := range registry() {
		if l := ipLine.FindString(o.UsageText()); l != "" {
			t.Errorf("gip %s help: %q names ip", o.Name, l)
		}
	}
}
