package state

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"golang.org/x/sys/unix"
)

// reader reads the namespace through gip's own show commands and their
// JSON views, so that a document says what gip -j OBJECT show says.
type reader struct {
	e   *env.Env
	buf bytes.Buffer
	// warn says what is left out (a tc object without words) is told on
	// standard error: by show, not by plan and apply.
	warn bool
	// tcRead is what the traffic control kinds share of one read: the
	// qdiscs, and the classes of each device, dumped once.
	tcRead *tcRead
}

// view is one object of a JSON view.
type view map[string]any

// show runs gip [-family] -j [-d] WORDS... and decodes its array.
func (r *reader) show(family uint8, details bool, words ...string) ([]view, error) {
	var out []view
	err := r.decode(&out, family, details, words...)
	return out, err
}

// decode runs gip [-family] -j [-d] WORDS... and decodes its array into
// out, a pointer to a slice (of typed views, for the big tables).
func (r *reader) decode(out any, family uint8, details bool, words ...string) error {
	g := *r.e.G
	g.JSON, g.Pretty, g.Family, g.Details, g.Stats, g.Brief, g.Oneline = true, false, family, 0, 0, false, false
	g.Numeric, g.Resolve = false, false
	if details {
		g.Details = 1
	}
	r.buf.Reset()
	var errs bytes.Buffer
	c := &env.Env{Ctx: r.e.Ctx, Prog: r.e.Prog, G: &g, Stdout: &r.buf, Stderr: &errs, Dispatch: r.e.Dispatch}
	if conn, err := r.e.Conn(); err == nil {
		c.UseConn(conn)
	}
	c.UseNames(r.e.Names())
	defer c.Close()
	if err := r.e.Dispatch(c, words); err != nil {
		return err
	}
	if err := json.Unmarshal(r.buf.Bytes(), out); err != nil {
		return fail.Localf("reading %s: %v", words[0], err)
	}
	return nil
}

// read reads the objects of the given types (all when none).
func read(e *env.Env, only []*kind) (*Document, error) {
	return (&reader{e: e}).read(only)
}

func (r *reader) read(only []*kind) (*Document, error) {
	d := &Document{}
	for _, k := range kinds {
		if len(only) > 0 && !containsKind(only, k) {
			continue
		}
		objs, err := k.read(r)
		if err != nil {
			return nil, err
		}
		for _, o := range objs {
			k.normalizeObject(o)
		}
		d.section(k).Objects = objs
	}
	return d, nil
}

func containsKind(ks []*kind, k *kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// Field access on views.

func (v view) str(k string) string {
	switch x := v[k].(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v[k])
}

func (v view) obj(k string) view {
	m, _ := v[k].(map[string]any)
	return m
}

func (v view) list(k string) []view {
	l, _ := v[k].([]any)
	out := make([]view, 0, len(l))
	for _, x := range l {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func (v view) has(k string) bool { _, ok := v[k]; return ok }

// flagged reports whether the view's "flags" (or another list of words)
// holds word.
func (v view) flagged(k, word string) bool {
	l, _ := v[k].([]any)
	for _, x := range l {
		if s, _ := x.(string); s == word {
			return true
		}
	}
	return false
}

func boolText(b bool) string { return strconv.FormatBool(b) }

// families are the address families routes, rules and neighbours are
// read for.
var families = []uint8{unix.AF_INET, unix.AF_INET6}
