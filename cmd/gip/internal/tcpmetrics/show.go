package tcpmetrics

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/tcpmetrics"
)

// parse is what every verb reads first: the family check, then the
// selector.
func parse(e *env.Env, v verb, args []string) (*selector, error) {
	if err := checkFamily(e.G.Family); err != nil {
		return nil, err
	}
	return parseSelector(args, v, e.G.Family)
}

// runShow asks the kernel for the entry of an exact destination, else
// dumps the cache.
func runShow(e *env.Env, args []string) error {
	s, err := parse(e, cmdShow, args)
	if err != nil {
		return err
	}
	c, err := dial(e)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, exact := s.dst.exact(); exact {
		return showOne(e, c, s)
	}
	return showAll(e, c, s)
}

// dial opens the family's socket in the command's namespace.
func dial(e *env.Env) (*genl.Conn, error) {
	c, err := genl.Dial(tcpmetrics.Family, &nl.Config{NetNS: e.G.NetNS, RecvBuf: e.G.RcvBuf})
	switch {
	case errors.Is(err, genl.ErrFamilyNotFound):
		// A kernel without TCP metrics: ip's resolution of the family
		// is refused, and it says so.
		return nil, fail.AsFatal(&fail.Error{Code: fail.ExitLocal, Msg: "RTNETLINK answers: No such file or directory\nError talking to the kernel", Err: err})
	case err != nil:
		return nil, err
	}
	return c, nil
}

// showOne asks the kernel for the entry of one address.
func showOne(e *env.Env, c *genl.Conn, s *selector) error {
	dst, src := s.request()
	entry, err := tcpmetrics.Get(c, dst, src)
	if err != nil {
		return fail.Kernel(err)
	}
	p := e.Printer()
	if s.keeps(entry) {
		if err := p.Print(&view{e: entry}); err != nil {
			return err
		}
	}
	return p.Close()
}

// showAll prints the entries of the dump the selector keeps.
func showAll(e *env.Env, c *genl.Conn, s *selector) error {
	p := e.Printer()
	for entry, err := range tcpmetrics.Dump(c) {
		if err != nil {
			return dumpFailed(err)
		}
		if !s.keeps(entry) {
			continue
		}
		if err := p.Print(&view{e: entry}); err != nil {
			return err
		}
	}
	return p.Close()
}

// dumpFailed is ip's end of a dump the kernel refused (it exits at once).
func dumpFailed(err error) error {
	return fail.AsFatal(fail.Terminated(err, fail.ExitLocal, "Dump terminated"))
}
