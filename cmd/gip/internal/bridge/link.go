package bridge

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// linkObject is bridge link: the ports of bridges.
func linkObject() *command.Object {
	return object("link",
		[][2]string{{"set", "set"}, {"change", "set"}, {"show", "show"}, {"list", "show"}, {"lst", "show"}},
		command.Verb{Use: "set dev DEV [ PORT OPTIONS ]", Short: "change a bridge port", Run: runLinkSet, CannotUndo: linkSetNoUndo},
		command.Verb{Use: "show [ dev DEV ]", Short: "show bridge ports", Run: runLinkShow},
	)
}

// linkSetNoUndo is what a bridge link set line changes that an atomic
// batch cannot undo: a port's hardware mode, and options sent to the
// device itself (self) rather than to its bridge.
func linkSetNoUndo(_ *env.Env, args []string) string {
	for _, w := range args {
		if w == "hwmode" || w == "self" {
			return "bridge link " + w
		}
	}
	return ""
}

// hwMode reads a word of "hwmode". A switch rather than a map, which
// package initialisation would fill at every start-up.
func hwMode(w string) (uint16, bool) {
	switch w {
	case "veb":
		return 0, true
	case "vepa":
		return 1, true
	}
	return 0, false
}

// runLinkSet changes a port's settings (IFLA_PROTINFO), or with self the
// device's own (IFLA_AF_SPEC).
func runLinkSet(e *env.Env, args []string) error {
	a := grammar.NewArgs(args)
	s := &rtnl.BridgePortSpec{}
	var dev string
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
			continue
		case "self":
			s.Self = true
			continue
		case "master":
			continue
		case "hwmode":
			v, err := a.Value()
			if err != nil {
				return err
			}
			m, ok := hwMode(v)
			if !ok {
				return fail.Usagef("Mode argument must be \"vepa\" or \"veb\".")
			}
			s.HWMode = &m
			continue
		}
		at, ok, err := link.ParseBridgePortArg(w, a)
		if err != nil {
			return err
		}
		if !ok {
			return garbage("link", w)
		}
		s.Attrs = append(s.Attrs, at)
	}
	if dev == "" {
		return fail.Usagef("Device is a required argument.")
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return fail.Usagef("Cannot find bridge device %q", dev)
	}
	s.Index = l.Index
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	m, err := s.Message()
	if err != nil {
		return err
	}
	return fail.Kernel(rtnl.Execute(conn, m))
}
