package rule

import (
	"encoding/binary"
	"errors"
	"io"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// runRestore is rule restore: it adds the rules of a save read from
// stdin, leaving those that exist already.
func runRestore(e *env.Env, _ []string) error {
	if env.IsTerminal(e.Stdin) {
		return fail.Usagef("Can't restore rule dump from a terminal")
	}
	data, err := io.ReadAll(e.Stdin)
	if err != nil {
		return err
	}
	if len(data) < 4 || binary.NativeEndian.Uint32(data) != dumpMagic {
		var magic uint32
		n := 0
		if len(data) >= 4 {
			magic, n = binary.NativeEndian.Uint32(data), 1
		}
		return fail.Usagef("Magic mismatch (%d elems, %x magic)", n, magic)
	}
	msgs, err := nl.ParseMessages(data[4:])
	if err != nil {
		return &fail.Error{Code: fail.ExitKernel, Msg: "Error: the saved rules are truncated or corrupt", Err: err}
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if _, err := c.Execute(nl.Message{Header: nl.Header{Type: m.Header.Type, Flags: nl.Create}, Data: m.Data}); err != nil && !errors.Is(err, unix.EEXIST) {
			return &fail.Error{Code: fail.ExitUsage, Msg: (&fail.KernelError{Err: err}).Error(), Err: err}
		}
	}
	return nil
}
