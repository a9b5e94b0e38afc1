package action

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const connmarkUsage = "Usage: ... connmark [zone ZONE] [CONTROL] [index <INDEX>]\n" +
	"where :\n" +
	"\tZONE is the conntrack zone\n" +
	"\tCONTROL := reclassify | pipe | drop | continue | ok |\n" +
	"\t           goto chain <CHAIN_INDEX>\n"

// connmarkKind is connmark: restore the mark of a packet's connection.
func connmarkKind() *Kind {
	k := &Kind{Name: "connmark", Usage: connmarkUsage}
	k.New, k.Parse, k.Print = typed(parseConnmark, printConnmark)
	return k
}

func parseConnmark(p *Parser, o *rtnl.Connmark) error {
	ok := false
	for p.More() {
		w := p.Peek()
		if grammar.Matches(w, "connmark") {
			ok = true
			p.Next()
			continue
		}
		if grammar.Matches(w, "help") {
			return fail.Fatal(fail.ExitUsage, trimNL(connmarkUsage))
		}
		break
	}
	if !ok {
		return p.Fail(trimNL(connmarkUsage))
	}
	if p.More() && grammar.Matches(p.Peek(), "zone") {
		v, err := p.value()
		if err != nil {
			return err
		}
		n, ok := grammar.CUint(v, 10, 0xffff)
		if !ok {
			return p.Fail(`connmark: Illegal "zone"`)
		}
		o.Zone = uint16(n)
		p.Next()
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	_, err := p.IndexTail(`connmark: Illegal "index"`, &o.Parms.Index)
	return err
}

func printConnmark(f *format.Fields, o *rtnl.Connmark, v *View) {
	f.String("kind", "%s ", "connmark")
	f.Uint("zone", "zone %u", uint64(o.Zone))
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}
