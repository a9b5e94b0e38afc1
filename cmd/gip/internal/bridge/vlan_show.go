package bridge

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func runVlanShow(e *env.Env, args []string) error {
	want, vid, err := parseVlanFilter(e, args)
	if err != nil {
		return err
	}
	if e.G.Details > 0 {
		return runVlanDetailShow(e, want, vid)
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	p := e.Printer()
	p.Raw("port              vlan-id  \n")
	for l, err := range rtnl.Links(conn, unix.AF_BRIDGE, rtnl.ExtFilterBRVLAN) {
		if err != nil {
			return fail.Kernel(err)
		}
		if want != 0 && l.Index != want {
			continue
		}
		vs, err := rtnl.Vlans(l.AFSpec)
		if err != nil || len(vs) == 0 {
			continue
		}
		ranges := vlanRanges(vs)
		if vid >= 0 {
			ranges = onlyVID(ranges, uint16(vid))
		}
		if len(ranges) == 0 {
			continue
		}
		if err := p.Print(&vlanView{name: l.Name, ranges: ranges}); err != nil {
			return err
		}
	}
	return p.Close()
}

// parseVlanFilter reads the filters of vlan show and tunnelshow: the
// index of a device (0 for all) and a vlan (-1 for all).
func parseVlanFilter(e *env.Env, args []string) (want int32, vid int, err error) {
	vid = -1
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		v, err := a.Value()
		if err != nil {
			return 0, 0, err
		}
		switch w {
		case "dev":
			l, err := env.LookupLink(e, v)
			if err != nil {
				return 0, 0, err
			}
			want = l.Index
		case "vid":
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return 0, 0, fail.Invalid("invalid VLAN ID", v)
			}
			vid = int(n)
		default:
			return 0, 0, garbage("vlan", w)
		}
	}
	return want, vid, nil
}

// vlanRange is a run of vlans with the same flags (first == last for
// one vlan).
type vlanRange struct {
	first, last uint16
	flags       uint16
}

// vlanRanges folds the kernel's begin/end entries into ranges.
func vlanRanges(vs []rtnl.VlanInfo) []vlanRange {
	var out []vlanRange
	for i := 0; i < len(vs); i++ {
		v := vs[i]
		if v.Flags&rtnl.VlanInfoRangeBegin != 0 && i+1 < len(vs) {
			out = append(out, vlanRange{v.VID, vs[i+1].VID, v.Flags &^ rtnl.VlanInfoRangeBegin})
			i++
			continue
		}
		out = append(out, vlanRange{v.VID, v.VID, v.Flags})
	}
	return out
}

// onlyVID keeps vid alone, with the flags of each range that holds it.
func onlyVID(ranges []vlanRange, vid uint16) []vlanRange {
	var keep []vlanRange
	for _, r := range ranges {
		if r.first <= vid && vid <= r.last {
			keep = append(keep, vlanRange{vid, vid, r.flags})
		}
	}
	return keep
}

// vlanFlagWords are the flags a vlan shows.
var vlanFlagWords = []struct {
	bit  uint16
	name string
}{{rtnl.VlanInfoPVID, "PVID"}, {rtnl.VlanInfoUntagged, "Egress Untagged"}}

// vlanView prints the vlans of one port as bridge's print_vlan does: the
// port's name on the first line only, a range per line.
type vlanView struct {
	name   string
	ranges []vlanRange
}

func (v *vlanView) Fields(f *format.Fields) {
	f.StringColor(format.ColorIfname, "ifname", "%-16s", v.name)
	f.OpenArray("vlans")
	for i, r := range v.ranges {
		if i > 0 {
			f.StringColor(format.ColorIfname, "", "%-16s", "")
		}
		f.Literal("  ")
		f.OpenElement()
		f.Uint("vlan", "%d", uint64(r.first))
		if r.last != r.first {
			f.Uint("vlanEnd", "-%d", uint64(r.last))
		}
		vlanFlagFields(f, r.flags)
		f.Close()
		f.Literal("\n")
	}
	f.CloseArray()
}

// vlanFlagFields prints a vlan's PVID and untagged flags, if it has any.
func vlanFlagFields(f *format.Fields, flags uint16) {
	if flags&(rtnl.VlanInfoPVID|rtnl.VlanInfoUntagged) == 0 {
		return
	}
	f.OpenArray("flags")
	for _, w := range vlanFlagWords {
		if flags&w.bit != 0 {
			f.Element(" %s", w.name)
		}
	}
	f.CloseArray()
}
