package format

import (
	"bufio"
	"io"
	"strings"
)

// Mode is the text layout.
type Mode int

// Text layouts.
const (
	Normal  Mode = iota // iproute2's default, records may span lines
	Oneline             // -o: one record per line, inner line breaks become '\'
	Brief               // -br: columns
)

// Options choose how a Printer renders records.
type Options struct {
	Mode   Mode
	JSON   bool // -j
	Pretty bool // -p (only with JSON)
	Table  bool // -table
	Color  bool // ANSI colours in text
}

// Record is one printable view: a link, an address, a neighbour, ...
type Record interface {
	// Text appends the record's text in t's mode, ending with t.End().
	Text(t *Text)
	// JSON returns the record as a JSON object (its brief schema when
	// brief is true).
	JSON(brief bool) *Obj
}

// Tabular is a view (a Record or a FieldRecord) that can also be a row of
// a table.
type Tabular interface {
	TableHeader() []string
	TableRow() []string
}

// Text accumulates the text of records. Break ends a line inside a record,
// End ends the record.
type Text struct {
	b     []byte
	mode  Mode
	color bool
}

// NewText returns an empty text in a layout, with colours or without,
// for a view that drives Fields over its own writer (a streamed dump).
func NewText(mode Mode, color bool) *Text { return &Text{mode: mode, color: color} }

// Reset empties the text, keeping its buffer.
func (t *Text) Reset() { t.b = t.b[:0] }

// Mode is the layout being printed.
func (t *Text) Mode() Mode { return t.mode }

// S appends strings.
func (t *Text) S(s ...string) *Text {
	for _, x := range s {
		t.b = append(t.b, x...)
	}
	return t
}

// B appends bytes.
func (t *Text) B(b []byte) *Text { t.b = append(t.b, b...); return t }

// Bytes gives access to the buffer for strconv.Append* style helpers.
func (t *Text) Bytes() *[]byte { return &t.b }

// Break ends a line inside a record: a newline, or '\' with -o.
func (t *Text) Break() *Text {
	if t.mode == Oneline {
		t.b = append(t.b, '\\')
	} else {
		t.b = append(t.b, '\n')
	}
	return t
}

// End ends a record.
func (t *Text) End() *Text { t.b = append(t.b, '\n'); return t }

// Color kinds, as iproute2 colours them.
const (
	ColorIfname = "\x1b[36m" // cyan: interface names
	ColorMAC    = "\x1b[33m" // yellow: link-layer addresses
	ColorInet   = "\x1b[35m" // magenta: IPv4 addresses
	ColorInet6  = "\x1b[34m" // blue: IPv6 addresses
	ColorUp     = "\x1b[32m" // green: state UP
	ColorDown   = "\x1b[31m" // red: state DOWN
	colorReset  = "\x1b[0m"
)

// C appends s in colour c when colours are on.
func (t *Text) C(c, s string) *Text {
	if t.color && c != "" {
		t.b = append(t.b, c...)
		t.b = append(t.b, s...)
		t.b = append(t.b, colorReset...)
		return t
	}
	t.b = append(t.b, s...)
	return t
}

// Pad appends s left-aligned in a field of width n (as printf("%-*s ")).
func (t *Text) Pad(c, s string, n int) *Text {
	if len(s) < n {
		s += strings.Repeat(" ", n-len(s))
	}
	return t.C(c, s)
}

// Printer collects records and writes them in the chosen format.
type Printer struct {
	opts  Options
	w     *bufio.Writer
	text  Text
	json  *JSONWriter
	table [][]string
	head  []string
	rows  tableRows // -table rows of records without a table of their own
	n     int
	// stream sends JSON out in pieces as it grows (Stream).
	stream bool
}

// Stream makes the printer send JSON out in 32 KiB pieces as records
// arrive, so that a listing of any size is printed in constant memory.
// The price: once a piece has gone out, an error cannot take it back
// (Close still ends the document, so what was printed is valid JSON).
func (p *Printer) Stream() { p.stream = true }

