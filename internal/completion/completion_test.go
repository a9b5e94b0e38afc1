package completion

import (
	"strings"
	"testing"
)

func TestScripts(t *testing.T) {
	for _, sh := range Shells {
		s, ok := Script("gipset", sh)
		if !ok || !strings.Contains(s, " __complete ") || strings.Contains(s, "TOOL") || !strings.Contains(s, "gipset") {
			t.Errorf("%s script:\n%s", sh, s)
		}
	}
	if _, ok := Script("gipset", "tcsh"); ok {
		t.Error("a tcsh script")
	}
}

func TestWrite(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, []string{"list", "add", "list", "flush", "-list"}, "l"); err != nil {
		t.Fatal(err)
	}
	if b.String() != "list\n" {
		t.Errorf("%q", b.String())
	}
	done, prefix := Split([]string{"add", "bl"})
	if len(done) != 1 || prefix != "bl" {
		t.Errorf("Split: %q %q", done, prefix)
	}
}
