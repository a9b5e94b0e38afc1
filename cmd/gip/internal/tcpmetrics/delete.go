package tcpmetrics

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/tcpmetrics"
)

// deletion is one TCP_METRICS_CMD_DEL: of an exact destination (and
// source), or of every entry when dst is invalid. Its step opens the
// family's socket in Build, sends on it and closes it when done.
type deletion struct {
	dst, src netip.Addr
	conn     *genl.Conn
}

func (d *deletion) step() plan.Step {
	return plan.Step{Build: d.build, Send: d.send, Done: d.done, Report: fail.Kernel}
}

func (d *deletion) build(e *env.Env) (nl.Message, error) {
	c, err := genlcmd.Dial(e, tcpmetrics.Family)
	if err != nil {
		return nl.Message{}, err
	}
	d.conn = c
	return tcpmetrics.DeleteRequest(c.Family(), d.dst, d.src), nil
}

func (d *deletion) send(m nl.Message) ([]nl.Message, error) { return d.conn.NL().Execute(m) }

func (d *deletion) done() {
	if d.conn != nil {
		d.conn.Close()
		d.conn = nil
	}
}

// planDelete is delete: one request naming the destination (and
// source).
func planDelete(e *env.Env, args []string) ([]plan.Step, error) {
	s, err := parse(e, cmdDelete, args)
	if err != nil {
		return nil, err
	}
	dst, src := s.request()
	return []plan.Step{(&deletion{dst: dst, src: src}).step()}, nil
}

// runFlush is flush. As ip, a flush of an exact destination is its
// delete, and one of every entry (no family, no prefix longer than 0) is
// one delete without an address; any other dumps the cache and deletes
// what the selector keeps.
func runFlush(e *env.Env, args []string) error {
	s, err := parse(e, cmdFlush, args)
	if err != nil {
		return err
	}
	dst, src := s.request()
	switch {
	case dst.IsValid():
		return plan.Run(e, []plan.Step{(&deletion{dst: dst, src: src}).step()})
	case s.dst.wide() && s.src.wide() && e.G.Family == 0:
		return plan.Run(e, []plan.Step{(&deletion{}).step()})
	}
	c, err := genlcmd.Dial(e, tcpmetrics.Family)
	if err != nil {
		return err
	}
	defer c.Close()
	return flush(e, c, s)
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
