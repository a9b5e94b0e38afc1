package action

import (
	"encoding/hex"
	"io"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// notYet are the action kinds of tc that gip does not provide yet.
var notYet = map[string]bool{
	"ctinfo": true, "gate": true,
	"ife": true, "ipt": true, "xt": true,
	"simple": true,
}

// maxCookie is the longest action cookie, in bytes (TC_COOKIE_MAX_SIZE).
const maxCookie = 16

// ParseList reads an action list after a filter's "action" keyword, as
// tc's parse_action does: actions by name (a bare verdict is gact), each
// with its cookie, hw_stats, no_percpu and skip flags, chained by further
// "action" words; it stops before flowid or classid, at the end, or at a
// word that starts a new command. The "action" keyword itself has been
// read. What the kinds report while they parse goes to stderr. A list
// that holds what must outlive the request (a loaded program) is
// released with Release once the kernel has answered; a failed parse
// releases what it held itself.
func ParseList(a *grammar.Args, index func(name string) (int32, error), stderr io.Writer) ([]rtnl.Action, error) {
	acts, err := parseList(a, index, stderr)
	if err != nil {
		Release(acts)
		return nil, err
	}
	return acts, nil
}

// Release lets go of what the actions' options hold for their request:
// the programs bpf actions loaded.
func Release(acts []rtnl.Action) {
	for _, a := range acts {
		if r, ok := a.Options.(interface{ Release() }); ok {
			r.Release()
		}
	}
}

func parseList(a *grammar.Args, index func(name string) (int32, error), stderr io.Writer) (acts []rtnl.Action, err error) {
	var cookie []byte
	expect := 0 // 1 while a kind must follow "action"
	for a.More() {
		w := a.Peek()
		switch {
		case w == "action":
			a.Next()
			expect = 1
			continue
		case w == "flowid" || w == "classid":
			return finish(a, acts, expect)
		case w == "help":
			return acts, badValue(a)
		case IsCommand(w):
			// A new command of "tc actions" (add, delete, ...) ends the
			// list; before any action tc gives up quietly.
			return acts, nil
		}
		name := w
		if _, known := kinds()[w]; !known {
			if notYet[w] {
				return acts, fail.Localf("gip tc: the %s action is not supported yet", w)
			}
			// A verdict, or a word tc has no action for, is read by gact.
			name = "gact"
		}
		expect = 0
		k := Lookup(name)
		o := k.New()
		p := &Parser{Args: a, Usage: k.Usage, Index: index, Stderr: stderr}
		left, word := a.Left(), a.Peek()
		err := k.Parse(p, o)
		if p.abort != nil {
			err = p.abort
		}
		if err != nil {
			Release([]rtnl.Action{{Options: o}})
			if fe, ok := err.(*fail.Error); ok && fe.Code != fail.ExitLocal || fail.IsFatal(err) {
				return acts, err
			}
			msg := errText(err)
			if msg != "" {
				msg += "\n"
			}
			return acts, &fail.Error{Msg: msg + "bad action parsing\nparse_action: bad value (" + itoa(left) + ":" + word + ")!", Code: fail.ExitLocal, Err: err}
		}
		act := rtnl.Action{Kind: name, Options: o}
		if err := parseTail(a, &act); err != nil {
			Release([]rtnl.Action{act})
			return acts, err
		}
		// tc keeps a cookie for the actions after the one it was given
		// with, until another replaces it.
		if act.Cookie == nil {
			act.Cookie = cookie
		}
		cookie = act.Cookie
		acts = append(acts, act)
	}
	return finish(a, acts, expect)
}

// IsCommand reports whether w starts a new command of "tc actions" (tc's
// new_cmd: any prefix of change, replace, delete, get or add).
func IsCommand(w string) bool {
	for _, c := range []string{"change", "replace", "delete", "get", "add"} {
		if grammar.Matches(w, c) {
			return true
		}
	}
	return false
}

// badValue is tc's report of the word an action list failed at.
func badValue(a *grammar.Args) error {
	w := "(null)"
	if a.More() {
		w = a.Peek()
	}
	return fail.Localf("parse_action: bad value (%d:%s)!", a.Left(), w)
}

func finish(a *grammar.Args, acts []rtnl.Action, expect int) ([]rtnl.Action, error) {
	if expect > 0 {
		return acts, fail.Localf("bad action empty %d\n%s", expect, errText(badValue(a)))
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
	if a.More() && grammar.Matches(a.Peek(), "hw_stats") {
		a.Next()
		v, err := a.Value()
		if err != nil {
			return err
		}
		var typ uint32
		switch {
		case grammar.Matches(v, "immediate"):
			typ = rtnl.ActHWStatsImmediate
		case grammar.Matches(v, "delayed"):
			typ = rtnl.ActHWStatsDelayed
		case grammar.Matches(v, "disabled"):
		default:
			return fail.Invalid("value is invalid\n", v)
		}
		act.HWStats = rtnl.Some([2]uint32{typ, typ})
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

// PrintList prints a filter's action list as tc's tc_print_action does:
// each action on lines of its own under "action order N:", JSON as an
// "actions" array.
func PrintList(f *format.Fields, raw []byte, v *View, qv *qdisc.View) {
	acts, orders, _ := rtnl.DecodeActions(raw)
	if len(acts) == 0 {
		return
	}
	printActions(f, acts, orders, v, qv, true)
}

func printActions(f *format.Fields, acts []rtnl.Action, orders []uint16, v *View, qv *qdisc.View, bind bool) {
	f.OpenArray("actions")
	for i, a := range acts {
		f.OpenElement()
		f.Line()
		f.Uint("order", "\taction order %u: ", uint64(orders[i]))
		printOne(f, &a, v, qv, bind)
		f.Close()
	}
	f.CloseArray()
}

// hwStatsNames are the hw_stats types as tc names them; "disabled" is no
// bit at all.
var hwStatsNames = []struct {
	name string
	bit  uint32
}{{"immediate", rtnl.ActHWStatsImmediate}, {"delayed", rtnl.ActHWStatsDelayed}, {"disabled", 0}}

func printHWStats(f *format.Fields, key string, bf [2]uint32) {
	st := bf[0] & bf[1]
	f.Literal("\t")
	f.OpenArray(key)
	if !f.JSON() {
		f.Literal(key)
	}
	for _, x := range hwStatsNames {
		if st == 0 && x.bit == 0 || st&x.bit != 0 {
			f.Element(" %s", x.name)
		}
	}
	f.CloseArray()
	f.Line()
}

// printOne is tc's tc_print_one_action; bind is true for a filter's
// actions, false for the standalone table (which shows skip and hardware
// flags).
func printOne(f *format.Fields, a *rtnl.Action, v *View, qv *qdisc.View, bind bool) {
	k := Lookup(a.Kind)
	if !a.HasOptions {
		// A terse dump: the kind alone, as each kind prints it (skbmod
		// prints nothing).
		switch a.Kind {
		case "police":
			f.String("kind", "", a.Kind)
		case "pedit":
			f.String("kind", " %s ", a.Kind)
		case "skbmod":
		case "ct":
			f.String("kind", "%s", a.Kind)
		default:
			f.String("kind", "%s ", a.Kind)
		}
	} else {
		o := k.New()
		if o.Decode(a.RawOptions) != nil {
			return
		}
		k.Print(f, o, v)
	}
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
	if a.HasFlags || a.InHWCount.Set {
		newline, skipHW := false, false
		if a.HasFlags {
			if a.FlagsSelector&rtnl.ActFlagNoPercpuStats != 0 {
				newline = true
				f.Bool("no_percpu", "\tno_percpu", a.Flags&rtnl.ActFlagNoPercpuStats != 0)
			}
			if !bind {
				if a.FlagsSelector&rtnl.ActFlagSkipHW != 0 {
					newline = true
					skipHW = a.Flags&rtnl.ActFlagSkipHW != 0
					f.Bool("skip_hw", "\tskip_hw", skipHW)
				}
				if a.FlagsSelector&rtnl.ActFlagSkipSW != 0 {
					newline = true
					f.Bool("skip_sw", "\tskip_sw", a.Flags&rtnl.ActFlagSkipSW != 0)
				}
			}
		}
		if n, ok := a.InHWCount.Get(); ok && !bind && !skipHW {
			newline = true
			if n != 0 {
				f.Bool("in_hw", "\tin_hw", true)
				f.Uint("in_hw_count", " in_hw_count %u", uint64(n))
			} else {
				f.Bool("not_in_hw", "\tnot_in_hw", true)
			}
		}
		if newline {
			f.Line()
		}
	}
	if bf, ok := a.HWStats.Get(); ok {
		printHWStats(f, "hw_stats", bf)
	}
	if bf, ok := a.UsedHWStats.Get(); ok {
		printHWStats(f, "used_hw_stats", bf)
	}
}
