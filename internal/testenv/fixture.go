package testenv

import (
	"encoding/hex"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Fixture is a golden file of named sections, in the txtar layout:
//
//	-- name --
//	text...
//
// Kind fixtures (a command, the request it sends, the kernel's reply and
// the outputs) are stored this way.
type Fixture struct {
	names    []string
	sections map[string]string
}

// ReadFixture reads a fixture file.
func ReadFixture(path string) (*Fixture, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := &Fixture{sections: map[string]string{}}
	cur := ""
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if name, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "-- "); ok && strings.HasSuffix(name, " --") {
			cur = strings.TrimSuffix(name, " --")
			f.names = append(f.names, cur)
			f.sections[cur] = ""
			continue
		}
		if cur != "" {
			f.sections[cur] += line
		}
	}
	return f, nil
}

// NewFixture is an empty fixture.
func NewFixture() *Fixture { return &Fixture{sections: map[string]string{}} }

// Section is the text of section name ("" if absent).
func (f *Fixture) Section(name string) string { return f.sections[name] }

// Has reports whether the fixture has section name.
func (f *Fixture) Has(name string) bool {
	_, ok := f.sections[name]
	return ok
}

// Set sets section name, appending it if new.
func (f *Fixture) Set(name, v string) {
	if _, ok := f.sections[name]; !ok {
		f.names = append(f.names, name)
	}
	f.sections[name] = v
}

// Write writes the fixture to path, each section ending in a newline.
func (f *Fixture) Write(path string) error {
	var b strings.Builder
	for _, n := range f.names {
		b.WriteString("-- " + n + " --\n")
		v := f.sections[n]
		b.WriteString(v)
		if v != "" && !strings.HasSuffix(v, "\n") {
			b.WriteString("\n")
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// HexLines is messages in hex, one per line.
func HexLines(msgs [][]byte) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(hex.EncodeToString(m) + "\n")
	}
	return b.String()
}

// ParseHexLines reads what HexLines wrote.
func ParseHexLines(s string) ([][]byte, error) {
	var out [][]byte
	for _, line := range strings.Fields(s) {
		b, err := hex.DecodeString(line)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// number matches the decimal numbers in an output.
var number = regexp.MustCompile(`[0-9]+`)

// NumbersWithinOne reports whether a and b are the same text but for
// numbers that differ by at most one each (a byte or microsecond lost to
// rounding in one of two tools).
func NumbersWithinOne(a, b string) bool {
	if number.ReplaceAllString(a, "#") != number.ReplaceAllString(b, "#") {
		return false
	}
	na, nb := number.FindAllString(a, -1), number.FindAllString(b, -1)
	for i := range na {
		x, _ := strconv.ParseInt(na[i], 10, 64)
		y, _ := strconv.ParseInt(nb[i], 10, 64)
		if x-y > 1 || y-x > 1 {
			return false
		}
	}
	return true
}
