package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
)

// TestRestoreProgressOnTerminal restores a file with standard error on a
// terminal: a progress line is drawn and erased before the failure
// report; on a pipe nothing but the report is printed.
func TestRestoreProgressOnTerminal(t *testing.T) {
	ns := nltest.NetNS(t)
	lines := []string{"create big hash:ip"}
	for i := range 3000 {
		lines = append(lines, fmt.Sprintf("add big 10.0.%d.%d", i/256, i%256))
	}
	lines = append(lines, "add big 10.0.0.0")
	file := t.TempDir() + "/sets"
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	master, term := testenv.OpenPTY(t)
	screen := testenv.Screen(master, term)
	var out bytes.Buffer
	status := run([]string{"-netns", ns, "restore", "-file", file}, strings.NewReader(""), &out, term)
	got := screen()
	report := "\r\x1b[Kgipset: Error in line 3002: Element cannot be added to the set: it's already added\r\n"
	if status != 1 || !strings.Contains(got, "\r\x1b[Kgipset: restore "+file+": ") || !strings.HasSuffix(got, report) {
		t.Errorf("exit %d, the terminal shows %q", status, got)
	}
	piped := gipsetIn(nltest.NetNS(t), "", "restore", "-file", file)
	if piped.stderr != "gipset: Error in line 3002: Element cannot be added to the set: it's already added\n" {
		t.Errorf("on a pipe: %+v", piped)
	}
}
