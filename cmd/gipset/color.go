package main

import (
	"io"
	"os"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/progress"
)

// Colour modes of -c, as gip's: -c alone is always; auto colours on a
// terminal unless NO_COLOR is set (no-color.org); none is the default.
const (
	colorNever  = "never"
	colorAuto   = "auto"
	colorAlways = "always"
)

// colorOn reports whether a table written to w is coloured in mode.
func colorOn(mode string, w io.Writer) bool {
	switch mode {
	case colorAlways:
		return true
	case colorAuto:
		f, ok := w.(*os.File)
		return ok && progress.IsTerminal(f) && os.Getenv("NO_COLOR") == ""
	}
	return false
}

// colorTable colours the cells of a table of sets as gip -c colours
// fields: the family by the colour of its addresses.
func colorTable(header []string, rows [][]string) {
	for c, h := range header {
		if h != "family" {
			continue
		}
		for _, r := range rows {
			if color := familyColor(r[c]); color != "" {
				r[c] = color + r[c] + "\x1b[0m"
			}
		}
	}
}

// familyColor is the colour of addresses of a family named as ipset
// names it.
func familyColor(family string) string {
	switch family {
	case "inet":
		return format.ColorInet
	case "inet6":
		return format.ColorInet6
	}
	return ""
}
