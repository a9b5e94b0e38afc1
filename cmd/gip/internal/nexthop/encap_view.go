package nexthop

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func AppendEncapText(b []byte, typ uint16, encap []byte) []byte {
	b = append(b, " encap "...)
	b = append(b, EncapTypeName(typ)...)
	b = append(b, ' ')
	if typ == rtnl.EncapMPLS {
		labels, ttl := rtnl.DecodeMPLSEncap(encap)
		if len(labels) > 0 {
			b = append(b, ' ')
			b = rtnl.FormatMPLSLabels(b, labels)
			b = append(b, ' ')
		}
		if ttl != 0 {
			b = append(b, "ttl "...)
			b = strconv.AppendUint(b, uint64(ttl), 10)
			b = append(b, ' ')
		}
	}
	return b
}

func EncapTypeName(t uint16) string {
	names := [...]string{1: "mpls", 2: "ip", 3: "ila", 4: "ip6", 5: "seg6", 6: "bpf", 7: "seg6local", 8: "rpl", 9: "ioam6", 10: "xfrm"}
	if int(t) < len(names) && names[t] != "" {
		return names[t]
	}
	return "unknown"
}

// Route and nexthop flag words, in print_rt_flags order.
var routeFlagWords = []struct {
	bit  uint32
	word string
}{
	{unix.RTNH_F_DEAD, "dead"},
	{unix.RTNH_F_ONLINK, "onlink"},
	{unix.RTNH_F_PERVASIVE, "pervasive"},
	{unix.RTNH_F_OFFLOAD, "offload"},
	{unix.RTNH_F_TRAP, "trap"},
	{unix.RTM_F_NOTIFY, "notify"},
	{unix.RTNH_F_LINKDOWN, "linkdown"},
	{unix.RTNH_F_UNRESOLVED, "unresolved"},
	{unix.RTM_F_OFFLOAD, "rt_offload"},
	{unix.RTM_F_TRAP, "rt_trap"},
	{unix.RTM_F_OFFLOAD_FAILED, "rt_offload_failed"},
}

func AppendFlagWords(b []byte, flags uint32) []byte {
	for _, f := range routeFlagWords {
		if flags&f.bit != 0 {
			b = append(b, f.word...)
			b = append(b, ' ')
		}
	}
	return b
}

func FlagsJSON(j *format.JSONWriter, flags uint32) {
	j.Name("flags")
	j.StartArray()
	for _, f := range routeFlagWords {
		if flags&f.bit != 0 {
			j.StringValue(f.word)
		}
	}
	j.EndArray()
}

// parseEncap reads `encap mpls LABELS [ttl N]` (lwt_parse_encap); the
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
