package grammar

import (
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

func TestLookupOrder(t *testing.T) {
	verbs := []string{"add", "set", "change", "replace", "delete", "show", "lst", "list"}
	for w, want := range map[string]string{"s": "set", "sh": "show", "l": "lst", "li": "list", "d": "delete", "c": "change", "a": "add"} {
		got, ok := Lookup(w, verbs)
		if !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", w, got, ok, want)
		}
	}
	if _, ok := Lookup("", verbs); ok {
		t.Errorf("the empty word matched")
	}
	if _, ok := Lookup("shows", verbs); ok {
		t.Errorf("a word longer than the name matched")
	}
}

func TestArgs(t *testing.T) {
	a := NewArgs([]string{"dev", "x"})
	if a.Next() != "dev" || a.Peek() != "x" {
		t.Fatalf("cursor out of order")
	}
	if v, err := a.Value(); err != nil || v != "x" {
		t.Fatalf("Value: %q %v", v, err)
	}
	if _, err := a.Value(); err == nil || fail.ExitCode(err) != 255 {
		t.Errorf("missing value: %v", err)
	}
}
