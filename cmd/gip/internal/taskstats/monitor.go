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
	color := e.Color() && !e.G.JSON
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
			v := &view{r: r, exit: true}
			if e.G.JSON {
				j := format.NewJSONWriter(false)
				j.StartObject()
				v.Fields(format.NewJSONFields(j, format.Normal))
				j.EndObject()
				w.Write(j.Bytes())
				w.WriteByte('\n')
				continue
			}
			t := format.NewText(e.FormatOptions().Mode, color)
			v.Fields(format.NewTextFields(t))
			w.Write(*t.Bytes())
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
}
