package env

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Env is what one command line runs with: its options, its streams and the
// netlink socket it opens on first use. Make a new Env per command.
type Env struct {
	Ctx    context.Context
	Prog   string
	G      *Global
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Dispatch runs a command line (OBJECT VERB ARGS...) in an Env; an
	// object that delegates to another (mpls route) calls it.
	Dispatch func(e *Env, words []string) error

	conn   *nl.Conn
	shared bool // conn belongs to the caller: Close leaves it open
}

// Conn returns the rtnetlink socket in the namespace -n chose, opening it
// on first use.
func (e *Env) Conn() (*nl.Conn, error) {
	if e.conn != nil {
		return e.conn, nil
	}
	cfg := &nl.Config{
		NetNS:   e.G.NetNS,
		RecvBuf: e.G.RcvBuf,
		Warn:    func(msg string) { fmt.Fprintf(e.Stderr, "Warning: %s\n", msg) },
	}
	c, err := nl.Dial(nl.Route, cfg)
	if err != nil {
		return nil, err
	}
	e.conn = c
	return c, nil
}

// Close releases the socket, unless it was handed in with UseConn.
func (e *Env) Close() {
	if e.conn != nil && !e.shared {
		e.conn.Close()
	}
	e.conn = nil
}

// FormatOptions turns the global options into a printer's.
func (e *Env) FormatOptions() format.Options {
	o := format.Options{JSON: e.G.JSON, Pretty: e.G.Pretty, Table: e.G.Table}
	switch {
	case e.G.Brief:
		o.Mode = format.Brief
	case e.G.Oneline:
		o.Mode = format.Oneline
	}
	switch e.G.Color {
	case ColorAlways:
		o.Color = true
	case ColorAuto:
		if f, ok := e.Stdout.(*os.File); ok && isTerminal(f) {
			o.Color = true
		}
	}
	return o
}

// Printer returns a printer on the command's stdout.
func (e *Env) Printer() *format.Printer {
	return format.NewPrinter(e.Stdout, e.FormatOptions())
}

func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// UseConn makes the command use c instead of dialing: a batch shares one
// socket between its lines, tests hand in a socket to a fake kernel. The
// caller keeps ownership of c.
func (e *Env) UseConn(c *nl.Conn) { e.conn, e.shared = c, true }
