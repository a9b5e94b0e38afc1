package xfrm

import (
	"iter"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// conn is the command's NETLINK_XFRM socket.
func conn(e *env.Env) (*nl.Conn, error) { return e.ConnOf(unix.NETLINK_XFRM) }

// dumpFailed is ip's report of a dump the kernel refused: its message
// and what ended (exit 1).
func dumpFailed(err error, what string) error {
	return &fail.Error{Code: fail.ExitLocal, Msg: (&fail.KernelError{Err: err}).Error() + "\n" + what, Err: err}
}

// printReplies sends a request whose answer is an object (get,
// allocspi, count) and prints each message the kernel answers with
// through view; a message view cannot read is ip's complaint bad.
func printReplies(e *env.Env, m nl.Message, bad string, view func(nl.Message) (format.FieldRecord, error)) error {
	c, err := conn(e)
	if err != nil {
		return err
	}
	replies, err := c.Execute(m)
	if err != nil {
		return kernelFatal(err)
	}
	pr := e.Printer()
	for _, rep := range replies {
		v, err := view(rep)
		if err != nil {
			return fail.Localf("%s", bad)
		}
		if err := pr.Print(v); err != nil {
			return err
		}
	}
	return pr.Close()
}

// deleteRounds is deleteall: round lists the delete requests of what
// matches now; they are sent, and rounds go on until one finds nothing
// (a deletion may bring others into view).
func deleteRounds(e *env.Env, round func(c *nl.Conn) ([]nl.Message, error)) error {
	c, err := conn(e)
	if err != nil {
		return err
	}
	for {
		dels, err := round(c)
		if err != nil {
			return dumpFailed(err, "Delete-all terminated")
		}
		if len(dels) == 0 {
			return nil
		}
		for _, m := range dels {
			if _, err := c.Execute(m); err != nil && !fail.IsGone(err) {
				return &fail.Error{Code: fail.ExitLocal, Msg: "Failed to send delete-all request: " + fail.Strerror(err), Err: err}
			}
		}
	}
}

// list prints what dump streams and keep selects, each through view.
func list[T any](e *env.Env, dump func(c *nl.Conn) iter.Seq2[T, error], keep func(T) bool, view func(T) format.FieldRecord) error {
	c, err := conn(e)
	if err != nil {
		return err
	}
	pr := e.Printer()
	for x, err := range dump(c) {
		if err != nil {
			pr.Abandon()
			return dumpFailed(err, "Dump terminated")
		}
		if keep(x) {
			if err := pr.Print(view(x)); err != nil {
				return err
			}
		}
	}
	return pr.Close()
}
