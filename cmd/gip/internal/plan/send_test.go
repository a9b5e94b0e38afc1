package plan

import (
	"errors"
	"slices"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// sent is a step of another family: its requests go through send, which
// logs them and refuses the ones refused.
func sent(id byte, refused bool, log *[]string, done *int) Step {
	return Step{
		Build: func(*env.Env) (nl.Message, error) { return nl.Message{Data: []byte{id}}, nil },
		Send: func(m nl.Message) ([]nl.Message, error) {
			*log = append(*log, "send "+string('0'+m.Data[0]))
			if refused {
				return nil, unix.EEXIST
			}
			return nil, nil
		},
		Done: func() { *done++ },
	}
}

// TestPipelineSend: a step with its own socket waits for the steps
// before it, runs alone, reports its refusal as its line's, and releases
// what it holds either way.
func TestPipelineSend(t *testing.T) {
	for _, force := range []bool{false, true} {
		conn, klog := fakeKernel(t)
		var log []string
		var done int
		var failed []int
		p := NewPipeline(conn, force, func(line int, err error) bool {
			if !errors.Is(err, unix.EEXIST) {
				t.Errorf("line %d: %v", line, err)
			}
			failed = append(failed, line)
			return !force
		})
		e := &env.Env{G: &env.Global{}}
		lines := []Step{step(1, true, false), sent(2, false, &log, &done), sent(3, true, &log, &done), sent(4, false, &log, &done)}
		var err error
		for i, s := range lines {
			if err = p.Add(e, i+1, []Step{s}); err != nil {
				break
			}
		}
		if err == nil {
			err = p.Flush()
		}
		wantLog, wantDone := []string{"send 2", "send 3"}, 2
		if force {
			wantLog, wantDone = append(wantLog, "send 4"), 3
		}
		if errors.Is(err, ErrStopped) == force || !slices.Equal(failed, []int{3}) || !slices.Equal(log, wantLog) || done != wantDone {
			t.Errorf("force %v: err %v, failed %v, sent %v, done %d", force, err, failed, log, done)
		}
		if !slices.Equal(*klog, []string{"add 1"}) {
			t.Errorf("force %v: the rtnetlink socket got %v", force, *klog)
		}
	}
}

// TestRunSend: a single command sends through the step's socket.
func TestRunSend(t *testing.T) {
	conn, klog := fakeKernel(t)
	e := &env.Env{G: &env.Global{}}
	e.UseConn(conn)
	var log []string
	var done int
	if err := Run(e, []Step{sent(1, false, &log, &done), sent(2, true, &log, &done)}); !errors.Is(err, unix.EEXIST) {
		t.Fatalf("err = %v", err)
	}
	if !slices.Equal(log, []string{"send 1", "send 2"}) || done != 2 || len(*klog) != 0 {
		t.Errorf("sent %v, done %d, rtnetlink %v", log, done, *klog)
	}
}
