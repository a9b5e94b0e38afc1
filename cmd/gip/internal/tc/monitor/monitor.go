package monitor

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/class"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/filter"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const usage = "Usage: tc [-timestamp [-tshort] monitor"

// Verb is `tc monitor`.
func Verb() command.Verb {
	return command.Verb{Use: "monitor", Short: "watch traffic-control events", Run: run}
}

func run(e *env.Env, args []string) error {
	a := grammar.NewArgs(args)
	for a.More() {
		switch w := a.Next(); {
		case grammar.Matches(w, "file"):
			name, err := a.Value()
			if err != nil {
				return err
			}
			return replay(e, name)
		case grammar.Matches(w, "help"):
			return fail.Usagef("%s", usage)
		default:
			return fail.Usagef("Argument %q is unknown, try \"tc monitor help\".", w)
		}
	}
	cfg := &nl.Config{NetNS: e.G.NetNS, Groups: []uint32{unix.RTNLGRP_TC}}
	conn, err := nl.Dial(nl.Route, cfg)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := e.Links().Preload(); err != nil {
		return fail.Kernel(err)
	}
	w := &watcher{e: e, d: NewDecoder(e)}
	for {
		msgs, err := conn.Receive()
		if errors.Is(err, unix.ENOBUFS) {
			fmt.Fprintln(e.Stderr, "Warning: the receive buffer overran: events were lost")
			continue
		}
		if err != nil {
			return fail.Kernel(err)
		}
		for _, m := range msgs {
			if err := w.event(m); err != nil {
				return err
			}
		}
	}
}

// replay prints the netlink messages a file holds, one after another
// (each header and its payload, padded), as tc's monitor file does.
func replay(e *env.Env, name string) error {
	if err := e.Links().Preload(); err != nil {
		return fail.Kernel(err)
	}
	w := &watcher{e: e, d: NewDecoder(e)}
	return ReadFile(name, w.event, fail.Usagef)
}

// ReadFile hands fn the netlink messages a file holds, one after another
// (each header and its payload, padded: what rtmon and tc's monitor
// record), with iproute2's messages for a file it cannot read; bad makes
// the error of a file that is not such a record (tc and ip exit with
// different codes).
func ReadFile(name string, fn func(nl.Message) error, bad func(format string, a ...any) error) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return fail.Usagef("Cannot fopen: %s", fail.Strerror(err))
	}
	for off := 0; off < len(b); {
		if len(b)-off < unix.NLMSG_HDRLEN {
			return bad("rtnl-from_file: truncated message")
		}
		n := int(binary.NativeEndian.Uint32(b[off:]))
		if n < unix.NLMSG_HDRLEN || n > 16384 {
			return bad("!!!malformed message: len=%d @%d", n, off+unix.NLMSG_HDRLEN)
		}
		end := off + (n+unix.NLMSG_ALIGNTO-1)&^(unix.NLMSG_ALIGNTO-1)
		if end > len(b) && off+n == len(b) {
			end = len(b) // the last message, unpadded
		}
		if end > len(b) {
			return bad("rtnl-from_file: truncated message")
		}
		m, _, err := nl.NextMessage(b[off:end])
		if err != nil {
			return bad("rtnl-from_file: truncated message")
		}
		if err := fn(m); err != nil {
			return err
		}
		off = end
	}
	return nil
}

// watcher prints events as they come.
type watcher struct {
	e *env.Env
	d *Decoder
	// echo prints the kernel's echoes of -echo: marked as the text's, one
	// JSON array per echo under -j (as tc 6.2 and later print them).
	echo bool
}

// Echo is the printer of -echo: each object the kernel echoes back, as
// its listing prints it, marked added, replaced or deleted.
func Echo(e *env.Env) func(nl.Message) {
	d := NewDecoder(e)
	d.js = false // an echo is printed as the listing prints it
	w := &watcher{e: e, d: d, echo: true}
	return func(m nl.Message) {
		if err := w.event(m); err != nil {
			fmt.Fprintf(e.Stderr, "%s: %v\n", e.Prog, err)
		}
	}
}

