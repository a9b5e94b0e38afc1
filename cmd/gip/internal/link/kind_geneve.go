package link

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// geneve: a Geneve tunnel endpoint.
func geneveKind() Kind { return newKind("geneve", geneveUsage, parseGeneve, printGeneve) }

const geneveUsage = `Usage: ... geneve id VNI
		remote ADDR
		[ ttl TTL ]
		[ tos TOS ]
		[ df DF ]
		[ flowlabel LABEL ]
		[ dstport PORT ]
		[ [no]external ]
		[ [no]udpcsum ]
		[ [no]udp6zerocsumtx ]
		[ [no]udp6zerocsumrx ]
		[ innerprotoinherit ]

Where:	VNI   := 0-16777215
	ADDR  := IP_ADDRESS
	TOS   := { NUMBER | inherit }
	TTL   := { 1..255 | auto | inherit }
	DF    := { unset | set | inherit }
	LABEL := 0-1048575
`

// geneveWords are ip's geneve words in the order it tries them (a word
// is the first it abbreviates); innerprotoinherit is taken only whole.
var geneveWords = []string{"id", "vni", "remote", "ttl", "hoplimit", "tos", "dsfield", "df", "label", "flowlabel",
	"dstport", "external", "noexternal", "udpcsum", "noudpcsum", "udp6zerocsumtx", "noudp6zerocsumtx",
	"udp6zerocsumrx", "noudp6zerocsumrx"}

// geneveSynonyms are the words of an option another word names.
var geneveSynonyms = map[string]string{"vni": "id", "hoplimit": "ttl", "dsfield": "tos", "label": "flowlabel"}

// parseGeneve reads a geneve's words as ip's geneve_parse_opt does: each
// option at most once, then a vni and a remote unless external (and no
// vni with it); an add sends the vni, flow label, ttl and tos always (0
// unless given), a change only those given.
func parseGeneve(p *kindParser, g *rtnl.Geneve) error {
	seen := optionsGiven{}
	dup := seen.once
	var vniValue, label uint32
	var ttl, tos uint8
	metadata := false
	csums := map[string]*rtnl.Opt[uint8]{"udpcsum": &g.UDPCsum, "udp6zerocsumtx": &g.UDPZeroCsum6TX, "udp6zerocsumrx": &g.UDPZeroCsum6RX}
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, geneveWords)
		switch {
		case ok:
		case w == "innerprotoinherit":
			if err := dup(w, w, w); err != nil {
				return err
			}
			g.InnerProtoInherit = true
			continue
		case grammar.Matches(w, "help"):
			return explained("", geneveUsage)
		default:
			return explained(fmt.Sprintf("geneve: unknown command %q?", w), geneveUsage)
		}
		name, negated := strings.CutPrefix(kw, "no")
		if csums[kw] != nil || kw == "external" {
			name, negated = kw, false
		}
		if sw := csums[name]; sw != nil || name == "external" {
			if err := dup(name, w, w); err != nil {
				return err
			}
			if sw != nil {
				*sw = rtnl.Some(b2u8(!negated))
			} else {
				metadata = !negated
			}
			continue
		}
		key := kw
		if k, ok := geneveSynonyms[kw]; ok {
			key = k
		}
		if err := seen.valueOnce(p, key); err != nil {
			return err
		}
		var err error
		switch key {
		case "id":
			var id rtnl.Opt[uint32]
			id, err = vni(p)
			vniValue = id.V
		case "remote":
			v := p.Next()
			a, perr := grammar.ParseAddr(v, 0)
			if perr != nil {
				return perr
			}
			if !a.Addr.IsValid() || a.Addr.IsMulticast() {
				return fail.Invalid("invalid remote address", v)
			}
			g.Remote = rtnl.Some(a.Addr)
		case "ttl":
			var t, inherit rtnl.Opt[uint8]
			err = parseTTL(p, &t, &inherit)
			ttl = t.V
			if inherit.Set {
				g.TTLInherit = rtnl.Some(uint8(1))
			}
		case "tos":
			var t rtnl.Opt[uint8]
			err = parseTOS(p, &t)
			tos = t.V
		case "df":
			g.DF, err = parseDF(p)
		case "flowlabel":
			var n uint64
			n, err = p.uintValue(20, "invalid flowlabel")
			label = uint32(n)
		case "dstport":
			g.Port, err = p.u16("dstport")
			if g.Port.V == 0 {
				g.Port = rtnl.Opt[uint16]{}
			}
		}
		if err != nil {
			return err
		}
	}
	switch {
	case metadata && seen["id"]:
		return fail.Localf("geneve: both 'external' and vni cannot be specified")
	case !metadata && !seen["id"]:
		return fail.Localf("geneve: missing virtual network identifier")
	case !metadata && !p.change && !g.Remote.Set:
		return fail.Localf("geneve: remote link partner not specified")
	}
	g.ID = rtnl.Some(vniValue)
	g.CollectMetadata = metadata
	if !p.change || seen["flowlabel"] {
		g.Label = rtnl.Some(label)
	}
	if !p.change || seen["ttl"] {
		g.TTL = rtnl.Some(ttl)
	}
	if !p.change || seen["tos"] {
		g.TOS = rtnl.Some(tos)
	}
	return nil
}

func printGeneve(f *format.Fields, g *rtnl.Geneve, _ *View) {
	if g.CollectMetadata {
		f.Bool("external", "external ", true)
	}
	printUint(f, "id", "id", g.ID)
	if ip, ok := g.Remote.Get(); ok && !ip.IsUnspecified() {
		if ip.Is4() {
			f.String("remote", "remote %s ", ip.String())
		} else if !ip.IsMulticast() {
			f.String("remote6", "remote %s ", ip.String())
		}
	}
	if i, ok := g.TTLInherit.Get(); ok && i != 0 {
		f.String("ttl", "ttl %s ", "inherit")
	} else if ttl, ok := g.TTL.Get(); ok {
		if ttl == 0 {
			f.Uint("ttl", "ttl auto ", 0)
		} else {
			f.Uint("ttl", "ttl %d ", uint64(ttl))
		}
	}
	if tos, ok := g.TOS.Get(); ok && tos != 0 {
		if tos == 1 {
			f.String("tos", "tos %s ", "inherit")
		} else {
			f.String("tos", "tos %s ", cHex(uint64(tos)))
		}
	}
	printDF(f, g.DF)
	printLabel(f, g.Label)
	printUint(f, "port", "dstport", g.Port)
	printCsum(f, "udp_csum", "udpcsum", g.UDPCsum)
	printCsum(f, "udp_zero_csum6_tx", "udp6zerocsumtx", g.UDPZeroCsum6TX)
	printCsum(f, "udp_zero_csum6_rx", "udp6zerocsumrx", g.UDPZeroCsum6RX)
	if g.InnerProtoInherit {
		f.Bool("inner_proto_inherit", "innerprotoinherit ", true)
	}
}
