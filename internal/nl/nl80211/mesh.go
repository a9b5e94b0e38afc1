package nl80211

import (
	"fmt"
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// MeshValue is one mesh parameter (an NL80211_MESHCONF_* attribute) and
// its value, sent in Size bytes (1, 2 or 4).
type MeshValue struct {
	Attr  uint16
	Size  int
	Value uint32
}

func encodeMeshConfig(e *nl.AttrEncoder, vals []MeshValue) {
	e.Nest(unix.NL80211_ATTR_MESH_CONFIG)
	for _, v := range vals {
		switch v.Size {
		case 1:
			e.Uint8(v.Attr, uint8(v.Value))
		case 2:
			e.Uint16(v.Attr, uint16(v.Value))
		default:
			e.Uint32(v.Attr, v.Value)
		}
	}
	e.Unnest()
}

// MeshConfig returns an interface's mesh parameters by attribute, each
// value as the kernel sent it, widened to 32 bits.
func (c *Client) MeshConfig(ifindex int) (map[uint16]uint32, error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_MESH_CONFIG, ifindexAttrs(ifindex))
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		if cfg, ok, err := ParseMeshConfig(m.Attrs); ok || err != nil {
			return cfg, err
		}
	}
	return nil, fmt.Errorf("nl80211: no mesh configuration in the kernel's answer")
}

// ParseMeshConfig finds NL80211_ATTR_MESH_CONFIG in a message.
func ParseMeshConfig(b []byte) (map[uint16]uint32, bool, error) {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() != unix.NL80211_ATTR_MESH_CONFIG {
			continue
		}
		cfg := map[uint16]uint32{}
		d.Decode(func(a *nl.AttrDecoder) error {
			for a.Next() {
				switch a.Len() {
				case 1:
					cfg[a.Type()] = uint32(a.Uint8())
				case 2:
					cfg[a.Type()] = uint32(a.Uint16())
				case 4:
					cfg[a.Type()] = a.Uint32()
				}
			}
			return a.Err()
		})
		return cfg, true, d.Err()
	}
	return nil, false, d.Err()
}

// SetMeshConfig changes mesh parameters of a joined mesh interface.
func (c *Client) SetMeshConfig(ifindex int, vals []MeshValue) error {
	_, err := c.execute(unix.NL80211_CMD_SET_MESH_CONFIG, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		encodeMeshConfig(e, vals)
	})
	return err
}

// MeshJoinRequest describes a mesh to join. Nil fields leave the kernel's
// defaults.
type MeshJoinRequest struct {
	MeshID         []byte
	Channel        *ChanDef
	BasicRates     []byte  // 500 kbit/s units
	McastRate      *uint32 // 100 kbit/s units
	BeaconInterval *uint32 // TU
	DTIMPeriod     *uint32
	VendorSync     *bool
	Config         []MeshValue
}

// JoinMesh joins (or starts) a mesh on a mesh point interface.
func (c *Client) JoinMesh(ifindex int, r MeshJoinRequest) error {
	_, err := c.execute(unix.NL80211_CMD_JOIN_MESH, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MESH_ID, r.MeshID)
		if r.Channel != nil {
			r.Channel.encode(e)
		}
		if r.BasicRates != nil {
			e.Bytes(unix.NL80211_ATTR_BSS_BASIC_RATES, r.BasicRates)
		}
		if r.McastRate != nil {
			e.Uint32(unix.NL80211_ATTR_MCAST_RATE, *r.McastRate)
		}
		if r.BeaconInterval != nil {
			e.Uint32(unix.NL80211_ATTR_BEACON_INTERVAL, *r.BeaconInterval)
		}
		if r.DTIMPeriod != nil {
			e.Uint32(unix.NL80211_ATTR_DTIM_PERIOD, *r.DTIMPeriod)
		}
		e.Nest(unix.NL80211_ATTR_MESH_SETUP)
		if r.VendorSync != nil {
			e.Uint8(unix.NL80211_MESH_SETUP_ENABLE_VENDOR_SYNC, boolByte(*r.VendorSync))
		}
		e.Unnest()
		if len(r.Config) > 0 {
			encodeMeshConfig(e, r.Config)
		}
	})
	return err
}

// LeaveMesh leaves the interface's mesh.
func (c *Client) LeaveMesh(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_LEAVE_MESH, ifindexAttrs(ifindex))
	return err
}

// MeshPath is an entry of a mesh interface's path table, or of its proxy
// table (then NextHop is the proxy and the counters are absent).
type MeshPath struct {
	Ifindex          int
	Dst              net.HardwareAddr
	NextHop          net.HardwareAddr
	SN               *uint32
	Metric           *uint32
	QLen             *uint32
	ExpTime          *uint32 // ms
	DiscoveryTimeout *uint32 // ms
	DiscoveryRetries *uint8
	Flags            *uint8
	HopCount         *uint8
	PathChange       *uint32
}

