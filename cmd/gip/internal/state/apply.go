package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/addr"
	"github.com/gip-suite/gip/cmd/gip/internal/atomic"
	"github.com/gip-suite/gip/cmd/gip/internal/bridge"
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/neigh"
	"github.com/gip-suite/gip/cmd/gip/internal/nexthop"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/cmd/gip/internal/route"
	"github.com/gip-suite/gip/cmd/gip/internal/rule"
	"github.com/gip-suite/gip/cmd/gip/internal/tc"
	"github.com/gip-suite/gip/internal/nl"
)

// Exit statuses of apply beside 0 and 1: --detailed-exitcode's "changed",
// and a rollback that left a residue (as gip -atomic -batch).
const (
	exitChanged = 2
	exitResidue = 3
)

// verifyTries and verifyWait bound how long apply waits for what the
// kernel settles late (DAD, carrier) before a difference is a failure.
const (
	verifyTries = 10
	verifyWait  = 300 * time.Millisecond
)

// applyOptions is apply's command line.
type applyOptions struct {
	file     string
	detailed bool
	confirm  time.Duration // 0: no watchdog
}

func applyUsage(e *env.Env) error {
	return fail.Usagef("Usage: %s state apply [ --detailed-exitcode ] [ --confirm DURATION ] FILE|-", e.Prog)
}

func parseApply(e *env.Env, args []string) (*applyOptions, error) {
	o := &applyOptions{}
	for len(args) > 0 {
		switch a := args[0]; {
		case a == "--detailed-exitcode" || a == "-detailed-exitcode":
			o.detailed = true
		case a == "--confirm" || a == "-confirm":
			if len(args) < 2 {
				return nil, fail.Usagef("--confirm needs a duration (120s, 5m)")
			}
			d, err := time.ParseDuration(args[1])
			if err != nil || d <= 0 {
				return nil, fail.Usagef("--confirm: %q is not a duration (120s, 5m)", args[1])
			}
			o.confirm = d
			args = args[1:]
		case o.file == "":
			o.file = a
		default:
			return nil, applyUsage(e)
		}
		args = args[1:]
	}
	if o.file == "" {
		return nil, applyUsage(e)
	}
	return o, nil
}

// runApply is gip state apply: the plan as one atomic batch, verified by
// reading the namespace back; on any failure everything is rolled back.
func runApply(e *env.Env, args []string) error {
	o, err := parseApply(e, args)
	if err != nil {
		return err
	}
	txn, err := openTxn(e)
	if err != nil {
		return err
	}
	defer txn.close()
	if txn.pending() {
		return fail.Localf("%s: an apply --confirm is pending on this namespace: %s state confirm, or %s state rollback, first", e.Prog, e.Prog, e.Prog)
	}
	undo, err := o.wayBack(e)
	if err != nil {
		return err
	}
	want, p, cur, err := planFile(e, o.file)
	if err != nil {
		return err
	}
	after := cur
	if !p.Empty() {
		warnManagers(e)
		if after, err = execute(e, displayName(o.file), p, want); err != nil {
			return err
		}
		if undo != nil {
			if err := txn.arm(e, undo, o.confirm); err != nil {
				return err
			}
		}
	}
	return o.report(e, p, cur, after)
}

// wayBack is, under --confirm, the namespace as it is, as a document
// that owns every type: applied, it undoes the apply.
func (o *applyOptions) wayBack(e *env.Env) (*Document, error) {
	if o.confirm == 0 {
		return nil, nil
	}
	d, err := read(e, nil)
	if err != nil {
		return nil, err
	}
	for _, s := range d.Sections {
		s.Purge = true
	}
	return d, nil
}

// applyResult is apply -j's answer, as Ansible modules report a change.
type applyResult struct {
	Changed bool `json:"changed"`
	Diff    struct {
		Before docJSON `json:"before"`
		After  docJSON `json:"after"`
	} `json:"diff"`
}

// report prints what apply did, and makes the exit status 2 when it
// changed something under --detailed-exitcode.
func (o *applyOptions) report(e *env.Env, p *Plan, before, after *Document) error {
	if e.G.JSON {
		r := applyResult{Changed: !p.Empty()}
		r.Diff.Before, r.Diff.After = docJSON{before}, docJSON{after}
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "%s\n", b)
	} else {
		writeApplied(e, p)
	}
	if o.detailed && !p.Empty() {
		return &fail.Error{Code: exitChanged}
	}
	return nil
}

