package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestJSONKeysDocumented checks that docs/json.md names every key of
// gcalc's JSON: info on items that between them have every field
// (IPv4, IPv4-mapped, 6to4, Teredo, a zone), contains and overlaps.
func TestJSONKeysDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## gcalc\n")
	if !ok {
		t.Fatal("docs/json.md has no gcalc section")
	}
	for _, args := range [][]string{
		{"-o", "json", "10.0.0.0/22", "::ffff:192.0.2.1", "2002:c000:201::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "fe80::1%eth0"},
		{"-o", "json", "contains", "10.0.0.0/8", "10.1.1.1"},
		{"-o", "json", "overlaps", "10.0.0.0/8", "10.1.0.0/16"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("gcalc %v: exit %d: %s", args, code, stderr.String())
		}
		var v any
		if err := json.Unmarshal(stdout.Bytes(), &v); err != nil {
			t.Fatalf("gcalc %v: %v\n%s", args, err, stdout.String())
		}
		for key := range jsonKeys(v) {
			if !strings.Contains(section, "`"+key+"`") && !strings.Contains(section, `"`+key+`"`) {
				t.Errorf("gcalc %v prints key %q, which the gcalc section of docs/json.md does not name", args, key)
			}
		}
	}
}

// jsonKeys is the set of object keys anywhere in v.
func jsonKeys(v any) map[string]bool {
	keys := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				keys[k] = true
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return keys
}
