package neigh

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// view prints one neighbour entry as ip's print_neigh does.
type view struct {
	n       *rtnl.Neigh
	dev     string
	showDev bool // print "dev NAME" (not when the show selected a device)
	stats   bool // -s: reference count, timers and probes
}

// flagWords are the NTF_* flags a neighbour line shows, in ip's order;
// in JSON each is a key with a null value.
var flagWords = []struct {
	bit  uint8
	name string
}{
	{unix.NTF_ROUTER, "router"},
	{unix.NTF_PROXY, "proxy"},
	{unix.NTF_EXT_LEARNED, "extern_learn"},
	{unix.NTF_OFFLOADED, "offload"},
}

func (v *view) Fields(f *format.Fields) {
	n := v.n
	if f.Mode() == format.Brief {
		v.brief(f)
		return
	}
	if n.Dst.IsValid() {
		f.StringColor(link.AddrColor(n.Family), "dst", "%s ", n.Dst.String())
	}
	if v.showDev {
		f.Literal("dev ")
		f.StringColor(format.ColorIfname, "dev", "%s ", v.dev)
	}
	if n.HasLL {
		f.Literal("lladdr ")
		f.StringColor(format.ColorMAC, "lladdr", "%s ", link.Hw(n.LLAddr))
	}
	for _, w := range flagWords {
		if n.Flags&w.bit != 0 {
			f.Null(w.name, w.name+" ")
		}
	}
	if v.stats {
		v.cacheInfo(f)
	}
	if states := NUDNames(n.State); len(states) > 0 {
		f.OpenArray("state")
		for _, s := range states {
			f.Element("%s ", s)
		}
		f.CloseArray()
	}
	f.Literal("\n")
}

// cacheInfo prints what -s adds: the reference count, the timers in
// seconds and the probes, with ip's spacing ("used 1/2/3probes 0").
func (v *view) cacheInfo(f *format.Fields) {
	n := v.n
	if n.HasCacheInfo {
		if n.RefCount != 0 {
			f.Uint("refcnt", " ref %d", uint64(n.RefCount))
		}
		f.Uint("used", " used %d", uint64(n.Used/100))
		f.Uint("confirmed", "/%d", uint64(n.Confirmed/100))
		f.Uint("updated", "/%d", uint64(n.Updated/100))
	}
	if n.HasProbe {
		f.Uint("probes", "probes %d ", uint64(n.Probes))
	}
}

// brief is the -br line: address, device and link-layer address in
// columns; JSON always names the device.
func (v *view) brief(f *format.Fields) {
	n := v.n
	if n.Dst.IsValid() {
		f.StringColor(link.AddrColor(n.Family), "dst", "%-39s ", n.Dst.String())
	}
	f.StringColor(format.ColorIfname, "dev", "%-16s ", v.dev)
	if n.HasLL {
		f.StringColor(format.ColorMAC, "lladdr", "%s", link.Hw(n.LLAddr))
	}
	f.Literal("\n")
}

func (v *view) TableHeader() []string {
	return []string{"dst", "dev", "lladdr", "flags", "state"}
}

func (v *view) TableRow() []string {
	n := v.n
	ll := ""
	if n.HasLL {
		ll = link.Hw(n.LLAddr)
	}
	var flags []string
	for _, w := range flagWords[:3] {
		if n.Flags&w.bit != 0 {
			flags = append(flags, w.name)
		}
	}
	return []string{n.Dst.String(), v.dev, ll, strings.Join(flags, ","), strings.Join(NUDNames(n.State), ",")}
}
