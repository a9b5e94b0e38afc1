package fail

import (
	"errors"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// IsGone reports a refusal because the object no longer exists, which a
// flush ignores.
func IsGone(err error) bool {
	return errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EADDRNOTAVAIL) || errors.Is(err, unix.ESRCH)
}

// Kernel marks an error from the kernel so it prints as RTNETLINK answers.
func Kernel(err error) error {
	if err == nil {
		return nil
	}
	var op *nl.OpError
	if errors.As(err, &op) {
		return &KernelError{Err: err}
	}
	return err
}

// DumpError is ip's report of a dump the kernel refused: its message and
// "Dump terminated" (exit 2). Without a message of the kernel's, a
// refusal for size (EMSGSIZE: an object the kernel cannot fit, as a
// classifier without a terse form under tc -br) is iproute2's "Buffer too
// small for object".
func DumpError(err error, what string) error {
	var op *nl.OpError
	if errors.As(err, &op) {
		msg := (&KernelError{Err: err}).Error()
		if op.Message == "" && errors.Is(err, unix.EMSGSIZE) {
			msg = "Error: Buffer too small for object."
		}
		return &Error{Code: ExitKernel, Msg: msg + "\n" + what, Err: err}
	}
	return err
}

// Terminated is ip's report of a dump or flush the kernel refused: the
// refusal, then what ("Dump terminated"), with exit code code.
func Terminated(err error, code int, what string) *Error {
	return &Error{Code: code, Msg: (&KernelError{Err: err}).Error() + "\n" + what, Err: err}
}

// NoFamily is ip's report of a generic netlink family the kernel does
// not have (its resolution of the family refused): exit 1, at once.
func NoFamily(err error) error {
	return AsFatal(&Error{Code: ExitLocal, Msg: "RTNETLINK answers: No such file or directory\nError talking to the kernel", Err: err})
}
