package fail

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Exit codes, as iproute2 uses them.
const (
	ExitOK     = 0
	ExitLocal  = 1   // a local failure: unknown device, bad prefix, ...
	ExitKernel = 2   // the kernel refused the request
	ExitUsage  = 255 // the command line is wrong
)

// Error is a failure with its exact message and exit code.
type Error struct {
	Msg  string
	Code int
	Err  error // the cause, if any
	// Bare prints Msg as it is, without the line break Report adds
	// (a few of tc's messages end without one).
	Bare bool
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Usagef is a command-line error (exit 255).
func Usagef(format string, a ...any) error {
	return &Error{Msg: fmt.Sprintf(format, a...), Code: ExitUsage}
}

// Localf is a local error (exit 1).
func Localf(format string, a ...any) error {
	return &Error{Msg: fmt.Sprintf(format, a...), Code: ExitLocal}
}

// Garbage is iproute2's complaint about an unexpected word.
func Garbage(key, word string) error {
	return Usagef("Error: either %q is duplicate, or %q is a garbage.", key, word)
}

// Invalid is iproute2's invarg(): an argument it could not use.
func Invalid(msg, arg string) error {
	return Usagef("Error: argument %q is wrong: %s", arg, msg)
}

// Duplicate is iproute2's duparg().
func Duplicate(key, arg string) error {
	return Usagef("Error: duplicate %q: %q is the second value.", key, arg)
}

// Incomplete is iproute2's "Command line is not complete".
func Incomplete() error {
	return Usagef("Command line is not complete. Try option \"help\"")
}

// NoDevice is the error for a device that does not exist where a command
// must act on it.
func NoDevice(name string) error {
	return &Error{Msg: fmt.Sprintf("Cannot find device %q", name), Code: ExitLocal, Err: unix.ENODEV}
}

// KernelError wraps a kernel refusal met while doing what prefix says
// (empty for the usual RTNETLINK answers).
type KernelError struct {
	Err    error
	Prefix string // printed before the errno text when there is no extack
}

func (e *KernelError) Error() string { return kernelText(e.Err, e.Prefix) }
func (e *KernelError) Unwrap() error { return e.Err }

// Strerror is the C library's text for an errno, capitalised as glibc has it.
func Strerror(err error) string {
	var errno unix.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if strings.HasPrefix(s, "errno ") {
			// An errno the C library has no text for (ENOTSUPP, 524).
			return "Unknown error " + s[len("errno "):]
		}
		if s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	return err.Error()
}

func kernelText(err error, prefix string) string {
	var op *nl.OpError
	if errors.As(err, &op) && op.Message != "" {
		msg := op.Message
		if !strings.HasSuffix(msg, ".") {
			msg += "."
		}
		return "Error: " + msg
	}
	if prefix == "" {
		prefix = "RTNETLINK answers"
	}
	return prefix + ": " + Strerror(err)
}

// ExitCode maps an error to the exit status iproute2 would use.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var ns *nl.NetNSError
	if errors.As(err, &ns) {
		return ExitUsage
	}
	var op *nl.OpError
	if errors.As(err, &op) {
		return ExitKernel
	}
	return ExitLocal
}

// Report prints err the way iproute2 does, to w. A kernel refusal shows
// the kernel's extended ack when it sent one; a refusal for lack of
// privilege says which capability is missing.
func Report(w io.Writer, prog string, err error) {
	if err == nil {
		return
	}
	var e *Error
	var ke *KernelError
	var op *nl.OpError
	var ns *nl.NetNSError
	switch {
	case errors.As(err, &e):
		switch {
		case e.Bare:
			fmt.Fprint(w, e.Msg)
		case e.Msg != "":
			fmt.Fprintln(w, e.Msg)
		}
	case errors.As(err, &ke):
		fmt.Fprintln(w, ke.Error())
	case errors.As(err, &ns):
		fmt.Fprintln(w, ns.Error())
	case errors.As(err, &op):
		fmt.Fprintln(w, kernelText(op, ""))
	default:
		fmt.Fprintf(w, "%s: %v\n", prog, err)
	}
	if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
		switch {
		case errors.As(err, &ns):
			fmt.Fprintf(w, "%s: entering a network namespace needs the CAP_SYS_ADMIN capability (run it as root)\n", prog)
		case errors.As(err, &op):
			fmt.Fprintf(w, "%s: this needs the CAP_NET_ADMIN capability (run it as root)\n", prog)
		}
	}
}

// fatal marks an error on which ip exits at once (its exit() calls), even
// in the middle of a batch, where other failures only end the line.
type fatal struct{ err error }

func (e *fatal) Error() string { return e.err.Error() }
func (e *fatal) Unwrap() error { return e.err }

// Fatal is an error with the exit code and message msg on which ip exits
// at once, even in a batch.
func Fatal(code int, msg string) error {
	return &fatal{&Error{Code: code, Msg: msg}}
}

// AsFatal marks err as one on which ip exits at once.
func AsFatal(err error) error { return &fatal{err} }

// IsFatal reports whether err ends a batch at once.
func IsFatal(err error) bool {
	var f *fatal
	return errors.As(err, &f)
}
