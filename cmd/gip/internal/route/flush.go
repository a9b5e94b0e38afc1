package route

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// runFlush deletes the selected routes, in rounds until a dump finds
// none, as ip route flush does. Deletions go through a second socket,
// pipelined, while the dump streams.
func runFlush(e *env.Env, f *filter) error {
	c, err := e.Conn()
	if err != nil {
		return err
	}
	del, err := nl.Dial(nl.Route, &nl.Config{NetNS: e.G.NetNS})
	if err != nil {
		return err
	}
	defer del.Close()
	for round := 0; ; round++ {
		flushed, err := flushRound(e, c, del, f)
		if err != nil {
			return err
		}
		if flushed == 0 {
			if e.G.Stats > 0 {
				switch round {
				case 0:
					fmt.Fprintln(e.Stdout, "Nothing to flush.")
				case 1:
					fmt.Fprintf(e.Stdout, "*** Flush is complete after %d round ***\n", round)
				default:
					fmt.Fprintf(e.Stdout, "*** Flush is complete after %d rounds ***\n", round)
				}
			}
			return nil
		}
		if e.G.Stats > 0 {
			fmt.Fprintf(e.Stdout, "\n*** Round %d, deleting %d entries ***\n", round+1, flushed)
		}
	}
}

// flushRound deletes what one dump selects and says how many routes
// that was.
func flushRound(e *env.Env, c, del *nl.Conn, f *filter) (int, error) {
	var failure error
	batch := del.NewBatch(func(_ int, err error) {
		if err != nil && failure == nil && !errors.Is(err, unix.ESRCH) && !errors.Is(err, unix.ENOENT) {
			failure = err
		}
	})
	if e.G.Stats >= 2 {
		if err := e.Links().Preload(); err != nil {
			return 0, err
		}
	}
	flushed := 0
	err := f.dump(e, c, dumpFlush, func() {}, func(m nl.Message, r *rtnl.Route) error {
		// The dumped route itself, sent back as a deletion.
		data, err := restorableRoute(m.Data, r.NHID != 0)
		if err != nil {
			return err
		}
		if err := batch.Add(nl.Message{Header: nl.Header{Type: unix.RTM_DELROUTE}, Data: data}); err != nil {
			return err
		}
		flushed++
		if e.G.Stats >= 2 {
			w := newWriter(e, f)
			w.write(r, false)
			w.finish()
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := batch.Flush(); err != nil {
		return 0, err
	}
	return flushed, failure
}
