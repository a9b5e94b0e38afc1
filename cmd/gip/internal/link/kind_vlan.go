package link

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// vlan: an 802.1Q or 802.1ad tagged device on a lower device.
func vlanKind() Kind { return newKind("vlan", vlanUsage, parseVlan, printVlan) }

const vlanUsage = `Usage: ... vlan id VLANID
		[ protocol VLANPROTO ]
		[ reorder_hdr { on | off } ]
		[ gvrp { on | off } ]
		[ mvrp { on | off } ]
		[ loose_binding { on | off } ]
		[ bridge_binding { on | off } ]
		[ ingress-qos-map QOS-MAP ]
		[ egress-qos-map QOS-MAP ]

VLANID := 0-4095
VLANPROTO: [ 802.1Q | 802.1ad ]
QOS-MAP := [ QOS-MAP ] QOS-MAPPING
QOS-MAPPING := FROM:TO
`

// vlanFlagWords are the on/off flags, in the order ip prints them.
var vlanFlagWords = []struct {
	kw, name string
	bit      uint32
}{
	{"reorder_hdr", "REORDER_HDR", rtnl.VlanFlagReorderHdr},
	{"gvrp", "GVRP", rtnl.VlanFlagGVRP},
	{"mvrp", "MVRP", rtnl.VlanFlagMVRP},
	{"loose_binding", "LOOSE_BINDING", rtnl.VlanFlagLooseBinding},
	{"bridge_binding", "BRIDGE_BINDING", rtnl.VlanFlagBridgeBinding},
}

// vlanWords are ip's vlan words in the order it tries them (a word is
// the first it abbreviates).
var vlanWords = []string{"protocol", "id", "reorder_hdr", "gvrp", "mvrp", "loose_binding", "bridge_binding",
	"ingress-qos-map", "egress-qos-map", "help"}

// parseVlan reads a vlan's words as ip does: any option again overrides
// it (ip sends an id or protocol given twice twice, the kernel keeps the
// last), the flags go out together with the mask of those given.
func parseVlan(p *kindParser, v *rtnl.Vlan) error {
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, vlanWords)
		if !ok {
			return explained(fmt.Sprintf("vlan: unknown command %q?", w), vlanUsage)
		}
		var err error
		switch kw {
		case "help":
			return explained("", vlanUsage)
		case "protocol":
			v.Protocol, err = grammar.ParseValue(p.Args, func(s string) (rtnl.Opt[uint16], bool) {
				proto, ok := grammar.ParseEthProto(s)
				return rtnl.Some(proto), ok
			}, "protocol is invalid")
		case "id":
			v.ID, err = p.u16("id is invalid")
		case "ingress-qos-map":
			err = parseQoSMap(p, &v.IngressQoS, "invalid ingress-qos-map")
		case "egress-qos-map":
			err = parseQoSMap(p, &v.EgressQoS, "invalid egress-qos-map")
		default:
			err = parseVlanFlag(p, v, kw)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// parseVlanFlag reads the exact on or off after one of the flag words.
func parseVlanFlag(p *kindParser, v *rtnl.Vlan, kw string) error {
	s, err := p.Value()
	if err != nil {
		return err
	}
	if s != "on" && s != "off" {
		return fail.Localf("Error: argument of %q must be \"on\" or \"off\", not %q", kw, s)
	}
	for _, fl := range vlanFlagWords {
		if fl.kw == kw {
			v.Flags.V.Put(fl.bit, s == "on")
		}
	}
	v.Flags.Set = true
	return nil
}

// parseQoSMap reads FROM:TO mappings up to the first word without a
// colon. ip sends the map even empty; a bad number names the mapping's
// FROM (ip cuts the word at its colon before complaining).
func parseQoSMap(p *kindParser, m *rtnl.VlanQoSMap, invalid string) error {
	if _, err := p.Value(); err != nil {
		return err
	}
	p.Back()
	m.Set = true
	for p.More() {
		from, to, ok := strings.Cut(p.Peek(), ":")
		if !ok {
			break
		}
		p.Next()
		f, okF := grammar.ParseCUint(from, 32)
		t, okT := grammar.ParseCUint(to, 32)
		if !okF || !okT {
			return fail.Invalid(invalid, from)
		}
		m.Mappings = append(m.Mappings, rtnl.VlanQoSMapping{From: uint32(f), To: uint32(t)})
	}
	return nil
}

func printVlan(f *format.Fields, vl *rtnl.Vlan, v *View) {
	if proto, ok := vl.Protocol.Get(); ok {
		f.String("protocol", "protocol %s ", vlanProtoName(proto, v))
	}
	if id, ok := vl.ID.Get(); ok {
		f.Uint("id", "id %d ", uint64(id))
	}
	printVlanFlags(f, vl.Flags)
	printQoSMap(f, "ingress_qos", "ingress-qos-map", vl.IngressQoS)
	printQoSMap(f, "egress_qos", "egress-qos-map", vl.EgressQoS)
}

// printVlanFlags prints the flags set by name, an unknown rest in hex.
func printVlanFlags(f *format.Fields, flags rtnl.Opt[rtnl.BitSet]) {
	fl := flags.V.Value
	if !flags.Set || fl == 0 {
		return
	}
	f.OpenArray("flags")
	f.Literal("<")
	sep := ""
	for _, w := range vlanFlagWords {
		if fl&w.bit != 0 {
			f.Literal(sep)
			f.Element("%s", w.name)
			sep = ","
			fl &^= w.bit
		}
	}
	if fl != 0 {
		f.Literal(sep)
		f.Element("%s", strconv.FormatUint(uint64(fl), 16))
	}
	f.Literal("> ")
	f.CloseArray()
}

// printQoSMap prints a priority map on a line of its own, as ip -d does.
func printQoSMap(f *format.Fields, key, word string, m rtnl.VlanQoSMap) {
	if !m.Set {
		return
	}
	f.OpenArray(key)
	f.Line()
	f.Literal("      " + word + " { ")
	for _, q := range m.Mappings {
		f.OpenElement()
		f.Uint("from", "%d:", uint64(q.From))
		f.Uint("to", "%d ", uint64(q.To))
		f.Close()
	}
	f.CloseArray()
	f.Literal("} ")
}

// vlanProtoName names an 802.1Q ethertype; under -N it is the number
// in brackets, as ip's ll_proto_n2a prints it.
func vlanProtoName(p uint16, v *View) string {
	if v != nil && v.Names != nil && v.Names.Numeric() {
		return "[" + strconv.Itoa(int(p)) + "]"
	}
	switch p {
	case 0x8100:
		return "802.1Q"
	case 0x88a8:
		return "802.1ad"
	}
	return cHex(uint64(p))
}

// cHex is C's "%#x": 0 without a prefix.
func cHex(v uint64) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(v, 16)
}
