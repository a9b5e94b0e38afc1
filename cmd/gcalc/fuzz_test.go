package main

import (
	"errors"
	"strings"
	"testing"
)

// failingWriter accepts limit bytes, then fails like a closed pipe.
type failingWriter struct{ limit int }

var errClosed = errors.New("write: broken pipe")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errClosed
	}
	w.limit -= len(p)
	return len(p), nil
}

// Streaming verbs stop when their output fails, even on endless input.
func TestStopsOnWriteError(t *testing.T) {
	for _, args := range [][]string{
		{"hosts", "::/0"},
		{"subnets", "::/0", "/128"},
		{"subnets", "10.0.0.0/8", "/32"},
		{"hosts", "-o", "json", "10.0.0.0/8"},
	} {
		var stderr strings.Builder
		status := run(args, strings.NewReader(""), &failingWriter{limit: 1 << 20}, &stderr)
		if status != exitError || !strings.Contains(stderr.String(), "broken pipe") {
			t.Errorf("%q: status %d, stderr %q; want 1 and the write error", args, status, stderr.String())
		}
	}
}

// FuzzRun runs gcalc on arbitrary words and stdin: it must end with one of
// its exit statuses and never panic.
func FuzzRun(f *testing.F) {
	for _, seed := range []struct{ args, stdin string }{
		{"10.0.0.0/24", ""},
		{"collapse", "10.0.0.0/25\n10.0.0.128/25\n"},
		{"exclude 10.0.0.0/8 -", "10.1.0.0/16\n"},
		{"subnets 10.0.0.0/24 --count 3 -o iptables --name X", ""},
		{"sort -u -o json", "::1\n10.0.0.1\n"},
		{"contains 10.0.0.0/8", "10.0.0.1\nx\n"},
		{"-o juniper --name N collapse", "2001:db8::/32\n"},
	} {
		f.Add(seed.args, seed.stdin)
	}
	f.Fuzz(func(t *testing.T, args, stdin string) {
		words := strings.Fields(args)
		for _, w := range words {
			if strings.ContainsAny(w, `/\`) && !strings.ContainsAny(w, ".:") {
				return // would name files outside the test
			}
		}
		var stderr strings.Builder
		status := run(words, strings.NewReader(stdin), &failingWriter{limit: 1 << 16}, &stderr)
		switch status {
		case exitOK, exitError, exitFalse, exitUsage:
		default:
			t.Fatalf("gcalc %q: exit status %d", words, status)
		}
	})
}
