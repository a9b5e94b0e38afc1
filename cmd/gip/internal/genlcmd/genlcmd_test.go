package genlcmd

import (
	"bytes"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// TestMissingFamily: a family the kernel lacks is ip's two lines, exit 1,
// for Dial, Require and a step alike; help and no words ask nothing.
func TestMissingFamily(t *testing.T) {
	e := &env.Env{G: &env.Global{}, Stderr: &bytes.Buffer{}}
	want := "RTNETLINK answers: No such file or directory\nError talking to the kernel"
	if _, err := Dial(e, "gip-nosuch"); err == nil || err.Error() != want || fail.ExitCode(err) != fail.ExitLocal || !fail.IsFatal(err) {
		t.Errorf("Dial: %v", err)
	}
	req := Require("gip-nosuch")
	if _, _, err := req(e, []string{"show"}); err == nil || err.Error() != want {
		t.Errorf("Require: %v", err)
	}
	for _, words := range [][]string{nil, {"help"}, {"he"}} {
		if rest, done, err := req(e, words); err != nil || done || len(rest) != len(words) {
			t.Errorf("Require %q: %v %v %v", words, rest, done, err)
		}
	}
	r := &Request{Family: "gip-nosuch", Cmd: 1, Complaint: "a complaint"}
	s := r.Step()
	if _, err := s.Build(e); err == nil || err.Error() != want {
		t.Errorf("Build: %v", err)
	}
	if got := e.Stderr.(*bytes.Buffer).String(); got != "a complaint\n" || !s.Alone {
		t.Errorf("complaint %q, alone %v", got, s.Alone)
	}
}

// TestRequestStep sends a command of a family every kernel has (the
// controller's own, asking for itself) through a step, as a plan runs
// it: the message carries the family's id and version.
func TestRequestStep(t *testing.T) {
	e := &env.Env{G: &env.Global{}}
	r := &Request{Family: "nlctrl", Cmd: unix.CTRL_CMD_GETFAMILY, Barrier: true, Attrs: func(*env.Env) ([]byte, error) {
		a := nl.NewAttrEncoder(nil)
		a.String(unix.CTRL_ATTR_FAMILY_NAME, "nlctrl")
		return a.Encode()
	}}
	s := r.Step()
	if !s.Barrier || s.Send == nil || s.Done == nil {
		t.Fatalf("step %+v", s)
	}
	m, err := s.Build(e)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Done()
	if m.Header.Type != genl.ControllerID || m.Data[0] != unix.CTRL_CMD_GETFAMILY || m.Data[1] == 0 {
		t.Fatalf("message %v % x", m.Header, m.Data)
	}
	replies, err := s.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) != 1 {
		t.Fatalf("%d replies", len(replies))
	}
	if err := plan.Run(e, []plan.Step{(&Request{Family: "nlctrl", Cmd: unix.CTRL_CMD_GETFAMILY}).Step()}); err == nil {
		t.Error("a request without a family name was accepted")
	}
}
