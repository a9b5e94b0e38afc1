package qdisc

import (
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// plainKind is a kind without options of its own (noqueue, mq): tc has
// no module for it and treats it as any kind it does not know.
func plainKind(name string) *Kind {
	k := unknownKind(name)
	k.New = func() rtnl.TCOptions { return &rtnl.UnknownOptions{} }
	return k
}

// ingressKind is ingress: the hook for classifying received packets. Its
// only word is a handle, which tc takes and ignores.
func ingressKind() *Kind {
	return &Kind{
		Name:  "ingress",
		Usage: "Usage: ... ingress",
		New:   func() rtnl.TCOptions { return rtnl.NoTCOptions{} },
		Parse: func(p *Parser, _ rtnl.TCOptions) error {
			for p.More() {
				if w := p.Next(); w != "handle" {
					return p.WhatIs(w)
				}
				if _, err := p.Value(); err != nil {
					return err
				}
			}
			return nil
		},
		Print: func(f *format.Fields, _ rtnl.TCOptions, _ *View) { f.Literal("---------------- ") },
		Words: noWords,
	}
}

// clsactKind is clsact: the ingress and egress hooks for filters.
func clsactKind() *Kind {
	return &Kind{
		Name:  "clsact",
		Usage: "Usage: ... clsact",
		New:   func() rtnl.TCOptions { return rtnl.NoTCOptions{} },
		Parse: func(p *Parser, _ rtnl.TCOptions) error {
			if p.More() {
				return p.WhatIs(p.Next())
			}
			return nil
		},
		Print: func(*format.Fields, rtnl.TCOptions, *View) {},
		Words: noWords,
	}
}
