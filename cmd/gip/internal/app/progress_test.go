package app

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestBatchProgressOnTerminal runs a batch with standard error on a
// terminal: a progress line is drawn, erased before the failure report
// (which starts its own line) and at the end. Piped, the same batch
// prints only the report (other tests compare that with ip's).
func TestBatchProgressOnTerminal(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "addr", "add", "10.0.0.1/24", "dev", "v0")
	must(t, "ip", "-n", ns, "link", "set", "v0", "up")
	var lines []string
	for i := range 2000 {
		lines = append(lines, fmt.Sprintf("route add 10.%d.%d.0/24 via 10.0.0.2", 1+i/256, i%256))
	}
	lines = append(lines, "route add 10.1.0.0/24 via 10.0.0.2", "route add 10.200.0.0/24 via 10.0.0.2")
	file := t.TempDir() + "/routes"
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	master, term := testenv.OpenPTY(t)
	screen := testenv.Screen(master, term)
	var out bytes.Buffer
	code := Run([]string{"-n", ns, "-batch", file}, strings.NewReader(""), &out, term)
	got := screen()
	report := "RTNETLINK answers: File exists\r\nCommand failed " + file + ":2001\r\n"
	last := strings.LastIndex(got, "gip: batch "+file+": ")
	if code != 1 || last < 0 || !strings.Contains(got, "\r\x1b[K"+report) || !strings.Contains(got[last:], "\r\x1b[K") {
		t.Errorf("exit %d, the terminal shows %q", code, got)
	}
	piped := gip(t, "-n", testNS(t), "-batch", file)
	if strings.Contains(piped.Stderr, "\x1b") || strings.Contains(piped.Stderr, "batch "+file+":") {
		t.Errorf("a progress line on a pipe: %q", piped.Stderr)
	}
}

// TestStateApplyProgressOnTerminal applies a file of 2,000 routes with
// standard error on a terminal: a progress line counts the plan's lines
// and is erased before the summary; piped, or under -j, there is none.
func TestStateApplyProgressOnTerminal(t *testing.T) {
	setup := func() string {
		ns := testNS(t)
		must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
		must(t, "ip", "-n", ns, "addr", "add", "10.0.0.1/24", "dev", "v0")
		must(t, "ip", "-n", ns, "link", "set", "v0", "up")
		must(t, "ip", "-n", ns, "link", "set", "v1", "up")
		return ns
	}
	var doc strings.Builder
	doc.WriteString("routes:\n")
	for i := range 2000 {
		fmt.Fprintf(&doc, "  - dst: 10.%d.%d.0/24\n    via: 10.0.0.2\n", 1+i/256, i%256)
	}
	file := t.TempDir() + "/state.yaml"
	if err := os.WriteFile(file, []byte(doc.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ns := setup()
	master, term := testenv.OpenPTY(t)
	screen := testenv.Screen(master, term)
	var out bytes.Buffer
	code := Run([]string{"-n", ns, "state", "apply", file}, strings.NewReader(""), &out, term)
	got := screen()
	label := "gip: state apply " + file + ": "
	first, last := strings.Index(got, label), strings.LastIndex(got, label)
	if code != 0 || first < 0 || !strings.HasPrefix(got[first:], label+"0%, line 1") ||
		!strings.HasSuffix(got, "\r\x1b[K") || strings.Count(got[last:], "\r\x1b[K") != 1 {
		t.Errorf("exit %d, the terminal shows %q", code, got)
	}
	if !strings.Contains(out.String(), "Apply complete! Resources: 2000 added, 0 changed, 0 destroyed.\n") {
		t.Errorf("apply printed %q", out.String())
	}
	if n := strings.Count(tool(t, "ip", "-n", ns, "route", "show", "via", "10.0.0.2").Stdout, "\n"); n != 2000 {
		t.Errorf("ip shows %d routes via 10.0.0.2 after the apply, want 2000", n)
	}

	piped := gip(t, "-n", setup(), "state", "apply", file)
	if piped.code != 0 || piped.Stderr != "" {
		t.Errorf("piped: exit %d, stderr %q", piped.code, piped.Stderr)
	}
	master, term = testenv.OpenPTY(t)
	screen = testenv.Screen(master, term)
	out.Reset()
	code = Run([]string{"-j", "-n", setup(), "state", "apply", file}, strings.NewReader(""), &out, term)
	if got := screen(); code != 0 || got != "" || !strings.HasPrefix(out.String(), `{"changed":true`) {
		t.Errorf("-j: exit %d, the terminal shows %q, stdout %.40q", code, got, out.String())
	}
}
