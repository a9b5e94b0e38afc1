package netns

import (
	"errors"
	"os"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// fileError words a namespace file failure as iproute2 does.
func fileError(op, name string, err error) error {
	if err != nil && strings.HasPrefix(err.Error(), "mount --make-shared") {
		return fail.Localf("mount --make-shared %s failed: %s", nl.NetNSDir, fail.Strerror(err))
	}
	var errno unix.Errno
	if !errors.As(err, &errno) {
		return fail.Localf("Cannot %s namespace %q: %v", op, name, err)
	}
	return fail.Localf("Cannot %s namespace file %q: %s", op, nl.NetNSPath(name), fail.Strerror(errno))
}

// pathCause is the errno under a file operation's error, which ip prints
// without the path.
func pathCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
