package link

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// AddrView prints one address: inside its link's record for `ip addr
// show`, or as its own line with -o.
type AddrView struct {
	A      *rtnl.Addr
	Ifname string
	G      *env.Global
	Names  *env.Names
}

// AddrColor is the colour of an address of family.
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

// peer is the remote end of a point-to-point address: IFA_LOCAL and
// IFA_ADDRESS both present and different.
func (v *AddrView) peer() (string, bool) {
	a := v.A
	if a.Local.IsValid() && a.Address.IsValid() && a.Local != a.Address {
		return a.Address.String(), true
	}
	return "", false
}

// prefix prints "A[ peer P]/LEN " and its JSON members.
func (v *AddrView) prefix(f *format.Fields) {
	a := v.A
	c := AddrColor(a.Family)
	f.StringColor(c, "local", "%s", a.LocalOrAddress().String())
	if p, ok := v.peer(); ok {
		f.Literal(" peer ")
		f.StringColor(c, "address", "%s", p)
	}
	f.Uint("prefixlen", "/%d ", uint64(a.PrefixLen))
}

// body prints "    inet A/P ... \n       valid_lft ..." and the JSON
// members of one address.
func (v *AddrView) body(f *format.Fields) {
	a := v.A
	c := AddrColor(a.Family)
	f.String("family", "    %s ", familyName(a.Family))
	v.prefix(f)
	if a.Broadcast.IsValid() {
		f.Literal("brd ")
		colored(f, c, "broadcast", a.Broadcast.String()+" ", a.Broadcast.String())
	}
	if a.Anycast.IsValid() {
		f.Literal("any ")
		colored(f, c, "anycast", a.Anycast.String()+" ", a.Anycast.String())
	}
	if a.HasMetric {
		f.Uint("metric", "metric %d ", uint64(a.Metric))
	}
	f.String("scope", "scope %s ", v.Names.Scope(a.Scope))
	names, rest := AddrFlagNames(a.Family, a.Flags)
	for _, n := range names {
		f.Bool(n, n+" ", true)
	}
	if rest != 0 {
		f.Uint("flags", "flags %x ", uint64(rest))
	}
	if a.Label != "" {
		f.String("label", "%s", a.Label)
	}
	if a.HasCacheInfo {
		f.Line()
		f.Literal("       valid_lft " + lft(a.Valid) + " preferred_lft " + lft(a.Preferred))
		f.Uint("valid_life_time", "", uint64(a.Valid))
		f.Uint("preferred_life_time", "", uint64(a.Preferred))
	}
}

// Fields prints the address as its own record: the -o line.
func (v *AddrView) Fields(f *format.Fields) {
	if f.Mode() == format.Brief {
		v.brief(f)
		return
	}
	f.Int("ifindex", "%d: ", int64(v.A.Index))
	f.String("dev", "%s", v.Ifname)
	v.body(f)
	f.Literal("\n")
}

// brief is the address in `ip -br addr`.
func (v *AddrView) brief(f *format.Fields) {
	v.prefix(f)
	if v.A.HasMetric {
		f.Uint("metric", "metric %d ", uint64(v.A.Metric))
	}
}

// TableHeader and TableRow lay the address out as a row of -table.
func (v *AddrView) TableHeader() []string {
	return []string{"index", "dev", "family", "address", "scope", "flags", "valid", "preferred"}
}

// TableRow is the address's row.
func (v *AddrView) TableRow() []string {
	a := v.A
	names, _ := AddrFlagNames(a.Family, a.Flags)
	return []string{strconv.Itoa(int(a.Index)), v.Ifname, familyName(a.Family),
		a.LocalOrAddress().String() + "/" + strconv.Itoa(int(a.PrefixLen)), v.Names.Scope(a.Scope),
		strings.Join(names, ","), lft(a.Valid), lft(a.Preferred)}
}

// EventFields prints the address as ip monitor does: "N: DEV" and the
// address's lines; in JSON the members of an element of `ip -j -o addr`'s
// addr_info (index, dev, then the address).
func (v *AddrView) EventFields(f *format.Fields) {
	if f.JSON() {
		f.Int("index", "", int64(v.A.Index))
		f.String("dev", "", v.Ifname)
	} else {
		f.Int("ifindex", "%d: ", int64(v.A.Index))
		f.String("dev", "%s", v.Ifname)
	}
	v.body(f)
	f.Literal("\n")
}
