package tcpmetrics

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/tcpmetrics"
)

// noAddr names no address in a request.
var noAddr netip.Addr

// exactSrc is the source a delete names, when it is an exact address.
func exactSrc(s *selector) netip.Addr {
	_, src := s.request()
	return src
}

// flush deletes the entries the selector keeps, in rounds as ip does
// (dump, delete what it kept, again until a dump keeps nothing). -s
// reports the rounds, -s -s also prints each entry deleted.
func flush(e *env.Env, c *genl.Conn, s *selector) error {
	for round := 0; ; round++ {
		var doomed []*tcpmetrics.Entry
		for entry, err := range tcpmetrics.Dump(c) {
			if err != nil {
				return fail.AsFatal(fail.Terminated(err, fail.ExitLocal, "Flush terminated"))
			}
			if s.keeps(entry) {
				doomed = append(doomed, entry)
			}
		}
		if len(doomed) == 0 {
			switch {
			case round == 0:
				fmt.Fprintln(e.Stderr, "Nothing to flush.")
			case e.G.Stats > 0:
				plural := ""
				if round > 1 {
					plural = "s"
				}
				fmt.Fprintf(e.Stdout, "*** Flush is complete after %d round%s ***\n", round, plural)
			}
			return nil
		}
		if e.G.Stats >= 2 {
			p := e.Printer()
			for _, entry := range doomed {
				if err := p.Print(&view{e: entry, deleted: true}); err != nil {
					return err
				}
			}
			if err := p.Close(); err != nil {
				return err
			}
		}
		for _, entry := range doomed {
			if err := tcpmetrics.Delete(c, entry.Dst, entry.Src); err != nil && !fail.IsGone(err) {
				return fail.AsFatal(&fail.Error{Code: fail.ExitLocal, Msg: "Failed to send flush request: " + fail.Strerror(err), Err: err})
			}
		}
		if e.G.Stats > 0 {
			fmt.Fprintf(e.Stdout, "\n*** Round %d, deleting %d entries ***\n", round+1, len(doomed))
		}
	}
}
