package nexthop

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// planModify is the plan of add and replace (op): one step, whose device
// resolves when it runs. An added object is undone by deleting its id,
// which the kernel echoes back when it chose it.
func planModify(op rtnl.NexthopOp) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		s, err := parseSpec(args, e.G.Family, e.Names())
		if err != nil {
			return nil, err
		}
		step := plan.Step{Build: func(e *env.Env) (nl.Message, error) { return s.message(e, op) }}
		if op == rtnl.NexthopAdd && s.obj.ID != 0 {
			// Deleting by the id undoes an add exactly; an add that let
			// the kernel choose the id has no undo, since deleting it
			// would not give the id back to the kernel's counter.
			step.Undo = undoAdd(s.obj.ID)
		}
		return []plan.Step{step}, nil
	}
}

// message resolves the spec's device and encodes the request.
func (s *spec) message(e *env.Env, op rtnl.NexthopOp) (nl.Message, error) {
	if s.dev != "" {
		idx, err := e.Links().Index(s.dev)
		if err != nil {
			var ce *fail.Error
			if errors.As(err, &ce) {
				return nl.Message{}, fail.Invalid("Device does not exist\n", s.dev)
			}
			return nl.Message{}, err
		}
		s.obj.OIF = idx
	}
	return s.obj.MessageAsIs(op)
}

// undoAdd deletes the object an addition with this id created.
func undoAdd(id uint32) func(req nl.Message, echo *nl.Message) (nl.Message, bool) {
	return func(nl.Message, *nl.Message) (nl.Message, bool) {
		m, err := deleteMessage(id)
		return m, err == nil
	}
}

// planDelete is the plan of del: one step deleting an id.
func planDelete(_ *env.Env, args []string) ([]plan.Step, error) {
	id, err := parseIDOnly(args, false)
	if err != nil {
		return nil, err
	}
	return []plan.Step{deleteStep(id)}, nil
}

// deleteStep deletes the object id.
func deleteStep(id uint32) plan.Step {
	return plan.Step{Build: func(*env.Env) (nl.Message, error) { return deleteMessage(id) }}
}

func deleteMessage(id uint32) (nl.Message, error) {
	del := rtnl.NexthopObject{ID: id}
	return del.MessageAsIs(rtnl.NexthopDelete)
}
