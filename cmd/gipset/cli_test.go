package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// These tests run whole command lines against the ipsettest fake kernel:
// no privileges needed.

func TestCLIErrorsAndStatus(t *testing.T) {
	f := newFake(t)
	f.run("", "create", "s", "hash:ip")
	tests := []struct {
		args   string
		stderr string
		status int
	}{
		{"create s hash:ip", "gipset: Set cannot be created: set with the same name already exists\n", 1},
		{"-exist create s hash:ip", "", 0},
		{"create t hash:foo", "gipset: Syntax error: typename 'hash:foo' is unknown\n", 1},
		{"add nosuch 1.2.3.4", "gipset: The set with the given name does not exist\n", 1},
		{"add s 1.2.3.4", "", 0},
		{"add s 1.2.3.4", "gipset: Element cannot be added to the set: it's already added\n", 1},
		{"-q add s 1.2.3.4", "", 1},
		{"test s 1.2.3.4", "Warning: 1.2.3.4 is in set s.\n", 0},
		{"test s 1.2.3.5", "1.2.3.5 is NOT in set s.\n", 1},
		{"-q test s 1.2.3.5", "", 1},
		{"add s 1.2.3.4 bogus", "gipset: Unknown argument: `bogus'\nTry `gipset help' for more information.\n", 2},
		{"del s 9.9.9.9", "gipset: Element cannot be deleted from the set: it's not added\n", 1},
		{"-! del s 9.9.9.9", "", 0},
		{"destroy nosuch", "gipset: The set with the given name does not exist\n", 1},
		{"-exist destroy nosuch", "", 0},
		{"rename s s", "gipset: Set cannot be renamed: a set with the new name already exists\n", 1},
		{"swap s nosuch", "gipset: Sets cannot be swapped: the second set does not exist\n", 1},
		{"list nosuch", "gipset: The set with the given name does not exist\n", 1},
	}
	for _, tt := range tests {
		r := f.run("", strings.Fields(tt.args)...)
		if r.stderr != tt.stderr || r.status != tt.status {
			t.Errorf("%q: exit %d stderr %q; want %d %q", tt.args, r.status, r.stderr, tt.status, tt.stderr)
		}
	}
}

func TestCLIVersionAndHelp(t *testing.T) {
	f := newFake(t)
	if r := f.run("", "version"); r.status != 0 || !strings.HasPrefix(r.stdout, "gipset v") || !strings.Contains(r.stdout, "protocol version: 7") {
		t.Errorf("version: %+v", r)
	}
	r := f.run("", "help")
	if r.status != 0 || !strings.Contains(r.stdout, "Usage: gipset [options] COMMAND") || !strings.Contains(r.stdout, "    hash:net,iface\t8\t") {
		t.Errorf("help: %+v", r)
	}
	r = f.run("", "help", "hash:ip,port")
	if r.status != 0 || !strings.Contains(r.stdout, "hash:ip,port type specific options") || !strings.Contains(r.stdout, "supports inet and inet6") {
		t.Errorf("help hash:ip,port: %+v", r)
	}
	if r := f.run("", "help", "hash:foo"); r.status != 2 || !strings.Contains(r.stderr, "Unknown settype: `hash:foo'") {
		t.Errorf("help hash:foo: %+v", r)
	}
}

func TestRestorePlainStopsAtFailingLine(t *testing.T) {
	f := newFake(t)
	in := "# sets\ncreate blk hash:ip\nadd blk 198.51.100.7\nadd blk 198.51.100.8\nadd blk 198.51.100.7\nadd blk 198.51.100.9\n"
	r := f.run(in, "restore")
	if r.status != 1 || r.stderr != "gipset: Error in line 5: Element cannot be added to the set: it's already added\n" {
		t.Fatalf("restore: %+v", r)
	}
	sets := f.k.Sets()
	if len(sets) != 1 || len(sets[0].Members) != 2 {
		t.Fatalf("after restore: %+v", sets)
	}
	// Consecutive adds went out as one multi-element request.
	adds := 0
	for _, req := range f.k.Requests() {
		if req.Header.Type == 0x609 {
			adds++
		}
	}
	if adds != 1 {
		t.Errorf("%d add requests for 4 lines, want 1", adds)
	}
}

