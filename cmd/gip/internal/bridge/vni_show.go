package bridge

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// runVniShow is bridge vni show: a device's vnis, each with its group or
// remote, and with -s its counters.
func runVniShow(e *env.Env, args []string) error {
	var dev string
	a := grammar.NewArgs(args)
	for a.More() {
		if a.Next() != "dev" {
			continue
		}
		v, err := a.Value()
		if err != nil {
			return err
		}
		if dev != "" {
			return fail.Duplicate("dev", v)
		}
		dev = v
	}
	var index int32
	if dev != "" {
		l, err := env.LookupLink(e, dev)
		if err != nil {
			return err
		}
		index = l.Index
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	p := e.Printer()
	p.Raw(fmt.Sprintf("%-16s  %-15s  %-15s\n", "dev", "vni", "group/remote"))
	var views []*vniView
	for m, err := range rtnl.VNIs(conn, index, e.G.Stats > 0) {
		if err != nil {
			p.Close()
			return &statusError{fail.DumpError(err, "Dump ternminated"), 1}
		}
		if index == 0 || m.Index == index {
			views = append(views, &vniView{index: m.Index, entries: m.Entries})
		}
	}
	// Names are looked up once the dump is over: the lookup talks to
	// the kernel on the same socket.
	links := e.Links()
	for _, v := range views {
		v.name = links.Name(v.index)
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}

// vniView prints one device's vnis as bridge's print_vnifilter_rtm does,
// the empty line after each device included.
type vniView struct {
	index   int32
	name    string
	entries []rtnl.VNIEntry
}

func (v *vniView) Fields(f *format.Fields) {
	f.StringColor(format.ColorIfname, "ifname", "%-16s  ", v.name)
	f.OpenArray("vnis")
	for i, x := range v.entries {
		if i > 0 {
			f.Literal(fmt.Sprintf("%-16s  ", ""))
		}
		f.OpenElement()
		if x.End != 0 {
			f.Uint("vni", " %d", uint64(x.Start))
			f.Uint("vniEnd", "-%-14d ", uint64(x.End))
		} else {
			f.Uint("vni", " %-14d", uint64(x.Start))
		}
		if g := x.Group; g.IsValid() && !g.IsUnspecified() {
			key := "remote"
			if g.IsMulticast() {
				key = "group"
			}
			f.String(key, " %s", g.String())
		}
		if s := x.Stats; s != nil {
			vniStatsFields(f, s)
		}
		f.Close()
		f.Literal("\n")
	}
	f.CloseArray()
	f.Literal("\n")
}

// vniStatsFields prints a vni's counters: a line for rx, one for tx.
func vniStatsFields(f *format.Fields, s *rtnl.VNIStats) {
	indent := fmt.Sprintf("\n%-16s   ", "")
	f.Open("stats")
	f.Literal(indent + "RX: ")
	f.Uint("rx_bytes", "bytes %d ", s.RxBytes)
	f.Uint("rx_pkts", "pkts %d ", s.RxPkts)
	f.Uint("rx_drops", "drops %d ", s.RxDrops)
	f.Uint("rx_errors", "errors %d ", s.RxErrors)
	f.Literal(indent + "TX: ")
	f.Uint("tx_bytes", "bytes %d ", s.TxBytes)
	f.Uint("tx_pkts", "pkts %d ", s.TxPkts)
	f.Uint("tx_drops", "drops %d ", s.TxDrops)
	f.Uint("tx_errors", "errors %d ", s.TxErrors)
	f.Close()
}
