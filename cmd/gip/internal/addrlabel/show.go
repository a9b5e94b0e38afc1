package addrlabel

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// family is the table to dump: -4/-6/-f, or IPv6 (the only table there
// is).
func family(e *env.Env) uint8 {
	if e.G.Family == unix.AF_UNSPEC {
		return unix.AF_INET6
	}
	return e.G.Family
}

// dump reads the whole table; the entries are held so that naming their
// devices (which asks the kernel) waits for the end of the dump.
func dump(e *env.Env) ([]*rtnl.AddrLabel, error) {
	conn, err := e.Conn()
	if err != nil {
		return nil, err
	}
	var out []*rtnl.AddrLabel
	for l, err := range rtnl.AddrLabels(conn, family(e)) {
		if err != nil {
			return out, err
		}
		out = append(out, l)
	}
	return out, nil
}

// runShow is list: no arguments.
func runShow(e *env.Env, args []string) error {
	if len(args) > 0 {
		return fail.Localf("\"%s addrlabel show\" does not take any arguments.", command.Prog)
	}
	labels, err := dump(e)
	if err != nil {
		// ip returns 1 from here, which it turns into 255.
		return &fail.Error{Code: fail.ExitUsage, Msg: (&fail.KernelError{Err: err}).Error() + "\nDump terminated", Err: err}
	}
	links := e.Links()
	p := e.Printer()
	for _, l := range labels {
		if err := p.Print(&view{l: l, links: links}); err != nil {
			return err
		}
	}
	return p.Close()
}

// runFlush deletes every label of the table, the kernel's defaults too,
// each with the request that names it as the dump gave it.
func runFlush(e *env.Env, args []string) error {
	if len(args) > 0 {
		return fail.Localf("\"%s addrlabel flush\" does not allow extra arguments", command.Prog)
	}
	labels, err := dump(e)
	if err != nil {
		return &fail.Error{Code: fail.ExitLocal, Msg: (&fail.KernelError{Err: err}).Error() + "\nFlush terminated", Err: err}
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	for _, l := range labels {
		if l.Raw == nil {
			continue
		}
		m, err := l.Message(unix.RTM_DELADDRLABEL, 0)
		if err != nil {
			return err
		}
		if _, err := conn.Execute(m); err != nil {
			return &fail.Error{Code: fail.ExitLocal, Msg: (&fail.KernelError{Err: err}).Error() + "\nFlush terminated", Err: err}
		}
	}
	return nil
}
