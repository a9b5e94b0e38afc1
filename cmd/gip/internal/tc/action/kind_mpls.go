package action

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const mplsUsage = "Usage: mpls pop [ protocol MPLS_PROTO ] [CONTROL]\n" +
	"       mpls push [ protocol MPLS_PROTO ] [ label MPLS_LABEL ] [ tc MPLS_TC ]\n" +
	"                 [ ttl MPLS_TTL ] [ bos MPLS_BOS ] [CONTROL]\n" +
	"       mpls mac_push [ protocol MPLS_PROTO ] [ label MPLS_LABEL ] [ tc MPLS_TC ]\n" +
	"                     [ ttl MPLS_TTL ] [ bos MPLS_BOS ] [CONTROL]\n" +
	"       mpls modify [ label MPLS_LABEL ] [ tc MPLS_TC ] [ ttl MPLS_TTL ]\n" +
	"                   [ bos MPLS_BOS ] [CONTROL]\n" +
	"           for pop, MPLS_PROTO is next header of packet - e.g. ip or mpls_uc\n" +
	"           for push and mac_push, MPLS_PROTO is one of mpls_uc or mpls_mc\n" +
	"               with default: mpls_uc\n" +
	"       CONTROL := reclassify | pipe | drop | continue | pass |\n" +
	"                  goto chain <CHAIN_INDEX>\n"

// mplsActions names what mpls does, by TCA_MPLS_ACT_*, in the order the
// words are tried.
var mplsActions = []string{rtnl.MplsPop: "pop", rtnl.MplsPush: "push", rtnl.MplsModify: "modify",
	rtnl.MplsDecTTL: "dec_ttl", rtnl.MplsMacPush: "mac_push"}

// mplsWords is the order in which tc tries the action words, which
// settles abbreviations ("m" is modify).
var mplsWords = []int32{rtnl.MplsPop, rtnl.MplsPush, rtnl.MplsModify, rtnl.MplsMacPush, rtnl.MplsDecTTL}

// Ethertypes an MPLS push may name (ETH_P_MPLS_UC, ETH_P_MPLS_MC).
const (
	ethPMplsUC = 0x8847
	ethPMplsMC = 0x8848
)

// mplsKind is mpls: pop, push or modify an MPLS label stack entry.
func mplsKind() *Kind {
	k := &Kind{Name: "mpls", Usage: mplsUsage}
	k.New, k.Parse, k.Print = typed(parseMpls, printMpls)
	return k
}

