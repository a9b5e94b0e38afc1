package action

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const skbmodUsage = "Usage:... skbmod { set <SETTABLE> | swap <SWAPPABLE> | ecn } [CONTROL] [index INDEX]\n" +
	"where SETTABLE is: [dmac DMAC] [smac SMAC] [etype ETYPE]\n" +
	"where SWAPPABLE is: \"mac\" to swap mac addresses\n" +
	"\tDMAC := 6 byte Destination MAC address\n" +
	"\tSMAC := optional 6 byte Source MAC address\n" +
	"\tETYPE := optional 16 bit ethertype\n" +
	"\tCONTROL := reclassify | pipe | drop | continue | ok |\n" +
	"\t           goto chain <CHAIN_INDEX>\n" +
	"\tINDEX := skbmod index value to use\n"

// skbmodKind is skbmod: set a packet's Ethernet addresses or type, swap
// its addresses, or mark it congested.
func skbmodKind() *Kind {
	k := &Kind{Name: "skbmod", Usage: skbmodUsage}
	k.New, k.Parse, k.Print = typed(parseSkbmod, printSkbmod)
	return k
}

func parseSkbmod(p *Parser, o *rtnl.ActSkbmod) error {
	ok := false
	// tc tells on stderr what it read, as it reads it.
	say := func(format string, a ...any) {
		if p.Stderr != nil {
			fmt.Fprintf(p.Stderr, format, a...)
		}
	}
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		switch {
		case m("skbmod"), m("swap"), m("set"):
			// Words that only introduce others: the next word is read
			// in its own right.
			if _, err := p.value(); err != nil {
				return err
			}
			continue
		case m("mac"):
			o.Flags |= rtnl.SkbmodSwapMAC
		case m("etype"):
			v, err := p.value()
			if err != nil {
				return err
			}
			n, good := grammar.CUint(v, 0, 0xffff)
			if !good {
				return fail.Invalid("ethertype is invalid", v)
			}
			say("skbmod etype 0x%x\n", n)
			o.Flags |= rtnl.SkbmodEtype
			o.Etype = rtnl.Opt[uint16]{}
			if n != 0 {
				o.Etype = rtnl.Some(uint16(n))
			}
		case m("dmac"), m("smac"):
			v, err := p.value()
			if err != nil {
				return err
			}
			mac, good := grammar.ScanMAC(v)
			switch {
			case !good && m("dmac"):
				return p.Fail("Invalid dst mac address " + v)
			case !good:
				return p.Fail("Invalid smac address " + v)
			case m("dmac"):
				o.Flags |= rtnl.SkbmodDMAC
				o.DMAC = rtnl.Some(mac)
				say("dst MAC address <%s>\n", v)
			default:
				o.Flags |= rtnl.SkbmodSMAC
				o.SMAC = rtnl.Some(mac)
				say("src MAC address <%s>\n", v)
			}
		case m("ecn"):
			o.Flags |= rtnl.SkbmodECN
		case m("help"):
			return fail.Fatal(fail.ExitUsage, trimNL(skbmodUsage))
		default:
			break loop
		}
		ok = true
		p.Next()
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	if got, err := p.indexTail(0, `skbmod: Illegal "index"`, &o.Parms.Index); err != nil {
		return err
	} else if got {
		ok = true
	}
	if !ok {
		return fail.Fatal(fail.ExitUsage, "skbmod requires at least one option\n"+trimNL(skbmodUsage))
	}
	return nil
}

// printSkbmod prints skbmod as tc 6.1 does in text; its JSON (which tc
// 6.1 garbles with plain text) has the keys later tc releases give it.
func printSkbmod(f *format.Fields, o *rtnl.ActSkbmod, v *View) {
	f.Literal("skbmod ")
	PrintControl(f, "", o.Parms.Action, " ")
	if x, ok := o.Etype.Get(); ok {
		// Text as "0x%X"; JSON as "%#x" (a string), as later tc releases
		// print it (tc 6.1's own JSON is broken here).
		if f.JSON() {
			hex := "0"
			if x != 0 {
				hex = "0x" + strconv.FormatUint(uint64(x), 16)
			}
			f.String("etype", "", hex)
		} else {
			f.Literal("set etype 0x" + strings.ToUpper(strconv.FormatUint(uint64(x), 16)) + " ")
		}
		f.Line()
		f.Literal("\t ")
	}
	if x, ok := o.DMAC.Get(); ok {
		f.String("dmac", "set dmac %s ", macText(x))
	}
	if x, ok := o.SMAC.Get(); ok {
		f.String("smac", "set smac %s ", macText(x))
	}
	if o.Flags&rtnl.SkbmodSwapMAC != 0 {
		f.Null("swapmac", "swap mac ")
	}
	if o.Flags&rtnl.SkbmodECN != 0 {
		f.Null("ecn", "ecn ")
	}
	printParmsTail(f, o.Parms, o.Times, v)
}
