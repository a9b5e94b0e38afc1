package action

import (
	"encoding/hex"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// notYet are the action kinds of tc that gip does not provide yet.
var notYet = map[string]bool{
	"bpf": true, "connmark": true, "csum": true, "ct": true, "ctinfo": true, "gate": true,
	"ife": true, "ipt": true, "xt": true, "mpls": true, "nat": true, "pedit": true, "police": true,
	"sample": true, "simple": true, "skbedit": true, "skbmod": true, "tunnel_key": true, "vlan": true,
}

// maxCookie is the longest action cookie, in bytes (TC_COOKIE_MAX_SIZE).
const maxCookie = 16

// ParseList reads an action list after a filter's "action" keyword, as
// tc's parse_action does: actions by name (a bare verdict is gact), each
// with its cookie, hw_stats, no_percpu and skip flags, chained by further
// "action" words; it stops before flowid or classid, at the end, or at a
// word that starts a new command. The "action" keyword itself has been
// read.
func ParseList(a *grammar.Args, index func(name string) (int32, error)) ([]rtnl.Action, error) {
	var acts []rtnl.Action
	expect := true // a kind must follow "action"
	for a.More() {
		w := a.Peek()
		switch {
		case w == "action":
			a.Next()
			expect = true
			continue
		case w == "flowid" || w == "classid":
			return finish(acts, expect)
		case w == "help":
			return nil, fail.Localf("parse_action: bad value (%d:%s)!", a.Left(), w)
		}
		name := w
		if _, known := kinds()[w]; !known {
			if notYet[w] {
				return nil, fail.Localf("gip tc: the %s action is not supported yet", w)
			}
			// A verdict, or a word tc has no action for, is read by gact.
			name = "gact"
		}
		k := Lookup(name)
		o := k.New()
		p := &Parser{Args: a, Usage: k.Usage, Index: index}
		left, word := a.Left(), a.Peek()
		if err := k.Parse(p, o); err != nil {
			if fe, ok := err.(*fail.Error); ok && fe.Code != fail.ExitLocal || fail.IsFatal(err) {
				return nil, err
			}
			return nil, &fail.Error{Msg: errText(err) + "\nbad action parsing\nparse_action: bad value (" + itoa(left) + ":" + word + ")!", Code: fail.ExitLocal, Err: err}
		}
		act := rtnl.Action{Kind: name, Options: o}
		if err := parseTail(a, &act); err != nil {
			return nil, err
		}
		acts = append(acts, act)
		expect = false
	}
	return finish(acts, expect)
}

func finish(acts []rtnl.Action, expect bool) ([]rtnl.Action, error) {
	if expect && len(acts) == 0 {
		return nil, fail.Localf("bad action empty 1")
	}
	return acts, nil
}

// parseTail reads what may follow any action: cookie, hw_stats, no_percpu
// and skip_sw/skip_hw.
func parseTail(a *grammar.Args, act *rtnl.Action) error {
	if a.More() && a.Peek() == "cookie" {
		a.Next()
		v, err := a.Value()
		if err != nil {
			return err
		}
		if len(v) > 2*maxCookie {
			return fail.Invalid(itoa(len(v))+" Max allowed size 32", v)
		}
		b, err := hex.DecodeString(v)
		if err != nil {
			return fail.Invalid("cookie must be a hex string\n", v)
		}
		act.Cookie = b
	}
	var flags uint32
	if a.More() && a.Peek() == "no_percpu" {
		a.Next()
		flags |= rtnl.ActFlagNoPercpuStats
	}
	for range 2 {
		switch {
		case a.More() && a.Peek() == "skip_sw":
			a.Next()
			flags |= rtnl.ActFlagSkipSW
		case a.More() && a.Peek() == "skip_hw":
			a.Next()
			flags |= rtnl.ActFlagSkipHW
		}
	}
	if flags != 0 {
		act.HasFlags, act.Flags, act.FlagsSelector = true, flags, flags
	}
	return nil
}

func errText(err error) string {
	if fe, ok := err.(*fail.Error); ok {
		return fe.Msg
	}
	return err.Error()
}

func itoa(n int) string { return strconv.Itoa(n) }

// PrintList prints an action list as tc's tc_print_action does: each action
// on lines of its own under "action order N:", JSON as an "actions" array.
func PrintList(f *format.Fields, raw []byte, v *View, qv *qdisc.View) {
	acts, orders, _ := rtnl.DecodeActions(raw)
	if len(acts) == 0 {
		return
	}
	f.OpenArray("actions")
	for i, a := range acts {
		f.OpenElement()
		f.Line()
		f.Uint("order", "\taction order %u: ", uint64(orders[i]))
		printOne(f, &a, v, qv)
		f.Close()
	}
	f.CloseArray()
}

// printOne is tc's tc_print_one_action.
func printOne(f *format.Fields, a *rtnl.Action, v *View, qv *qdisc.View) {
	k := Lookup(a.Kind)
	o := k.New()
	if o.Decode(a.RawOptions) != nil {
		return
	}
	k.Print(f, o, v)
	if idx, ok := a.Index.Get(); v.Brief && ok {
		f.Uint("index", "\t index %u", uint64(idx))
		f.Line()
	}
	if v.Stats && a.Stats != nil {
		f.Literal("\tAction statistics:")
		f.Line()
		f.Open("stats")
		qdisc.PrintStats(f, a.Stats, "\t", qv)
		f.Close()
		f.Line()
	}
	if len(a.Cookie) > 0 {
		f.String("cookie", "\tcookie %s", hex.EncodeToString(a.Cookie))
		f.Line()
	}
	newline := false
	if a.HasFlags && a.FlagsSelector&rtnl.ActFlagNoPercpuStats != 0 {
		newline = true
		f.Bool("no_percpu", "\tno_percpu", a.Flags&rtnl.ActFlagNoPercpuStats != 0)
	}
	if newline {
		f.Line()
	}
}
