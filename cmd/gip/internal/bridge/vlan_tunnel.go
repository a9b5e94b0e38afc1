package bridge

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// vlanIDWidth is the width of bridge's vlan-id column.
const vlanIDWidth = 9

// runVlanTunnelShow is bridge vlan tunnelshow: the tunnel ids the vlans
// of each port map to.
func runVlanTunnelShow(e *env.Env, args []string) error {
	want, vid, err := parseVlanFilter(e, args)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	p := e.Printer()
	p.Raw(fmt.Sprintf("%-16s  %-*s  tunnel-id\n", "port", vlanIDWidth, "vlan-id"))
	for l, err := range rtnl.Links(conn, unix.AF_BRIDGE, rtnl.ExtFilterBRVLAN) {
		if err != nil {
			return fail.Kernel(err)
		}
		if want != 0 && l.Index != want {
			continue
		}
		ts, err := rtnl.VlanTunnels(l.AFSpec)
		if err != nil {
			continue
		}
		maps := tunnelMaps(ts, max(vid, 0))
		if len(maps) == 0 {
			continue
		}
		if err := p.Print(&tunnelView{name: l.Name, maps: maps}); err != nil {
			return err
		}
	}
	return p.Close()
}

// tunnelMap is a run of vlans mapped to a run of tunnel ids (one of each
// when first == last).
type tunnelMap struct {
	vid, vidEnd uint16
	id, idEnd   uint32
}

// tunnelMaps folds the kernel's begin and end entries into runs. With a
// vlan to filter by (0: none) it keeps the run that holds it and stops
// at the first entry past it, as bridge does.
func tunnelMaps(ts []rtnl.VlanTunnel, vid int) []tunnelMap {
	var out []tunnelMap
	var start tunnelMap
	for _, t := range ts {
		end := t.Flags&rtnl.VlanInfoRangeEnd != 0
		if !end {
			start = tunnelMap{vid: t.VID, id: t.ID}
		}
		if vid > 0 {
			if int(t.VID) > vid && !end {
				break
			}
			if t.Flags&rtnl.VlanInfoRangeBegin != 0 || int(t.VID) < vid {
				continue
			}
		} else if t.Flags&rtnl.VlanInfoRangeBegin != 0 {
			continue
		}
		out = append(out, tunnelMap{vid: start.vid, vidEnd: t.VID, id: start.id, idEnd: t.ID})
	}
	return out
}

// tunnelView prints one port's tunnel maps as bridge's
// print_vlan_tunnel_info does.
type tunnelView struct {
	name string
	maps []tunnelMap
}

func (v *tunnelView) Fields(f *format.Fields) {
	f.StringColor(format.ColorIfname, "ifname", "%-16s", v.name)
	f.OpenArray("tunnels")
	for i, m := range v.maps {
		if i > 0 {
			f.StringColor(format.ColorIfname, "", "%-16s", "")
		}
		f.Literal("  ")
		f.OpenElement()
		vids := fmt.Sprint(m.vid)
		f.Uint("vlan", "%d", uint64(m.vid))
		if m.vidEnd != m.vid {
			f.Uint("vlanEnd", "-%d", uint64(m.vidEnd))
			vids += fmt.Sprintf("-%d", m.vidEnd)
		}
		f.Literal(strings.Repeat(" ", max(vlanIDWidth-len(vids), 0)) + "  ")
		f.Uint("tunid", "%d", uint64(m.id))
		if m.idEnd != m.id {
			f.Uint("tunidEnd", "-%d", uint64(m.idEnd))
		}
		f.Close()
		f.Literal("\n")
	}
	f.CloseArray()
}
