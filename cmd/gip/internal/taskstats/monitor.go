package taskstats

import (
	"bufio"
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
)

// runMonitor registers for the exit records of the CPUs of the mask and
// prints each as it comes: text, or one JSON object per line under -j.
// It ends when the output or the socket fails.
func runMonitor(e *env.Env, args []string) error {
	mask, err := parseMask(args)
	if err != nil {
		return err
	}
	c, err := dial(e)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Register(mask); err != nil {
		return refused(err)
	}
	defer c.Deregister(mask)
	w := bufio.NewWriterSize(e.Stdout, 64<<10)
	opts := e.FormatOptions()
	var line []byte
	for {
		recs, err := c.Receive()
		if errors.Is(err, nl.ErrOverrun) {
			fmt.Fprintln(e.Stderr, "Warning: exit records were lost: the receive buffer overran (try -rcvbuf).")
			continue
		}
		if err != nil {
			return refused(err)
		}
		for _, r := range recs {
			line = format.AppendLine(line[:0], &view{r: r, exit: true}, opts)
			w.Write(line)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
}
