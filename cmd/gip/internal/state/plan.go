package state

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// runPlan is gip state plan FILE|-: what apply would change, Terraform's
// way, or the plan as JSON under -j.
func runPlan(e *env.Env, args []string) error {
	file, err := fileArg(e, args, "plan")
	if err != nil {
		return err
	}
	_, p, _, err := planFile(e, file)
	if err != nil {
		return err
	}
	if _, err := steps(e, displayName(file), p); err != nil {
		return err // a line apply could not parse
	}
	if e.G.JSON {
		return writePlanJSON(e.Stdout, p)
	}
	writePlanText(e.Stdout, p)
	return nil
}

// fileArg is a verb's one argument, FILE or "-".
func fileArg(e *env.Env, args []string, verb string) (string, error) {
	if len(args) != 1 {
		return "", fail.Usagef("Usage: %s state %s FILE|-", e.Prog, verb)
	}
	return args[0], nil
}

// planFile reads the document of name and the namespace side by side:
// the dumps start before the parse, for the sections the file's text
// mentions. It returns the document, the plan, and the namespace before.
func planFile(e *env.Env, name string) (want *Document, p *Plan, cur *Document, err error) {
	data, file, err := loadFile(name, e.Stdin)
	if err != nil {
		return nil, nil, nil, err
	}
	type dump struct {
		d   *Document
		err error
	}
	dumped := make(chan dump, 1)
	guess := mentioned(data)
	go func() {
		d, err := read(e, guess)
		dumped <- dump{d, err}
	}()
	want, perr := Parse(file, data)
	got := <-dumped
	if perr != nil {
		return nil, nil, nil, parseFault(perr)
	}
	if got.err != nil {
		return nil, nil, nil, got.err
	}
	cur = &Document{}
	for _, k := range sectionsOf(want) {
		if !containsKind(guess, k) {
			// a section the guess missed (a key YAML lets one write
			// otherwise, such as "? links"): read now
			if got.d, err = read(e, sectionsOf(want)); err != nil {
				return nil, nil, nil, err
			}
			break
		}
	}
	for _, k := range sectionsOf(want) {
		cur.section(k).Objects = got.d.section(k).Objects
	}
	p, err = planFor(file, cur, want)
	if err != nil {
		return nil, nil, nil, parseFault(err)
	}
	return want, p, cur, nil
}

// makePlan reads the types want names and compares; it returns the
// namespace as read too.
func makePlan(e *env.Env, file string, want *Document) (*Plan, *Document, error) {
	only := sectionsOf(want)
	if len(only) == 0 {
		return &Plan{}, &Document{}, nil
	}
	cur, err := read(e, only)
	if err != nil {
		return nil, nil, err
	}
	p, err := planFor(file, cur, want)
	if err != nil {
		return nil, nil, parseFault(err)
	}
	return p, cur, nil
}

func writePlanText(w io.Writer, p *Plan) {
	if p.Empty() {
		fmt.Fprintln(w, "No changes.")
		return
	}
	for _, a := range p.actions {
		o := a.after
		if o == nil {
			o = a.before
		}
		fmt.Fprintf(w, "%3s %s\n", opNames[a.op].symbol, a.kind.describe(o))
		switch a.op {
		case opCreate:
			for _, f := range a.kind.allFields() {
				if o.Has(f.name) && !isKeyOnly(a.kind, f.name) && (a.kind.quiet == nil || !a.kind.quiet(o, f.name)) {
					fmt.Fprintf(w, "      %s: %s\n", f.name, o.value(f.name))
				}
			}
		case opChange, opReplace:
			for _, f := range a.fields {
				fmt.Fprintf(w, "      %s: %s -> %s\n", f, shown(a.before.value(f)), shown(a.after.value(f)))
			}
		}
	}
	add, change, destroy := p.counts()
	fmt.Fprintf(w, "\nPlan: %d to add, %d to change, %d to destroy.\n", add, change, destroy)
}

func shown(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// isKeyOnly says a field is already in the object's description.
func isKeyOnly(k *kind, f string) bool {
	switch k {
	case linkKind:
		return f == "name"
	case addrKind:
		return f == "address" || f == "dev" || f == "peer"
	case nexthopKind:
		return f == "id"
	case neighKind:
		return f == "dst" || f == "dev"
	case routeKind:
		return f == "dst" || f == "table" || f == "type" || f == "metric"
	case ruleKind:
		return true
	}
	return false
}

// planJSON is a plan as -j prints it.
type planJSON struct {
	Actions []actionJSON `json:"actions"`
	Add     int          `json:"add"`
	Change  int          `json:"change"`
	Destroy int          `json:"destroy"`
}

type actionJSON struct {
	Action   string    `json:"action"`
	Object   string    `json:"object"`
	ID       string    `json:"id"`
	Line     int       `json:"line,omitempty"`
	Fields   []string  `json:"fields,omitempty"`
	Before   *itemJSON `json:"before"`
	After    *itemJSON `json:"after"`
	Commands []string  `json:"commands"`
}

func writePlanJSON(w io.Writer, p *Plan) error {
	out := planJSON{Actions: []actionJSON{}}
	out.Add, out.Change, out.Destroy = p.counts()
	cmds := map[*action][]string{}
	for _, l := range p.lines() {
		cmds[l.action] = append(cmds[l.action], l.String())
	}
	for _, a := range p.actions {
		o := a.after
		if o == nil {
			o = a.before
		}
		j := actionJSON{Action: opNames[a.op].name, Object: a.kind.noun, ID: strings.TrimPrefix(a.kind.describe(o), a.kind.noun+" "),
			Line: a.line, Fields: a.fields, Before: objectJSON(a.kind, a.before), After: objectJSON(a.kind, a.after), Commands: cmds[a]}
		if j.Commands == nil {
			j.Commands = []string{}
		}
		out.Actions = append(out.Actions, j)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func objectJSON(k *kind, o *Item) *itemJSON {
	if o == nil {
		return nil
	}
	c := o.Clone()
	c.Absent = false
	return &itemJSON{k, c}
}
