package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

type propertyOptions struct{ Args []string }

func newPropertyVerb() command.Verb {
	return command.Verb{Use: "property { add | del } dev DEVICE [ altname NAME .. ]", Short: "add or delete alternative names", Run: func(e *env.Env, args []string) error {
		return runProperty(e, &propertyOptions{Args: args})
	}}
}

func runProperty(e *env.Env, o *propertyOptions) error {
	a := grammar.NewArgs(o.Args)
	if !a.More() {
		return fail.Usagef("%s", usage())
	}
	op := a.Next()
	var typ uint16
	var flags nl.Flags
	switch {
	case grammar.Matches(op, "add"):
		typ, flags = unix.RTM_NEWLINKPROP, nl.Create|nl.Excl|nl.Append
	case grammar.Matches(op, "delete"):
		typ = unix.RTM_DELLINKPROP
	default:
		return fail.Usagef("Operator required")
	}
	var dev string
	var names []rtnl.Attr
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
		case "altname":
			v, err := a.Value()
			if err != nil {
				return err
			}
			if len(v) >= 128 {
				return fail.Invalid("\"altname\" too long\n", v)
			}
			names = append(names, rtnl.Str(unix.IFLA_ALT_IFNAME, v))
		default:
			if grammar.Matches(w, "help") {
				return fail.Usagef("%s", usage())
			}
			if dev != "" {
				return fail.Garbage("dev", w)
			}
			dev = w
		}
	}
	if dev == "" {
		return fail.Usagef("Not enough information: \"dev\" argument is required.")
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	s := &rtnl.LinkSpec{Index: l.Index, Extra: []rtnl.Attr{rtnl.Nest(unix.IFLA_PROP_LIST, names...)}}
	return fail.Kernel(s.Do(conn, typ, flags))
}
