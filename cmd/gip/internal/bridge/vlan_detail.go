package bridge

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// runVlanDetailShow is bridge -d vlan show: the vlan database's entries
// of each port, ranges folded by the kernel, with their STP state,
// multicast router setting and, with -s, counters.
func runVlanDetailShow(e *env.Env, want int32, vid int) error {
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	var flags uint32
	if e.G.Stats > 0 {
		flags = rtnl.VlanDBDumpStats
	}
	p := e.Printer()
	p.Raw(fmt.Sprintf("%-16s  %-*s\n", "port", vlanIDWidth, "vlan-id"))
	var views []*vlanDetailView
	for m, err := range rtnl.VlanDB(conn, flags) {
		if err != nil {
			p.Close()
			return &statusError{fail.DumpError(err, "Dump terminated"), 1}
		}
		if want != 0 && m.Index != want {
			continue
		}
		var es []rtnl.VlanEntry
		for _, x := range m.Entries {
			if vid <= 0 || int(x.VID) <= vid && vid <= int(x.VIDEnd) {
				es = append(es, x)
			}
		}
		if n := len(views); n > 0 && views[n-1].index == m.Index {
			views[n-1].entries = append(views[n-1].entries, es...)
		} else if len(es) > 0 {
			views = append(views, &vlanDetailView{index: m.Index, entries: es})
		}
	}
	links := e.Links()
	for _, v := range views {
		v.name = links.Name(v.index)
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}

// vlanDetailView prints one port's entries as bridge's print_vlan_opts
// does.
type vlanDetailView struct {
	index   int32
	name    string
	entries []rtnl.VlanEntry
}

func (v *vlanDetailView) Fields(f *format.Fields) {
	indent := fmt.Sprintf("%-16s    ", "")
	f.StringColor(format.ColorIfname, "ifname", "%-16s  ", v.name)
	f.OpenArray("vlans")
	for i, x := range v.entries {
		if i > 0 {
			f.Literal(fmt.Sprintf("%-16s  ", ""))
		}
		f.OpenElement()
		f.Uint("vlan", "%d", uint64(x.VID))
		if x.VIDEnd != x.VID {
			f.Uint("vlanEnd", "-%d", uint64(x.VIDEnd))
		}
		vlanFlagFields(f, x.Flags)
		f.Literal("\n" + indent)
		if int(x.State) < len(stpStates) {
			f.String("state", "state %s ", stpStates[x.State])
		} else {
			f.Uint("state", "state (%d) ", uint64(x.State))
		}
		if x.HasMcastRouter {
			f.Uint("mcast_router", "mcast_router %d ", uint64(x.McastRouter))
		}
		f.Literal("\n")
		if s := x.Stats; s != nil {
			f.Literal(indent)
			f.Uint("rx_bytes", "RX: %d bytes", s[0])
			f.Uint("rx_packets", " %d packets\n", s[1])
			f.Literal(indent)
			f.Uint("tx_bytes", "TX: %d bytes", s[2])
			f.Uint("tx_packets", " %d packets\n", s[3])
		}
		f.Close()
	}
	f.CloseArray()
}
