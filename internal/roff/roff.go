// Package roff writes the text of the suite's man pages: escaping for
// roff, and writing a page where make man puts it.
package roff

import (
	"os"
	"path/filepath"
	"strings"
)

// Escape makes s safe as roff text: backslashes and hyphens escaped, a
// line starting with a control character ("." or "'") guarded, each line
// ended with a newline.
func Escape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			l = `\&` + l
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// WritePage writes the page called name (gipset.8) into dir, making dir
// if need be.
func WritePage(dir, name, page string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644)
}