// ParseMeshPath decodes an NL80211_CMD_NEW_MPATH (or mpp) message.
func ParseMeshPath(b []byte) (MeshPath, error) {
	var p MeshPath
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_IFINDEX:
			p.Ifindex = int(d.Uint32())
		case unix.NL80211_ATTR_MAC:
			p.Dst = hwaddr(d.Bytes())
		case unix.NL80211_ATTR_MPATH_NEXT_HOP:
			p.NextHop = hwaddr(d.Bytes())
		case unix.NL80211_ATTR_MPATH_INFO:
			d.Decode(func(a *nl.AttrDecoder) error {
				for a.Next() {
					switch a.Type() {
					case unix.NL80211_MPATH_INFO_SN:
						p.SN = ptr(a.Uint32())
					case unix.NL80211_MPATH_INFO_METRIC:
						p.Metric = ptr(a.Uint32())
					case unix.NL80211_MPATH_INFO_FRAME_QLEN:
						p.QLen = ptr(a.Uint32())
					case unix.NL80211_MPATH_INFO_EXPTIME:
						p.ExpTime = ptr(a.Uint32())
					case unix.NL80211_MPATH_INFO_DISCOVERY_TIMEOUT:
						p.DiscoveryTimeout = ptr(a.Uint32())
					case unix.NL80211_MPATH_INFO_DISCOVERY_RETRIES:
						p.DiscoveryRetries = ptr(a.Uint8())
					case unix.NL80211_MPATH_INFO_FLAGS:
						p.Flags = ptr(a.Uint8())
					case unix.NL80211_MPATH_INFO_HOP_COUNT:
						p.HopCount = ptr(a.Uint8())
					case unix.NL80211_MPATH_INFO_PATH_CHANGE:
						p.PathChange = ptr(a.Uint32())
					}
				}
				return a.Err()
			})
		}
	}
	return p, d.Err()
}

// MeshPaths dumps a mesh interface's path table; proxy selects the proxy
// (mpp) table.
func (c *Client) MeshPaths(ifindex int, proxy bool) ([]MeshPath, error) {
	cmd := uint8(unix.NL80211_CMD_GET_MPATH)
	if proxy {
		cmd = unix.NL80211_CMD_GET_MPP
	}
	var out []MeshPath
	err := c.dumpEach(cmd, ifindexAttrs(ifindex), func() { out = nil }, func(m genl.Message) error {
		p, err := ParseMeshPath(m.Attrs)
		if err == nil {
			out = append(out, p)
		}
		return err
	})
	return out, err
}

// MeshPath returns the path (or, with proxy, the proxy path) to dst.
func (c *Client) MeshPath(ifindex int, dst net.HardwareAddr, proxy bool) (MeshPath, error) {
	cmd := uint8(unix.NL80211_CMD_GET_MPATH)
	if proxy {
		cmd = unix.NL80211_CMD_GET_MPP
	}
	msgs, err := c.execute(cmd, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, dst)
	})
	if err != nil {
		return MeshPath{}, err
	}
	for _, m := range msgs {
		return ParseMeshPath(m.Attrs)
	}
	return MeshPath{}, fmt.Errorf("nl80211: no mesh path in the kernel's answer")
}

// NewMeshPath adds a static path to dst through nextHop; SetMeshPath
// changes the next hop of an existing one.
func (c *Client) NewMeshPath(ifindex int, dst, nextHop net.HardwareAddr) error {
	return c.meshPath(unix.NL80211_CMD_NEW_MPATH, ifindex, dst, nextHop)
}

// SetMeshPath changes the next hop of the path to dst.
func (c *Client) SetMeshPath(ifindex int, dst, nextHop net.HardwareAddr) error {
	return c.meshPath(unix.NL80211_CMD_SET_MPATH, ifindex, dst, nextHop)
}

// DelMeshPath removes the path to dst.
func (c *Client) DelMeshPath(ifindex int, dst net.HardwareAddr) error {
	return c.meshPath(unix.NL80211_CMD_DEL_MPATH, ifindex, dst, nil)
}

func (c *Client) meshPath(cmd uint8, ifindex int, dst, nextHop net.HardwareAddr) error {
	_, err := c.execute(cmd, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, dst)
		if nextHop != nil {
			e.Bytes(unix.NL80211_ATTR_MPATH_NEXT_HOP, nextHop)
		}
	})
	return err
}

// ProbeMeshLink sends an Ethernet frame to a mesh peer directly, past the
// path table's next hop (NL80211_CMD_PROBE_MESH_LINK).
func (c *Client) ProbeMeshLink(ifindex int, dst net.HardwareAddr, frame []byte) error {
	_, err := c.execute(unix.NL80211_CMD_PROBE_MESH_LINK, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, dst)
		e.Bytes(unix.NL80211_ATTR_FRAME, frame)
	})
	return err
}
