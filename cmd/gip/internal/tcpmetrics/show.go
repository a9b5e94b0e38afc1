package tcpmetrics

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/tcpmetrics"
)

// run is a verb: the family check, the selector, then what the verb
// becomes (ip turns a flush of one address into a delete, and a flush of
// everything into one delete without an address).
func run(v verb) func(e *env.Env, args []string) error {
	return func(e *env.Env, args []string) error {
		if err := checkFamily(e.G.Family); err != nil {
			return err
		}
		s, err := parseSelector(args, v, e.G.Family)
		if err != nil {
			return err
		}
		c, err := dial(e)
		if err != nil {
			return err
		}
		defer c.Close()
		_, exact := s.dst.exact()
		switch {
		case v == cmdDelete, v == cmdFlush && exact:
			return fail.Kernel(tcpmetrics.Delete(c, s.dst.prefix.Addr, exactSrc(s)))
		case v == cmdFlush && s.dst.wide() && s.src.wide() && e.G.Family == 0:
			return fail.Kernel(tcpmetrics.Delete(c, noAddr, noAddr))
		case v == cmdFlush:
			return flush(e, c, s)
		case exact:
			return showOne(e, c, s)
		}
		return showAll(e, c, s)
	}
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