func TestRestoreAtomicRollsBack(t *testing.T) {
	f := newFake(t)
	f.run("", "create", "keep", "hash:ip")
	f.run("", "add", "keep", "9.9.9.9")
	in := "flush keep\nadd keep 1.1.1.1\ncreate fresh hash:net\nadd fresh 10.0.0.0/8\nadd keep 1.1.1.1\n"
	r := f.run(in, "-atomic", "restore")
	if r.status != 1 || r.stderr != "gipset: Error in line 5: Element cannot be added to the set: it's already added\n" {
		t.Fatalf("atomic restore: %+v", r)
	}
	sets := f.k.Sets()
	if len(sets) != 1 || sets[0].Name != "keep" || len(sets[0].Members) != 1 {
		t.Fatalf("after a failed atomic restore: %+v", sets)
	}
	r = f.run(strings.TrimSuffix(in, "add keep 1.1.1.1\n"), "-atomic", "restore")
	if r.status != 0 {
		t.Fatalf("atomic restore: %+v", r)
	}
	var names []string
	for _, s := range f.k.Sets() {
		names = append(names, s.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"fresh", "keep"}) {
		t.Fatalf("after atomic restore: %q", names)
	}
}

func TestRestoreAtomicRefusesUndefinedCommands(t *testing.T) {
	f := newFake(t)
	f.run("", "create", "a", "hash:ip")
	for _, in := range []string{"rename a b\n", "swap a a\n", "destroy\n", "flush\n", "test a 1.2.3.4\n", "list\n"} {
		r := f.run(in, "-atomic", "restore")
		if r.status != 1 || !strings.Contains(r.stderr, "Error in line 1: Command `") {
			t.Errorf("%q: %+v", in, r)
		}
	}
}

// TestJSONSchema checks the -j output: valid JSON on every path, with
// the documented keys.
func TestJSONSchema(t *testing.T) {
	f := newFake(t)
	var sets []map[string]any
	r := f.run("", "-j", "list")
	if err := json.Unmarshal([]byte(r.stdout), &sets); err != nil || len(sets) != 0 || r.stdout != "[]\n" {
		t.Fatalf("empty listing: %q %v", r.stdout, err)
	}
	f.run("", "create", "a", "hash:ip")
	f.run("", "add", "a", "192.0.2.1")
	f.run("", "add", "a", "192.0.2.2")
	f.run("", "create", "b", "bitmap:port", "range", "1-100")
	for _, args := range [][]string{{"-j", "list"}, {"-j", "-s", "list"}, {"-o", "json", "list"}, {"-j", "list", "-t"}, {"-j", "list", "-n"}, {"-j", "list", "nosuch"}} {
		r := f.run("", args...)
		sets = nil
		if err := json.Unmarshal([]byte(r.stdout), &sets); err != nil {
			t.Fatalf("%q: invalid JSON %q: %v", args, r.stdout, err)
		}
		if args[len(args)-1] == "nosuch" {
			if len(sets) != 0 || r.status != 1 {
				t.Errorf("%q: %+v", args, r)
			}
			continue
		}
		if len(sets) != 2 || sets[0]["name"] != "a" {
			t.Fatalf("%q: %v", args, sets)
		}
		if args[len(args)-1] == "-n" {
			continue
		}
		if sets[0]["type"] != "hash:ip" || sets[0]["revision"] == nil {
			t.Errorf("%q: %v", args, sets[0])
		}
		h := sets[0]["header"].(map[string]any)
		if h["family"] != "inet" || h["memsize"] == nil || h["numentries"] != float64(2) {
			t.Errorf("%q: header %v", args, h)
		}
		m, ok := sets[0]["members"].([]any)
		if args[len(args)-1] == "-t" {
			if ok {
				t.Errorf("%q: members listed with -t", args)
			}
			continue
		}
		if len(m) != 2 || m[0].(map[string]any)["elem"] == nil {
			t.Errorf("%q: members %v", args, m)
		}
	}
}
