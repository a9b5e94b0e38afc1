package plan

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
)

// Step is one kernel request of a change.
type Step struct {
	// Build makes the request, resolving the names it holds through e
	// (e.Links() for devices); it runs just before the request is sent,
	// once every earlier step has been handled or queued. Its error is
	// the line's error, as ip would report it.
	Build func(e *env.Env) (nl.Message, error)
	// Proto is the netlink protocol the request goes over: NETLINK_ROUTE
	// (0) unless set (NETLINK_XFRM for IPsec).
	Proto int
	// Undo, when not nil, makes the request that reverses the step after
	// the kernel accepted it: from the request that was sent and, when
	// Echo is set, the kernel's echo of the object it created (nil if the
	// kernel sent none). ok is false when this particular request cannot
	// be undone.
	Undo func(req nl.Message, echo *nl.Message) (undo nl.Message, ok bool)
	// UndoGroup, when set, says Undo is exact only while another object
	// of the same group stays: a filter's classifier, which the kernel
	// destroys with its last filter (hash tables and all), so deleting
	// the only filter undoes more than its add did. The pipeline sends
	// such a step ahead of earlier results only once an earlier step of
	// the group is known to stay, and runs it alone otherwise.
	UndoGroup string
	// Echo asks the kernel to send the object back (NLM_F_ECHO), for an
	// Undo that needs what the kernel chose.
	Echo bool
	// Alone says the step is built only once every step before it has
	// its result, and sent by itself: a step whose building prints
	// (a warning ip gives for that line) so that its output keeps its
	// place among the reports of earlier lines.
	Alone bool
	// Barrier says the step changes what names resolve to (a link added,
	// renamed, moved or deleted): later steps resolve their names only
	// after it has been handled, and learn them afresh.
	Barrier bool
	// Fatal says a refusal ends the batch even under -force, as ip exits
	// at once there (neighbour changes); Report should then return an
	// error fail.IsFatal recognises.
	Fatal bool
	// Done, when not nil, is called once the kernel has answered the
	// step's request: it releases what Build held open for it (a
	// namespace's file descriptor the request names).
	Done func()
	// Send, when not nil, delivers the request instead of the Env's
	// rtnetlink socket: a step of another netlink family, whose socket
	// Build opened and Done closes. Such a step runs by itself, after
	// every step before it has its result, and has no undo.
	Send func(m nl.Message) ([]nl.Message, error)
	// Report, when not nil, turns the kernel's refusal into the error
	// the command prints (ip's wording for this object); the default is
	// the refusal itself.
	Report func(err error) error
}

// Run executes steps one at a time, each waiting for the kernel's answer,
// and stops at the first failure, as a single ip command does.
func Run(e *env.Env, steps []Step) error {
	for i := range steps {
		s := &steps[i]
		send := s.Send
		if send == nil { // a step with its own Send has its own socket
			conn, err := e.ConnOf(s.Proto)
			if err != nil {
				return err
			}
			send = conn.Execute
		}
		m, err := s.Build(e)
		if err != nil {
			return err
		}
		if e.Echoed != nil { // Echo serves undos, which a single command has none of
			m.Header.Flags |= nl.Echo
		}
		replies, err := send(m)
		if err == nil && e.Echoed != nil {
			for _, r := range replies {
				e.Echoed(r)
			}
		}
		if s.Done != nil {
			s.Done()
		}
		if err != nil {
			return s.Refused(err)
		}
		if s.Barrier {
			e.Links().Forget()
		}
	}
	return nil
}

// Refused is the error a refusal of the step prints as.
func (s *Step) Refused(err error) error {
	if s.Report != nil {
		return s.Report(err)
	}
	return err
}
