package plan

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

// fakeKernel refuses the add requests whose payload byte is in refuse,
// and records every request's type and byte.
func fakeKernel(t *testing.T, refuse ...byte) (*nl.Conn, *[]string) {
	var log []string
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		verb := "add"
		if req.Header.Type == unix.RTM_DELNEIGH {
			verb = "del"
		}
		log = append(log, fmt.Sprintf("%s %d", verb, req.Data[0]))
		errno := unix.Errno(0)
		if verb == "add" && slices.Contains(refuse, req.Data[0]) {
			errno = unix.EEXIST
		}
		var out [][]byte
		if errno == 0 && req.Header.Flags&nl.Echo != 0 {
			out = append(out, nltest.Msg(req, unix.RTM_NEWNEIGH, 0, []byte{req.Data[0] + 100, 0, 0, 0}))
		}
		if errno != 0 || req.Header.Flags&nl.Acknowledge != 0 {
			out = append(out, nltest.Ack(req, errno, "", 0))
		}
		if len(out) == 0 {
			return nil
		}
		return []nltest.Datagram{nltest.FromKernel(out...)}
	})
	return c, &log
}

// echoed is a step whose undo needs what the kernel chose: it deletes the
// id the kernel's echo carries.
func echoed(id byte) Step {
	s := step(id, false, false)
	s.Echo = true
	s.Undo = func(_ nl.Message, echo *nl.Message) (nl.Message, bool) {
		if echo == nil {
			return nl.Message{}, false
		}
		return nl.Message{Header: nl.Header{Type: unix.RTM_DELNEIGH}, Data: echo.Data}, true
	}
	return s
}

// step adds object id; undoable says whether it can be undone; badName
// makes its Build fail as an unknown device would.
func step(id byte, undoable, badName bool) Step {
	s := Step{Build: func(*env.Env) (nl.Message, error) {
		if badName {
			return nl.Message{}, errors.New("Cannot find device")
		}
		return nl.Message{Header: nl.Header{Type: unix.RTM_NEWNEIGH}, Data: []byte{id, 0, 0, 0}}, nil
	}}
	if undoable {
		s.Undo = func(req nl.Message, _ *nl.Message) (nl.Message, bool) {
			return nl.Message{Header: nl.Header{Type: unix.RTM_DELNEIGH}, Data: req.Data}, true
		}
	}
	return s
}

// grouped is an undoable step of undo group g: its undo is exact only
// while an earlier step of g stays.
func grouped(id byte, g string) Step {
	s := step(id, true, false)
	s.UndoGroup = g
	return s
}

// fatal makes a step whose refusal ends even a forced batch.
func fatal(s Step) Step {
	s.Fatal = true
	return s
}

func TestPipelineStopsWhereIPWould(t *testing.T) {
	for _, c := range []struct {
		name   string
		force  bool
		refuse []byte
		lines  []Step // one step per line; line numbers from 1
		failed []int  // lines reported failed
		undone []string
		unsent []string // requests that must not have been sent
		stop   bool
	}{
		{name: "all accepted", lines: []Step{step(1, true, false), step(2, true, false), step(3, true, false)}},
		{name: "a failure undoes the accepted lines after it", refuse: []byte{2},
			lines:  []Step{step(1, true, false), step(2, true, false), step(3, true, false), step(4, true, false)},
			failed: []int{2}, undone: []string{"del 4", "del 3"}, stop: true},
		{name: "later refusals are not undone", refuse: []byte{2, 3},
			lines:  []Step{step(1, true, false), step(2, true, false), step(3, true, false), step(4, true, false)},
			failed: []int{2}, undone: []string{"del 4"}, stop: true},
		{name: "a step without undo waits for the others", refuse: []byte{1},
			lines:  []Step{step(1, true, false), step(2, false, false), step(3, true, false)},
			failed: []int{1}, stop: true},
		{name: "a bad name fails its line after the earlier ones", refuse: []byte{1},
			lines:  []Step{step(1, true, false), step(2, true, true), step(3, true, false)},
			failed: []int{1}, stop: true},
		{name: "a bad name alone", lines: []Step{step(1, true, false), step(2, true, true), step(3, true, false)},
			failed: []int{2}, stop: true},
		{name: "an undo from the kernel's echo", refuse: []byte{1},
			lines:  []Step{step(1, true, false), echoed(2), echoed(3)},
			failed: []int{1}, undone: []string{"del 103", "del 102"}, stop: true},
		{name: "a fatal refusal stops even a forced batch", force: true, refuse: []byte{2},
			lines:  []Step{step(1, false, false), fatal(step(2, true, false)), step(3, true, false), step(4, false, false), step(5, true, false)},
			failed: []int{2}, undone: []string{"del 3"}, stop: true},
		{name: "the first step of an undo group runs alone", refuse: []byte{1},
			lines:  []Step{grouped(1, "k"), grouped(2, "k")},
			failed: []int{1}, unsent: []string{"add 2"}, stop: true},
		{name: "a group's later steps are sent ahead once one stays", refuse: []byte{3},
			lines:  []Step{grouped(1, "k"), grouped(2, "k"), grouped(3, "k"), grouped(4, "k"), grouped(5, "j")},
			failed: []int{3}, undone: []string{"del 4"}, unsent: []string{"add 5"}, stop: true},
		{name: "a step without undo forgets the groups", refuse: []byte{3},
			lines:  []Step{grouped(1, "k"), step(2, false, false), grouped(3, "k"), grouped(4, "k")},
			failed: []int{3}, unsent: []string{"add 4"}, stop: true},
		{name: "force reports every failure in order", force: true, refuse: []byte{1, 3},
			lines:  []Step{step(1, false, false), step(2, true, true), step(3, false, false), step(4, false, false)},
			failed: []int{1, 2, 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn, log := fakeKernel(t, c.refuse...)
			var failed []int
			p := NewPipeline(conn, c.force, func(line int, err error) bool {
				failed = append(failed, line)
				return !c.force || c.lines[line-1].Fatal
			})
			e := &env.Env{G: &env.Global{}}
			var err error
			for i, s := range c.lines {
				if err = p.Add(e, i+1, []Step{s}); err != nil {
					break
				}
			}
			if err == nil {
				err = p.Flush()
			}
			if stopped := errors.Is(err, ErrStopped); stopped != c.stop || err != nil && !stopped {
				t.Fatalf("err = %v, want stop %v", err, c.stop)
			}
			if !slices.Equal(failed, c.failed) {
				t.Errorf("failed lines %v, want %v", failed, c.failed)
			}
			var undone []string
			for _, l := range *log {
				if l[:3] == "del" {
					undone = append(undone, l)
				}
			}
			for _, u := range c.unsent {
				if slices.Contains(*log, u) {
					t.Errorf("%q was sent: requests %v", u, *log)
				}
			}
			if !slices.Equal(undone, c.undone) {
				t.Errorf("undone %v, want %v (requests %v)", undone, c.undone, *log)
			}
		})
	}
}

