package nft

import (
	"errors"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
)

// cmdError is nft's error for a command line: the message, the command
// and carets under the word at fault.
func cmdError(words []string, at int, msg string) error {
	line := strings.Join(words, " ")
	pos, n := 0, 0
	switch {
	case at < len(words):
		for _, w := range words[:at] {
			pos += len(w) + 1
		}
		n = len(words[at])
	default:
		pos, n = len(line), 1
	}
	if n == 0 {
		n = 1
	}
	return lineError(line, pos, n, msg)
}

// lineError is nft's error with carets under n bytes at pos of line.
func lineError(line string, pos, n int, msg string) error {
	return &fail.Error{
		Msg:  "Error: " + msg + "\n" + line + "\n" + strings.Repeat(" ", pos) + strings.Repeat("^", n),
		Code: fail.ExitLocal,
	}
}

// syntaxError is nft's parser complaint about the word at, or about the
// end of the line when at is past it.
func syntaxError(words []string, at int, what string) error {
	if at >= len(words) {
		what = "unexpected newline"
	}
	return cmdError(words, at, "syntax error, "+what)
}

// kernelError is a refusal of the kernel's as nft prints it: the
// extended ack, else the errno's text (exit 1).
func kernelError(err error) error {
	var op *nl.OpError
	if errors.As(err, &op) {
		msg := op.Message
		if msg == "" {
			msg = fail.Strerror(op.Err)
		}
		return &fail.Error{Msg: "Error: " + msg, Code: fail.ExitLocal, Err: err}
	}
	return err
}