// Event is one traffic-control event: the object it concerns ("qdisc",
// "class", "filter", "chain", "action"), "new" or "del", and what prints it as tc
// monitor does (marked "added", "deleted", ... in text; under -j as the
// listing prints it, the envelope's action marking it).
type Event struct {
	Object, Action string
	Rec            format.FieldRecord
}

// Decoder turns traffic-control messages into events, for gip tc monitor
// and gip monitor.
type Decoder struct {
	e  *env.Env
	qv *qdisc.View
	fv *filter.View
	av *action.View
	// js prints the listing's form under -j: the envelope marks it.
	js bool
}

// NewDecoder makes the decoder of e's events.
func NewDecoder(e *env.Env) *Decoder {
	return &Decoder{e: e, qv: qdisc.NewView(e), fv: filter.NewView(e), av: action.NewView(e), js: e.G.JSON}
}

// IsTC reports whether a message type is a traffic-control event's.
func IsTC(t uint16) bool {
	switch t {
	case unix.RTM_NEWQDISC, unix.RTM_DELQDISC, unix.RTM_NEWTCLASS, unix.RTM_DELTCLASS,
		unix.RTM_NEWTFILTER, unix.RTM_DELTFILTER, unix.RTM_NEWCHAIN, unix.RTM_DELCHAIN,
		unix.RTM_NEWACTION, unix.RTM_DELACTION, unix.RTM_GETACTION:
		return true
	}
	return false
}

// Decode makes the event of a message; ok is false for a message tc
// monitor prints nothing for (a qdisc without a kind, an action message
// without a table, ...).
func (d *Decoder) Decode(m nl.Message) (ev Event, ok bool) {
	var t rtnl.TC
	js := d.js
	del := m.Header.Type == unix.RTM_DELQDISC || m.Header.Type == unix.RTM_DELTCLASS ||
		m.Header.Type == unix.RTM_DELTFILTER || m.Header.Type == unix.RTM_DELCHAIN
	ev.Action = "new"
	if del {
		ev.Action = "del"
	}
	switch m.Header.Type {
	case unix.RTM_NEWQDISC, unix.RTM_DELQDISC:
		if rtnl.DecodeTC(m, &t) != nil || t.Kind == "" {
			return ev, false
		}
		r := &qdisc.Record{Q: &t, View: d.qv, ShowDev: true, Dev: d.e.Links().Name(t.Ifindex), Event: qdiscEvent(m)}
		if js {
			r.Event = ""
		}
		ev.Rec, ev.Object = r, "qdisc"
	case unix.RTM_NEWTCLASS, unix.RTM_DELTCLASS:
		if rtnl.DecodeTC(m, &t) != nil || t.Kind == "" {
			return ev, false
		}
		ev.Rec = &class.Record{C: &t, View: d.qv, ShowDev: true, Dev: d.e.Links().Name(t.Ifindex), Deleted: del && !js}
		ev.Object = "class"
	case unix.RTM_NEWTFILTER, unix.RTM_DELTFILTER, unix.RTM_NEWCHAIN, unix.RTM_DELCHAIN:
		if rtnl.DecodeTC(m, &t) != nil {
			return ev, false
		}
		r := &filter.Record{F: &t, Type: m.Header.Type, Flags: m.Header.Flags, Sel: &filter.Selection{}, View: d.fv}
		ev.Object = "filter"
		if m.Header.Type == unix.RTM_NEWCHAIN || m.Header.Type == unix.RTM_DELCHAIN {
			ev.Object = "chain"
		}
		if js {
			// The listing's form, unmarked.
			r.Flags = 0
			if ev.Object == "chain" {
				r.Type = unix.RTM_NEWCHAIN
			} else {
				r.Type = unix.RTM_NEWTFILTER
			}
		}
		ev.Rec = r
	case unix.RTM_NEWACTION, unix.RTM_DELACTION:
		rec, ok := action.Event(m, d.av, d.qv)
		if !ok {
			return ev, false
		}
		ev.Rec, ev.Object = rec, "action"
		if m.Header.Type == unix.RTM_DELACTION {
			ev.Action = "del"
		}
	default:
		return ev, false
	}
	return ev, true
}

