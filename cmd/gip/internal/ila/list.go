package ila

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/ila"
)

// view prints a mapping as ip's print_ila_mapping does: columns of
// locators and device, then the checksum mode and identifier type
// without a space between them.
type view struct {
	m    *ila.Mapping
	name func(int32) string
}

func (v *view) Fields(f *format.Fields) {
	m := v.m
	locator(f, "locator_match", m.LocatorMatch)
	locator(f, "locator", m.Locator)
	if m.Ifindex != nil {
		name := "*" // no device, as ip names index 0
		if *m.Ifindex != 0 {
			name = v.name(*m.Ifindex)
		}
		f.StringColor(format.ColorIfname, "interface", "%-16s", name)
	} else {
		f.Literal("-          ")
	}
	if m.CsumMode != nil {
		name := "unknown"
		if int(*m.CsumMode) < len(csumModes) {
			name = csumModes[*m.CsumMode]
		}
		f.String("csum_mode", "%s", name)
	} else {
		f.Literal("-          ")
	}
	if m.IdentType != nil {
		name, ok := identTypes[*m.IdentType]
		if !ok {
			name = "unknown"
		}
		f.String("ident_type", "%s", name)
	} else {
		f.Literal("-")
	}
	f.Line()
}

// locator is a locator column: "-" (in JSON too) when there is none.
func locator(f *format.Fields, key string, l *ila.Locator) {
	s := "-"
	if l != nil {
		s = l.String()
	}
	f.String(key, "%-20s", s)
}

// runList is list, which takes no words.
func runList(e *env.Env, args []string) error {
	if len(args) > 0 {
		return fail.Localf(`"%s ila show" does not take any arguments.`, command.Prog)
	}
	c, err := genlcmd.Dial(e, ila.FamilyName)
	if err != nil {
		return err
	}
	defer c.Close()
	// The mappings are held until the dump ends: naming their devices
	// asks the kernel, which must not happen in the middle of it.
	var all []*ila.Mapping
	for msg, err := range c.Dump(ila.CmdGet, nil) {
		if err != nil {
			return fail.AsFatal(fail.Terminated(err, fail.ExitUsage, "Dump terminated"))
		}
		m, err := ila.ParseMapping(msg.Attrs)
		if err != nil {
			return fail.AsFatal(fail.Terminated(err, fail.ExitUsage, "Dump terminated"))
		}
		all = append(all, m)
	}
	p := e.Printer()
	links := e.Links()
	for _, m := range all {
		if err := p.Print(&view{m: m, name: links.Name}); err != nil {
			return err
		}
	}
	return p.Close()
}
