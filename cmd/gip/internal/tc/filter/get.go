package filter

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func getVerb(typ uint16) command.Verb {
	use, short := "get { dev STRING parent CLASSID | block BLOCK_INDEX } protocol PROTO handle FILTERID pref PRIO FILTER_TYPE", "show one filter"
	if typ == unix.RTM_GETCHAIN {
		use, short = "get { dev STRING parent CLASSID | block BLOCK_INDEX } chain CHAIN_INDEX", "show one chain"
	}
	return command.Verb{Use: use, Short: short, Run: func(e *env.Env, args []string) error { return runGet(e, args, typ) }}
}

// runGet asks the kernel for one filter (or chain), in tc_filter_get's
// order of checks, and prints it.
func runGet(e *env.Env, args []string, typ uint16) error {
	filter := typ == unix.RTM_GETTFILTER
	l, err := parseLine(e, args, true)
	if err != nil {
		return err
	}
	if l.help {
		return helpAnswer(e)
	}
	s := &l.spec
	switch {
	case filter && !l.protocolSet:
		return fail.Usagef("Must specify filter protocol")
	case filter && l.prio == 0:
		return fail.Usagef("Must specify filter priority")
	case s.Parent == 0:
		return fail.Usagef("Must specify filter parent")
	case filter && l.kind == nil:
		return fail.Usagef("Must specify filter type")
	case l.dev == "" && l.block == 0:
		return fail.Usagef(`Must specify netdevice "dev" or block index "block"`)
	}
	sel := Selection{Block: l.block}
	if err := l.header(e); err != nil {
		return err
	}
	if l.dev != "" {
		sel.Ifindex = s.Ifindex
	}
	rest := l.rest
	l.rest = nil
	if filter {
		if err := l.parseKind(e, false); err != nil {
			return err
		}
		if l.handle == "" {
			return fail.Usagef(`Must specify filter "handle"`)
		}
	} else {
		s.Kind, rest = "", nil
	}
	if len(rest) > 0 {
		if grammar.Matches(rest[0], "help") {
			return usageAnswer()
		}
		return fail.Usagef("Garbage instead of arguments \"%s ...\". Try \"tc filter help\".", rest[0])
	}
	s.Options = nil
	m, err := s.Message(typ, nl.Echo)
	if err != nil {
		return err
	}
	if err := e.Links().Preload(); err != nil {
		return fail.Kernel(err)
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	replies, err := conn.Execute(m)
	if err != nil {
		return &fail.Error{Msg: (&fail.KernelError{Err: err}).Error() + "\nWe have an error talking to the kernel", Code: fail.ExitKernel, Err: err}
	}
	p := e.Printer()
	v := NewView(e)
	for _, r := range replies {
		var t rtnl.TC
		if rtnl.DecodeTC(r, &t) != nil {
			continue
		}
		if err := p.Print(&Record{F: &t, Type: r.Header.Type, Flags: r.Header.Flags, Sel: &sel, View: v}); err != nil {
			return err
		}
		break
	}
	return p.Close()
}
