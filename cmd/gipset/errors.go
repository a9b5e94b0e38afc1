package main

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// Exit statuses, as ipset's.
const (
	exitOK        = 0
	exitOther     = 1 // IPSET_OTHER_PROBLEM: kernel refusals, syntax errors
	exitParameter = 2 // IPSET_PARAMETER_PROBLEM: usage errors
)

// cliError is an error with ipset's exit status. Parameter problems are
// followed by a pointer to help.
type cliError struct {
	status int
	msg    string
	err    error // wrapped cause, if any
}

func (e *cliError) Error() string { return e.msg }
func (e *cliError) Unwrap() error { return e.err }

// usageErr is a parameter problem (exit 2).
func usageErr(format string, args ...any) error {
	return &cliError{status: exitParameter, msg: fmt.Sprintf(format, args...)}
}

// syntaxErr is ipset's "Syntax error: ..." (exit 1).
func syntaxErr(format string, args ...any) error {
	return &cliError{status: exitOther, msg: "Syntax error: " + fmt.Sprintf(format, args...)}
}

// otherErr is any other problem (exit 1).
func otherErr(format string, args ...any) error {
	return &cliError{status: exitOther, msg: fmt.Sprintf(format, args...)}
}

// statusOf returns the exit status for err.
func statusOf(err error) int {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.status
	}
	return exitOther
}

// lineError prefixes an error with the restore line it happened on,
// keeping its status.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("Error in line %d: %v", e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// Errnos the atomic restore reports for sets it knows to be missing or
// present, worded by package ipset like the kernel's own refusals.
const (
	errnoENOENT = unix.ENOENT
	errnoEEXIST = unix.EEXIST
)
