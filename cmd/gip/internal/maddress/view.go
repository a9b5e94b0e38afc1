package maddress

import (
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"golang.org/x/sys/unix"
)

// device is one device and its groups, as ip's print_mlist prints them:
// one record per device, or with -o one per group.
type device struct {
	index  int
	name   string
	groups []group
}

func (d *device) Fields(f *format.Fields) {
	f.Uint("ifindex", "%d:", uint64(d.index))
	f.StringColor(format.ColorIfname, "ifname", "\t%s", d.name)
	f.Line()
	f.OpenArray("maddr")
	for i := range d.groups {
		g := &d.groups[i]
		f.Literal("\t")
		f.OpenElement()
		if g.family == unix.AF_PACKET {
			f.Literal("link  ")
			f.StringColor(format.ColorMAC, "link", "%s", link.Hw(g.ll))
		} else {
			f.String("family", "%-5s ", grammar.FamilyWord(g.family))
			f.StringColor(link.AddrColor(g.family), "address", "%s", g.addr.String())
		}
		if g.users != 1 {
			f.Uint("users", " users %u", uint64(uint32(g.users)))
		}
		if g.static {
			f.String("features", " %s", "static")
		}
		f.Literal("\n")
		f.Close()
	}
	f.CloseArray()
}

// devices groups the list into records: a device's groups together, or
// with oneline each group alone.
func devices(gs []group, oneline bool) []*device {
	var out []*device
	for _, g := range gs {
		if n := len(out); n > 0 && !oneline && out[n-1].index == g.index {
			out[n-1].groups = append(out[n-1].groups, g)
			continue
		}
		out = append(out, &device{index: g.index, name: g.name, groups: []group{g}})
	}
	return out
}
