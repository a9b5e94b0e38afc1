package progress

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// interval is how often the line is redrawn at most.
const interval = 100 * time.Millisecond

// Meter draws the progress line of one run. The zero Meter and a nil
// *Meter draw nothing, so callers need not check whether one is on.
type Meter struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	total int64 // bytes (or items) in all, 0 if unknown
	done  int64 // bytes read (or items counted) so far
	items int   // lines (or entries) handled so far
	shown bool  // a line is on the screen
	last  time.Time
	now   func() time.Time
}

// New returns a meter drawing on w when w is a terminal, and nil
// otherwise. label names the run ("batch routes.txt"); total is its size
// in bytes, or 0 when it is unknown (a pipe).
func New(w io.Writer, label string, total int64) *Meter {
	f, ok := w.(*os.File)
	if !ok || !IsTerminal(f) {
		return nil
	}
	return &Meter{w: w, label: label, total: total, now: time.Now}
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// Reader counts the bytes read through r toward the meter's total.
func (m *Meter) Reader(r io.Reader) io.Reader {
	if m == nil {
		return r
	}
	return &countingReader{r: r, m: m}
}

type countingReader struct {
	r io.Reader
	m *Meter
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.m.mu.Lock()
	c.m.done += int64(n)
	c.m.mu.Unlock()
	return n, err
}

// Step counts one more item (a line) done and redraws the line if it is
// due.
func (m *Meter) Step() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items++
	if now := m.now(); now.Sub(m.last) >= interval {
		m.last = now
		m.draw()
	}
}

// Item counts one item of a run whose total New was given in items (the
// lines of a plan) rather than bytes, and draws as Step does.
func (m *Meter) Item() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.done++
	m.mu.Unlock()
	m.Step()
}

func (m *Meter) draw() {
	b := append([]byte("\r\x1b[K"), m.label...)
	b = append(b, ": "...)
	if m.total > 0 {
		b = strconv.AppendInt(b, min(100, m.done*100/m.total), 10)
		b = append(b, "%, "...)
	}
	b = append(b, "line "...)
	b = strconv.AppendInt(b, int64(m.items), 10)
	m.w.Write(b)
	m.shown = true
}

// Done erases the line.
func (m *Meter) Done() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.erase()
}

func (m *Meter) erase() {
	if m.shown {
		fmt.Fprint(m.w, "\r\x1b[K")
		m.shown = false
	}
}

// Writer returns a writer onto the meter's stream that erases the
// progress line before anything else is written there (an error report),
// so that the two never share a line; the next Step draws it again.
func (m *Meter) Writer(w io.Writer) io.Writer {
	if m == nil {
		return w
	}
	return writerFunc(func(p []byte) (int, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.erase()
		m.last = time.Time{}
		return w.Write(p)
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
