package filter

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const fwUsage = "Usage: ... fw [ classid CLASSID ] [ indev DEV ] [ action ACTION_SPEC ]\n" +
	"\tCLASSID := Push matching packets to the class identified by CLASSID with format X:Y\n" +
	"\t\tCLASSID is parsed as hexadecimal input.\n" +
	"\tDEV := specify device for incoming device classification.\n" +
	"\tACTION_SPEC := Apply an action on matching packets.\n" +
	"\tNOTE: handle is represented as HANDLE[/FWMASK].\n" +
	"\t\tFWMASK is 0xffffffff by default."

// ifNameMax is the longest device name tc copies (IFNAMSIZ less the NUL).
const ifNameMax = 16

// fwKind is fw: the packet's firewall mark, under a mask, is the
// filter's handle.
func fwKind() *Kind {
	k := &Kind{Name: "fw", Usage: fwUsage}
	k.New, k.Parse, k.Print = typed(parseFW, printFW)
	return k
}

// parseCU32 is tc's get_u32 with base 0.
func parseCU32(s string) (uint32, bool) {
	v, ok := grammar.ParseCUint(s, 32)
	return uint32(v), ok
}

func parseFW(p *Parser, o *rtnl.FW) error {
	var mask rtnl.Opt[uint32]
	if p.Handle != "" {
		h, m, slash := strings.Cut(p.Handle, "/")
		v, ok := parseCU32(h)
		if !ok {
			return p.Fail(`Illegal "handle"`)
		}
		p.Msg.Handle = v
		if slash {
			mv, ok := parseCU32(m)
			if !ok {
				return p.Fail(`Illegal "handle" mask`)
			}
			mask = rtnl.Some(mv)
		}
	}
	if !p.More() {
		return nil
	}
	o.Present, o.Mask = true, mask
	for p.More() {
		switch w := p.Next(); {
		case grammar.Matches(w, "classid") || grammar.Matches(w, "flowid"):
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
			acts, err := p.ActionsOr(`Illegal fw "action"`)
			if err != nil {
				return err
			}
			o.Actions = append(o.Actions, acts...)
		case w == "indev":
			if !p.More() {
				return p.Fail("Illegal indev")
			}
			d := p.Next()
			if len(d) > ifNameMax {
				d = d[:ifNameMax]
			}
			o.Indev = rtnl.Some(d)
		case w == "help":
			return p.Fail(fwUsage)
		default:
			return p.Fail(`What is "`+w+`"?`, fwUsage)
		}
	}
	return nil
}

// printFW prints an fw filter as tc 6.1 does in text; its JSON (which tc
// 6.1 prints as text, not JSON) takes the keys of later tc: "fw" with
// "mark" and "mask", "classid", "indev".
func printFW(f *format.Fields, o *rtnl.FW, h rtnl.TCMsg, v *View) {
	if h.Handle != 0 || o.Mask.Set {
		f.Open("fw")
		f.String("mark", "handle %s", "0x"+strconv.FormatUint(uint64(h.Handle), 16))
		if m, ok := o.Mask.Get(); ok && m != 0xFFFFFFFF {
			f.String("mask", "/%s ", "0x"+strconv.FormatUint(uint64(m), 16))
		} else {
			f.Literal(" ")
			f.String("mask", "", "0xffffffff")
		}
		f.Close()
	}
	if c, ok := o.Classid.Get(); ok {
		f.String("classid", "classid %s ", sched.ClassIDText(c))
	}
	if o.Police != nil {
		action.PrintFilterPolice(f, o.Police, v.A)
	}
	if d, ok := o.Indev.Get(); ok {
		f.String("indev", "input dev %s ", d)
	}
	if len(o.ActionsRaw) > 0 {
		f.Line()
		action.PrintList(f, o.ActionsRaw, v.A, v.Q)
	}
}
