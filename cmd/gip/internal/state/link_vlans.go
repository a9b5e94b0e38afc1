package state

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Bridge vlans: the vlans a bridge port filters (bridge vlan ... dev
// PORT) and the bridge's own (... dev BRIDGE self), as the link's
// "vlans" list. Each entry is "VID[-VID] [pvid] [untagged]"; the list is
// the device's whole set: a file that gives it gets exactly those vlans,
// "vlans: []" none. A document writes the entries in vid order,
// consecutive vids with the same flags as one range, and leaves out the
// set the kernel gives a new port or bridge ("1 pvid untagged", with the
// bridge's default vlan_default_pvid). A kernel without bridge vlans
// (no vlan_default_pvid in a bridge's details) has no such field.

// vlanEntryForm is how an entry of a vlans list is written.
const vlanEntryForm = "VID[-VID] [pvid] [untagged]"

// defaultVlans is the set the kernel gives a new port or bridge.
const defaultVlans = "1 pvid untagged"

// maxVID is the highest vlan id a bridge takes.
const maxVID = 4094

// vlanSet is a device's vlans: each vlan id with its flags (pvid,
// untagged).
type vlanSet map[uint16]uint16

// parseVlans reads a vlans list, as a file or canonVlans writes it.
func parseVlans(l []string) (vlanSet, error) {
	s := vlanSet{}
	var pvid uint16
	for _, e := range l {
		w := strings.Fields(e)
		if len(w) == 0 {
			return nil, fmt.Errorf("%q is not a vlan (%s)", e, vlanEntryForm)
		}
		first, last, err := parseVIDRange(w[0])
		if err != nil {
			return nil, err
		}
		var flags uint16
		for _, x := range w[1:] {
			var bit uint16
			switch x {
			case "pvid":
				bit = rtnl.VlanInfoPVID
			case "untagged":
				bit = rtnl.VlanInfoUntagged
			default:
				return nil, fmt.Errorf("%q is not a vlan (%s)", e, vlanEntryForm)
			}
			if flags&bit != 0 {
				return nil, fmt.Errorf("%q says %s twice", e, x)
			}
			flags |= bit
		}
		if flags&rtnl.VlanInfoPVID != 0 {
			switch {
			case first != last:
				return nil, fmt.Errorf("%q: a range of vlans cannot be the pvid", e)
			case pvid != 0:
				return nil, fmt.Errorf("two pvids (%d and %d)", pvid, first)
			}
			pvid = first
		}
		for v := int(first); v <= int(last); v++ {
			if _, dup := s[uint16(v)]; dup {
				return nil, fmt.Errorf("vlan %d given twice", v)
			}
			s[uint16(v)] = flags
		}
	}
	return s, nil
}

// parseVIDRange reads "VID" or "VID-VID", ids 1 to 4094, the first not
// above the last.
func parseVIDRange(v string) (first, last uint16, err error) {
	lo, hi, isRange := strings.Cut(v, "-")
	id := func(s string) (uint16, error) {
		n, err := strconv.ParseUint(s, 10, 16)
		if err != nil || n == 0 || n > maxVID {
			return 0, fmt.Errorf("%q is not a vlan id (1-%d)", s, maxVID)
		}
		return uint16(n), nil
	}
	if first, err = id(lo); err != nil {
		return 0, 0, err
	}
	last = first
	if isRange {
		if last, err = id(hi); err != nil {
			return 0, 0, err
		}
		if last < first {
			return 0, 0, fmt.Errorf("%q: the range ends below its start", v)
		}
	}
	return first, last, nil
}

// canonVlans is a file's vlans list in the form a document writes it.
// An empty list stays one (a device without vlans).
func canonVlans(l []string) ([]string, error) {
	s, err := parseVlans(l)
	if err != nil {
		return nil, err
	}
	return s.entries(), nil
}

// vlanRun is consecutive vlan ids with the same flags.
type vlanRun struct {
	first, last, flags uint16
}

// runs are the vids of s in order, consecutive vids with the same flags
// as one run (a pvid always alone).
func (s vlanSet) runs() []vlanRun {
	vids := make([]uint16, 0, len(s))
	for v := range s {
		vids = append(vids, v)
	}
	slices.Sort(vids)
	var out []vlanRun
	for _, v := range vids {
		f := s[v]
		if n := len(out); n > 0 && out[n-1].last+1 == v && out[n-1].flags == f && f&rtnl.VlanInfoPVID == 0 {
			out[n-1].last = v
			continue
		}
		out = append(out, vlanRun{v, v, f})
	}
	return out
}

// words are the run as bridge vlan add takes it after vid.
func (r vlanRun) words() []string {
	w := []string{strconv.Itoa(int(r.first))}
	if r.last != r.first {
		w[0] += "-" + strconv.Itoa(int(r.last))
	}
	if r.flags&rtnl.VlanInfoPVID != 0 {
		w = append(w, "pvid")
	}
	if r.flags&rtnl.VlanInfoUntagged != 0 {
		w = append(w, "untagged")
	}
	return w
}

// entries is s as a vlans list (never nil).
func (s vlanSet) entries() []string {
	out := []string{}
	for _, r := range s.runs() {
		out = append(out, strings.Join(r.words(), " "))
	}
	return out
}

// vlanLines are the bridge vlan lines that give the device dev the
// vlans want: have is what it has, nil when unknown (a link made or
// joined to a bridge by the plan, which gets the kernel's default), in
// which case every vlan want does not name is deleted. The lines run
// once every link's settings are made (a bridge's vlan_default_pvid
// moves its ports' pvid).
func vlanLines(dev string, self bool, have, want vlanSet) []line {
	var lines []line
	add := func(verb string, r vlanRun) {
		w := append([]string{"bridge", "vlan", verb, "dev", dev, "vid"}, r.words()...)
		if self {
			w = append(w, "self")
		}
		lines = append(lines, line{words: w, late: true})
	}
	gone := vlanSet{}
	if have == nil {
		for v := uint16(1); v <= maxVID; v++ {
			if _, ok := want[v]; !ok {
				gone[v] = 0
			}
		}
	}
	for v := range have {
		if _, ok := want[v]; !ok {
			gone[v] = 0
		}
	}
	for _, r := range gone.runs() {
		add("del", r)
	}
	news := vlanSet{}
	for v, f := range want {
		if g, ok := have[v]; !ok || g != f {
			news[v] = f
		}
	}
	for _, r := range news.runs() {
		add("add", r)
	}
	return lines
}

// linkVlanLines are the lines that give link o the vlans want says, o
// being what the link is after the plan (its kind) and cur what it was
// (nil for a link the plan makes); none when want gives no vlans.
func linkVlanLines(cur, o, want *Item) []line {
	l, ok := want.Lists["vlans"]
	if !ok {
		return nil
	}
	ws, err := parseVlans(l)
	if err != nil {
		return nil // a file's list is checked when read, the kernel's is canonical
	}
	var have vlanSet
	if cur != nil && cur.Get("master") == o.Get("master") {
		if cl, ok := cur.Lists["vlans"]; ok {
			if have, err = parseVlans(cl); err != nil {
				have = nil
			}
		}
	}
	return vlanLines(o.Get("name"), o.Get("kind") == "bridge", have, ws)
}

// hasVlans says whether link o can have vlans: a bridge, or a port of a
// master (which must be a bridge: the kernel refuses others).
func hasVlans(o *Item) bool { return o.Get("kind") == "bridge" || o.Get("master") != "" }

// readVlans sets the vlans of the bridges and bridge ports among links
// (views by ip -d -j link show), when the kernel has bridge vlans.
func readVlans(r *reader, views []view, byName map[string]*Item) error {
	bridges := map[string]bool{} // those with vlans
	for _, v := range views {
		info := v.obj("linkinfo")
		if info.str("info_kind") == "bridge" && info.obj("info_data").has("vlan_default_pvid") {
			bridges[v.str("ifname")] = true
		}
	}
	if len(bridges) == 0 {
		return nil
	}
	dump, err := r.show(0, false, "bridge", "vlan", "show")
	if err != nil {
		return err
	}
	sets := map[string]vlanSet{}
	for _, d := range dump {
		s := vlanSet{}
		for _, x := range d.list("vlans") {
			first, err := strconv.ParseUint(x.str("vlan"), 10, 16)
			if err != nil {
				continue
			}
			last := first
			if x.has("vlanEnd") {
				if last, err = strconv.ParseUint(x.str("vlanEnd"), 10, 16); err != nil {
					continue
				}
			}
			var flags uint16
			if x.flagged("flags", "PVID") {
				flags |= rtnl.VlanInfoPVID
			}
			if x.flagged("flags", "Egress Untagged") {
				flags |= rtnl.VlanInfoUntagged
			}
			for vid := first; vid <= last; vid++ {
				s[uint16(vid)] = flags
			}
		}
		sets[d.str("ifname")] = s
	}
	for _, v := range views {
		name, info := v.str("ifname"), v.obj("linkinfo")
		if bridges[name] || info.str("info_slave_kind") == "bridge" && bridges[v.str("master")] {
			if o := byName[name]; o != nil {
				o.SetList("vlans", sets[name].entries())
			}
		}
	}
	return nil
}
