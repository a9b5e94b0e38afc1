package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const bareudpUsage = `Usage: ... bareudp dstport PORT
		ethertype PROTO
		[ srcportmin PORT ]
		[ [no]multiproto ]

Where:	PORT  := UDP_PORT
	PROTO := ETHERTYPE

Note: ETHERTYPE can be given as number or as protocol name ("ipv4", "ipv6",
      "mpls_uc", etc.).
`

// bareudp: a UDP tunnel of one ethertype (MPLS, IP) without a header of
// its own.
func bareudpKind() Kind {
	return newKind("bareudp", bareudpUsage, parseBareudp, printBareudp)
}

// bareudpWords are the words in the order ip tries them (abbreviations
// allowed).
var bareudpWords = []string{"dstport", "ethertype", "srcportmin", "multiproto", "nomultiproto", "help"}

func parseBareudp(p *kindParser, b *rtnl.Bareudp) error {
	seen := map[string]bool{}
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, bareudpWords)
		if !ok {
			return explained(fmt.Sprintf("bareudp: unknown command %q?", w), bareudpUsage)
		}
		switch kw {
		case "help":
			return explained("", bareudpUsage)
		case "multiproto", "nomultiproto":
			// ip names the word itself as the duplicate.
			if seen["multiproto"] {
				return fail.Garbage(w, w)
			}
			seen["multiproto"] = true
			b.MultiProto = kw == "multiproto"
			continue
		}
		v, err := p.Value()
		if err != nil {
			return err
		}
		if err := seenOnce(seen, kw, v); err != nil {
			return err
		}
		switch kw {
		case "dstport":
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return fail.Invalid("dstport", v)
			}
			b.Port = rtnl.Some(uint16(n))
		case "ethertype":
			proto, ok := grammar.ParseEthProto(v)
			if !ok {
				return fail.Invalid("ethertype", v)
			}
			b.EtherType = rtnl.Some(proto)
		case "srcportmin":
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return fail.Invalid("srcportmin", v)
			}
			b.SrcPortMin = rtnl.Some(uint16(n))
		}
	}
	if !b.Port.Set {
		return missing("dstport")
	}
	if !b.EtherType.Set {
		return missing("ethertype")
	}
	return nil
}

func printBareudp(f *format.Fields, b *rtnl.Bareudp, v *View) {
	printUint(f, "dstport", "dstport", b.Port)
	if e, ok := b.EtherType.Get(); ok {
		f.String("ethertype", "ethertype %s ", grammar.EthProtoText(e, v != nil && v.Names != nil && v.Names.Numeric()))
	}
	printUint(f, "srcportmin", "srcportmin", b.SrcPortMin)
	f.Bool("multiproto", "multiproto ", b.MultiProto)
	if !b.MultiProto {
		f.Literal("nomultiproto ")
	}
}
