package testenv

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// PTY is a pseudo-terminal (/dev/ptmx and devpts), for tests of what a
// tool shows only on a terminal.
const PTY Feature = "dev/pts"

// OpenPTY returns the two ends of a new pseudo-terminal, closed when the
// test ends: the terminal to hand a program, and the master to read what
// it shows.
func OpenPTY(t testing.TB) (master, terminal *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		Missing(t, PTY, "no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("the pseudo-terminal's number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		Missing(t, PTY, "no devpts: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// Screen starts collecting what is shown on the pseudo-terminal of
// master; the function it returns closes terminal (the program's side)
// and returns everything shown.
func Screen(master, terminal *os.File) func() string {
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&shown, master)
		close(done)
	}()
	return func() string {
		terminal.Close()
		master.SetReadDeadline(time.Now().Add(2 * time.Second))
		<-done
		return shown.String()
	}
}
