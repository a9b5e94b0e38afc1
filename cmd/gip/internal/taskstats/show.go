package taskstats

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	ts "github.com/gip-suite/gip/internal/nl/taskstats"
)

// runShow prints the statistics of one task or thread group.
func runShow(e *env.Env, args []string) error {
	t, err := parseTarget(args)
	if err != nil {
		return err
	}
	c, err := dial(e)
	if err != nil {
		return err
	}
	defer c.Close()
	r, err := c.Get(t.scope, t.id)
	if errors.Is(err, ts.ErrNoTask) {
		return &fail.Error{Code: fail.ExitLocal, Msg: fmt.Sprintf("Cannot find %s %d", t.scope, t.id), Err: err}
	}
	if err != nil {
		return refused(err)
	}
	p := e.Printer()
	if err := p.Print(&view{r: r, delayacct: delayAccounting()}); err != nil {
		return err
	}
	return p.Close()
}

// dial opens the family's socket. Tasks are not a network namespace's:
// the family lives in the initial namespace only, so -n is not applied.
func dial(e *env.Env) (*ts.Client, error) {
	c, err := ts.Dial(&nl.Config{RecvBuf: e.G.RcvBuf})
	if errors.Is(err, genl.ErrFamilyNotFound) {
		return nil, &fail.Error{Code: fail.ExitLocal, Err: err,
			Msg: "The kernel has no taskstats family (it needs CONFIG_TASKSTATS, and a process in the initial network namespace)"}
	}
	return c, err
}

// refused is a kernel refusal as gip prints it: the kernel's extended
// ack, or "taskstats answers: " and the errno's text (exit 2).
func refused(err error) error {
	var op *nl.OpError
	if errors.As(err, &op) {
		return &fail.KernelError{Err: err, Prefix: "taskstats answers"}
	}
	return err
}

// delayAccounting reads whether the kernel's delay accounting is on
// (kernel.task_delayacct); nil when the kernel does not say.
func delayAccounting() *bool {
	b, err := os.ReadFile("/proc/sys/kernel/task_delayacct")
	if err != nil {
		return nil
	}
	on := strings.TrimSpace(string(b)) != "0"
	return &on
}
