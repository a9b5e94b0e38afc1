package mptcp

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/mptcp"
)

// runShow lists the endpoints or, with words (id ID, as ip parses them
// for any endpoint command), asks the kernel for one.
func runShow(e *env.Env, args []string) error {
	var one []byte
	if len(args) > 0 {
		p, err := parseEndpoint(e, mptcp.CmdGetAddr, args)
		if err != nil {
			return err
		}
		if one, err = p.attrs(e); err != nil {
			return err
		}
	}
	c, err := dial(e)
	if err != nil {
		return err
	}
	defer c.Close()
	pr := e.Printer()
	links := e.Links()
	if one != nil {
		msgs, err := c.Execute(uint8(mptcp.CmdGetAddr), 0, one)
		if err != nil {
			return fail.Kernel(err)
		}
		for _, m := range msgs {
			ep, err := mptcp.ParseEndpoint(m.Attrs)
			if err != nil {
				return err
			}
			if err := pr.Print(&endpointView{ep: ep, links: links}); err != nil {
				return err
			}
		}
		return pr.Close()
	}
	// The endpoints are held until the dump ends, so that naming their
	// devices (which asks the kernel) does not interleave with it.
	var eps []mptcp.Endpoint
	for m, err := range c.Dump(uint8(mptcp.CmdGetAddr), nil) {
		if err != nil {
			pr.Abandon()
			return fail.DumpError(err, "")
		}
		ep, err := mptcp.ParseEndpoint(m.Attrs)
		if err != nil {
			return err
		}
		eps = append(eps, ep)
	}
	for _, ep := range eps {
		if err := pr.Print(&endpointView{ep: ep, links: links}); err != nil {
			return err
		}
	}
	return pr.Close()
}

// planFlush is endpoint flush: one request (ip ignores any words after
// it).
func planFlush(*env.Env, []string) ([]plan.Step, error) {
	r := &request{cmd: mptcp.CmdFlushAddrs, attrs: func(*env.Env) ([]byte, error) { return nil, nil }}
	return []plan.Step{r.step()}, nil
}
