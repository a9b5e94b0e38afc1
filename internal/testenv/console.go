package testenv

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// Transcript is one ```console block of a Markdown file: commands as a
// person types them after "$ ", each followed by what it prints (standard
// output and standard error as a terminal shows them).
type Transcript struct {
	Line  int // the line of the block's opening fence, 1-based
	Steps []Step
}

// Step is one command of a transcript.
type Step struct {
	Line int      // the command's line, 1-based
	Args []string // the command line split as sh splits it (quotes, no expansions)
	Want string   // what it prints, each line ending in "\n"
}

// Transcripts reads the ```console blocks of the Markdown file at path
// whose commands all run tool (the first word).
func Transcripts(path, tool string) ([]Transcript, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Transcript
	var cur *Transcript
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		switch {
		case cur == nil && strings.TrimSpace(line) == "```console":
			cur = &Transcript{Line: n}
		case cur == nil:
		case strings.TrimSpace(line) == "```":
			if len(cur.Steps) > 0 && allRun(cur.Steps, tool) {
				out = append(out, *cur)
			}
			cur = nil
		case strings.HasPrefix(line, "$ "):
			args, err := splitCommand(line[2:])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n, err)
			}
			cur.Steps = append(cur.Steps, Step{Line: n, Args: args})
		case len(cur.Steps) == 0:
			return nil, fmt.Errorf("%s:%d: output before the first command", path, n)
		default:
			s := &cur.Steps[len(cur.Steps)-1]
			s.Want += line + "\n"
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("%s:%d: console block not closed", path, cur.Line)
	}
	return out, nil
}

func allRun(steps []Step, tool string) bool {
	for _, s := range steps {
		if len(s.Args) == 0 || s.Args[0] != tool {
			return false
		}
	}
	return true
}

// splitCommand splits a command line into words as sh does for plain
// words, 'single' and "double" quotes; it refuses what it does not do
// (expansions, pipes, redirections), so that a transcript cannot show a
// command its test does not run as written.
func splitCommand(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("unterminated %c quote", c)
			}
			quoted := s[i+1 : i+1+end]
			if c == '"' && strings.ContainsAny(quoted, "$`\\") {
				return nil, fmt.Errorf("expansion in %q: not supported in transcripts", quoted)
			}
			w.WriteString(quoted)
			inWord, i = true, i+1+end
		case strings.IndexByte("|&;<>()$`\\*?[#~", c) >= 0:
			return nil, fmt.Errorf("%q: shell syntax is not supported in transcripts", c)
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

// Check runs the steps of tr in order with run (which gets a step's
// words, the namespace "lab" after -n or -netns replaced by ns, and
// returns what the command printed) and reports each step whose output,
// passed through mask (nil: none), differs from the transcript's. A step
// that differs is retried for up to two seconds first: links and carriers
// settle asynchronously after a change.
func (tr Transcript) Check(t testing.TB, path, ns string, run func(args []string) string, mask func(string) string) {
	t.Helper()
	if mask == nil {
		mask = func(s string) string { return s }
	}
	for _, s := range tr.Steps {
		args := slices.Clone(s.Args[1:])
		for i := 1; i < len(args); i++ {
			if (args[i-1] == "-n" || args[i-1] == "-netns") && args[i] == "lab" {
				args[i] = ns
			}
		}
		want := mask(s.Want)
		got := mask(run(args))
		for deadline := time.Now().Add(2 * time.Second); got != want && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
			got = mask(run(args))
		}
		if got != want {
			t.Errorf("%s:%d: %s printed\n%s\nwhere the transcript says\n%s", path, s.Line, strings.Join(s.Args, " "), got, want)
		}
	}
}
