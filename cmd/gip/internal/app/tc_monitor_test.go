package app

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// watcher is a monitor process and its growing output.
type watcher struct {
	cmd *exec.Cmd
	out *syncBuffer
}

// syncBuffer is a bytes.Buffer a process writes and the test reads.
type syncBuffer struct {
	ch  chan []byte
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.ch <- append([]byte(nil), p...)
	return len(p), nil
}

// String is what the process wrote so far.
func (s *syncBuffer) String() string {
	for {
		select {
		case p := <-s.ch:
			s.buf.Write(p)
		default:
			return s.buf.String()
		}
	}
}

// startWatcher runs args (the test binary as gip when asGip) until the
// test ends.
func startWatcher(t *testing.T, asGip bool, args ...string) *watcher {
	t.Helper()
	name := args[0]
	if asGip {
		name, args = os.Args[0], append([]string{""}, args...)
	}
	cmd := exec.Command(name, args[1:]...)
	if asGip {
		cmd.Env = append(os.Environ(), asMainEnv+"=1")
	}
	out := &syncBuffer{ch: make(chan []byte, 1024)}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		// Wait waits for the output to be copied: take what is left.
		go func() {
			for range out.ch {
			}
		}()
		cmd.Wait()
	})
	return &watcher{cmd: cmd, out: out}
}

