package tcpmetrics

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
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
	c, err := genlcmd.Dial(e, tcpmetrics.Family)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, exact := s.dst.exact(); exact {
		return showOne(e, c, s)
	}
	return showAll(e, c, s)
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
			return genlcmd.DumpFailed(err)
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
