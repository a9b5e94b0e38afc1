package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Bridge AF_SPEC attributes and vlan flags (linux/if_bridge.h).
const (
	BridgeFlags    = 0 // IFLA_BRIDGE_FLAGS
	BridgeMode     = 1 // IFLA_BRIDGE_MODE
	BridgeVlanInfo = 2 // IFLA_BRIDGE_VLAN_INFO

	BridgeVlanTunnelInfo = 3 // IFLA_BRIDGE_VLAN_TUNNEL_INFO
	vlanTunnelID         = 1 // IFLA_BRIDGE_VLAN_TUNNEL_ID
	vlanTunnelVID        = 2 // IFLA_BRIDGE_VLAN_TUNNEL_VID
	vlanTunnelFlags      = 3 // IFLA_BRIDGE_VLAN_TUNNEL_FLAGS

	BridgeFlagsMaster = 1 // BRIDGE_FLAGS_MASTER
	BridgeFlagsSelf   = 2 // BRIDGE_FLAGS_SELF

	VlanInfoMaster     = 1 << 0 // BRIDGE_VLAN_INFO_MASTER
	VlanInfoPVID       = 1 << 1 // BRIDGE_VLAN_INFO_PVID
	VlanInfoUntagged   = 1 << 2 // BRIDGE_VLAN_INFO_UNTAGGED
	VlanInfoRangeBegin = 1 << 3 // BRIDGE_VLAN_INFO_RANGE_BEGIN
	VlanInfoRangeEnd   = 1 << 4 // BRIDGE_VLAN_INFO_RANGE_END
	VlanInfoBrentry    = 1 << 5 // BRIDGE_VLAN_INFO_BRENTRY
)

// VlanInfo is struct bridge_vlan_info.
type VlanInfo struct {
	Flags uint16
	VID   uint16
}

// Vlans decodes the IFLA_BRIDGE_VLAN_INFO entries of an AF_SPEC payload.
func Vlans(afspec []byte) ([]VlanInfo, error) {
	var out []VlanInfo
	d := nl.NewAttrDecoder(afspec)
	for d.Next() {
		if d.Type() != BridgeVlanInfo {
			continue
		}
		b := d.Bytes()
		if len(b) < 4 {
			continue
		}
		out = append(out, VlanInfo{Flags: ne.Uint16(b), VID: ne.Uint16(b[2:])})
	}
	return out, d.Err()
}

// VlanTunnel is one IFLA_BRIDGE_VLAN_TUNNEL_INFO entry: a vlan mapped
// to a tunnel id, or the begin or end of a mapped range (Flags).
type VlanTunnel struct {
	VID   uint16
	ID    uint32
	Flags uint16
}

// VlanTunnels decodes the tunnel entries of an AF_SPEC payload, skipping
// those without a vlan as bridge does.
func VlanTunnels(afspec []byte) ([]VlanTunnel, error) {
	var out []VlanTunnel
	d := nl.NewAttrDecoder(afspec)
	for d.Next() {
		if d.Type() != BridgeVlanTunnelInfo {
			continue
		}
		var t VlanTunnel
		hasVID := false
		td := nl.NewAttrDecoder(d.Bytes())
		for td.Next() {
			switch td.Type() {
			case vlanTunnelID:
				t.ID = td.Uint32()
			case vlanTunnelVID:
				t.VID, hasVID = td.Uint16(), true
			case vlanTunnelFlags:
				t.Flags = td.Uint16()
			}
		}
		if err := td.Err(); err != nil {
			return out, err
		}
		if hasVID {
			out = append(out, t)
		}
	}
	return out, d.Err()
}

// BridgeVlanSpec adds or deletes vlans on a bridge port (RTM_SETLINK /
// RTM_DELLINK with family AF_BRIDGE): one entry, or a range as a begin and
// an end entry.
type BridgeVlanSpec struct {
	Index  int32
	VID    uint16
	VIDEnd uint16 // > VID for a range
	Flags  uint16 // PVID, UNTAGGED
	Self   bool
	Master bool
	// Tunnel maps the vlans to tunnel ids (from TunID, to TunIDEnd for a
	// range) instead of adding or deleting them.
	Tunnel   bool
	TunID    uint32
	TunIDEnd uint32
}

// Message builds the request; typ is RTM_SETLINK (add) or RTM_DELLINK.
func (s *BridgeVlanSpec) Message(typ uint16) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	e.Nest(unix.IFLA_AF_SPEC)
	var bf uint16
	if s.Self {
		bf |= BridgeFlagsSelf
	}
	if s.Master {
		bf |= BridgeFlagsMaster
	}
	if bf != 0 {
		e.Uint16(BridgeFlags, bf)
	}
	info := func(flags, vid uint16) {
		b := ne.AppendUint16(nil, flags)
		b = ne.AppendUint16(b, vid)
		e.Bytes(BridgeVlanInfo, b)
	}
	tunnel := func(flags, vid uint16, id uint32) {
		e.Nest(BridgeVlanTunnelInfo)
		e.Uint32(vlanTunnelID, id)
		e.Uint16(vlanTunnelVID, vid)
		e.Uint16(vlanTunnelFlags, flags)
		e.Unnest()
	}
	switch {
	case s.Tunnel && s.VIDEnd > s.VID:
		tunnel(VlanInfoRangeBegin, s.VID, s.TunID)
		tunnel(VlanInfoRangeEnd, s.VIDEnd, s.TunIDEnd)
	case s.Tunnel:
		tunnel(0, s.VID, s.TunID)
	case s.VIDEnd > s.VID:
		info(s.Flags|VlanInfoRangeBegin, s.VID)
		info(s.Flags|VlanInfoRangeEnd, s.VIDEnd)
	default:
		info(s.Flags, s.VID)
	}
	e.Unnest()
	return request(typ, 0, ifInfo(unix.AF_BRIDGE, s.Index, 0, 0), e)
}

// BridgePortSpec changes a bridge port's attributes (RTM_SETLINK, family
// AF_BRIDGE, IFLA_PROTINFO), as `bridge link set` does.
type BridgePortSpec struct {
	Index  int32
	Attrs  []Attr
	Self   bool // apply to the device itself (IFLA_BRIDGE_FLAGS self)
	HWMode *uint16
}

// Message builds the request.
func (s *BridgePortSpec) Message() (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	if len(s.Attrs) > 0 {
		e.Nest(unix.IFLA_PROTINFO)
		encodeAttrs(e, s.Attrs)
		e.Unnest()
	}
	if s.Self || s.HWMode != nil {
		e.Nest(unix.IFLA_AF_SPEC)
		if s.Self {
			e.Uint16(BridgeFlags, BridgeFlagsSelf)
		}
		if s.HWMode != nil {
			e.Uint16(BridgeMode, *s.HWMode)
		}
		e.Unnest()
	}
	return request(unix.RTM_SETLINK, 0, ifInfo(unix.AF_BRIDGE, s.Index, 0, 0), e)
}

// Execute sends a prepared request and waits for the kernel's answer.
func Execute(c *nl.Conn, m nl.Message) error {
	_, err := c.Execute(m)
	return err
}
