package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

func TestNoMeterOffATerminal(t *testing.T) {
	var b bytes.Buffer
	if m := New(&b, "batch", 10); m != nil {
		t.Fatal("a meter on a buffer")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if m := New(w, "batch", 10); m != nil {
		t.Fatal("a meter on a pipe")
	}
	// A nil meter does nothing and passes streams through.
	var m *Meter
	m.Step()
	m.Done()
	if m.Writer(&b) != io.Writer(&b) || m.Reader(r) != io.Reader(r) {
		t.Error("a nil meter wraps streams")
	}
}

func TestMeterDrawsErasesAndYields(t *testing.T) {
	var out bytes.Buffer
	clock := time.Unix(1000, 0)
	m := &Meter{w: &out, label: "batch f", total: 200, now: func() time.Time { return clock }}
	in := m.Reader(strings.NewReader(strings.Repeat("x", 100)))
	io.ReadAll(in)
	m.Step() // drawn: the first
	m.Step() // not due
	clock = clock.Add(interval)
	m.Step() // due
	errs := m.Writer(&out)
	io.WriteString(errs, "Error: no\n")
	m.Step() // due again after a report
	m.Done()
	want := "\r\x1b[Kbatch f: 50%, line 1" + "\r\x1b[Kbatch f: 50%, line 3" + "\r\x1b[K" + "Error: no\n" +
		"\r\x1b[Kbatch f: 50%, line 4" + "\r\x1b[K"
	if got := out.String(); got != want {
		t.Errorf("drew %q\nwant %q", got, want)
	}
}

func TestMeterCountsItems(t *testing.T) {
	var out bytes.Buffer
	clock := time.Unix(1000, 0)
	m := &Meter{w: &out, label: "state apply f", total: 4, now: func() time.Time { return clock }}
	m.Item() // drawn: the first
	m.Item() // not due
	clock = clock.Add(interval)
	m.Item()
	m.Done()
	var nilMeter *Meter
	nilMeter.Item()
	want := "\r\x1b[Kstate apply f: 25%, line 1" + "\r\x1b[Kstate apply f: 75%, line 3" + "\r\x1b[K"
	if got := out.String(); got != want {
		t.Errorf("drew %q\nwant %q", got, want)
	}
}
