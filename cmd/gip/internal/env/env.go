package env

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

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
	// Batch runs the batch file of e.G.Batch, each line preceded by
	// prefix (tc's -batch runs tc lines: prefix "tc").
	Batch func(e *Env, prefix []string) error
	// Echoed, when set (-echo), receives the kernel's echo of every
	// object a change makes; each request then asks for it (NLM_F_ECHO).
	Echoed func(m nl.Message)
	// Background, in a batch, takes work a line may leave running after
	// it returns (see Background); nil outside a batch, where such work
	// is done in place.
	Background *Background

	conn   *nl.Conn
	shared bool             // conn belongs to the caller: Close leaves it open
	others map[int]*nl.Conn // sockets of other netlink protocols (ConnOf)
	lent   map[int]*nl.Conn // sockets of other protocols handed in (UseConnOf)
	links  *Links
	names  *Names
}

// Context is the command's context (Background if none was set).
func (e *Env) Context() context.Context {
	if e.Ctx == nil {
		return context.Background()
	}
	return e.Ctx
}

// Links is the command's interface resolver, made on first use.
func (e *Env) Links() *Links {
	if e.links == nil {
		e.links = NewLinks(e.Conn)
	}
	return e.links
}

// UseLinks makes the command resolve interfaces with l: a batch shares one
// between the lines it pipelines.
func (e *Env) UseLinks(l *Links) { e.links = l }

// Names is the command's name databases (rt_tables, rt_protos, ...),
// numeric under -N, read on first use.
func (e *Env) Names() *Names {
	if e.names == nil {
		e.names = NewNames(e.G.Numeric)
	}
	return e.names
}

// UseNames makes the command use n: a batch shares them between lines.
func (e *Env) UseNames(n *Names) { e.names = n }

// Color reports whether text output is coloured (-c, resolved against the
// terminal).
func (e *Env) Color() bool { return e.FormatOptions().Color }

// Conn returns the rtnetlink socket in the namespace -n chose, opening it
// on first use.
func (e *Env) Conn() (*nl.Conn, error) {
	if e.conn != nil {
		return e.conn, nil
	}
	cfg := &nl.Config{
		NetNS:   e.G.NetNS,
		RecvBuf: e.G.RcvBuf,
		Warn:    func(msg string) { fmt.Fprintf(e.Stderr, "Warning: %s\n", WarningText(msg)) },
	}
	c, err := nl.Dial(nl.Route, cfg)
	if err != nil {
		return nil, err
	}
	e.conn = c
	return c, nil
}

// ConnOf returns the socket of netlink protocol proto (nl.Route is
// Conn's) in the namespace -n chose, opening it on first use.
func (e *Env) ConnOf(proto int) (*nl.Conn, error) {
	if proto == nl.Route {
		return e.Conn()
	}
	if c := e.lent[proto]; c != nil {
		return c, nil
	}
	if c := e.others[proto]; c != nil {
		return c, nil
	}
	c, err := nl.Dial(proto, &nl.Config{NetNS: e.G.NetNS, RecvBuf: e.G.RcvBuf})
	if err != nil {
		return nil, err
	}
	if e.others == nil {
		e.others = map[int]*nl.Conn{}
	}
	e.others[proto] = c
	return c, nil
}

// Close releases the sockets, unless handed in with UseConn.
func (e *Env) Close() {
	for p, c := range e.others {
		c.Close()
		delete(e.others, p)
	}
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
	case ColorAuto: // on a terminal, unless NO_COLOR is set (no-color.org)
		if f, ok := e.Stdout.(*os.File); ok && isTerminal(f) && os.Getenv("NO_COLOR") == "" {
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

// UseConnOf makes ConnOf(proto) return c instead of dialing (tests hand
// in a socket to a fake kernel); the caller keeps ownership of c.
func (e *Env) UseConnOf(proto int, c *nl.Conn) {
	if e.lent == nil {
		e.lent = map[int]*nl.Conn{}
	}
	e.lent[proto] = c
}

// WarningText is a kernel warning as iproute2 prints it: ending with a
// full stop, which it adds when the kernel's text has none.
func WarningText(msg string) string {
	if msg != "" && !strings.HasSuffix(msg, ".") {
		return msg + "."
	}
	return msg
}
