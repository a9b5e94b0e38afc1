package filter

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/ematch"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const flowUsage = `Usage: ... flow ...

 [mapping mode]: map key KEY [ OPS ] ...
 [hashing mode]: hash keys KEY-LIST ... [ perturb SECS ]

                 [ divisor NUM ] [ baseclass ID ] [ match EMATCH_TREE ]
                 [ action ACTION_SPEC ]

KEY-LIST := [ KEY-LIST , ] KEY
KEY      := [ src | dst | proto | proto-src | proto-dst | iif | priority |
              mark | nfct | nfct-src | nfct-dst | nfct-proto-src |
              nfct-proto-dst | rt-classid | sk-uid | sk-gid |
              vlan-tag | rxhash ]
OPS      := [ or NUM | and NUM | xor NUM | rshift NUM | addend NUM ]
ID       := X:Y`

// flowKeys are the flow filter's keys by bit (FLOW_KEY_*).
var flowKeys = []string{"src", "dst", "proto", "proto-src", "proto-dst", "iif", "priority", "mark",
	"nfct", "nfct-src", "nfct-dst", "nfct-proto-src", "nfct-proto-dst", "rt-classid", "sk-uid", "sk-gid",
	"vlan-tag", "rxhash"}

// flowAddrKeys is what tc tests to take an address as the addend: it ORs
// the keys' numbers, not their bits (src 0, dst 1, nfct-src 9, nfct-dst
// 10), so src, dst and proto-src (bits 0, 1, 3) let an address through.
const flowAddrKeys = 0 | 1 | 9 | 10

// flowKind is flow: a class made from packet keys.
func flowKind() *Kind {
	k := &Kind{Name: "flow", Usage: flowUsage}
	k.New, k.Parse, k.Print = typed(parseFlow, printFlow)
	return k
}

func parseFlow(p *Parser, o *rtnl.Flow) error {
	if p.Handle != "" {
		h, ok := parseCU32(p.Handle)
		if !ok {
			return p.Fail(`Illegal "handle"`)
		}
		p.Msg.Handle = h
	}
	o.Present = true
	mask, xor := ^uint32(0), uint32(0)
	bitop := func(m, x uint32) { xor, mask = x^(xor&m), mask&m }
	var keys, nkeys uint32
	mode := uint32(rtnl.FlowModeMap)
	num := func(what string) (uint32, error) {
		v, err := p.Value()
		if err != nil {
			return 0, err
		}
		n, ok := parseCU32(v)
		if !ok {
			return 0, p.Fail(`Illegal "` + what + `"`)
		}
		return n, nil
	}
	for p.More() {
		var err error
		var n uint32
		switch w := p.Next(); {
		case grammar.Matches(w, "map"):
			mode = rtnl.FlowModeMap
		case grammar.Matches(w, "hash"):
			mode = rtnl.FlowModeHash
		case grammar.Matches(w, "keys"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			keys, nkeys = 0, 0
			for _, s := range strings.Split(v, ",") {
				k, ok := grammar.Lookup(s, flowKeys)
				if !ok {
					return p.Fail(`Unknown flow key "` + s + `"`)
				}
				for i, name := range flowKeys {
					if name == k {
						keys |= 1 << i
					}
				}
				nkeys++
			}
			o.Keys = rtnl.Some(keys)
		case grammar.Matches(w, "and"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			x, ok := parseCU32(v)
			if !ok {
				return p.Fail(`Illegal "mask"`)
			}
			bitop(x, 0)
		case grammar.Matches(w, "or"):
			if n, err = num("or"); err == nil {
				bitop(^n, n)
			}
		case grammar.Matches(w, "xor"):
			if n, err = num("xor"); err == nil {
				bitop(^uint32(0), n)
			}
		case grammar.Matches(w, "rshift"):
			if n, err = num("rshift"); err == nil {
				o.Rshift = rtnl.Some(n)
			}
		case grammar.Matches(w, "addend"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			a, ok := flowAddend(v, keys)
			if !ok {
				return p.Fail(`Illegal "addend"`)
			}
			o.Addend = rtnl.Some(a)
		case grammar.Matches(w, "divisor"):
			if n, err = num("divisor"); err == nil {
				o.Divisor = rtnl.Some(n)
			}
		case grammar.Matches(w, "baseclass"):
			v, err := p.Value()
			if err != nil {
				return err
			}
			id, ok := sched.ParseClassID(v)
			if !ok || id&0xFFFF == 0 {
				return p.Fail(`Illegal "baseclass"`)
			}
			o.Baseclass = rtnl.Some(id)
		case grammar.Matches(w, "perturb"):
			if n, err = num("perturb"); err == nil {
				o.Perturb = rtnl.Some(n)
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
		case grammar.Matches(w, "match"):
			if !p.More() {
				return fail.Incomplete()
			}
			t, err := parseEmatch(p)
			if err != nil {
				return err
			}
			if t != nil {
				o.Ematches = t
			}
		case grammar.Matches(w, "help"):
			return p.Fail(flowUsage)
		default:
			return p.WhatIs(w)
		}
		if err != nil {
			return err
		}
	}
	if nkeys > 1 && mode != rtnl.FlowModeHash {
		return p.Fail(`Invalid mode "map" for multiple keys`)
	}
	o.Mode = rtnl.Some(mode)
	if mask != ^uint32(0) || xor != 0 {
		o.Mask, o.Xor = rtnl.Some(mask), rtnl.Some(xor)
	}
	return nil
}

// flowAddend reads an addend: [-]NUMBER, or with an address key
// [-]ADDRESS (its last 32 bits).
func flowAddend(s string, keys uint32) (uint32, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	v, ok := parseCU32(s)
	if !ok && keys&flowAddrKeys != 0 {
		if a, err := netip.ParseAddr(s); err == nil && a.Zone() == "" {
			b := a.AsSlice()
			v, ok = uint32(b[len(b)-4])<<24|uint32(b[len(b)-3])<<16|uint32(b[len(b)-2])<<8|uint32(b[len(b)-1]), true
		}
	}
	if neg {
		v = -v
	}
	return v, ok
}

// printFlow prints a flow filter as tc 6.1 does in text; its JSON (text in
// tc 6.1) takes the keys of later tc, with the keys as an array.
func printFlow(f *format.Fields, o *rtnl.Flow, h rtnl.TCMsg, v *View) {
	f.Literal("handle 0x" + strconv.FormatUint(uint64(h.Handle), 16) + " ")
	f.String("handle", "", "0x"+strconv.FormatUint(uint64(h.Handle), 16))
	if m, ok := o.Mode.Get(); ok {
		switch m {
		case rtnl.FlowModeMap:
			f.String("mode", "%s ", "map")
		case rtnl.FlowModeHash:
			f.String("mode", "%s ", "hash")
		}
	}
	if k, ok := o.Keys.Get(); ok {
		f.Literal("keys ")
		f.OpenArray("keys")
		sep := ""
		for i, name := range flowKeys {
			if k&(1<<i) != 0 {
				f.Literal(sep)
				f.Element("%s", name)
				sep = ","
			}
		}
		f.CloseArray()
		f.Literal(" ")
	}
	mask, val := ^uint32(0), uint32(0)
	if m, ok := o.Mask.Get(); ok {
		mask = m
	}
	if x, ok := o.Xor.Get(); ok {
		val = x
	}
	if mask != ^uint32(0) || val != 0 {
		or, xor := mask&val^val, mask&val
		if mask != ^uint32(0) {
			f.String("and", "and %s ", "0x"+hex8(mask))
		}
		if xor != 0 {
			f.String("xor", "xor %s ", "0x"+hex8(xor))
		}
		if or != 0 {
			f.String("or", "or %s ", "0x"+hex8(or))
		}
	}
	if r, ok := o.Rshift.Get(); ok {
		f.Uint("rshift", "rshift %u ", uint64(r))
	}
	if a, ok := o.Addend.Get(); ok {
		f.String("addend", "addend %s ", "0x"+strconv.FormatUint(uint64(a), 16))
	}
	if d, ok := o.Divisor.Get(); ok {
		f.Uint("divisor", "divisor %u ", uint64(d))
	}
	if b, ok := o.Baseclass.Get(); ok {
		f.String("baseclass", "baseclass %s ", sched.ClassIDText(b))
	}
	if p, ok := o.Perturb.Get(); ok {
		f.Uint("perturb", "perturb %usec ", uint64(p))
	}
	if o.Ematches != nil {
		f.Literal(ematch.Text(o.Ematches))
		if s := ematch.Flat(o.Ematches); s != "" {
			f.String("ematch", "", s)
		}
	}
	if o.Police != nil {
		action.PrintFilterPolice(f, o.Police, v.A)
	}
	if len(o.ActionsRaw) > 0 {
		f.Line()
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}
