package app

import (
	"slices"
	"strings"
	"testing"
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
		if o.Short == "" || !strings.Contains(o.Usage, "Usage:") {
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
