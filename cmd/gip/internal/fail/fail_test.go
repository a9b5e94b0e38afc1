package fail

import (
	"errors"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func TestReportAndExitCode(t *testing.T) {
	cases := []struct {
		err  error
		text string
		code int
	}{
		{&nl.OpError{Op: "request", Err: unix.EEXIST}, "RTNETLINK answers: File exists\n", 2},
		{&nl.OpError{Op: "request", Err: unix.EINVAL, Message: "ipv4: Address already assigned"}, "Error: ipv4: Address already assigned.\n", 2},
		{&KernelError{Err: &nl.OpError{Op: "request", Err: unix.ENOENT}}, "RTNETLINK answers: No such file or directory\n", 2},
		{NoDevice("x"), "Cannot find device \"x\"\n", 1},
		{Usagef("Command %q is unknown", "frob"), "Command \"frob\" is unknown\n", 255},
		{&nl.NetNSError{Name: "x", Err: unix.ENOENT}, "Cannot open network namespace \"x\": No such file or directory\n", 255},
		{&nl.OpError{Op: "request", Err: unix.EPERM}, "RTNETLINK answers: Operation not permitted\ngip: this needs the CAP_NET_ADMIN capability (run it as root)\n", 2},
		{&nl.NetNSError{Name: "x", Op: "enter", Err: unix.EPERM}, "setting the network namespace \"x\" failed: Operation not permitted\ngip: entering a network namespace needs the CAP_SYS_ADMIN capability (run it as root)\n", 255},
		{errors.New("boom"), "gip: boom\n", 1},
		{&Error{Code: 7}, "", 7},
	}
	for _, c := range cases {
		var b strings.Builder
		Report(&b, "gip", c.err)
		if b.String() != c.text || ExitCode(c.err) != c.code {
			t.Errorf("%v: printed %q exit %d, want %q exit %d", c.err, b.String(), ExitCode(c.err), c.text, c.code)
		}
	}
	if ExitCode(nil) != 0 {
		t.Errorf("nil error is not exit 0")
	}
}

func TestTerminated(t *testing.T) {
	err := Terminated(&nl.OpError{Op: "dump", Err: unix.EOPNOTSUPP}, ExitLocal, "Dump terminated")
	var b strings.Builder
	Report(&b, "gip", err)
	if b.String() != "RTNETLINK answers: Operation not supported\nDump terminated\n" || ExitCode(err) != ExitLocal || !errors.Is(err, unix.EOPNOTSUPP) {
		t.Errorf("%q, exit %d", b.String(), ExitCode(err))
	}
}
