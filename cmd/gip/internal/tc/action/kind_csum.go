package action

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const csumUsage = "Usage: ... csum <UPDATE>\n" +
	"Where: UPDATE := <TARGET> [<UPDATE>]\n" +
	"       TARGET := { ip4h | icmp | igmp | tcp | udp | udplite | sctp | <SWEETS> }\n" +
	"       SWEETS := { and | or | '+' }\n"

// csumTargets are csum's words in tc's order of matching (a word may be
// any prefix), with the flag each sets; 0 is a word read and ignored.
var csumTargets = []struct {
	word string
	flag uint32
}{
	{"iph", rtnl.CsumIPv4Hdr}, {"ip4h", rtnl.CsumIPv4Hdr}, {"ipv4h", rtnl.CsumIPv4Hdr},
	{"icmp", rtnl.CsumICMP}, {"igmp", rtnl.CsumIGMP}, {"tcp", rtnl.CsumTCP}, {"udp", rtnl.CsumUDP},
	{"udplite", rtnl.CsumUDPLite}, {"sctp", rtnl.CsumSCTP}, {"and", 0}, {"or", 0}, {"+", 0},
}

// csumNames are the flags as tc prints them, in its order.
var csumNames = []struct {
	flag uint32
	name string
}{
	{rtnl.CsumIPv4Hdr, "iph"}, {rtnl.CsumICMP, "icmp"}, {rtnl.CsumIGMP, "igmp"}, {rtnl.CsumTCP, "tcp"},
	{rtnl.CsumUDP, "udp"}, {rtnl.CsumUDPLite, "udplite"}, {rtnl.CsumSCTP, "sctp"},
}

// csumKind is csum: recompute checksums of the headers named.
func csumKind() *Kind {
	k := &Kind{Name: "csum", Usage: csumUsage}
	k.New, k.Parse, k.Print = typed(parseCsum, printCsum)
	return k
}

func parseCsum(p *Parser, o *rtnl.Csum) error {
	usage := trimNL(csumUsage)
	ok := false
	for p.More() {
		w := p.Peek()
		if !grammar.Matches(w, "csum") {
			if grammar.Matches(w, "help") {
				return fail.Fatal(fail.ExitUsage, usage)
			}
			break
		}
		if _, err := p.value(); err != nil {
			return err
		}
	words:
		for p.More() {
			w := p.Peek()
			for _, t := range csumTargets {
				if grammar.Matches(w, t.word) {
					o.UpdateFlags |= t.flag
					p.Next()
					continue words
				}
			}
			break
		}
		ok = true
	}
	if !ok {
		return p.Fail(usage)
	}
	if o.UpdateFlags == 0 {
		return p.Fail("Illegal csum construct, empty <UPDATE> list")
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActOK)
	_, err := p.IndexTail(`Illegal "index" (%s) <csum>`, &o.Parms.Index)
	return err
}

func printCsum(f *format.Fields, o *rtnl.Csum, v *View) {
	f.String("kind", "%s ", "csum")
	var names []string
	for _, x := range csumNames {
		if o.UpdateFlags&x.flag != 0 {
			names = append(names, x.name)
		}
	}
	text := strings.Join(names, ", ")
	if len(names) == 0 {
		text = "?empty"
	}
	f.String("csum", "(%s) ", text)
	PrintControl(f, "action ", o.Parms.Action, "")
	f.Line()
	f.Uint("index", "\tindex %u", uint64(o.Parms.Index))
	f.Int("ref", " ref %d", int64(o.Parms.Refcnt))
	f.Int("bind", " bind %d", int64(o.Parms.Bindcnt))
	if t, ok := o.Times.Get(); ok && v.Stats {
		printTimes(f, t, v)
	}
	f.Line()
}