// NewPrinter returns a Printer writing to w.
func NewPrinter(w io.Writer, opts Options) *Printer {
	p := &Printer{opts: opts, w: bufio.NewWriterSize(w, 64<<10)}
	p.text.mode = opts.Mode
	p.text.color = opts.Color && !opts.JSON
	if opts.JSON {
		p.json = NewJSONWriter(opts.Pretty)
		p.json.StartArray()
	}
	return p
}

// Options returns the printer's options.
func (p *Printer) Options() Options { return p.opts }

// Print renders one record, a FieldRecord or a Record. Text is flushed as
// it grows; JSON and tables are held until Close, so an error before Close
// leaves stdout untouched.
func (p *Printer) Print(r any) error {
	p.n++
	fr, fields := r.(FieldRecord)
	switch tr, tabular := r.(Tabular); {
	case p.json != nil && fields:
		p.json.StartObject()
		fr.Fields(NewJSONFields(p.json, p.opts.Mode))
		p.json.EndObject()
		if p.stream && p.json.Buffered() >= 32<<10 {
			return p.json.StreamTo(p.w)
		}
		return nil
	case p.json != nil:
		p.json.Object(r.(Record).JSON(p.opts.Mode == Brief))
		return nil
	case p.opts.Table && tabular:
		if p.head == nil {
			p.head = tr.TableHeader()
		}
		p.table = append(p.table, tr.TableRow())
		return nil
	case p.opts.Table && fields:
		w := NewJSONWriter(false)
		w.StartObject()
		fr.Fields(NewJSONFields(w, p.opts.Mode))
		w.EndObject()
		o, err := parseJSONObject(w.Bytes())
		if err != nil {
			return err
		}
		p.rows.add(o)
		return nil
	case p.opts.Table:
		p.rows.add(r.(Record).JSON(p.opts.Mode == Brief))
		return nil
	case fields:
		fr.Fields(NewTextFields(&p.text))
	default:
		r.(Record).Text(&p.text)
	}
	if len(p.text.b) >= 32<<10 {
		return p.flushText()
	}
	return nil
}

// Raw writes text that is not a record (a header line, a separator); it is
// ignored in JSON and table modes.
func (p *Printer) Raw(s string) {
	if p.json == nil && !p.opts.Table {
		p.text.b = append(p.text.b, s...)
	}
}

// Count is how many records were printed.
func (p *Printer) Count() int { return p.n }

func (p *Printer) flushText() error {
	_, err := p.w.Write(p.text.b)
	p.text.b = p.text.b[:0]
	return err
}

// Abandon ends an output cut short by an error: text printed so far is
// written (as ip's listings show what they read before a failed dump), a
// JSON document or a table is dropped whole.
func (p *Printer) Abandon() error {
	if p.json != nil || p.opts.Table {
		return nil
	}
	if err := p.flushText(); err != nil {
		return err
	}
	return p.w.Flush()
}

// Close finishes the output: the JSON array and its newline, or the table,
// or the rest of the text, and flushes.
func (p *Printer) Close() error {
	switch {
	case p.json != nil:
		p.json.EndArray()
		if err := p.json.StreamTo(p.w); err != nil {
			return err
		}
		if err := p.w.WriteByte('\n'); err != nil {
			return err
		}
	case p.opts.Table && p.head != nil:
		if err := p.flushText(); err != nil {
			return err
		}
		if p.text.color {
			colorCells(p.head, p.table)
		}
		WriteTable(p.w, upper(p.head), p.table)
	case p.opts.Table && len(p.rows.rows) > 0:
		if err := p.flushText(); err != nil {
			return err
		}
		head, rows := p.rows.table()
		if p.text.color {
			colorCells(head, rows)
		}
		WriteTable(p.w, head, rows)
	default:
		if err := p.flushText(); err != nil {
			return err
		}
	}
	return p.w.Flush()
}

func upper(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strings.ToUpper(x)
	}
	return out
}
