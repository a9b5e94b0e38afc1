package format

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WriteTable draws rows as a bordered table for people, with header as
// its first row when it is not nil: header words upper-cased and centred
// ("_" and "." between words become spaces), cells left-aligned, never
// wrapped, a cell with line breaks spread over several lines. Widths count
// East Asian wide characters twice, as terminals draw them.
func WriteTable(w io.Writer, header []string, rows [][]string) {
	ncol := len(header)
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return
	}
	head := make([]string, len(header))
	for i, h := range header {
		head[i] = headerTitle(h)
	}
	widths := make([]int, ncol)
	measure := func(cells []string) {
		for i, c := range cells {
			for _, line := range strings.Split(c, "\n") {
				widths[i] = max(widths[i], displayWidth(line))
			}
		}
	}
	measure(head)
	for _, r := range rows {
		measure(r)
	}
	var b []byte
	rule := func() {
		b = append(b, '+')
		for _, wd := range widths {
			b = append(b, strings.Repeat("-", wd+2)...)
			b = append(b, '+')
		}
		b = append(b, '\n')
	}
	row := func(cells []string, centre bool) {
		lines := make([][]string, ncol)
		height := 1
		for i := range lines {
			if i < len(cells) {
				lines[i] = strings.Split(cells[i], "\n")
			}
			height = max(height, len(lines[i]))
		}
		for l := 0; l < height; l++ {
			b = append(b, '|')
			for i, wd := range widths {
				s := ""
				if l < len(lines[i]) {
					s = lines[i][l]
				}
				pad := wd - displayWidth(s)
				left := 0
				if centre {
					left = pad / 2
				}
				b = append(b, ' ')
				b = append(b, strings.Repeat(" ", left)...)
				b = append(b, s...)
				b = append(b, strings.Repeat(" ", pad-left)...)
				b = append(b, " |"...)
			}
			b = append(b, '\n')
		}
	}
	rule()
	if header != nil {
		row(head, true)
		rule()
	}
	for _, r := range rows {
		row(r, false)
	}
	rule()
	w.Write(b)
}

// headerTitle is a header cell as the table prints it: "_" and a "."
// that is not part of a number become spaces, then upper case.
func headerTitle(s string) string {
	rs := []rune(s)
	isNum := func(i int) bool { return i < 0 || i >= len(rs) || unicode.IsDigit(rs[i]) || rs[i] == ' ' }
	for i, r := range rs {
		switch {
		case r == '_':
			rs[i] = ' '
		case r == '.' && (!isNum(i-1) || !isNum(i+1)):
			rs[i] = ' '
		}
	}
	t := strings.TrimSpace(string(rs))
	if t == "" && s != "" {
		t = " "
	}
	return strings.ToUpper(t)
}

// displayWidth is how many terminal columns s takes: one per character,
// two for East Asian wide and fullwidth characters, none for combining
// marks and ANSI colour sequences ("\x1b[35m").
func displayWidth(s string) int {
	n := 0
	for len(s) > 0 {
		if strings.HasPrefix(s, "\x1b[") {
			end := strings.IndexFunc(s[2:], func(r rune) bool { return r >= 0x40 && r <= 0x7e })
			if end >= 0 {
				s = s[2+end+1:]
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r < 0x300:
			n++
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// isWide reports the East Asian wide and fullwidth ranges in common use.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0x303e, r >= 0x3041 && r <= 0x33ff,
		r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, r >= 0xa000 && r <= 0xa4cf,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f,
		r >= 0x1f900 && r <= 0x1f9ff, r >= 0x20000 && r <= 0x3fffd:
		return true
	}
	return false
}
