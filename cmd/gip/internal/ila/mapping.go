package ila

import (
	"fmt"
	"slices"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/genlcmd"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/ila"
)

// csumModes and identTypes are the names ip reads and prints.
var (
	csumModes = []string{
		ila.CsumAdjustTransport: "adj-transport", ila.CsumNeutralMap: "neutral-map",
		ila.CsumNoAction: "no-action", ila.CsumNeutralMapAuto: "neutral-map-auto",
	}
	identTypes = map[ila.IdentType]string{
		0: "iid", ila.IdentLUID: "luid", 2: "virt-v4", 3: "virt-uni-v6", 4: "virt-multi-v6",
		5: "nonlocal-addr", ila.IdentUseFormat: "use-format",
	}
)

// parseLocator is ip's get_addr64: up to four hexadecimal words of 16
// bits, separated by colons (the words not given are zero).
func parseLocator(s string) (ila.Locator, bool) {
	var l ila.Locator
	for i := range 4 {
		v, n, overflow := grammar.Strtoul(s, 16)
		if overflow || v > 0xffff || n == 0 {
			return 0, false
		}
		l |= ila.Locator(v) << (48 - 16*i)
		s = s[n:]
		if s == "" {
			break
		}
		if i == 3 || s[0] != ':' {
			return 0, false
		}
		s = s[1:]
	}
	return l, true
}

// parseMapping reads the words of add and delete as ip's ila_parse_opt.
// complaint is what ip prints for a bad value (the mapping is then
// empty: ip still sends its request, with no attributes).
func parseMapping(e *env.Env, args []string, adding bool) (m *ila.Mapping, complaint string, err error) {
	m = &ila.Mapping{}
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "loc"), grammar.Matches(w, "loc_match"):
			v, err := a.Value()
			if err != nil {
				return nil, "", err
			}
			l, ok := parseLocator(v)
			switch {
			case !ok && grammar.Matches(w, "loc"):
				return &ila.Mapping{}, "Bad locator: " + v, nil
			case !ok:
				return &ila.Mapping{}, "Bad locator to match: " + v, nil
			case grammar.Matches(w, "loc"):
				m.Locator = &l
			default:
				m.LocatorMatch = &l
			}
		case grammar.Matches(w, "csum-mode"):
			v, err := a.Value()
			if err != nil {
				return nil, "", err
			}
			i := slices.Index(csumModes, v)
			if i < 0 {
				return &ila.Mapping{}, "Bad csum-mode: " + v, nil
			}
			c := ila.CsumMode(i)
			m.CsumMode = &c
		case grammar.Matches(w, "ident-type"):
			v, err := a.Value()
			if err != nil {
				return nil, "", err
			}
			var t ila.IdentType
			switch v {
			case "luid":
				t = ila.IdentLUID
			case "use-format":
				t = ila.IdentUseFormat
			default:
				return &ila.Mapping{}, "Bad ident-type: " + v, nil
			}
			m.IdentType = &t
		case grammar.Matches(w, "dev"):
			v, err := a.Value()
			if err != nil {
				return nil, "", err
			}
			i, err := e.Links().Index(v)
			if err != nil || i == 0 {
				return &ila.Mapping{}, "No such interface: " + v, nil
			}
			m.Ifindex = &i
		default:
			return nil, "", usageError()
		}
	}
	switch {
	case adding && m.Locator == nil:
		return &ila.Mapping{}, "ila: missing locator", nil
	case adding && m.LocatorMatch == nil:
		return &ila.Mapping{}, "ila: missing locator0match", nil
	}
	return m, "", nil
}

// planChange is add or delete: the mapping read, ip's complaint printed
// when it has one, and the request sent either way (the kernel refuses
// an empty one, exit 2).
func planChange(cmd uint8) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		m, complaint, err := parseMapping(e, args, cmd == ila.CmdAdd)
		if err != nil {
			return nil, err
		}
		attrs, err := m.Attrs()
		if err != nil {
			return nil, err
		}
		s := genlcmd.Step(ila.FamilyName, ila.Version, cmd, attrs)
		s.Report = fail.Kernel
		if complaint != "" {
			build := s.Build
			s.Alone = true
			s.Build = func(e *env.Env) (nl.Message, error) {
				fmt.Fprintln(e.Stderr, complaint)
				return build(e)
			}
		}
		return []plan.Step{s}, nil
	}
}