// event prints one message, as tc's accept_tcmsg does: a timestamp under
// -t, then the object as its listing prints it, marked added, replaced
// or deleted. Under -j the mark is the envelope's action (see print).
func (w *watcher) event(m nl.Message) error {
	if !IsTC(m.Header.Type) {
		switch m.Header.Type {
		case unix.NLMSG_ERROR, unix.NLMSG_NOOP, unix.NLMSG_DONE:
		default:
			fmt.Fprintf(w.e.Stderr, "Unknown message: length %08d type %08x flags %08x\n", m.Header.Length, m.Header.Type, uint32(m.Header.Flags))
		}
		return nil
	}
	ev, ok := w.d.Decode(m)
	if !ok {
		return nil
	}
	return w.print(ev.Rec, ev.Object, ev.Action)
}

// qdiscEvent is how tc marks a qdisc message.
func qdiscEvent(m nl.Message) string {
	switch {
	case m.Header.Type == unix.RTM_DELQDISC:
		return "deleted"
	case m.Header.Flags&nl.Create != 0 && m.Header.Flags&nl.Replace != 0:
		return "replaced"
	case m.Header.Flags&nl.Create != 0 && m.Header.Flags&nl.Excl != 0:
		return "added"
	}
	return ""
}

// print writes one event: tc's text with its timestamp, or under -j one
// JSON object on a line of its own (tc prints text there):
// {"object":"qdisc"|"class"|"filter"|"chain"|"action","action":"new"|"del",
// "data":{what the listing prints}}, with "timestamp" (RFC 3339, UTC,
// microseconds) under -t or -ts.
func (w *watcher) print(rec format.FieldRecord, object, action string) error {
	var b bytes.Buffer
	now := time.Now()
	if w.e.G.Timestamp > 0 && !w.e.G.JSON && !w.echo {
		b.WriteString(timestamp(now, w.e.G.Timestamp > 1))
	}
	switch {
	case w.e.G.JSON && w.echo:
		j := format.NewJSONWriter(false)
		j.StartArray()
		j.StartObject()
		rec.Fields(format.NewJSONFields(j, format.Normal))
		j.EndObject()
		j.EndArray()
		b.Write(j.Bytes())
		b.WriteByte('\n')
	case w.e.G.JSON:
		j := format.NewJSONWriter(false)
		j.StartObject()
		f := format.NewJSONFields(j, format.Normal)
		if w.e.G.Timestamp > 0 {
			f.String("timestamp", "", now.UTC().Format("2006-01-02T15:04:05.000000Z07:00"))
		}
		f.String("object", "", object)
		f.String("action", "", action)
		f.Open("data")
		rec.Fields(f)
		f.Close()
		j.EndObject()
		b.Write(j.Bytes())
		b.WriteByte('\n')
	default:
		t := format.NewText(format.Normal, w.e.Color())
		rec.Fields(format.NewTextFields(t))
		b.Write(*t.Bytes())
	}
	_, err := io.Copy(w.e.Stdout, &b)
	return err
}

// timestamp is tc's print_timestamp: "Timestamp: <asctime> N usec" on a
// line of its own, or with -ts "[YYYY-MM-DDTHH:MM:SS.uuuuuu] " before the
// event.
func timestamp(t time.Time, short bool) string {
	if short {
		return "[" + t.Format("2006-01-02T15:04:05") + fmt.Sprintf(".%06d] ", t.Nanosecond()/1000)
	}
	return fmt.Sprintf("Timestamp: %s %d usec\n", t.Format("Mon Jan _2 15:04:05 2006"), t.Nanosecond()/1000)
}
