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
