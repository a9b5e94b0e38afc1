package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// vlan: an 802.1Q or 802.1ad tagged device on a lower device.
func vlanKind() Kind {
	return newKind("vlan", "Usage: ... vlan id VLANID [ protocol VLANPROTO ] [ reorder_hdr { on | off } ]\n"+
		"                [ gvrp { on | off } ] [ mvrp { on | off } ] [ loose_binding { on | off } ]\n"+
		"                [ bridge_binding { on | off } ]", parseVlan, printVlan)
}

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

func parseVlan(p *kindParser, v *rtnl.Vlan) error {
next:
	for p.More() {
		w := p.Next()
		switch w {
		case "protocol":
			s, err := p.Value()
			if err != nil {
				return err
			}
			proto, ok := parseVlanProto(s)
			if !ok {
				return fail.Invalid("protocol is invalid", s)
			}
			v.Protocol = rtnl.Some(proto)
			continue
		case "id":
			id, err := p.u16("id is invalid")
			if err != nil {
				return err
			}
			v.ID = id
			continue
		}
		for _, fl := range vlanFlagWords {
			if fl.kw == w {
				on, err := p.onOff(w)
				if err != nil {
					return err
				}
				v.Flags.V.Put(fl.bit, on.V != 0)
				v.Flags.Set = true
				continue next
			}
		}
		return p.unknown(w)
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
	fl := vl.Flags.V.Value
	if !vl.Flags.Set || fl == 0 {
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
