package route

import (
	"bufio"
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// hidden lists the fields a show filter pins down, which ip leaves out of
// each line (`ip route show table 100` prints no "table 100").
type hidden struct {
	table, proto, scope, dev, metric, tos bool
}

// writer prints routes the way ip's print_route does, in text or in
// iproute2's JSON, straight into a buffered writer: one reused text and
// scratch buffer, no per-route allocation, so a table of any size is
// printed in constant memory: text and JSON go out in pieces of 32 KiB.
type writer struct {
	out   *bufio.Writer
	json  *format.JSONWriter // nil for text
	text  *format.Text       // nil for JSON
	table *format.Printer    // -table: the routes as rows, drawn at the end
	f     *format.Fields

	e      *env.Env
	names  *env.Names
	links  *env.Links
	hidden hidden
	// viaBits and prefsrcBits are the lengths of the via and src
	// selectors (-1 without): a full-length one hides the field.
	viaBits, prefsrcBits int
	details              int
	stats                int
	numeric              bool
	color                bool // -c: ip's colours on addresses and interface names
	// nexthopObjects are the nexthop objects by id, for -d's nh_info.
	nexthopObjects map[uint32]*rtnl.NexthopObject

	scratch []byte
	// The names printed last, for the next route, which likely has the same.
	lastLink struct {
		index int32
		name  string
	}
	lastScope struct {
		id   uint8
		name []byte
	}
	started bool // JSON: the array was opened
	flushed bool // bytes already reached out
}

// newWriter makes a writer on stdout with the command's options and what
// the selector f (nil for none) hides.
func newWriter(e *env.Env, f *filter) *writer {
	w := &writer{
		e:       e,
		out:     bufio.NewWriterSize(e.Stdout, 64<<10),
		names:   e.Names(),
		links:   e.Links(),
		details: e.G.Details,
		stats:   e.G.Stats,
		numeric: e.G.Numeric,
		color:   e.Color() && !e.G.JSON,
		viaBits: -1, prefsrcBits: -1,
	}
	if f != nil {
		w.hidden = f.hidden()
		if f.rvia.Set {
			w.viaBits = f.rvia.Bits
		}
		if f.prefsrc.Set {
			w.prefsrcBits = f.prefsrc.Bits
		}
	}
	switch {
	case e.G.Table && !e.G.JSON:
		w.table = e.Printer()
	case e.G.JSON:
		w.json = format.NewJSONWriter(e.G.Pretty)
		w.f = format.NewJSONFields(w.json, format.Normal)
	default:
		mode := format.Normal
		if e.G.Oneline {
			mode = format.Oneline
		}
		w.text = format.NewText(mode, w.color)
		w.f = format.NewTextFields(w.text)
	}
	return w
}

// write prints one route; deleted marks a RTM_DELROUTE notification.
func (w *writer) write(r *rtnl.Route, deleted bool) error {
	if w.table != nil {
		return w.table.Print(row{w, r, deleted})
	}
	if w.json != nil {
		w.start()
		w.json.StartObject()
		w.fields(r, deleted)
		w.json.EndObject()
		if w.json.Buffered() >= 32<<10 {
			w.flushed = true
			return w.json.StreamTo(w.out)
		}
		return nil
	}
	w.fields(r, deleted)
	if len(*w.text.Bytes()) >= 32<<10 {
		return w.flushText()
	}
	return nil
}

// flushText hands the text printed so far to the output.
func (w *writer) flushText() error {
	_, err := w.out.Write(*w.text.Bytes())
	w.text.Reset()
	w.flushed = true
	return err
}

// start opens the JSON array. Text needs nothing.
func (w *writer) start() {
	if w.json != nil && !w.started {
		w.json.StartArray()
		w.started = true
	}
}

// row is a route as a row of -table: its JSON fields.
type row struct {
	w       *writer
	r       *rtnl.Route
	deleted bool
}

func (r row) Fields(f *format.Fields) {
	saved := r.w.f
	r.w.f = f
	r.w.fields(r.r, r.deleted)
	r.w.f = saved
}

// finish closes the JSON array (with its newline) and flushes.
func (w *writer) finish() error {
	if w.table != nil {
		return w.table.Close()
	}
	if w.text != nil {
		if err := w.flushText(); err != nil {
			return err
		}
	}
	if w.json != nil {
		w.start()
		w.json.EndArray()
		if err := w.json.StreamTo(w.out); err != nil {
			return err
		}
		if err := w.out.WriteByte('\n'); err != nil {
			return err
		}
	}
	return w.out.Flush()
}

// abort ends the output after an error: nothing if nothing was written
// yet (stdout stays empty rather than holding half a JSON document), else
// the array is closed so what was printed is still valid JSON.
func (w *writer) abort() error {
	if w.table != nil {
		return w.table.Abandon()
	}
	if w.json != nil && !w.flushed {
		return nil
	}
	return w.finish()
}

// loadNexthopObjects reads every nexthop object, for nh_info.
func (w *writer) loadNexthopObjects() error {
	c, err := w.e.Conn()
	if err != nil {
		return err
	}
	w.nexthopObjects = map[uint32]*rtnl.NexthopObject{}
	for m, err := range c.Dump(rtnl.NexthopDumpRequest()) {
		if err != nil {
			if errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, nl.ErrDumpInterrupted) {
				return nil
			}
			return err
		}
		n, err := rtnl.DecodeNexthop(m)
		if err != nil {
			return err
		}
		w.nexthopObjects[n.ID] = &n
	}
	return nil
}

// nhInfo is the nexthop object -d prints for a route using one.
func (w *writer) nhInfo(r *rtnl.Route) *rtnl.NexthopObject {
	if r.NHID == 0 || w.details == 0 || w.nexthopObjects == nil {
		return nil
	}
	return w.nexthopObjects[r.NHID]
}
