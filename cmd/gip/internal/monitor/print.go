package monitor

import (
	"bufio"
	"fmt"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
)

// output writes events: ip monitor's text, or under -j one JSON object
// per event and line:
//
//	{"timestamp":"...","object":"route","action":"new"|"del","resync":true,"data":{...}}
//
// "timestamp" (RFC 3339, UTC, microseconds) under -t or -ts, "nsid"
// under all-nsid for an event of another namespace (its id), "resync"
// for the state printed after an overrun, "synthesized" for what the
// kernel did without an event (see silent.go), and "data" what the object's
// listing prints for it under -j. The monitor's own notices have no data:
// {"object":"monitor","action":"overrun"|"resync-begin"|"resync-end"}.
type output struct {
	e     *env.Env
	w     *bufio.Writer
	color bool
	// stamp is when a replayed capture recorded the events that follow
	// (rtmon stamps each event, and once the state it starts with).
	stamp time.Time
}

func newOutput(e *env.Env) *output {
	return &output{e: e, w: bufio.NewWriterSize(e.Stdout, 64<<10), color: e.Color() && !e.G.JSON}
}

// flush hands what was printed to the output.
func (p *output) flush() error { return p.w.Flush() }

// event prints one event.
func (p *output) event(o *options, ev *event, resync bool) error {
	now, stamped := time.Now(), !p.stamp.IsZero()
	if stamped {
		now = p.stamp
	}
	if p.e.G.JSON {
		j := format.NewJSONWriter(false)
		j.StartObject()
		f := format.NewJSONFields(j, format.Normal)
		p.envelope(f, now, stamped, ev.object, ev.action)
		if o.allNSID && ev.nsid != nl.CurrentNSID {
			f.Int("nsid", "", int64(ev.nsid))
		}
		if resync {
			f.Bool("resync", "", true)
		}
		if ev.synthesized {
			f.Bool("synthesized", "", true)
		}
		f.Open("data")
		ev.rec.Fields(f)
		f.Close()
		j.EndObject()
		p.w.Write(j.Bytes())
		return p.w.WriteByte('\n')
	}
	if p.e.G.Timestamp > 0 {
		p.w.WriteString(timestamp(now, p.e.G.Timestamp > 1))
	}
	if o.allNSID {
		if ev.nsid == nl.CurrentNSID {
			p.w.WriteString("[nsid current]")
		} else {
			fmt.Fprintf(p.w, "[nsid %d]", ev.nsid)
		}
	}
	if o.label {
		p.w.WriteString(ev.label)
	}
	mode := format.Normal
	if o.objs == objXfrm && p.e.G.Oneline {
		// ip xfrm monitor -o prints each event on one line.
		mode = format.Oneline
	}
	t := format.NewText(mode, p.color)
	ev.rec.Fields(format.NewTextFields(t))
	_, err := p.w.Write(*t.Bytes())
	return err
}

// notice prints one of the monitor's own events under -j.
func (p *output) notice(action string) error {
	j := format.NewJSONWriter(false)
	j.StartObject()
	p.envelope(format.NewJSONFields(j, format.Normal), time.Now(), false, "monitor", action)
	j.EndObject()
	p.w.Write(j.Bytes())
	return p.w.WriteByte('\n')
}

// envelope prints the members before an event's data; stamped is an
// event of a capture whose time was recorded.
func (p *output) envelope(f *format.Fields, now time.Time, stamped bool, object, action string) {
	if p.e.G.Timestamp > 0 || stamped {
		f.String("timestamp", "", now.UTC().Format("2006-01-02T15:04:05.000000Z07:00"))
	}
	f.String("object", "", object)
	f.String("action", "", action)
}

// text prints a line of the monitor's own in text mode.
func (p *output) text(line string) error {
	_, err := p.w.WriteString(line + "\n")
	return err
}

// timestamp is ip's print_timestamp: "Timestamp: <asctime> N usec" on a
// line of its own, or with -ts "[YYYY-MM-DDTHH:MM:SS.uuuuuu]" before the
// event, in local time.
func timestamp(t time.Time, short bool) string {
	if short {
		return "[" + t.Format("2006-01-02T15:04:05") + fmt.Sprintf(".%06d] ", t.Nanosecond()/1000)
	}
	return fmt.Sprintf("Timestamp: %s %d usec\n", t.Format("Mon Jan _2 15:04:05 2006"), t.Nanosecond()/1000)
}
