package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/ipaddress"
	"github.com/gip-suite/gip/internal/notation"
)

func TestExitCode(t *testing.T) {
	_, parseErr := ipaddress.ParseNetwork("10.0.0.256/24", true)
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"success", nil, exitOK},
		{"invalid input", parseErr, exitError},
		{"invalid input at a line", &itemError{location{"", 7}, parseErr}, exitError},
		{"predicate false", errFalse, exitFalse},
		{"wrapped false", fmt.Errorf("contains: %w", errFalse), exitFalse},
		{"usage", usagef("bad"), exitUsage},
		{"wrapped usage", fmt.Errorf("x: %w", usagef("bad")), exitUsage},
		{"file error", os.ErrNotExist, exitError},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestItemErrorMessages(t *testing.T) {
	_, err := ipaddress.ParseNetwork("10.0.0.256/24", true)
	tests := []struct {
		at   location
		want string
	}{
		{location{"", 7}, "line 7: '10.0.0.256/24' does not appear to be an IPv4 or IPv6 network"},
		{location{"nets.txt", 3}, "nets.txt: line 3: '10.0.0.256/24' does not appear to be an IPv4 or IPv6 network"},
		{location{}, "'10.0.0.256/24' does not appear to be an IPv4 or IPv6 network"},
	}
	for _, tt := range tests {
		ie := &itemError{tt.at, err}
		if ie.Error() != tt.want {
			t.Errorf("%+v: %q, want %q", tt.at, ie.Error(), tt.want)
		}
		if !errors.Is(ie, ipaddress.ErrInvalidAddress) {
			t.Errorf("%+v: error kind lost", tt.at)
		}
	}
}

func TestSplitWords(t *testing.T) {
	got, err := splitWords(`gcalc  collapse 'a b' "c d"e f`)
	want := []string{"gcalc", "collapse", "a b", "c de", "f"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitWords = %q, %v; want %q", got, err, want)
	}
	if _, err := splitWords(`'open`); err == nil {
		t.Error("unterminated quote accepted")
	}
}

// A file that cannot be read is an error, not an item. /proc/self/mem opens
// but fails to read at offset 0 (nothing is mapped there), even for root,
// which CI runs as.
func TestUnreadableFile(t *testing.T) {
	const p = "/proc/self/mem"
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipped: %v", err)
	}
	var stdout, stderr bytes.Buffer
	if got := run([]string{"collapse", p}, strings.NewReader(""), &stdout, &stderr); got != exitError || stdout.Len() != 0 {
		t.Errorf("status %d, stdout %q, stderr %q", got, stdout.String(), stderr.String())
	}
	if strings.Contains(stderr.String(), "does not appear to be") {
		t.Errorf("the file was taken as an item: %q", stderr.String())
	}
}

