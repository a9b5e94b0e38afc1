package nexthop

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// ParseEncap reads `encap mpls LABELS [ttl N]` (lwt_parse_encap); the
// other tunnel types are refused with ip's message for an unknown type.
func ParseEncap(a *grammar.Args, family uint8) (uint16, []byte, error) {
	typ, err := a.Value()
	if err != nil {
		return 0, nil, err
	}
	if typ != "mpls" {
		return 0, nil, fail.Usagef("Error: encap type %q is not supported by gip (only mpls)", typ)
	}
	v, err := a.Value()
	if err != nil {
		return 0, nil, err
	}
	labels, perr := rtnl.ParseMPLSLabels(v)
	if perr != nil {
		return 0, nil, &fail.Error{Code: fail.ExitLocal, Msg: "Error: mpls address is expected rather than \"" + v + "\"."}
	}
	var ttl uint8
	if a.Peek() == "ttl" {
		a.Next()
		tv, err := a.Value()
		if err != nil {
			return 0, nil, err
		}
		n, ok := grammar.ParseCUint(tv, 8)
		if !ok {
			return 0, nil, fail.Invalid("\"ttl\" value is invalid\n", tv)
		}
		ttl = uint8(n)
	}
	return rtnl.EncapMPLS, rtnl.MPLSEncap(labels, ttl), nil
}

// EncapFields prints a lightweight tunnel (RTA_ENCAP) as lwt_print_encap
// does: its type, and for MPLS its labels and ttl.
func EncapFields(f *format.Fields, typ uint16, encap []byte) {
	f.String("encap", " encap %s ", encapTypeName(typ))
	if typ != rtnl.EncapMPLS {
		return
	}
	labels, ttl := rtnl.DecodeMPLSEncap(encap)
	if len(labels) > 0 {
		f.Bytes("dst", " %s ", rtnl.FormatMPLSLabels(nil, labels))
	}
	if ttl != 0 {
		f.Uint("ttl", "ttl %u ", uint64(ttl))
	}
}

// encapTypeNames name the LWTUNNEL_ENCAP_* types.
var encapTypeNames = [...]string{1: "mpls", 2: "ip", 3: "ila", 4: "ip6", 5: "seg6", 6: "bpf", 7: "seg6local", 8: "rpl", 9: "ioam6", 10: "xfrm"}

func encapTypeName(t uint16) string {
	if int(t) < len(encapTypeNames) && encapTypeNames[t] != "" {
		return encapTypeNames[t]
	}
	return "unknown"
}
