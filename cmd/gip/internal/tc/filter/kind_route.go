package filter

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const routeUsage = `Usage: ... route [ from REALM | fromif TAG ] [ to REALM ]
                [ classid CLASSID ] [ action ACTION_SPEC ]
       ACTION_SPEC := ... look at individual actions
       CLASSID := X:Y

NOTE: CLASSID is parsed as hexadecimal input.`

// routeKind is route: the realms of the route a packet took, or the
// device it came in on.
func routeKind() *Kind {
	k := &Kind{Name: "route", Usage: routeUsage}
	k.New, k.Parse, k.Print = typed(parseRoute, printRoute)
	return k
}

func parseRoute(p *Parser, o *rtnl.Route4) error {
	if p.Handle != "" {
		h, ok := parseCU32(p.Handle)
		if !ok {
			return p.Fail(`Illegal "handle"`)
		}
		p.Msg.Handle = h
	}
	if !p.More() {
		return nil
	}
	o.Present = true
	// The handle tc makes up when none is given: from (or the device,
	// with bit 15) in the high half, to in the low byte, 0x8000 for "no
	// to", the order in bits 8-14.
	fh := uint32(0xFFFF8000)
	var order uint32
	for p.More() {
		switch w := p.Next(); {
		case grammar.Matches(w, "to"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			id, ok := p.Realm(v)
			if !ok {
				return p.Fail(`Illegal "to"`)
			}
			o.To = rtnl.Some(id)
			fh = fh&^0x80FF | id&0xFF
		case grammar.Matches(w, "from"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			id, ok := p.Realm(v)
			if !ok {
				return p.Fail(`Illegal "from"`)
			}
			o.From = rtnl.Some(id)
			fh = fh&0xFFFF | id<<16
		case grammar.Matches(w, "fromif"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			idx, err := p.Index(v)
			if err != nil || idx <= 0 {
				return p.Fail(`Illegal "fromif"`)
			}
			o.IIF = rtnl.Some(uint32(idx))
			fh = fh&0xFFFF | (0x8000|uint32(idx))<<16
		case grammar.Matches(w, "classid") || w == "flowid":
			if err := p.ClassID(&o.Classid); err != nil {
				return err
			}
		case grammar.Matches(w, "police"):
			pol, err := p.Police()
			if err != nil {
				return err
			}
			o.Police = pol
		case grammar.Matches(w, "action"):
			if !p.More() {
				return fail.Incomplete()
			}
			acts, err := p.Actions("action")
			if err != nil {
				return err
			}
			o.Actions = append(o.Actions, acts...)
		case grammar.Matches(w, "order"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := parseCU32(v)
			if !ok {
				return p.Fail(`Illegal "order"`)
			}
			order = n
		case w == "help":
			return p.Fail(routeUsage)
		default:
			return p.WhatIs(w)
		}
	}
	if order != 0 {
		fh = fh&^0x7F00 | order<<8&0x7F00
	}
	if p.Msg.Handle == 0 {
		p.Msg.Handle = fh
	}
	return nil
}

// printRoute prints a route filter as tc 6.1 does in text; its JSON
// (text in tc 6.1) takes the keys of later tc, but "to" and "from" for
// the realms (later tc names both "name").
func printRoute(f *format.Fields, o *rtnl.Route4, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 {
		f.Literal("fh 0x" + hex8(h.Handle) + " ")
		f.String("fh", "", "0x"+strconv.FormatUint(uint64(h.Handle), 16))
	}
	if h.Handle&0x7F00 != 0 {
		f.Uint("order", "order %u ", uint64(h.Handle>>8&0x7F))
	}
	if c, ok := o.Classid.Get(); ok {
		f.String("flowid", "flowid %s ", sched.ClassIDText(c))
	}
	if t, ok := o.To.Get(); ok {
		f.String("to", "to %s ", v.Realm(t))
	}
	if fr, ok := o.From.Get(); ok {
		f.String("from", "from %s ", v.Realm(fr))
	}
	if i, ok := o.IIF.Get(); ok {
		f.StringColor(format.ColorIfname, "fromif", "fromif %s", v.A.Name(int32(i)))
	}
	if o.Police != nil {
		action.PrintFilterPolice(f, o.Police, v.A)
	}
	if len(o.ActionsRaw) > 0 {
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}
