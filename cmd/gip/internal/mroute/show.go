package mroute

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// filter is what show keeps.
type filter struct {
	family   uint8
	table    uint32 // 0: every table
	iif      int32
	dst, src grammar.Prefix
}

// keeps reports whether an entry passes the filter. ip's address
// selectors read prefixes of the multicast family, so only "all", "any"
// and "default" (which select everything) get through its grammar.
func (f *filter) keeps(r *rtnl.MRoute) bool {
	if f.table != 0 && r.Table != f.table {
		return false
	}
	if f.iif != 0 && r.IIF != f.iif {
		return false
	}
	return r.Family == f.family && matches(f.dst, r.Dst) && matches(f.src, r.Src)
}

func matches(p grammar.Prefix, a netip.Addr) bool {
	return p.Bits <= 0 || !a.IsValid() || p.Contains(a)
}

// runShow reads ip's words: table, iif, from, [ to ] PREFIX. A family
// without multicast routing lists nothing (-j: an empty list).
func runShow(e *env.Env, args []string) error {
	f := filter{table: unix.RT_TABLE_DEFAULT, family: rtnl.FamilyIPMR}
	switch e.G.Family {
	case unix.AF_UNSPEC, unix.AF_INET:
	case unix.AF_INET6:
		f.family, f.table = rtnl.FamilyIP6MR, 0
	default:
		// ip prints nothing here, not even with -j: gip's JSON is an
		// empty list.
		return e.Printer().Close()
	}
	var iif string
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "table"):
			v, err := a.Value()
			if err != nil {
				return err
			}
			id, ok := e.Names().ParseTable(v)
			switch {
			case ok:
				f.table = id
			case v == "all":
				f.table = 0
			case v == "help":
				return fail.Usagef("%s", usageText())
			default:
				return fail.Invalid("table id value is invalid\n", v)
			}
		case w == "iif":
			v, err := a.Value()
			if err != nil {
				return err
			}
			iif = v
		case grammar.Matches(w, "from"):
			v, err := a.Value()
			if err != nil {
				return err
			}
			if f.src, err = grammar.ParsePrefix(v, f.family); err != nil {
				return err
			}
		default:
			if w == "to" {
				v, err := a.Value()
				if err != nil {
					return err
				}
				w = v
			}
			if grammar.Matches(w, "help") {
				return fail.Usagef("%s", usageText())
			}
			p, err := grammar.ParsePrefix(w, f.family)
			if err != nil {
				return err
			}
			f.dst = p
		}
	}
	if iif != "" {
		i, err := e.Links().Index(iif)
		if err != nil || i == 0 {
			return fail.NoDevice(iif)
		}
		f.iif = i
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	// Entries are held until the dump ends: naming their devices asks
	// the kernel, which must not happen in the middle of a dump.
	var routes []*rtnl.MRoute
	p := e.Printer()
	for r, err := range rtnl.MRoutes(conn, f.family, f.table) {
		if err != nil {
			// ip ends its JSON (an empty list) before it reports.
			if cerr := p.Close(); cerr != nil {
				return cerr
			}
			return fail.AsFatal(fail.Terminated(err, fail.ExitLocal, "Dump terminated"))
		}
		if r.Type != unix.RTN_MULTICAST {
			return fail.Fatal(fail.ExitLocal, "Non multicast route received, kernel does support IP multicast?\nDump terminated")
		}
		if f.keeps(r) {
			routes = append(routes, r)
		}
	}
	for _, r := range routes {
		v := &view{r: r, links: e.Links(), names: e.Names(), stats: e.G.Stats > 0, details: e.G.Details > 0, filtered: f.table != 0}
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}
