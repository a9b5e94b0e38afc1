package atomic

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Bridge vlans, one object per device and vlan id: the vlans of a bridge
// port (set through its master) and those of the bridge itself (set with
// self). The dump lists each vlan on its own (no ranges), its flags
// saying whether it is the device's pvid and whether it leaves untagged.
// A port joining a bridge gets the bridge's default pvid from the kernel;
// the pre-image is what there was, so a rollback deletes it or puts back
// what the port had.

// vlanFlags are the flags of a vlan that are its state.
const vlanFlags = rtnl.VlanInfoPVID | rtnl.VlanInfoUntagged

var brVlanKind = &kind{
	name:  "bridge vlan",
	dumps: []nl.Message{rtnl.LinkDumpRequest(unix.AF_BRIDGE, rtnl.ExtFilterBRVLAN)},
	many:  parseBrVlans,
	del:   func(o object) nl.Message { return message(unix.RTM_DELLINK, 0, o.data) },
	put:   func(o object) nl.Message { return message(unix.RTM_SETLINK, 0, o.data) },
}

// parseBrVlans is the vlans of one device in an AF_BRIDGE link message.
func parseBrVlans(m nl.Message) []object {
	if m.Header.Type != unix.RTM_NEWLINK || len(m.Data) < unix.SizeofIfInfomsg || m.Data[0] != unix.AF_BRIDGE {
		return nil
	}
	l, err := rtnl.ParseLink(m)
	if err != nil || len(l.AFSpec) == 0 {
		return nil
	}
	vs, err := rtnl.Vlans(l.AFSpec)
	if err != nil {
		return nil
	}
	// The bridge's own vlans are those of a device that is no port.
	self := l.Master == 0 || l.Master == l.Index
	var out []object
	for _, v := range vs {
		if v.VID == 0 || v.Flags&(rtnl.VlanInfoRangeBegin|rtnl.VlanInfoRangeEnd) != 0 {
			continue // ranges come only from a compressed dump
		}
		s := rtnl.BridgeVlanSpec{Index: l.Index, VID: v.VID, Flags: v.Flags & vlanFlags, Self: self}
		req, err := s.Message(unix.RTM_SETLINK)
		if err != nil {
			continue
		}
		key := fmt.Sprintf("dev %d vid %d", l.Index, v.VID)
		desc := fmt.Sprintf("bridge vlan vid %d dev %s", v.VID, l.Name)
		if self {
			desc += " self"
		}
		out = append(out, object{key: key, desc: desc, body: vlanFlagNames(s.Flags), data: req.Data})
	}
	return out
}

// vlanFlagNames says a vlan's flags as bridge vlan add takes them.
func vlanFlagNames(f uint16) string {
	s := "tagged"
	if f&rtnl.VlanInfoUntagged != 0 {
		s = "untagged"
	}
	if f&rtnl.VlanInfoPVID != 0 {
		s = "pvid " + s
	}
	return s
}

// bridgeSpecKind is the type an AF_BRIDGE link request with an
// IFLA_AF_SPEC changes: vlans added or deleted are bridge vlans; tunnel
// ids and a port's hardware mode an atomic batch cannot undo.
func bridgeSpecKind(spec []byte) (kindID, error) {
	d := nl.NewAttrDecoder(spec)
	vlans := false
	for d.Next() {
		switch d.Type() {
		case rtnl.BridgeVlanInfo:
			vlans = true
		case rtnl.BridgeVlanTunnelInfo:
			return 0, Unsupported("bridge vlan tunnel_info")
		case rtnl.BridgeMode:
			return 0, Unsupported("bridge link hwmode")
		}
	}
	if !vlans {
		return 0, Unsupported("bridge link self")
	}
	return kBrVlan, nil
}
