package bridge

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// mdbView holds what a listing of memberships prints: the entries, the
// router ports and how (-d, -s).
type mdbView struct {
	links   *env.Links
	names   *env.Names
	details bool
	stats   bool
	entries []rtnl.MDBEntry
	routers []rtnl.MDBRouterPort
}

func newMdbView(e *env.Env) *mdbView {
	return &mdbView{links: e.Links(), names: e.Names(), details: e.G.Details > 0, stats: e.G.Stats > 0}
}

// runMdbShow lists the memberships (and, with -d, the router ports) of
// every bridge or of one, as bridge mdb show does: in JSON one object
// {"mdb": [...], "router": {BRIDGE: [...]}}.
func runMdbShow(e *env.Env, args []string) error {
	w, err := parseMdbWords(args, "dev", "vid")
	if err != nil {
		return err
	}
	var bridge int32
	if w.dev != "" {
		if bridge, err = e.Links().Index(w.dev); err != nil {
			return err
		}
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	v := newMdbView(e)
	for m, err := range rtnl.MDBs(conn) {
		if err != nil {
			return fail.DumpError(err, "Dump terminated")
		}
		if bridge != 0 && m.Bridge != bridge {
			continue
		}
		for _, x := range m.Entries {
			if w.vid == 0 || x.VID == w.vid {
				v.entries = append(v.entries, x)
			}
		}
		v.routers = append(v.routers, m.Routers...)
	}
	p := e.Printer()
	if err := p.Print(v); err != nil {
		return err
	}
	return p.Close()
}

// Fields prints the listing: the entries, then the router ports, which
// text shows only with -d.
func (v *mdbView) Fields(f *format.Fields) {
	f.OpenArray("mdb")
	for i := range v.entries {
		f.OpenElement()
		(&mdbEntryView{v: v, e: &v.entries[i]}).Fields(f)
		f.Close()
	}
	f.CloseArray()
	f.Open("router")
	if v.details {
		v.routerFields(f)
	}
	f.Close()
}

// routerFields prints the router ports, bridge by bridge: in text a line
// per bridge ("router ports on br0: p1 p2"), with -s a line per port
// with its timer and type.
func (v *mdbView) routerFields(f *format.Fields) {
	for i := 0; i < len(v.routers); {
		bridge := v.routers[i].Bridge
		name := v.links.Name(bridge)
		j := i
		for j < len(v.routers) && v.routers[j].Bridge == bridge {
			j++
		}
		f.OpenArray(name)
		if !v.stats {
			f.Literal("router ports on " + name + ": ")
		}
		for _, r := range v.routers[i:j] {
			port := v.links.Name(r.Port)
			f.OpenElement()
			if v.stats {
				f.Literal("router ports on " + name + ": ")
				f.String("port", "%s", port)
				routerPortStats(f, r)
				f.Literal("\n")
			} else {
				f.String("port", "%s ", port)
			}
			f.Close()
		}
		if !v.stats {
			f.Literal("\n")
		}
		f.CloseArray()
		i = j
	}
}

// mdbEntryView is one membership.
type mdbEntryView struct {
	v *mdbView
	e *rtnl.MDBEntry
}

func (m *mdbEntryView) Fields(f *format.Fields) {
	v, e := m.v, m.e
	f.Int("index", "", int64(e.Bridge))
	f.StringColor(format.ColorIfname, "dev", "dev %s", v.links.Name(e.Bridge))
	f.String("port", " port %s", v.links.Name(e.Port))
	f.StringColor(addrColor(e.Group.Addr.Is6(), e.Group.Addr.IsValid()), "grp", " grp %s", e.Group.String())
	if e.Source.IsValid() {
		f.StringColor(addrColor(e.Source.Is6(), true), "src", " src %s", e.Source.String())
	}
	state := "temp"
	if e.State&rtnl.MDBPermanent != 0 {
		state = "permanent"
	}
	f.String("state", " %s", state)
	if v.details {
		if e.HasGroupMode {
			mode := "exclude"
			if e.GroupMode == 1 {
				mode = "include"
			}
			f.String("filter_mode", " filter_mode %s", mode)
		}
		if e.Sources != nil {
			f.Literal(" source_list")
			f.OpenArray("source_list")
			for i, s := range e.Sources {
				f.OpenElement()
				if i == 0 {
					f.Literal(" ")
				} else {
					f.Literal(",")
				}
				f.StringColor(addrColor(s.Addr.Is6(), true), "address", "%s", s.Addr.String())
				f.String("timer", "/%s", mdbTimer(s.Timer, false))
				f.Close()
			}
			f.CloseArray()
		}
		if e.HasProtocol {
			f.Bytes("protocol", " proto %s ", v.names.AppendProto(nil, e.Protocol))
		}
	}
	f.OpenArray("flags")
	for _, fl := range []struct {
		bit  uint8
		name string
	}{{rtnl.MDBFlagOffload, "offload"}, {rtnl.MDBFlagFastLeave, "fast_leave"}, {rtnl.MDBFlagStarExcl, "added_by_star_ex"}, {rtnl.MDBFlagBlocked, "blocked"}} {
		if e.Flags&fl.bit != 0 {
			f.Element(" %s", fl.name)
		}
	}
	f.CloseArray()
	if e.VID != 0 {
		f.Uint("vid", " vid %d", uint64(e.VID))
	}
	if v.stats && e.HasTimer {
		f.String("timer", " %s", mdbTimer(e.Timer, true))
	}
	f.Line()
}

// addrColor is the colour of an address of a family, none for a
// link-layer group.
func addrColor(is6, isIP bool) string {
	switch {
	case !isIP:
		return ""
	case is6:
		return format.ColorInet6
	}
	return format.ColorInet
}

// mdbTimer prints hundredths of a second as bridge does: "%4d.%02d"
// aligned, "%d.%02d" otherwise.
func mdbTimer(t uint32, align bool) string {
	s := strconv.FormatUint(uint64(t/100), 10)
	if align && len(s) < 4 {
		s = "    "[len(s):] + s
	}
	c := t % 100
	return s + "." + string([]byte{'0' + byte(c/10), '0' + byte(c%10)})
}
