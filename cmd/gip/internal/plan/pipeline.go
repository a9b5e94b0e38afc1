package plan

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
)

// ErrStopped says a batch ended at a failed line; the failure has been
// reported already.
var ErrStopped = errors.New("plan: the batch stopped at a failed line")

// UndoError says the kernel refused to undo a step that ran after a failed
// line: the batch ended there, but not exactly where ip's would have. The
// failed line has been reported; the other undos were still tried.
type UndoError struct {
	Line  int // the line whose step could not be undone
	After int // the failed line
	Err   error
}

func (e *UndoError) Error() string {
	return fmt.Sprintf("undoing line %d after line %d failed: %v", e.Line, e.After, e.Err)
}

func (e *UndoError) Unwrap() error { return e.Err }

// Pipeline runs the steps of many command lines through one nl.Batch,
// many requests per round trip, and still ends a batch exactly where ip's
// line-by-line run would.
//
// Under Force every step is pipelined and every failed line reported in
// order, but a Fatal step (one whose refusal ends even a forced batch)
// holds back the steps that cannot be undone until its result is in. Without it only steps that can be undone are sent ahead of the
// results of earlier ones: when a line fails, the kernel has already
// handled the steps queued after it, and those it accepted are undone,
// newest first, before the failure is reported. A step without an undo
// waits for everything before it and runs alone. A step that changes
// link names (Barrier) is handled before any later step resolves a name.
type Pipeline struct {
	// Force runs every line whatever failed before it.
	Force bool
	// Failed reports a failed line (its error, then ip's "Command
	// failed FILE:LINE") and says whether the batch stops there. It is
	// called in line order.
	Failed func(line int, err error) (stop bool)
	// Atomic pipelines every step, stopping at the first failure, and
	// undoes nothing itself: the caller restores the state from before
	// the batch (an atomic batch's pre-image does what the steps' undos
	// would, and more). Touch, when set, is shown each request before it
	// is queued; its error fails the line, as an unknown device would.
	Atomic bool
	Touch  func(m nl.Message) error
	// Accepted counts the requests the kernel accepted.
	Accepted int

	conn  *nl.Conn
	batch *nl.Batch

	queued   []queued // steps sent or queued since results were last all in
	arena    []byte   // copies of requests and echoes an undo may need
	base     int      // batch index of queued[0]
	results  int      // results received for queued
	failAt   int      // index in queued of the first failure without Force, or -1
	failErr  error
	toUndo   []int // indexes in queued of accepted steps after failAt
	barrier  bool  // the last step queued changes link names
	lastLine int   // the last line reported failed under Force
	fatals   int   // Fatal steps queued whose results are not in

	// stays holds the undo groups of which a step is known to stay (its
	// request accepted and no earlier line failed). It is forgotten when
	// a step that cannot be undone is queued, as that may remove
	// anything; era counts those moments, so that a result that comes in
	// later for a step queued before one of them adds nothing.
	stays map[string]bool
	era   int
}

// queued is one step in flight.
type queued struct {
	line       int
	step       *Step
	hdr        nl.Header
	req, echo  span // in the arena; empty when no undo needs them
	keepCopies bool
	era        int              // the Pipeline's era when it was queued
	echoed     func(nl.Message) // the Env's printer of echoes (-echo)
}

// span is a slice of the arena, by offsets, so the arena may grow.
type span struct{ off, n int }

// NewPipeline starts a pipeline on conn, the socket its requests go
// through. Names are resolved on another socket (the Env's), so that
// lookups never interleave with a window in flight.
func NewPipeline(conn *nl.Conn, force bool, failed func(line int, err error) bool) *Pipeline {
	p := &Pipeline{Force: force, Failed: failed, conn: conn, failAt: -1}
	p.batch = conn.NewBatch(p.result)
	p.batch.OnEcho(p.echoed)
	return p
}

// Add builds and queues the steps of one line. It returns ErrStopped when
// the batch ends here or at an earlier line, and socket failures.
func (p *Pipeline) Add(e *env.Env, line int, steps []Step) error {
	for i := range steps {
		s := &steps[i]
		if p.barrier {
			if err := p.Flush(); err != nil {
				return err
			}
			e.Links().Forget()
			p.barrier = false
		}
		if s.Send != nil {
			if err := p.sendAlone(e, line, s); err != nil {
				return err
			}
			continue
		}
		// A step that cannot be undone waits for the results of those
		// before it, unless nothing before it can stop the batch.
		undoable := p.undoable(s)
		alone := s.Alone || !undoable && !p.Atomic && (!p.Force || p.fatals > 0)
		if !undoable || s.Barrier {
			clear(p.stays)
			p.era++
		}
		if alone {
			if err := p.Flush(); err != nil {
				return err
			}
		}
		m, err := s.Build(e)
		if err == nil && p.Touch != nil {
			if err = p.Touch(m); err != nil && s.Done != nil {
				s.Done()
			}
		}
		if err != nil {
			// The line fails before it reaches the kernel: what was
			// queued before it is settled first, as ip would have run it.
			if ferr := p.Flush(); ferr != nil {
				return ferr
			}
			if p.Force && line == p.lastLine {
				return nil // reported already, for an earlier step of the line
			}
			p.lastLine = line
			if p.Failed(line, err) {
				return ErrStopped
			}
			return nil
		}
		// What an undo needs is kept while a failure could still stop
		// the batch behind this step.
		keep := undoable && !p.Atomic && (!p.Force || p.fatals > 0)
		if s.Echo && keep || e.Echoed != nil {
			m.Header.Flags |= nl.Echo
		}
		q := queued{line: line, step: s, hdr: m.Header, echoed: e.Echoed, era: p.era, keepCopies: keep}
		if q.keepCopies {
			q.req = p.save(m.Data)
		}
		p.queued = append(p.queued, q)
		if s.Fatal {
			p.fatals++
		}
		if err := p.batch.Add(m); err != nil {
			return err
		}
		if alone || s.Barrier {
			if err := p.batch.Flush(); err != nil {
				return err
			}
		}
		p.barrier = s.Barrier
		if err := p.settle(); err != nil {
			return err
		}
	}
	return nil
}