// waitFor waits until every watcher's output holds s.
func waitFor(t *testing.T, s string, ws ...*watcher) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for _, w := range ws {
		for !strings.Contains(w.out.String(), s) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q from %v after 10 s: %q", s, w.cmd.Args, w.out.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// TestTCMonitorMatchesTC watches the same namespace with tc monitor and
// gip tc monitor (and -j and -ts) while qdiscs, classes, filters and chains
// come and go, and compares what they print.
func TestTCMonitorMatchesTC(t *testing.T) {
	ns := tcNS(t)
	ref := startWatcher(t, false, "tc", "-n", ns, "monitor")
	got := startWatcher(t, true, "tc", "-n", ns, "monitor")
	js := startWatcher(t, true, "tc", "-n", ns, "-j", "monitor")
	jts := startWatcher(t, true, "tc", "-n", ns, "-j", "-t", "monitor")
	ts := startWatcher(t, true, "tc", "-n", ns, "-ts", "monitor")
	// The watchers have subscribed once they see a first event.
	for i := 0; ; i++ {
		must(t, "tc", "-n", ns, "qdisc", "replace", "dev", "v2", "root", "pfifo", "limit", "10")
		time.Sleep(50 * time.Millisecond)
		if strings.Contains(ref.out.String(), "pfifo") && strings.Contains(got.out.String(), "pfifo") &&
			strings.Contains(js.out.String(), "pfifo") && strings.Contains(ts.out.String(), "pfifo") &&
			strings.Contains(jts.out.String(), "pfifo") {
			break
		}
		if i == 100 {
			t.Fatal("the monitors never saw the first event")
		}
	}
	start := len(ref.out.String())
	startGot := len(got.out.String())
	startJS := len(js.out.String())
	for _, line := range []string{
		"qdisc add dev v0 root handle 1: htb",
		"class add dev v0 parent 1: classid 1:1 htb rate 1mbit",
		"qdisc add dev v0 parent 1:1 handle 10: pfifo limit 50",
		"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1",
		"chain add dev v0 parent 1: chain 3",
		"filter del dev v0 parent 1: prio 1",
		"chain del dev v0 parent 1: chain 3",
		"qdisc del dev v0 parent 1:1 handle 10:",
		"class del dev v0 classid 1:1",
		"qdisc del dev v0 root",
		"qdisc add dev v4 root handle 9: tbf rate 1mbit burst 10k latency 50ms",
	} {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	waitFor(t, "qdisc tbf 9:", ref, got, ts)
	waitFor(t, `"handle":"9:"`, js, jts)
	time.Sleep(100 * time.Millisecond)
	want, have := ref.out.String()[start:], got.out.String()[startGot:]
	if want != have {
		t.Errorf("tc monitor printed\n%s\ngip tc monitor printed\n%s", want, have)
	}
	// -j: one envelope per event, in the order and of the kinds of the
	// text's events.
	var events []string
	for _, line := range strings.Split(strings.TrimSpace(js.out.String()[startJS:]), "\n") {
		var v struct {
			Object, Action string
			Data           map[string]any
		}
		if err := json.Unmarshal([]byte(line), &v); err != nil || v.Data == nil {
			t.Errorf("gip tc -j monitor: a line is not an event object (%v): %s", err, line)
			continue
		}
		events = append(events, v.Object+" "+v.Action)
	}
	var textEvents []string
	for _, line := range strings.Split(strings.TrimSpace(want), "\n") {
		w := strings.Fields(line)
		if len(w) == 0 || strings.HasPrefix(line, " ") {
			continue
		}
		action := "new"
		if w[0] == "deleted" {
			action, w = "del", w[1:]
		} else if w[0] == "added" || w[0] == "replaced" {
			w = w[1:]
		}
		textEvents = append(textEvents, w[0]+" "+action)
	}
	if len(textEvents) < 11 || strings.Join(events, ",") != strings.Join(textEvents, ",") {
		t.Errorf("gip tc -j monitor's events\n%q\ntc monitor's\n%q", events, textEvents)
	}
	for _, line := range strings.Split(strings.TrimSpace(jts.out.String()), "\n") {
		var v struct{ Timestamp string }
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("gip tc -j -t monitor: not JSON (%v): %s", err, line)
		} else if _, err := time.Parse(time.RFC3339Nano, v.Timestamp); err != nil || !strings.HasSuffix(v.Timestamp, "Z") {
			t.Errorf("gip tc -j -t monitor: timestamp %q is not RFC 3339 UTC: %s", v.Timestamp, line)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(ts.out.String()), "\n") {
		if !strings.HasPrefix(line, "[") && !strings.HasPrefix(line, " ") {
			t.Errorf("gip tc -ts monitor: a line without its timestamp: %q", line)
		}
	}
}

// TestTCEchoMatchesMonitor makes changes with gip tc -echo (single
// commands and a batch) while tc monitor watches: what gip prints of the
// kernel's echoes must be what tc monitor prints of the same events
// (tc 6.1 has no -echo; later tc prints echoes as its monitor does),
// chains aside, and -j -echo one JSON array per echo.
func TestTCEchoMatchesMonitor(t *testing.T) {
	ns := tcNS(t)
	ref := startWatcher(t, false, "tc", "-n", ns, "monitor")
	for i := 0; ; i++ {
		must(t, "tc", "-n", ns, "qdisc", "replace", "dev", "v2", "root", "pfifo", "limit", "10")
		time.Sleep(50 * time.Millisecond)
		if strings.Contains(ref.out.String(), "pfifo") {
			break
		}
		if i == 100 {
			t.Fatal("tc monitor never saw the first event")
		}
	}
	start := len(ref.out.String())
	var echoed strings.Builder
	for _, line := range []string{
		"qdisc add dev v0 root handle 1: htb",
		"class add dev v0 parent 1: classid 1:1 htb rate 1mbit",
		"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1",
		"chain add dev v0 parent 1: chain 3",
		"filter del dev v0 parent 1: prio 1",
	} {
		r := gip(t, append([]string{"tc", "-n", ns, "-echo"}, strings.Fields(line)...)...)
		if r.code != 0 || r.Stderr != "" {
			t.Fatalf("gip tc -echo %s: exit %d %s", line, r.code, r.Stderr)
		}
		echoed.WriteString(r.Stdout)
	}
	batch := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(batch, []byte("chain del dev v0 parent 1: chain 3\nclass del dev v0 classid 1:1\nqdisc del dev v0 root\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := gip(t, "tc", "-n", ns, "-echo", "-batch", batch)
	if r.code != 0 || r.Stderr != "" {
		t.Fatalf("gip tc -echo -batch: exit %d %s", r.code, r.Stderr)
	}
	echoed.WriteString(r.Stdout)
	waitFor(t, "deleted qdisc htb 1:", ref)
	time.Sleep(100 * time.Millisecond)
	// The kernel echoes no chain: it notifies chains to listeners only.
	var want strings.Builder
	for _, l := range strings.SplitAfter(ref.out.String()[start:], "\n") {
		if !strings.HasPrefix(l, "added chain ") && !strings.HasPrefix(l, "deleted chain ") {
			want.WriteString(l)
		}
	}
	if want.String() != echoed.String() {
		t.Errorf("tc monitor printed\n%s\ngip tc -echo printed\n%s", want.String(), echoed.String())
	}
	r = gip(t, "tc", "-n", ns, "-echo", "-j", "qdisc", "add", "dev", "v4", "root", "handle", "4:", "pfifo")
	var v []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &v); r.code != 0 || err != nil || len(v) != 1 || v[0]["handle"] != "4:" {
		t.Errorf("gip tc -echo -j qdisc add: exit %d (%v)\n%s%s", r.code, err, r.Stdout, r.Stderr)
	}
}

// TestTCMonitorFileMatchesTC records the kernel's traffic-control events
// of a namespace into a file, as netlink messages one after another, and
// compares what tc monitor file and gip tc monitor file print of it; and
// their answers to a missing, a truncated and a malformed file.
func TestTCMonitorFileMatchesTC(t *testing.T) {
	ns := tcNS(t)
	conn, err := nl.Dial(nl.Route, &nl.Config{NetNS: ns, Groups: []uint32{unix.RTNLGRP_TC}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	lines := []string{
		"qdisc add dev v0 root handle 1: htb default 1",
		"class add dev v0 parent 1: classid 1:1 htb rate 1mbit",
		"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1",
		"chain add dev v0 parent 1: chain 3",
		"filter del dev v0 parent 1: prio 1",
		"qdisc del dev v0 root",
		"qdisc add dev v2 root tbf rate 1mbit burst 10k latency 50ms",
	}
	for _, line := range lines {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	var rec []byte
	if err := conn.SetReadDeadline(time.Now().Add(2 * time.Second)); err != nil {
		t.Fatal(err)
	}
	for !bytes.Contains(rec, []byte("tbf")) {
		msgs, err := conn.Receive()
		if err != nil {
			t.Fatalf("receiving the events: %v (have %d bytes)", err, len(rec))
		}
		for _, m := range msgs {
			rec = nl.AppendMessage(rec, m)
		}
	}
	dir := t.TempDir()
	files := map[string][]byte{"events": rec, "truncated": rec[:len(rec)-5], "short": rec[:7],
		"malformed": append(binary.NativeEndian.AppendUint32(nil, 3), make([]byte, 12)...)}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"events", "truncated", "short", "malformed", "nosuch"} {
		w := []string{"-n", ns, "monitor", "file", filepath.Join(dir, name)}
		ref := tool(t, "tc", w...)
		got := gip(t, append([]string{"tc"}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
			t.Errorf("tc monitor file %s:\n gip exit %d stderr %q stdout\n%s\n  tc exit %d stderr %q stdout\n%s",
				name, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
		}
		if name == "events" && strings.Count(ref.Stdout, "\n") < len(lines) {
			t.Errorf("tc monitor file printed too little of %d events:\n%s", len(lines), ref.Stdout)
		}
	}
}

// TestTCMonitorActionsMatchTC watches standalone actions being added,
// replaced, changed, deleted and flushed with tc monitor and gip tc
// monitor side by side, and with gip tc -j monitor: one envelope per
// event, object "action", in the order of the text's events.
func TestTCMonitorActionsMatchTC(t *testing.T) {
	ns := tcNS(t)
	for _, probe := range []struct {
		feature testenv.Feature
		add     string
	}{
		{testenv.ActGact, "actions add action gact pass index 99"},
		{testenv.ActPolice, "actions add action police rate 1mbit burst 10k index 99"},
	} {
		r := tool(t, "tc", append([]string{"-n", ns}, strings.Fields(probe.add)...)...)
		if strings.Contains(r.Stderr, "Failed to load TC action module") {
			testenv.Missing(t, probe.feature, "%s", strings.TrimSpace(r.Stderr))
		}
		if r.code != 0 {
			t.Fatalf("tc %s: exit %d: %s", probe.add, r.code, r.Stderr)
		}
		kind := strings.Fields(probe.add)[3]
		must(t, "tc", "-n", ns, "actions", "del", "action", kind, "index", "99")
	}
	ref := startWatcher(t, false, "tc", "-n", ns, "monitor")
	got := startWatcher(t, true, "tc", "-n", ns, "monitor")
	js := startWatcher(t, true, "tc", "-n", ns, "-j", "monitor")
	for i := 0; ; i++ {
		must(t, "tc", "-n", ns, "qdisc", "replace", "dev", "v2", "root", "pfifo", "limit", "10")
		time.Sleep(50 * time.Millisecond)
		if strings.Contains(ref.out.String(), "pfifo") && strings.Contains(got.out.String(), "pfifo") &&
			strings.Contains(js.out.String(), "pfifo") {
			break
		}
		if i == 100 {
			t.Fatal("the monitors never saw the first event")
		}
	}
	start, startGot, startJS := len(ref.out.String()), len(got.out.String()), len(js.out.String())
	for _, line := range []string{
		"actions add action gact pass index 8",
		"actions replace action gact drop index 8",
		"actions change action gact reclassify index 8",
		"actions add action police rate 1mbit burst 10k index 5",
		"actions del action gact index 8",
		"actions add action gact pass index 9",
		"actions add action gact drop random determ pipe 10 index 10",
		"actions flush action gact",
		"actions del action police index 5",
		"qdisc add dev v4 root handle 9: tbf rate 1mbit burst 10k latency 50ms",
	} {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	waitFor(t, "qdisc tbf 9:", ref, got)
	waitFor(t, `"handle":"9:"`, js)
	time.Sleep(100 * time.Millisecond)
	want, have := ref.out.String()[start:], got.out.String()[startGot:]
	if want != have {
		t.Errorf("tc monitor printed\n%s\ngip tc monitor printed\n%s", want, have)
	}
	var textEvents []string
	for _, line := range strings.Split(want, "\n") {
		switch {
		case strings.HasPrefix(line, "Added action"), strings.HasPrefix(line, "Replaced action"):
			textEvents = append(textEvents, "action new")
		case strings.HasPrefix(line, "Deleted action"), strings.HasPrefix(line, "Flushed table"):
			textEvents = append(textEvents, "action del")
		}
	}
	var events []string
	flushed := false
	for _, line := range strings.Split(strings.TrimSpace(js.out.String()[startJS:]), "\n") {
		var v struct {
			Object, Action string
			Data           map[string]any
		}
		if err := json.Unmarshal([]byte(line), &v); err != nil || v.Data == nil {
			t.Errorf("gip tc -j monitor: a line is not an event object (%v): %s", err, line)
			continue
		}
		if v.Object != "action" {
			continue
		}
		events = append(events, v.Object+" "+v.Action)
		if v.Data["kind"] == "gact" && v.Data["entries"] == float64(2) {
			flushed = true
		} else if acts, _ := v.Data["actions"].([]any); len(acts) != 1 {
			t.Errorf("gip tc -j monitor: an action event without its action: %s", line)
		}
	}
	if len(textEvents) != 9 || strings.Join(events, ",") != strings.Join(textEvents, ",") {
		t.Errorf("gip tc -j monitor's action events\n%q\ntc monitor's\n%q", events, textEvents)
	}
	if !flushed {
		t.Errorf("gip tc -j monitor: no flush event of 2 gact actions in\n%s", js.out.String()[startJS:])
	}
}