// applyDocument makes the namespace what want (read already) says and
// returns the plan it ran: a confirmed apply's way back.
func applyDocument(e *env.Env, file string, want *Document) (*Plan, error) {
	p, _, err := makePlan(e, file, want)
	if err != nil {
		return nil, err
	}
	if !p.Empty() {
		if _, err := execute(e, file, p, want); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// displayName is how messages call a file ("-" is standard input).
func displayName(file string) string {
	if file == "-" {
		return "<stdin>"
	}
	return file
}

// sectionsOf is the types a document has sections for.
func sectionsOf(d *Document) []*kind {
	var out []*kind
	for _, k := range kinds {
		if d.Sections[k.section] != nil {
			out = append(out, k)
		}
	}
	return out
}

func writeApplied(e *env.Env, p *Plan) {
	if p.Empty() {
		fmt.Fprintln(e.Stdout, "No changes.")
		return
	}
	writePlanText(e.Stdout, p)
	add, change, destroy := p.counts()
	fmt.Fprintf(e.Stdout, "Apply complete! Resources: %d added, %d changed, %d destroyed.\n", add, change, destroy)
}

// objects are the objects whose verbs a plan's lines use.
var objects = map[string]func() *command.Object{
	"link": link.Object, "address": addr.Object, "route": route.Object,
	"rule": rule.Object, "nexthop": nexthop.Object, "neighbour": neigh.Object, "tc": tc.Object,
	"bridge": bridgeVlans,
}

// bridgeVlans is bridge's vlan object under a bridge object of its own,
// reached through Sub: a plan's bridge lines are vlan add and del, which
// the bridge tool runs whole rather than through their plans.
func bridgeVlans() *command.Object {
	return &command.Object{Name: "bridge", Match: [][2]string{{"vlan", "vlan"}},
		Verbs: []command.Verb{{Use: "vlan", Sub: bridge.VlanObject()}}}
}

// plannedLine is a plan's line parsed into steps, with the Env (family)
// it runs in.
type plannedLine struct {
	batchLine
	steps []plan.Step
	env   *env.Env
}

// steps parses every line of the plan before anything is sent: a line gip
// cannot parse fails the apply with the file's line and touches nothing.
func steps(e *env.Env, file string, p *Plan) ([]plannedLine, error) {
	links := env.NewLinks(e.Conn)
	envs := map[uint8]*env.Env{}
	envFor := func(fam uint8) *env.Env {
		if c := envs[fam]; c != nil {
			return c
		}
		g := *e.G
		g.Family, g.JSON, g.Echo, g.HasBatch = fam, false, false, true
		c := &env.Env{Ctx: e.Ctx, Prog: e.Prog, G: &g, Stdin: e.Stdin, Stdout: e.Stdout, Stderr: e.Stderr, Dispatch: e.Dispatch}
		if conn, err := e.Conn(); err == nil {
			c.UseConn(conn)
		}
		c.UseLinks(links)
		c.UseNames(e.Names())
		envs[fam] = c
		return c
	}
	built := map[string]*command.Object{}
	var out []plannedLine
	for _, l := range p.lines() {
		obj := built[l.words[0]]
		if obj == nil {
			obj = objects[l.words[0]]()
			built[l.words[0]] = obj
		}
		v, args, err := obj.Resolve(l.words[1:])
		for err == nil && v.Sub != nil && v.Plan == nil {
			v, args, err = v.Sub.Resolve(args) // tc's objects
		}
		if err == nil && v.Plan == nil {
			err = fail.Localf("%s %s has no plan", l.words[0], l.words[1])
		}
		var st []plan.Step
		c := envFor(l.family)
		if err == nil {
			st, err = v.Plan(c, args)
		}
		if err != nil {
			return nil, lineError(file, l, err)
		}
		out = append(out, plannedLine{batchLine: l, steps: st, env: c})
	}
	return out, nil
}

// lineError is a line's failure as FILE:LINE: the command: the error.
func lineError(file string, l batchLine, err error) error {
	var msg strings.Builder
	fail.Report(&msg, command.Prog, err)
	text := strings.TrimSpace(msg.String())
	where := file
	if l.action.line > 0 {
		where = fmt.Sprintf("%s:%d", file, l.action.line)
	}
	return &fail.Error{Msg: fmt.Sprintf("%s: %s %s: %s", where, command.Prog, l.String(), text), Code: fail.ExitLocal, Err: err}
}

// execute runs the plan as one atomic batch, then reads the namespace
// back until it is what want says, and returns that reading. On a
// refusal or a difference that stays, it restores the namespace from the
// pre-image.
func execute(e *env.Env, file string, p *Plan, want *Document) (*Document, error) {
	lines, err := steps(e, file, p)
	if err != nil {
		return nil, err
	}
	tconn, err := nl.Dial(nl.Route, &nl.Config{NetNS: e.G.NetNS})
	if err != nil {
		return nil, err
	}
	defer tconn.Close()
	pconn, err := nl.Dial(nl.Route, &nl.Config{NetNS: e.G.NetNS, RecvBuf: e.G.RcvBuf})
	if err != nil {
		return nil, err
	}
	defer pconn.Close()
	txn := atomic.New(tconn)
	var failure error
	pl := plan.NewPipeline(pconn, false, func(i int, err error) bool {
		failure = lineError(file, lines[i-1].batchLine, lines[i-1].steps[0].Refused(err))
		return true
	})
	pl.Atomic = true
	pl.Touch = txn.Touch
	started := false
	meter := applyMeter(e, file, len(lines))
	for i, l := range lines {
		started = true
		if err = pl.Add(l.env, i+1, l.steps); err != nil {
			break
		}
		meter.Item()
	}
	if err == nil {
		err = pl.Flush()
	}
	meter.Done()
	if err != nil && !errors.Is(err, plan.ErrStopped) && failure == nil {
		failure = err
	}
	var after *Document
	if failure == nil {
		after, failure = verify(e, file, want)
	}
	if failure == nil {
		return after, nil
	}
	if !started {
		return nil, failure
	}
	return nil, rollBack(e, txn, pl.Accepted, failure)
}

// verify reads the namespace back until no change is left to make, a
// bounded number of times, and returns the last reading.
func verify(e *env.Env, file string, want *Document) (*Document, error) {
	for i := 1; ; i++ {
		p, cur, err := makePlan(e, file, want)
		if err != nil {
			return nil, err
		}
		if p.Empty() {
			return cur, nil
		}
		if i >= verifyTries {
			var b strings.Builder
			fmt.Fprintf(&b, "%s: the namespace differs from %s after the apply:\n", command.Prog, file)
			for _, a := range p.actions {
				o := a.after
				if o == nil {
					o = a.before
				}
				fmt.Fprintf(&b, "  %s %s", opNames[a.op].symbol, a.kind.describe(o))
				if len(a.fields) > 0 {
					fmt.Fprintf(&b, " (%s)", strings.Join(a.fields, ", "))
				}
				b.WriteByte('\n')
			}
			return nil, fail.Localf("%s", strings.TrimRight(b.String(), "\n"))
		}
		time.Sleep(verifyWait)
	}
}

// rollBack restores the pre-image after failure, and says how that went:
// exit 1 when the namespace is as before, 3 with what differs.
func rollBack(e *env.Env, txn *atomic.Txn, accepted int, failure error) error {
	txn.Rollback()
	residue := txn.Verify(10, 200*time.Millisecond)
	if len(residue) > 0 {
		txn.Rollback()
		residue = txn.Verify(10, 200*time.Millisecond)
	}
	fail.Report(e.Stderr, command.Prog, failure)
	if len(residue) == 0 {
		return &fail.Error{Msg: fmt.Sprintf("rolled back %d changes", accepted), Code: fail.ExitLocal}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "rolled back %d changes, but the namespace differs from before the apply:", accepted)
	for _, r := range append(txn.Refused, residue...) {
		fmt.Fprintf(&b, "\n  %s", r)
	}
	return &fail.Error{Msg: b.String(), Code: exitResidue}
}
