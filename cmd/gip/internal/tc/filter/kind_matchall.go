package filter

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const matchallUsage = `Usage: ... matchall [skip_sw | skip_hw]
                 [ action ACTION_SPEC ] [ classid CLASSID ]

Where: SELECTOR := SAMPLE SAMPLE ...
       FILTERID := X:Y:Z
       ACTION_SPEC := ... look at individual actions

NOTE: CLASSID is parsed as hexadecimal input.`

// matchallKind is matchall: every packet, then its actions.
func matchallKind() *Kind {
	k := &Kind{Name: "matchall", Usage: matchallUsage}
	k.New, k.Parse, k.Print = typed(parseMatchall, printMatchall)
	return k
}

func parseMatchall(p *Parser, o *rtnl.Matchall) error {
	if p.Handle != "" {
		h, err := strconv.ParseInt(p.Handle, 0, 64)
		if err != nil && !strings.HasPrefix(p.Handle, "-") {
			h = 0
		}
		p.Msg.Handle = uint32(h)
	}
	if !p.More() {
		return nil
	}
	o.Present = true
	var flags uint32
	for p.More() {
		switch w := p.Next(); {
		case grammar.Matches(w, "classid") || w == "flowid":
			if err := p.ClassID(&o.Classid); err != nil {
				return err
			}
		case grammar.Matches(w, "action"):
			if !p.More() {
				return p.Fail(`Illegal "action"`)
			}
			acts, err := p.Actions("action")
			if err != nil {
				return err
			}
			o.Actions = append(o.Actions, acts...)
		case w == "skip_hw":
			flags |= rtnl.ClsFlagSkipHW
		case w == "skip_sw":
			flags |= rtnl.ClsFlagSkipSW
		case w == "help":
			return p.Fail(matchallUsage)
		default:
			return p.WhatIs(w)
		}
	}
	if flags != 0 {
		if flags == rtnl.ClsFlagSkipHW|rtnl.ClsFlagSkipSW {
			return p.Fail("skip_hw and skip_sw are mutually exclusive")
		}
		o.Flags = rtnl.Some(flags)
	}
	return nil
}

func printMatchall(f *format.Fields, o *rtnl.Matchall, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 {
		f.Uint("handle", "handle 0x%x ", uint64(h.Handle))
	}
	if c, ok := o.Classid.Get(); ok {
		f.String("flowid", "flowid %s ", sched.ClassIDText(c))
	}
	if fl, ok := o.Flags.Get(); ok {
		for _, x := range []struct {
			bit  uint32
			name string
		}{{rtnl.ClsFlagSkipHW, "skip_hw"}, {rtnl.ClsFlagSkipSW, "skip_sw"}} {
			if fl&x.bit != 0 {
				f.Bool(x.name, "\n  "+x.name, true)
			}
		}
		if fl&rtnl.ClsFlagInHW != 0 {
			f.Bool("in_hw", "\n  in_hw", true)
		} else if fl&rtnl.ClsFlagNotInHW != 0 {
			f.Bool("not_in_hw", "\n  not_in_hw", true)
		}
	}
	if v.Q.Stats && o.Pcnt.Set {
		f.Uint("rule_hit", " (rule hit %u)", o.Pcnt.V)
	}
	if len(o.ActionsRaw) > 0 {
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}
