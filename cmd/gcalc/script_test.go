package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Transcript tests: each testdata/script/*.txt file holds cases and, at its
// end, files ("-- name --" then the content) written to a temporary
// directory that is the working directory while the cases run. A case is
//
//	$ gcalc ARGS...     the command line (single or double quotes group words)
//	< LINE              a line of stdin
//	> LINE              an expected line of stdout
//	! LINE              an expected line of stderr
//	? N                 the expected exit status (0 when absent)
//
// "<", ">" and "!" alone stand for empty lines. Lines starting with '#' and
// blank lines are comments. go test -run TestScripts -update rewrites the
// expectations from what gcalc does now.

var update = flag.Bool("update", false, "rewrite transcript expectations")

type scriptCase struct {
	comments []string // lines before the command
	line     int
	args     []string
	cmd      string
	stdin    []string
	stdout   []string
	stderr   []string
	status   int
}

type script struct {
	cases    []*scriptCase
	trailing []string // comments after the last case
	files    []string // the raw "-- name --" section, verbatim
}

func parseScript(text string) (*script, error) {
	s := &script{}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var pending []string
	var cur *scriptCase
	for i, l := range lines {
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") {
			s.files = lines[i:]
			break
		}
		tag, rest := l, ""
		if len(l) >= 2 && l[1] == ' ' {
			tag, rest = l[:1], l[2:]
		}
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
			pending = append(pending, l)
		case tag == "$":
			args, err := splitWords(rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			if len(args) == 0 || args[0] != "gcalc" {
				return nil, fmt.Errorf("line %d: command must start with gcalc", i+1)
			}
			cur = &scriptCase{comments: pending, line: i + 1, args: args[1:], cmd: rest}
			pending = nil
			s.cases = append(s.cases, cur)
		case cur == nil:
			return nil, fmt.Errorf("line %d: %q before any command", i+1, l)
		case tag == "<":
			cur.stdin = append(cur.stdin, rest)
		case tag == ">":
			cur.stdout = append(cur.stdout, rest)
		case tag == "!":
			cur.stderr = append(cur.stderr, rest)
		case tag == "?":
			n, err := strconv.Atoi(rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: bad status %q", i+1, rest)
			}
			cur.status = n
		default:
			return nil, fmt.Errorf("line %d: cannot read %q", i+1, l)
		}
	}
	s.trailing = pending
	return s, nil
}

// splitWords splits a command line on spaces; quotes group words.
func splitWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("unterminated quote")
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == ' ':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

func writeFiles(t *testing.T, dir string, section []string) {
	t.Helper()
	var name string
	var body []string
	flush := func() {
		if name == "" {
			return
		}
		data := strings.Join(body, "\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range section {
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") {
			flush()
			name, body = strings.TrimSuffix(strings.TrimPrefix(l, "-- "), " --"), nil
			continue
		}
		body = append(body, l)
	}
	flush()
}

func outputLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func TestScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts: %v", err)
	}
	for _, file := range files {
		abs, _ := filepath.Abs(file)
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			text, err := os.ReadFile(abs)
			if err != nil {
				t.Fatal(err)
			}
			s, err := parseScript(string(text))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			dir := t.TempDir()
			writeFiles(t, dir, s.files)
			t.Chdir(dir)
			for _, c := range s.cases {
				var stdin string
				if len(c.stdin) > 0 {
					stdin = strings.Join(c.stdin, "\n") + "\n"
				}
				var stdout, stderr bytes.Buffer
				status := run(c.args, strings.NewReader(stdin), &stdout, &stderr)
				gotOut, gotErr := outputLines(stdout.Bytes()), outputLines(stderr.Bytes())
				if *update {
					c.stdout, c.stderr, c.status = gotOut, gotErr, status
					continue
				}
				if status != c.status || !equalLines(gotOut, c.stdout) || !equalLines(gotErr, c.stderr) {
					t.Errorf("%s:%d: $ gcalc %s\nstatus %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s",
						file, c.line, c.cmd, status, c.status, strings.Join(gotOut, "\n"), strings.Join(c.stdout, "\n"),
						strings.Join(gotErr, "\n"), strings.Join(c.stderr, "\n"))
				}
			}
			if *update {
				if err := os.WriteFile(abs, []byte(s.format()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (s *script) format() string {
	var b strings.Builder
	tagged := func(tag string, lines []string) {
		for _, l := range lines {
			if l == "" {
				b.WriteString(tag + "\n")
			} else {
				b.WriteString(tag + " " + l + "\n")
			}
		}
	}
	for _, c := range s.cases {
		for _, l := range c.comments {
			b.WriteString(l + "\n")
		}
		b.WriteString("$ " + c.cmd + "\n")
		tagged("<", c.stdin)
		tagged(">", c.stdout)
		tagged("!", c.stderr)
		if c.status != 0 {
			fmt.Fprintf(&b, "? %d\n", c.status)
		}
	}
	for _, l := range s.trailing {
		b.WriteString(l + "\n")
	}
	for _, l := range s.files {
		b.WriteString(l + "\n")
	}
	return b.String()
}