func parseMpls(p *Parser, o *rtnl.ActMpls) error {
	if _, err := p.value(); err != nil {
		return err
	}
	usage := trimNL(mplsUsage)
	var action int32
	fields := func() bool {
		return action == rtnl.MplsPush || action == rtnl.MplsMacPush || action == rtnl.MplsModify
	}
	// A number as tc's get_u32/get_u8 read it: any C base, in range.
	num := func(max uint64) (uint64, string, bool, error) {
		v, err := p.value()
		if err != nil {
			return 0, "", false, err
		}
		n, ok := grammar.CUint(v, 0, max)
		return n, v, ok, nil
	}
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		picked := int32(0)
		for _, a := range mplsWords {
			if m(mplsActions[a]) {
				picked = a
				break
			}
		}
		switch {
		case picked != 0:
			if action != 0 {
				return p.Fail(`Error: got "`+w+`" but action already set to "`+mplsActions[action]+`"`, usage)
			}
			action = picked
		case m("label"), m("tc"), m("ttl"), m("bos"):
			if !fields() {
				return fail.Invalid("only valid for push, mac_push and modify", w)
			}
			switch {
			case m("label"):
				n, v, ok, err := num(0xffffffff)
				if err != nil {
					return err
				}
				if !ok || n > 0xfffff {
					return fail.Invalid("label must be <=0xFFFFF", v)
				}
				o.Label = rtnl.Some(uint32(n))
			case m("tc"):
				n, v, ok, err := num(0xff)
				if err != nil {
					return err
				}
				if !ok || n&^7 != 0 {
					return fail.Invalid("tc field is 3 bits max", v)
				}
				o.TC = rtnl.Some(uint8(n))
			case m("ttl"):
				n, v, ok, err := num(0xff)
				if err != nil {
					return err
				}
				if !ok || n == 0 {
					return fail.Invalid("ttl must be >0 and <=255", v)
				}
				o.TTL = rtnl.Some(uint8(n))
			default:
				n, v, ok, err := num(0xff)
				if err != nil {
					return err
				}
				if !ok || n&^1 != 0 {
					return fail.Invalid("bos must be 0 or 1", v)
				}
				o.BOS = rtnl.Some(uint8(n))
			}
		case m("protocol"):
			if action != rtnl.MplsPush && action != rtnl.MplsMacPush && action != rtnl.MplsPop {
				return fail.Invalid("only valid for push, mac_push and pop", w)
			}
			v, err := p.value()
			if err != nil {
				return err
			}
			pr, ok := grammar.ParseEthProto(v)
			if !ok {
				return fail.Invalid("protocol is invalid", v)
			}
			// tc takes protocol 0 for none.
			o.Proto = rtnl.Opt[uint16]{}
			if pr != 0 {
				o.Proto = rtnl.Some(pr)
			}
		case m("help"):
			return fail.Fatal(fail.ExitUsage, usage)
		default:
			break loop
		}
		p.Next()
	}
	if action == 0 {
		return fail.Incomplete()
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	if p.More() && grammar.Matches(p.Peek(), "index") {
		v, err := p.value()
		if err != nil {
			return err
		}
		n, ok := grammar.CUint(v, 10, 0xffffffff)
		if !ok {
			return fail.Invalid("illegal index", v)
		}
		o.Parms.Index = uint32(n)
		p.Next()
	}
	if action == rtnl.MplsPush && !o.Label.Set {
		return fail.Usagef(`Error: argument "label" is required`)
	}
	if pr, ok := o.Proto.Get(); ok && (action == rtnl.MplsPush || action == rtnl.MplsMacPush) &&
		pr != ethPMplsUC && pr != ethPMplsMC {
		mac := ""
		if action == rtnl.MplsMacPush {
			mac = "mac_"
		}
		return p.Fail(`invalid ` + mac + `push protocol "0x` + hex4(pr) + `" - use mpls_(uc|mc)`)
	}
	if action == rtnl.MplsPop && !o.Proto.Set {
		return fail.Usagef(`Error: argument "protocol" is required`)
	}
	o.MAction = action
	return nil
}

// hex4 is v as C's "%04x".
func hex4(v uint16) string {
	s := strconv.FormatUint(uint64(v), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

func printMpls(f *format.Fields, o *rtnl.ActMpls, v *View) {
	f.String("kind", "%s ", "mpls")
	name := ""
	if o.MAction >= 0 && int(o.MAction) < len(mplsActions) {
		name = mplsActions[o.MAction]
	}
	f.String("mpls_action", " %s", name)
	switch o.MAction {
	case rtnl.MplsPop, rtnl.MplsPush, rtnl.MplsMacPush, rtnl.MplsModify:
		if x, ok := o.Proto.Get(); ok && o.MAction != rtnl.MplsModify {
			f.String("protocol", " protocol %s", grammar.EthProtoText(x, false))
		}
		if o.MAction == rtnl.MplsPop {
			break
		}
		if x, ok := o.Label.Get(); ok {
			f.Uint("label", " label %u", uint64(x))
		}
		if x, ok := o.TC.Get(); ok {
			f.Uint("tc", " tc %u", uint64(x))
		}
		if x, ok := o.BOS.Get(); ok {
			f.Uint("bos", " bos %u", uint64(x))
		}
		if x, ok := o.TTL.Get(); ok {
			f.Uint("ttl", " ttl %u", uint64(x))
		}
	}
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}
