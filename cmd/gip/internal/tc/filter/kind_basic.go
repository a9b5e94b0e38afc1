package filter

import (
	"math"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/ematch"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const basicUsage = "Usage: ... basic [ match EMATCH_TREE ]\n" +
	"                 [ action ACTION_SPEC ] [ classid CLASSID ]\n" +
	"\n" +
	"Where:\tSELECTOR := SAMPLE SAMPLE ...\n" +
	"\tFILTERID := X:Y:Z\n" +
	"\tACTION_SPEC := ... look at individual actions\n" +
	"\n" +
	"NOTE: CLASSID is parsed as hexadecimal input."

// basicKind is basic: an ematch expression, then a class or actions.
func basicKind() *Kind {
	k := &Kind{Name: "basic", Usage: basicUsage}
	k.New, k.Parse, k.Print = typed(parseBasic, printBasic)
	return k
}

// strtol is C's strtol with base 0 as basic reads its handle: the number
// a prefix of s makes (0 if none), clamped to the long range.
func strtol(s string) int64 {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	switch {
	case i+2 < len(s) && s[i] == '0' && (s[i+1]|0x20) == 'x' && isHexDigit(s[i+2]):
		base, i = 16, i+2
	case i < len(s) && s[i] == '0':
		base = 8
	}
	var v uint64
	for ; i < len(s); i++ {
		c := s[i] | 0x20
		d := uint64(99)
		switch {
		case s[i] >= '0' && s[i] <= '9':
			d = uint64(s[i] - '0')
		case c >= 'a' && c <= 'z':
			d = uint64(c-'a') + 10
		}
		if d >= base {
			break
		}
		if v > (math.MaxUint64-d)/base {
			v = math.MaxUint64
			continue
		}
		v = v*base + d
	}
	switch {
	case neg && v > 1<<63:
		return math.MinInt64
	case neg:
		return -int64(v)
	case v > math.MaxInt64:
		return math.MaxInt64
	}
	return int64(v)
}

func parseBasic(p *Parser, o *rtnl.Basic) error {
	if p.Handle != "" {
		h := strtol(p.Handle)
		if h == math.MinInt64 || h == math.MaxInt64 {
			return p.Fail(`Illegal handle "` + p.Handle + `", must be numeric.`)
		}
		p.Msg.Handle = uint32(h)
	}
	if !p.More() {
		return nil
	}
	o.Present = true
	for p.More() {
		switch w := p.Next(); {
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
		case grammar.Matches(w, "classid") || w == "flowid":
			if err := p.ClassID(&o.Classid); err != nil {
				return err
			}
		case grammar.Matches(w, "action"):
			if !p.More() {
				return fail.Incomplete()
			}
			acts, err := p.Actions("action")
			if err != nil {
				return err
			}
			o.Actions = append(o.Actions, acts...)
		case grammar.Matches(w, "police"):
			pol, err := p.Police()
			if err != nil {
				return err
			}
			o.Police = pol
		case w == "help":
			return p.Fail(basicUsage)
		default:
			return p.WhatIs(w)
		}
	}
	return nil
}

// parseEmatch reads an ematch expression from the cursor on and leaves
// the cursor where tc leaves it (one word back from the last it read).
func parseEmatch(p *Parser) (*rtnl.EmatchTree, error) {
	words := p.Rest()
	t, used, err := ematch.Parse(words)
	if err != nil {
		return nil, p.Fail(err.Error(), `Illegal "ematch"`)
	}
	for range len(words) - used {
		p.Back()
	}
	return t, nil
}

// printBasic prints a basic filter as tc does; the ematch tree, which tc
// 6.1 prints as text even in JSON, is one line under "ematch" there.
func printBasic(f *format.Fields, o *rtnl.Basic, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 {
		f.String("handle", "handle 0x%s ", strconv.FormatUint(uint64(h.Handle), 16))
	}
	if c, ok := o.Classid.Get(); ok {
		f.String("flowid", "flowid %s ", sched.ClassIDText(c))
	}
	if o.Ematches != nil {
		f.Literal(ematch.Text(o.Ematches))
		if s := ematch.Flat(o.Ematches); s != "" {
			f.String("ematch", "", s)
		}
	}
	if o.Police != nil {
		f.Line()
		action.PrintFilterPolice(f, o.Police, v.A)
	}
	if len(o.ActionsRaw) > 0 {
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}
