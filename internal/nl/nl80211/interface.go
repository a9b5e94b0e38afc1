package nl80211

import (
	"fmt"
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// Interface is a wireless interface (a wdev, usually with a netdev).
type Interface struct {
	Index        int // netdev ifindex; 0 for interfaces without one
	Name         string
	Wiphy        int
	WDev         uint64
	HardwareAddr net.HardwareAddr
	// SSID is the network the interface is connected to or serves; nil if
	// none.
	SSID    []byte
	Type    IfType
	Channel *Channel
	// TxPower is the transmit power in mBm (1/100 dBm), if the driver
	// reports it.
	TxPower  *int32
	FourAddr bool
}

// ParseInterface decodes the attributes of an NL80211_CMD_NEW_INTERFACE
// message (the answer to GET_INTERFACE).
func ParseInterface(b []byte) (Interface, error) {
	var ifc Interface
	var ch Channel
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_IFINDEX:
			ifc.Index = int(d.Uint32())
		case unix.NL80211_ATTR_IFNAME:
			ifc.Name = d.String()
		case unix.NL80211_ATTR_WIPHY:
			ifc.Wiphy = int(d.Uint32())
		case unix.NL80211_ATTR_WDEV:
			ifc.WDev = d.Uint64()
		case unix.NL80211_ATTR_MAC:
			ifc.HardwareAddr = hwaddr(d.Bytes())
		case unix.NL80211_ATTR_SSID:
			ifc.SSID = append([]byte{}, d.Bytes()...)
		case unix.NL80211_ATTR_IFTYPE:
			ifc.Type = IfType(d.Uint32())
		case unix.NL80211_ATTR_WIPHY_FREQ:
			ch.Freq = d.Uint32()
		case unix.NL80211_ATTR_WIPHY_FREQ_OFFSET:
			ch.FreqOffset = d.Uint32()
		case unix.NL80211_ATTR_CHANNEL_WIDTH:
			w := ChanWidth(d.Uint32())
			ch.Width = &w
		case unix.NL80211_ATTR_CENTER_FREQ1:
			ch.CenterFreq1 = d.Uint32()
		case unix.NL80211_ATTR_CENTER_FREQ2:
			ch.CenterFreq2 = d.Uint32()
		case unix.NL80211_ATTR_WIPHY_CHANNEL_TYPE:
			t := d.Uint32()
			ch.Type = &t
		case unix.NL80211_ATTR_WIPHY_TX_POWER_LEVEL:
			p := int32(d.Uint32())
			ifc.TxPower = &p
		case unix.NL80211_ATTR_4ADDR:
			ifc.FourAddr = d.Uint8() != 0
		}
	}
	if err := d.Err(); err != nil {
		return Interface{}, fmt.Errorf("nl80211: decoding interface: %w", err)
	}
	if ch.Freq != 0 {
		ifc.Channel = &ch
	}
	return ifc, nil
}

// hwaddr copies a hardware address attribute's payload; a payload of an
// unusual size is kept as is, it is what the kernel sent.
func hwaddr(b []byte) net.HardwareAddr {
	return append(net.HardwareAddr{}, b...)
}

// Interfaces lists every wireless interface in the socket's namespace, in
// the kernel's order (grouped by wiphy).
func (c *Client) Interfaces() ([]Interface, error) {
	var out []Interface
	err := c.dumpEach(unix.NL80211_CMD_GET_INTERFACE, nil, func() { out = nil }, func(m genl.Message) error {
		ifc, err := ParseInterface(m.Attrs)
		if err == nil {
			out = append(out, ifc)
		}
		return err
	})
	return out, err
}

// Interface returns the wireless interface with ifindex.
func (c *Client) Interface(ifindex int) (Interface, error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_INTERFACE, ifindexAttrs(ifindex))
	if err != nil {
		return Interface{}, err
	}
	for _, m := range msgs {
		if m.Header.Command == unix.NL80211_CMD_NEW_INTERFACE {
			return ParseInterface(m.Attrs)
		}
	}
	return Interface{}, fmt.Errorf("nl80211: no interface in the answer to GET_INTERFACE for ifindex %d", ifindex)
}

// InterfaceByName finds a wireless interface by name in the socket's
// namespace. An unknown name is an error matching ErrNoDevice.
func (c *Client) InterfaceByName(name string) (Interface, error) {
	ifcs, err := c.Interfaces()
	if err != nil {
		return Interface{}, err
	}
	for _, ifc := range ifcs {
		if ifc.Name == name && ifc.Index != 0 {
			return ifc, nil
		}
	}
	return Interface{}, fmt.Errorf("nl80211: no wireless interface %q: %w", name, ErrNoDevice)
}

// SetInterfaceType changes an interface's type (the interface must be down
// for most changes).
func (c *Client) SetInterfaceType(ifindex int, t IfType) error {
	_, err := c.execute(unix.NL80211_CMD_SET_INTERFACE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Uint32(unix.NL80211_ATTR_IFTYPE, uint32(t))
	})
	return err
}

// NewInterfaceRequest describes an interface to add to a wiphy.
type NewInterfaceRequest struct {
	Name string
	Type IfType
	// HardwareAddr, when set, is the new interface's address.
	HardwareAddr net.HardwareAddr
	// FourAddr, when set, turns 4-address mode on or off.
	FourAddr *bool
	// MeshID is a mesh point's mesh ID, nil for none.
	MeshID []byte
	// Monitor, when set, are a monitor interface's flags.
	Monitor *MonitorFlags
}

// NewInterface adds an interface to wiphy and returns it as the kernel
// describes it.
func (c *Client) NewInterface(wiphy int, req NewInterfaceRequest) (Interface, error) {
	msgs, err := c.execute(unix.NL80211_CMD_NEW_INTERFACE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		e.String(unix.NL80211_ATTR_IFNAME, req.Name)
		e.Uint32(unix.NL80211_ATTR_IFTYPE, uint32(req.Type))
		if req.HardwareAddr != nil {
			e.Bytes(unix.NL80211_ATTR_MAC, req.HardwareAddr)
		}
		if req.MeshID != nil {
			e.Bytes(unix.NL80211_ATTR_MESH_ID, req.MeshID)
		}
		if req.FourAddr != nil {
			e.Uint8(unix.NL80211_ATTR_4ADDR, boolByte(*req.FourAddr))
		}
		if req.Monitor != nil {
			req.Monitor.encode(e)
		}
	})
	if err != nil {
		return Interface{}, err
	}
	for _, m := range msgs {
		if m.Header.Command == unix.NL80211_CMD_NEW_INTERFACE {
			return ParseInterface(m.Attrs)
		}
	}
	return Interface{Name: req.Name, Type: req.Type, Wiphy: wiphy}, nil
}

// DelInterface removes an interface.
func (c *Client) DelInterface(ifindex int) error {
	_, err := c.execute(unix.NL80211_CMD_DEL_INTERFACE, ifindexAttrs(ifindex))
	return err
}