// TestPipelineManyPerRoundTrip checks that undoable steps share round
// trips: 3000 lines go in a few sends.
func TestPipelineManyPerRoundTrip(t *testing.T) {
	var sends int
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		if req.Header.Flags&nl.Acknowledge == 0 {
			return nil
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	p := NewPipeline(c, false, func(int, error) bool { t.Fatal("nothing fails"); return true })
	e := &env.Env{G: &env.Global{}}
	for i := range 3000 {
		if err := p.Add(e, i+1, []Step{step(byte(i), true, false)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	sends = k.Sends()
	if len(k.Requests()) != 3000 || sends > 3000/100 {
		t.Fatalf("%d requests in %d sends", len(k.Requests()), sends)
	}
}

// TestPipelineAtomic checks the atomic mode: steps without an undo are
// pipelined too, nothing is undone by the pipeline (the caller restores
// the pre-image), Touch sees each request before it is queued and its
// refusal fails the line, and Accepted counts what the kernel took.
func TestPipelineAtomic(t *testing.T) {
	t.Run("a refusal stops the batch, nothing undone", func(t *testing.T) {
		conn, log := fakeKernel(t, 3)
		var failed []int
		p := NewPipeline(conn, false, func(line int, err error) bool { failed = append(failed, line); return true })
		p.Atomic = true
		var touched []byte
		p.Touch = func(m nl.Message) error { touched = append(touched, m.Data[0]); return nil }
		e := &env.Env{G: &env.Global{}}
		var err error
		for i, s := range []Step{step(1, false, false), step(2, true, false), step(3, false, false), step(4, false, false)} {
			if err = p.Add(e, i+1, []Step{s}); err != nil {
				break
			}
		}
		if err == nil {
			err = p.Flush()
		}
		if !errors.Is(err, ErrStopped) || !slices.Equal(failed, []int{3}) {
			t.Fatalf("err %v, failed %v", err, failed)
		}
		if !slices.Equal(*log, []string{"add 1", "add 2", "add 3", "add 4"}) {
			t.Errorf("requests %v: all pipelined, none undone", *log)
		}
		if !slices.Equal(touched, []byte{1, 2, 3, 4}) || p.Accepted != 3 {
			t.Errorf("touched %v, accepted %d", touched, p.Accepted)
		}
	})
	t.Run("a refused touch fails its line", func(t *testing.T) {
		conn, log := fakeKernel(t)
		var failed []int
		p := NewPipeline(conn, false, func(line int, err error) bool { failed = append(failed, line); return true })
		p.Atomic = true
		p.Touch = func(m nl.Message) error {
			if m.Data[0] == 2 {
				return errors.New("cannot undo")
			}
			return nil
		}
		e := &env.Env{G: &env.Global{}}
		err := p.Add(e, 1, []Step{step(1, false, false)})
		if err == nil {
			err = p.Add(e, 2, []Step{step(2, false, false)})
		}
		if !errors.Is(err, ErrStopped) || !slices.Equal(failed, []int{2}) || !slices.Equal(*log, []string{"add 1"}) || p.Accepted != 1 {
			t.Errorf("err %v, failed %v, requests %v, accepted %d", err, failed, *log, p.Accepted)
		}
	})
}