// Flush sends what is queued and waits for the kernel's answers.
func (p *Pipeline) Flush() error {
	if err := p.batch.Flush(); err != nil {
		return err
	}
	return p.settle()
}

// undoable says whether the kernel's acceptance of s can be undone
// exactly if it is sent now.
func (p *Pipeline) undoable(s *Step) bool {
	return s.Undo != nil && (s.UndoGroup == "" || p.stays[s.UndoGroup])
}

func (p *Pipeline) save(b []byte) span {
	s := span{len(p.arena), len(b)}
	p.arena = append(p.arena, b...)
	return s
}

func (p *Pipeline) bytes(s span) []byte { return p.arena[s.off : s.off+s.n] }

// echoed prints the kernel's echo of a step under -echo and keeps it
// when an undo may need it.
func (p *Pipeline) echoed(index int, m nl.Message) {
	q := &p.queued[index-p.base]
	if q.echoed != nil {
		q.echoed(m)
	}
	if q.keepCopies && q.echo.n == 0 {
		b := nl.AppendMessage(nil, m)
		q.echo = p.save(b)
	}
}

// result receives each step's outcome, in order.
func (p *Pipeline) result(index int, err error) {
	i := index - p.base
	q := &p.queued[i]
	p.results++
	if err == nil {
		p.Accepted++
	}
	if q.step.Done != nil {
		q.step.Done()
	}
	if q.step.Fatal {
		p.fatals--
	}
	if err == nil && p.failAt < 0 && q.step.UndoGroup != "" && q.era == p.era {
		if p.stays == nil {
			p.stays = make(map[string]bool)
		}
		p.stays[q.step.UndoGroup] = true
	}
	switch {
	case p.Force && p.failAt < 0 && !(err != nil && q.step.Fatal):
		if err != nil && q.line != p.lastLine {
			p.lastLine = q.line
			p.Failed(q.line, q.step.Refused(err))
		}
	case p.failAt >= 0:
		if err == nil && q.step.Undo != nil && q.keepCopies {
			p.toUndo = append(p.toUndo, i)
		}
	case err != nil:
		p.failAt, p.failErr = i, q.step.Refused(err)
	}
}

// settle acts on the results that came in: once every queued step has
// its result the queue empties; a failure without Force undoes what ran
// after it and ends the batch.
func (p *Pipeline) settle() error {
	if p.failAt >= 0 {
		if err := p.batch.Flush(); err != nil {
			return err
		}
		failed := p.queued[p.failAt]
		var undoErr error
		for k := len(p.toUndo) - 1; k >= 0; k-- {
			q := p.queued[p.toUndo[k]]
			if err := p.undo(q); err != nil && undoErr == nil {
				undoErr = &UndoError{Line: q.line, After: failed.line, Err: err}
			}
		}
		p.Failed(failed.line, p.failErr)
		if undoErr != nil {
			return undoErr
		}
		return ErrStopped
	}
	if p.results == len(p.queued) {
		p.base += len(p.queued)
		p.results = 0
		p.queued = p.queued[:0]
		p.arena = p.arena[:0]
	}
	return nil
}

// undo runs the request that reverses an accepted step.
func (p *Pipeline) undo(q queued) error {
	req := nl.Message{Header: q.hdr, Data: p.bytes(q.req)}
	var echo *nl.Message
	if q.echo.n > 0 {
		m, _, err := nl.NextMessage(p.bytes(q.echo))
		if err == nil {
			echo = &m
		}
	}
	m, ok := q.step.Undo(req, echo)
	if !ok {
		return errors.New("the change cannot be undone")
	}
	_, err := p.conn.Execute(m)
	return err
}

// sendAlone runs a step that sends its own request (another family's
// socket): once every step before it has its result, by itself, its
// failure reported as a failed line's.
func (p *Pipeline) sendAlone(e *env.Env, line int, s *Step) error {
	if err := p.Flush(); err != nil {
		return err
	}
	m, err := s.Build(e)
	if err == nil {
		if _, err = s.Send(m); err != nil {
			err = s.Refused(err)
		}
	}
	if s.Done != nil {
		s.Done()
	}
	if err == nil || p.Force && line == p.lastLine {
		return nil
	}
	p.lastLine = line
	if p.Failed(line, err) {
		return ErrStopped
	}
	return nil
}
