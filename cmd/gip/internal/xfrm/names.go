package xfrm

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// xfrmProtos are ip's XFRM-PROTO words.
var xfrmProtos = []struct {
	name  string
	proto uint8
}{
	{"esp", xfrm.ProtoESP}, {"ah", xfrm.ProtoAH}, {"comp", xfrm.ProtoComp},
	{"route2", xfrm.ProtoRouting}, {"hao", xfrm.ProtoDstOpts}, {"ipsec-any", xfrm.ProtoIPsecAny},
}

func xfrmProtoNumber(s string) (uint8, bool) {
	for _, x := range xfrmProtos {
		if x.name == s {
			return x.proto, true
		}
	}
	return 0, false
}

// xfrmProtoName is strxf_xfrmproto: the word, or the number.
func xfrmProtoName(p uint8) string {
	for _, x := range xfrmProtos {
		if x.proto == p {
			return x.name
		}
	}
	return strconv.Itoa(int(p))
}

// protoName is strxf_proto: the upper protocol's name in /etc/protocols,
// or its number.
func protoName(p uint8) string {
	s := env.IPProtoName(p, false)
	if strings.HasPrefix(s, "ipproto-") {
		return strconv.Itoa(int(p))
	}
	return s
}

// modeName is ip's word for a mode, or its number.
func modeName(m uint8) string {
	switch m {
	case xfrm.ModeTransport:
		return "transport"
	case xfrm.ModeTunnel:
		return "tunnel"
	case xfrm.ModeRO:
		return "ro"
	case xfrm.ModeInTrigger:
		return "in_trigger"
	case xfrm.ModeBEET:
		return "beet"
	}
	return strconv.Itoa(int(m))
}

// shareName is strxf_share.
func shareName(s uint8) string {
	switch s {
	case xfrm.ShareAny:
		return "any"
	case xfrm.ShareSession:
		return "session"
	case xfrm.ShareUser:
		return "user"
	case xfrm.ShareUnique:
		return "unique"
	}
	return strconv.Itoa(int(s))
}

// ptypeName is strxf_ptype.
func ptypeName(t uint8) string {
	switch t {
	case xfrm.TypeMain:
		return "main"
	case xfrm.TypeSub:
		return "sub"
	}
	return strconv.Itoa(int(t))
}

// dirName is a direction's word, or its number.
func dirName(d uint8) string {
	switch d {
	case xfrm.DirIn:
		return "in"
	case xfrm.DirOut:
		return "out"
	case xfrm.DirFwd:
		return "fwd"
	}
	return strconv.Itoa(int(d))
}

// flagNames are the words of a flags byte, in ip's order.
type flagName struct {
	bit  uint32
	name string
}

// flagWords are the names of the bits set in flags, then the rest in hex,
// as XFRM_FLAG_PRINT leaves them.
func flagWords(flags uint32, names []flagName) []string {
	var out []string
	for _, n := range names {
		if flags&n.bit != 0 {
			flags &^= n.bit
			out = append(out, n.name)
		}
	}
	if flags != 0 {
		out = append(out, strconv.FormatUint(uint64(flags), 16))
	}
	return out
}

var policyFlags = []flagName{{xfrm.PolicyLocalOK, "localok"}, {xfrm.PolicyICMP, "icmp"}}

var stateFlags = []flagName{
	{xfrm.StateNoECN, "noecn"}, {xfrm.StateDecapDSCP, "decap-dscp"}, {xfrm.StateNoPMTUDisc, "nopmtudisc"},
	{xfrm.StateWildRecv, "wildrecv"}, {xfrm.StateICMP, "icmp"}, {xfrm.StateAFUnspec, "af-unspec"},
	{xfrm.StateAlign4, "align4"}, {xfrm.StateESN, "esn"},
}

var extraFlags = []flagName{{xfrm.ExtraDontEncapDSCP, "dont-encap-dscp"}, {xfrm.ExtraOSeqMayWrap, "oseq-may-wrap"}}
