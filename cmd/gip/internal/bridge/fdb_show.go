package bridge

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// fdbFilter is what fdb show selects: the dump's kernel-side filters and
// the tests bridge applies to each entry.
type fdbFilter struct {
	dump  rtnl.NeighDump
	vlan  int    // -1: any
	state uint16 // 0: any
}

// parseFdbState reads a word "state" takes. A switch rather than a map, which
// package initialisation would fill at every start-up.
func parseFdbState(w string) (uint16, bool) {
	switch w {
	case "permanent", "local":
		return unix.NUD_PERMANENT, true
	case "static", "temp":
		return unix.NUD_NOARP, true
	case "dynamic":
		return unix.NUD_REACHABLE, true
	}
	return 0, false
}

// parseFdbFilter reads the selectors of fdb show; the devices it names
// must exist now.
func parseFdbFilter(e *env.Env, args []string) (*fdbFilter, error) {
	f := &fdbFilter{dump: rtnl.NeighDump{Family: unix.AF_BRIDGE}, vlan: -1}
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		v, err := a.Value()
		if err != nil {
			return nil, err
		}
		switch w {
		case "br", "brport", "dev":
			l, err := env.LookupLink(e, v)
			if err != nil {
				return nil, err
			}
			if w == "br" {
				f.dump.Master = l.Index
			} else {
				f.dump.Index = l.Index
			}
		case "vlan":
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return nil, fail.Invalid("invalid VLAN ID", v)
			}
			f.vlan = int(n)
		case "state":
			st, ok := parseFdbState(v)
			if !ok {
				n, err := strconv.ParseUint(v, 0, 16)
				if err != nil {
					return nil, fail.Invalid("invalid state", v)
				}
				st = uint16(n)
			}
			f.state = st
		default:
			return nil, garbage("fdb", w)
		}
	}
	return f, nil
}

// match reports whether the filter selects n.
func (f *fdbFilter) match(n *rtnl.Neigh) bool {
	return n.Family == unix.AF_BRIDGE &&
		(f.dump.Index == 0 || n.Index == f.dump.Index) &&
		(f.vlan < 0 || n.HasVLAN && int(n.VLAN) == f.vlan) &&
		(f.state == 0 || n.State&f.state != 0)
}

func runFdbShow(e *env.Env, args []string) error {
	f, err := parseFdbFilter(e, args)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	var entries []*rtnl.Neigh
	for n, err := range rtnl.Neighs(conn, f.dump) {
		if err != nil {
			return fail.Kernel(err)
		}
		if f.match(n) {
			entries = append(entries, n)
		}
	}
	links := e.Links()
	p := e.Printer()
	for _, n := range entries {
		v := &fdbView{n: n, dev: links.Name(n.Index), showDev: f.dump.Index == 0, stats: e.G.Stats > 0}
		if n.Master != 0 {
			v.master = links.Name(n.Master)
		}
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}

// fdbView prints one forwarding entry as bridge's print_fdb does.
type fdbView struct {
	n       *rtnl.Neigh
	dev     string
	master  string // "" when the entry has none
	showDev bool   // print the device (not when the show selected one)
	stats   bool   // -s: the timers
}

// fdbFlagWords are the NTF_* flags an entry shows, in bridge's order.
var fdbFlagWords = []struct {
	bit  uint8
	name string
}{
	{unix.NTF_SELF, "self"}, {unix.NTF_ROUTER, "router"}, {unix.NTF_EXT_LEARNED, "extern_learn"},
	{unix.NTF_OFFLOADED, "offload"}, {unix.NTF_MASTER, "master"}, {ntfSticky, "sticky"},
}

// ntfExtLocked is NTF_EXT_LOCKED, a bit of NDA_FLAGS_EXT.
const ntfExtLocked = 1

func (v *fdbView) Fields(f *format.Fields) {
	n := v.n
	if n.HasLL {
		f.StringColor(format.ColorMAC, "mac", "%s ", link.Hw(n.LLAddr))
	}
	if v.showDev {
		f.Literal("dev ")
		f.StringColor(format.ColorIfname, "ifname", "%s ", v.dev)
	}
	if n.Dst.IsValid() {
		f.Literal("dst ")
		f.StringColor(link.AddrColor(n.Family), "dst", "%s ", n.Dst.String())
	}
	if n.HasVLAN {
		f.Uint("vlan", "vlan %d ", uint64(n.VLAN))
	}
	if n.Port != 0 {
		f.Uint("port", "port %d ", uint64(n.Port))
	}
	if n.HasVNI {
		f.Uint("vni", "vni %d ", uint64(n.VNI))
	}
	if v.stats && n.HasCacheInfo {
		f.Uint("used", "used %d", uint64(n.Used/100))
		f.Uint("updated", "/%d ", uint64(n.Updated/100))
	}
	f.OpenArray("flags")
	for _, w := range fdbFlagWords {
		if n.Flags&w.bit != 0 {
			f.Element("%s ", w.name)
		}
	}
	if n.FlagsExt&ntfExtLocked != 0 {
		f.Element("%s ", "locked")
	}
	f.CloseArray()
	if v.master != "" {
		f.String("master", "master %s ", v.master)
	}
	f.String("state", "%s", fdbState(n.State))
	f.Literal("\n")
}

// fdbState names an entry's state as bridge does: "" for a dynamic one.
func fdbState(s uint16) string {
	switch {
	case s&unix.NUD_PERMANENT != 0:
		return "permanent"
	case s&unix.NUD_NOARP != 0:
		return "static"
	case s&unix.NUD_STALE != 0:
		return "stale"
	case s&unix.NUD_REACHABLE != 0:
		return ""
	}
	return "0x" + strconv.FormatUint(uint64(s), 16)
}
