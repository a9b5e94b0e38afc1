package env

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// linkIndex resolves interface names to indexes and back for route, rule
// and nexthop commands, asking the kernel once per name or index. A batch
// keeps one across lines and forgets it whenever a line of another object
// (which may add, rename or delete links) has run.
type LinkIndex struct {
	Conn    func() (*nl.Conn, error)
	byIndex map[int32]string
	byName  map[string]int32
	// complete says byIndex holds every link (after preload): a miss is
	// answered without asking the kernel.
	complete bool
}

func NewLinkIndex(conn func() (*nl.Conn, error)) *LinkIndex {
	return &LinkIndex{Conn: conn, byIndex: map[int32]string{}, byName: map[string]int32{}}
}

// forget drops everything learnt.
func (l *LinkIndex) Forget() {
	clear(l.byIndex)
	clear(l.byName)
	l.complete = false
}

// name returns the name of interface i, or "if<i>" as ip prints an index
// it cannot resolve.
func (l *LinkIndex) Name(i int32) string {
	if n, ok := l.byIndex[i]; ok {
		return n
	}
	n := "if" + strconv.Itoa(int(i))
	if l.complete {
		return n
	}
	if c, err := l.Conn(); err == nil {
		if lk, err := rtnl.LinkByIndex(c, i); err == nil {
			n = lk.Name
			l.byName[n] = i
		}
	}
	l.byIndex[i] = n
	return n
}

// index returns the index of the interface called name; a missing one is
// ip's `Cannot find device "NAME"` (exit 1).
func (l *LinkIndex) Index(name string) (int32, error) {
	if i, ok := l.byName[name]; ok {
		return i, nil
	}
	c, err := l.Conn()
	if err != nil {
		return 0, err
	}
	if name == "" || len(name) >= unix.IFNAMSIZ && len(name) > 127 {
		return 0, fail.NoDevice(name)
	}
	lk, err := rtnl.LinkByName(c, name)
	if err != nil {
		if errors.Is(err, unix.ENODEV) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ERANGE) {
			return 0, fail.NoDevice(name)
		}
		return 0, err
	}
	l.byName[name] = lk.Index
	l.byIndex[lk.Index] = lk.Name
	return lk.Index, nil
}

// preload learns every link's name with one dump, so that printing a dump
// of routes never has to ask the kernel in the middle of it (the socket is
// busy streaming). Indexes still unknown afterwards print as "if<i>".
func (l *LinkIndex) Preload() error {
	c, err := l.Conn()
	if err != nil {
		return err
	}
	hdr := make([]byte, unix.SizeofIfInfomsg)
	req := nl.Message{Header: nl.Header{Type: unix.RTM_GETLINK}, Data: hdr}
	for m, err := range c.Dump(req) {
		if err != nil {
			return err
		}
		if m.Header.Type != unix.RTM_NEWLINK || len(m.Data) < unix.SizeofIfInfomsg {
			continue
		}
		idx := int32(binary.NativeEndian.Uint32(m.Data[4:8]))
		d := nl.NewAttrDecoder(m.Data[unix.SizeofIfInfomsg:])
		for d.Next() {
			if d.Type() == unix.IFLA_IFNAME {
				name := d.String()
				l.byIndex[idx] = name
				l.byName[name] = idx
				break
			}
		}
	}
	l.complete = true
	return nil
}

// routeEnv is what route, rule and nexthop commands run with: the global
// options, the streams, a socket and the name caches. A batch shares the
// socket and caches between lines; everything else is per command.
type RouteEnv struct {
	Ctx    context.Context
	G      *Global
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Conn   func() (*nl.Conn, error)
	Links  *LinkIndex
	Names  *RouteNames
	Color  bool // -c resolved against the terminal
}

func NewRouteEnv(e *Env) *RouteEnv {
	ctx := e.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	re := &RouteEnv{Ctx: ctx, G: e.G, Stdin: e.Stdin, Stdout: e.Stdout, Stderr: e.Stderr, Conn: e.Conn,
		Color: e.FormatOptions().Color}
	re.Links = NewLinkIndex(e.Conn)
	re.Names = NewRouteNames(e.G.Numeric)
	return re
}
