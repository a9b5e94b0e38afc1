package mroute

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// view prints one entry as ip's print_mroute does.
type view struct {
	r        *rtnl.MRoute
	links    *env.Links
	names    *env.Names
	stats    bool // -s: counters and age
	details  bool // -d: the main table's name too
	filtered bool // a table was asked for: no table names
}

func (v *view) Fields(f *format.Fields) {
	r := v.r
	src, dst := addr(r.Src, r.RawSrc), addr(r.Dst, r.RawDst)
	if f.JSON() {
		f.String("src", "", src)
		f.String("dst", "", dst)
	} else {
		f.Literal(fmt.Sprintf("%-32s Iif: ", "("+src+","+dst+")"))
	}
	if r.IIF != 0 {
		f.StringColor(format.ColorIfname, "iif", "%-10s ", v.links.Name(r.IIF))
	} else {
		f.String("iif", "%s ", "unresolved")
	}
	if r.Oifs != nil {
		f.OpenArray("multipath")
		for i, o := range r.Oifs {
			f.OpenElement()
			if i == 0 {
				f.Literal("Oifs: ")
			}
			f.StringColor(format.ColorIfname, "oif", "%s", v.links.Name(o.IfIndex))
			if o.TTL > 1 {
				f.Uint("ttl", "(ttl %u) ", uint64(o.TTL))
			} else {
				f.Literal(" ")
			}
			f.Close()
		}
		f.CloseArray()
	}
	state := "resolved"
	if r.Flags&unix.RTNH_F_UNRESOLVED != 0 {
		state = "unresolved"
	}
	f.String("state", " State: %s", state)
	if r.Flags&unix.RTNH_F_OFFLOAD != 0 {
		f.Null("offload", " offload")
	}
	if v.stats && r.Stats != nil {
		f.Line()
		f.Uint("packets", "  %u packets,", r.Stats.Packets)
		f.Uint("bytes", " %u bytes", r.Stats.Bytes)
		if r.Stats.WrongIf != 0 {
			f.Uint("wrong_if", ", %u arrived on wrong iif.", r.Stats.WrongIf)
		}
	}
	if v.stats && r.Expires != nil {
		// ip counts the ticks in hundredths of a second.
		age := float64(*r.Expires*10000/1000000) + float64(*r.Expires*10000%1000000)/1e6
		if f.JSON() {
			f.Float("expires", "", age)
		} else {
			f.Literal(fmt.Sprintf(", Age %.2f", age))
		}
	}
	if r.Table != 0 && (r.Table != unix.RT_TABLE_MAIN || v.details) && !v.filtered {
		f.String("table", " Table: %s", string(v.names.AppendTable(nil, r.Table)))
	}
	f.Literal("\n")
}

// addr is an address as ip prints it, "unknown" when absent.
func addr(a netip.Addr, raw []byte) string {
	if a.IsValid() {
		return format.Addr(a)
	}
	if raw == nil {
		return "unknown"
	}
	return "???"
}
