package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestMonitorFileMatchesIP records a namespace's events with rtmon, then
// replays the capture with ip monitor file and gip monitor file (plain,
// label, dev, an object word, which a replay ignores as ip does): the
// texts must be the same; -j prints envelopes with the recorded times;
// a missing and a truncated file are refused as ip refuses them.
func TestMonitorFileMatchesIP(t *testing.T) {
	testenv.NeedTools(t, "rtmon")
	ns := monitorNS(t)
	dir := t.TempDir()
	capture := filepath.Join(dir, "capture")
	rtmon := exec.Command("ip", "netns", "exec", ns, "rtmon", "file", capture)
	if err := rtmon.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { rtmon.Process.Kill(); rtmon.Wait() }()
	for i := 0; ; i++ {
		if st, err := os.Stat(capture); err == nil && st.Size() > 0 {
			break
		}
		if i == 100 {
			t.Fatal("rtmon wrote nothing")
		}
		time.Sleep(50 * time.Millisecond)
	}
	applyChanges(t, ns)
	time.Sleep(300 * time.Millisecond)
	rtmon.Process.Signal(syscall.SIGTERM)
	rtmon.Wait()

	for _, args := range [][]string{{}, {"label"}, {"dev", "v0"}, {"route"}, {"all"}} {
		line := append(append([]string{"-n", ns, "monitor"}, args...), "file", capture)
		want := tool(t, "ip", line...)
		got := gipProcess(t, line...)
		if got.code != want.code || got.Stdout != want.Stdout || got.Stderr != want.Stderr {
			t.Errorf("monitor %s file: ip exit %d\n%s%s\ngip exit %d\n%s%s", strings.Join(args, " "), want.code, want.Stdout, want.Stderr, got.code, got.Stdout, got.Stderr)
		}
		if len(args) == 0 && (strings.Count(want.Stdout, "Timestamp: ") < 20 || !strings.Contains(want.Stdout, "10.9.0.0/16 via 10.0.0.2")) {
			t.Errorf("ip monitor file printed too little to compare:\n%s", want.Stdout)
		}
	}
	js := gipProcess(t, "-n", ns, "-j", "monitor", "file", capture)
	evs := parseEvents(t, js.Stdout)
	if js.code != 0 || len(evs) < 20 {
		t.Fatalf("gip -j monitor file: exit %d, %d events: %s", js.code, len(evs), js.Stderr)
	}
	for _, ev := range evs {
		if _, err := time.Parse(time.RFC3339Nano, ev.Timestamp); err != nil {
			b, _ := json.Marshal(ev)
			t.Errorf("gip -j monitor file: an event without its recorded time: %s", b)
		}
	}

	b, err := os.ReadFile(capture)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated")
	os.WriteFile(truncated, b[:len(b)-7], 0o644)
	for _, f := range []string{truncated, filepath.Join(dir, "missing")} {
		line := []string{"-n", ns, "monitor", "file", f}
		want, got := tool(t, "ip", line...), gipProcess(t, line...)
		if got.code != want.code || got.Stderr != want.Stderr || got.Stdout != want.Stdout {
			t.Errorf("monitor file %s: ip exit %d %q, gip exit %d %q", filepath.Base(f), want.code, want.Stderr, got.code, got.Stderr)
		}
	}
}
