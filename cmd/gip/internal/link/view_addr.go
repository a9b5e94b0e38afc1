package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// addrView prints one address: inside its link's record for `ip addr
// show`, or as its own line with -o.
type AddrView struct {
	A      *rtnl.Addr
	Ifname string
	G      *env.Global
	Names  *env.Names
}

func AddrColor(family uint8) string {
	if family == unix.AF_INET6 {
		return format.ColorInet6
	}
	return format.ColorInet
}

func lft(v uint32) string {
	if v == rtnl.Forever {
		return "forever"
	}
	return strconv.FormatUint(uint64(v), 10) + "sec"
}

// hasPeer reports a point-to-point address: IFA_LOCAL and IFA_ADDRESS both
// present and different.
func (v *AddrView) peer() (string, bool) {
	a := v.A
	if a.Local.IsValid() && a.Address.IsValid() && a.Local != a.Address {
		return a.Address.String(), true
	}
	return "", false
}

// body appends "    inet A/P ... \n       valid_lft ...".
func (v *AddrView) body(t *format.Text) {
	a := v.A
	t.S("    ", rtnl.FamilyName(a.Family), " ")
	t.C(AddrColor(a.Family), a.LocalOrAddress().String())
	if p, ok := v.peer(); ok {
		t.S(" peer ").C(AddrColor(a.Family), p)
	}
	t.S("/", strconv.Itoa(int(a.PrefixLen)), " ")
	if a.Broadcast.IsValid() {
		t.S("brd ").C(AddrColor(a.Family), a.Broadcast.String()+" ")
	}
	if a.Anycast.IsValid() {
		t.S("any ").C(AddrColor(a.Family), a.Anycast.String()+" ")
	}
	if a.HasMetric {
		t.S("metric ", U32s(a.Metric), " ")
	}
	t.S("scope ", v.Names.Scope(a.Scope), " ")
	names, rest := rtnl.AddrFlagNames(a.Family, a.Flags)
	for _, n := range names {
		t.S(n, " ")
	}
	if rest != 0 {
		t.S("flags ", strconv.FormatUint(uint64(rest), 16), " ")
	}
	if a.Label != "" {
		t.S(a.Label)
	}
	if a.HasCacheInfo {
		t.Break()
		t.S("       valid_lft ", lft(a.Valid), " preferred_lft ", lft(a.Preferred))
	}
}

// Text is the -o layout: one line per address.
func (v *AddrView) Text(t *format.Text) {
	t.S(strconv.Itoa(int(v.A.Index)), ": ", v.Ifname)
	v.body(t)
	t.End()
}

func (v *AddrView) JSON(brief bool) *format.Obj {
	if brief {
		return v.briefJSON()
	}
	a := v.A
	o := &format.Obj{}
	o.Set("family", rtnl.FamilyName(a.Family))
	o.Set("local", a.LocalOrAddress().String())
	if p, ok := v.peer(); ok {
		o.Set("address", p)
	}
	o.Set("prefixlen", a.PrefixLen)
	if a.Broadcast.IsValid() {
		o.Set("broadcast", a.Broadcast.String())
	}
	if a.Anycast.IsValid() {
		o.Set("anycast", a.Anycast.String())
	}
	if a.HasMetric {
		o.Set("metric", a.Metric)
	}
	o.Set("scope", v.Names.Scope(a.Scope))
	names, rest := rtnl.AddrFlagNames(a.Family, a.Flags)
	for _, n := range names {
		o.Set(n, true)
	}
	if rest != 0 {
		o.Set("flags", rest)
	}
	if a.Label != "" {
		o.Set("label", a.Label)
	}
	if a.HasCacheInfo {
		o.Set("valid_life_time", a.Valid)
		o.Set("preferred_life_time", a.Preferred)
	}
	return o
}

func (v *AddrView) briefText(t *format.Text) {
	a := v.A
	t.C(AddrColor(a.Family), a.LocalOrAddress().String())
	if p, ok := v.peer(); ok {
		t.S(" peer ").C(AddrColor(a.Family), p)
	}
	t.S("/", strconv.Itoa(int(a.PrefixLen)), " ")
	if a.HasMetric {
		t.S("metric ", U32s(a.Metric), " ")
	}
}

func (v *AddrView) briefJSON() *format.Obj {
	a := v.A
	o := &format.Obj{}
	o.Set("local", a.LocalOrAddress().String())
	if p, ok := v.peer(); ok {
		o.Set("address", p)
	}
	o.Set("prefixlen", a.PrefixLen)
	if a.HasMetric {
		o.Set("metric", a.Metric)
	}
	return o
}

func (v *AddrView) TableHeader() []string {
	return []string{"index", "dev", "family", "address", "scope", "flags", "valid", "preferred"}
}

func (v *AddrView) TableRow() []string {
	a := v.A
	names, _ := rtnl.AddrFlagNames(a.Family, a.Flags)
	fl := ""
	for i, n := range names {
		if i > 0 {
			fl += ","
		}
		fl += n
	}
	return []string{strconv.Itoa(int(a.Index)), v.Ifname, rtnl.FamilyName(a.Family),
		a.LocalOrAddress().String() + "/" + strconv.Itoa(int(a.PrefixLen)), v.Names.Scope(a.Scope), fl,
		lft(a.Valid), lft(a.Preferred)}
}
