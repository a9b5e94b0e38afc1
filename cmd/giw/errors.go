package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// errnoOf finds the errno behind err, as iw would report it.
func errnoOf(err error) (unix.Errno, bool) {
	var errno unix.Errno
	if errors.As(err, &errno) && errno != 0 {
		return errno, true
	}
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return unix.ETIMEDOUT, true
	case errors.Is(err, context.Canceled):
		return unix.EINTR, true
	}
	return 0, false
}

// strerror returns the C library's message for errno: Go's text with its
// first letter capitalised, which is what glibc says for the errors the
// kernel's wifi code returns ("No such device", "Device or resource busy").
func strerror(e unix.Errno) string {
	s := syscall.Errno(e).Error()
	if s == "" || strings.HasPrefix(s, "errno ") {
		// glibc's words for a number it has no name for (ENOTSUPP, 524,
		// is the kernel's own).
		return fmt.Sprintf("Unknown error %d", int(e))
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
