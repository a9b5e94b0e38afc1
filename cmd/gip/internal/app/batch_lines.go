package app

import (
	"bufio"
	"io"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// batchLines reads a batch file as ip's getcmdline does: '#' starts a
// comment anywhere on a line, a backslash at the end of a line joins the
// next one, and the line number counts physical lines.
type batchLines struct {
	r    *bufio.Reader
	line int
}

// next returns the next command line and the number of its last physical
// line; io.EOF at the end.
func (b *batchLines) next() (string, int, error) {
	s, err := b.readPhysical()
	if err != nil {
		return "", b.line, err
	}
	for strings.HasSuffix(s, "\\\n") {
		more, err := b.readPhysical()
		if err != nil {
			return "", b.line, fail.Localf("Missing continuation line")
		}
		s = s[:len(s)-2] + more
	}
	return s, b.line, nil
}

func (b *batchLines) readPhysical() (string, error) {
	s, err := b.r.ReadString('\n')
	if err != nil && (err != io.EOF || s == "") {
		return "", err
	}
	b.line++
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	return s, nil
}

// splitBatchLine is ip's makeargs: words split on blanks; a word starting
// with a quote runs to the same quote, which has no escapes.
func splitBatchLine(s string, words []string) ([]string, error) {
	const blanks = " \t\r\n"
	words = words[:0]
	for {
		s = strings.TrimLeft(s, blanks)
		if s == "" {
			return words, nil
		}
		if q := s[0]; q == '\'' || q == '"' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return nil, fail.Fatal(fail.ExitLocal, "Unterminated quoted string")
			}
			words = append(words, s[1:1+end])
			s = s[2+end:]
			if s != "" {
				s = s[1:] // the character after the quote separates words
			}
			continue
		}
		end := strings.IndexAny(s, blanks)
		if end < 0 {
			return append(words, s), nil
		}
		words = append(words, s[:end])
		s = s[end+1:]
	}
}