// Long lists go through the same path as the benchmark: a file, collapsed.
func TestCollapseLargeFile(t *testing.T) {
	var in bytes.Buffer
	for i := range 1 << 16 {
		fmt.Fprintf(&in, "10.%d.%d.0/24\n", i>>8, i&255)
	}
	p := filepath.Join(t.TempDir(), "nets.txt")
	if err := os.WriteFile(p, in.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if got := run([]string{"collapse", p}, strings.NewReader(""), &stdout, &stderr); got != 0 {
		t.Fatalf("status %d: %s", got, stderr.String())
	}
	if stdout.String() != "10.0.0.0/8\n" {
		t.Errorf("collapse = %q, want 10.0.0.0/8", stdout.String())
	}
}

// On a terminal, rows are a table and addresses are coloured by family;
// NO_COLOR turns the colours off.
func TestTerminalTables(t *testing.T) {
	const (
		v4  = "\x1b[35m"
		v6  = "\x1b[34m"
		end = "\x1b[0m"
	)
	tests := []struct {
		args  []string
		color bool
		want  string
	}{
		{[]string{"subnets", "10.0.0.0/30", "/31"}, false, `+-------------+-----------------+-----------+------------+-----------+-------+
|   NETWORK   |     NETMASK     | BROADCAST | FIRST HOST | LAST HOST | HOSTS |
+-------------+-----------------+-----------+------------+-----------+-------+
| 10.0.0.0/31 | 255.255.255.254 | 10.0.0.1  | 10.0.0.0   | 10.0.0.1  | 2     |
| 10.0.0.2/31 | 255.255.255.254 | 10.0.0.3  | 10.0.0.2   | 10.0.0.3  | 2     |
+-------------+-----------------+-----------+------------+-----------+-------+
`},
		{[]string{"10.0.0.1/32", "2001:db8::1/128"}, true, `+-------------+-----------------+-----------------------------------------+-----------+-------------+-------------+-------+---------+
|   ADDRESS   |     NETWORK     |                 NETMASK                 | BROADCAST | FIRST HOST  |  LAST HOST  | HOSTS |  TYPE   |
+-------------+-----------------+-----------------------------------------+-----------+-------------+-------------+-------+---------+
| ` + v4 + `10.0.0.1` + end + `    | ` + v4 + `10.0.0.1/32` + end + `     | 255.255.255.255                         | ` + v4 + `10.0.0.1` + end + `  | ` + v4 + `10.0.0.1` + end + `    | ` + v4 + `10.0.0.1` + end + `    | 1     | private |
| ` + v6 + `2001:db8::1` + end + ` | ` + v6 + `2001:db8::1/128` + end + ` | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff |           | ` + v6 + `2001:db8::1` + end + ` | ` + v6 + `2001:db8::1` + end + ` | 1     | private |
+-------------+-----------------+-----------------------------------------+-----------+-------------+-------------+-------+---------+
`},
		// Longer splits stream as lines, also on a terminal.
		{[]string{"subnets", "10.0.0.0/8", "/24"}, true, ""},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, isTTY: true, color: tt.color}
		if status := runEnv(e, tt.args); status != 0 {
			t.Fatalf("%q: status %d: %s", tt.args, status, stderr.String())
		}
		got := stdout.String()
		if tt.want == "" {
			if first, _, _ := strings.Cut(got, "\n"); first != "10.0.0.0/24" || strings.Count(got, "\n") != 65536 {
				t.Errorf("%q: not a stream of lines: %q...", tt.args, first)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%q:\n%s\nwant\n%s", tt.args, got, tt.want)
		}
	}
}

func TestNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	if !colorWanted(true) || colorWanted(false) {
		t.Error("colours: want them on a terminal only")
	}
	t.Setenv("NO_COLOR", "1")
	if colorWanted(true) {
		t.Error("NO_COLOR=1: colours still on")
	}
}

// Help lists every verb and notation, and gcalc help VERB works for each.
func TestHelpIsComplete(t *testing.T) {
	help := func(args ...string) string {
		t.Helper()
		var stdout, stderr strings.Builder
		if status := run(args, strings.NewReader(""), &stdout, &stderr); status != 0 {
			t.Fatalf("gcalc %q: status %d: %s", args, status, stderr.String())
		}
		return stdout.String()
	}
	top := help("--help")
	root := newRootCmd(&env{})
	for _, c := range root.Commands() {
		if !strings.Contains(top, "\n  "+c.Name()+" ") && !strings.Contains(top, "gcalc "+c.Name()+" ") {
			t.Errorf("gcalc --help does not list %s", c.Name())
		}
		if c.Name() == "completion" || c.Name() == "help" {
			continue
		}
		if h := help("help", c.Name()); !strings.Contains(h, c.Short) && !strings.Contains(h, c.Long) {
			t.Errorf("gcalc help %s:\n%s", c.Name(), h)
		}
	}
	topic := help("help", "notations")
	for _, n := range append(notation.Names(), formatTable) {
		if !strings.Contains(topic, "\n  "+n+" ") {
			t.Errorf("gcalc help notations does not describe %s", n)
		}
		if !strings.Contains(top, n) {
			t.Errorf("gcalc --help does not name notation %s", n)
		}
	}
}

// Completion offers every notation for -o and the actions of the one given.
func TestCompleteNotations(t *testing.T) {
	var stdout strings.Builder
	run([]string{"__complete", "collapse", "-o", ""}, strings.NewReader(""), &stdout, &strings.Builder{})
	for _, n := range append(notation.Names(), formatTable) {
		if !strings.Contains(stdout.String(), "\n"+n+"\t") && !strings.HasPrefix(stdout.String(), n+"\t") {
			t.Errorf("-o completion lacks %s:\n%s", n, stdout.String())
		}
	}
	stdout.Reset()
	run([]string{"__complete", "collapse", "-o", "cisco-acl", "--action", ""}, strings.NewReader(""), &stdout, &strings.Builder{})
	if !strings.HasPrefix(stdout.String(), "permit\ndeny\n") {
		t.Errorf("--action completion: %q", stdout.String())
	}
}
