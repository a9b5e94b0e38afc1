package nl80211

import (
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// TxPowerMode says how a transmit power level applies (enum
// nl80211_tx_power_setting).
type TxPowerMode uint32

// Transmit power modes.
const (
	TxPowerAuto    TxPowerMode = unix.NL80211_TX_POWER_AUTOMATIC
	TxPowerLimited TxPowerMode = unix.NL80211_TX_POWER_LIMITED
	TxPowerFixed   TxPowerMode = unix.NL80211_TX_POWER_FIXED
)

// TxPower is a transmit power setting: a mode and, except for TxPowerAuto,
// a level in mBm (1/100 dBm).
type TxPower struct {
	Mode  TxPowerMode
	Level int32
}

// WiphySettings are the values NL80211_CMD_SET_WIPHY changes; nil fields
// are left as they are.
type WiphySettings struct {
	Name          *string
	Channel       *ChanDef
	TxPower       *TxPower
	FragThreshold *uint32 // bytes; ThresholdOff turns it off
	RTSThreshold  *uint32
	RetryShort    *uint8
	RetryLong     *uint8
	CoverageClass *uint8
	// DynACK turns on ACK timeout estimation instead of a coverage class.
	DynACK    bool
	AntennaTx *uint32 // bitmaps; both or neither
	AntennaRx *uint32
	// TXQLimit, TXQMemoryLimit and TXQQuantum are the phy's queue limits.
	TXQLimit       *uint32
	TXQMemoryLimit *uint32
	TXQQuantum     *uint32
}

// ThresholdOff turns the fragmentation or RTS threshold off.
const ThresholdOff = ^uint32(0)

func (s WiphySettings) encode(e *nl.AttrEncoder) {
	if s.Name != nil {
		e.String(unix.NL80211_ATTR_WIPHY_NAME, *s.Name)
	}
	if s.Channel != nil {
		s.Channel.encode(e)
	}
	if p := s.TxPower; p != nil {
		e.Uint32(unix.NL80211_ATTR_WIPHY_TX_POWER_SETTING, uint32(p.Mode))
		if p.Mode != TxPowerAuto {
			e.Int32(unix.NL80211_ATTR_WIPHY_TX_POWER_LEVEL, p.Level)
		}
	}
	if s.FragThreshold != nil {
		e.Uint32(unix.NL80211_ATTR_WIPHY_FRAG_THRESHOLD, *s.FragThreshold)
	}
	if s.RTSThreshold != nil {
		e.Uint32(unix.NL80211_ATTR_WIPHY_RTS_THRESHOLD, *s.RTSThreshold)
	}
	if s.RetryShort != nil {
		e.Uint8(unix.NL80211_ATTR_WIPHY_RETRY_SHORT, *s.RetryShort)
	}
	if s.RetryLong != nil {
		e.Uint8(unix.NL80211_ATTR_WIPHY_RETRY_LONG, *s.RetryLong)
	}
	if s.CoverageClass != nil {
		e.Uint8(unix.NL80211_ATTR_WIPHY_COVERAGE_CLASS, *s.CoverageClass)
	}
	if s.DynACK {
		e.Flag(unix.NL80211_ATTR_WIPHY_DYN_ACK)
	}
	if s.AntennaTx != nil && s.AntennaRx != nil {
		e.Uint32(unix.NL80211_ATTR_WIPHY_ANTENNA_TX, *s.AntennaTx)
		e.Uint32(unix.NL80211_ATTR_WIPHY_ANTENNA_RX, *s.AntennaRx)
	}
	if s.TXQLimit != nil {
		e.Uint32(unix.NL80211_ATTR_TXQ_LIMIT, *s.TXQLimit)
	}
	if s.TXQMemoryLimit != nil {
		e.Uint32(unix.NL80211_ATTR_TXQ_MEMORY_LIMIT, *s.TXQMemoryLimit)
	}
	if s.TXQQuantum != nil {
		e.Uint32(unix.NL80211_ATTR_TXQ_QUANTUM, *s.TXQQuantum)
	}
}

// SetWiphy changes settings of a wiphy.
func (c *Client) SetWiphy(wiphy int, s WiphySettings) error {
	_, err := c.execute(unix.NL80211_CMD_SET_WIPHY, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		s.encode(e)
	})
	return err
}

// SetWiphyOf changes settings through an interface: the channel and
// transmit power then apply to that interface where the driver can.
func (c *Client) SetWiphyOf(ifindex int, s WiphySettings) error {
	_, err := c.execute(unix.NL80211_CMD_SET_WIPHY, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		s.encode(e)
	})
	return err
}

// NetNS names a network namespace to move a wiphy into: by a process
// (PID) or an open namespace file (FD).
type NetNS struct {
	PID *uint32
	FD  *uint32
}

// SetWiphyNetNS moves a wiphy and its interfaces into another namespace.
func (c *Client) SetWiphyNetNS(wiphy int, ns NetNS) error {
	_, err := c.execute(unix.NL80211_CMD_SET_WIPHY_NETNS, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		if ns.PID != nil {
			e.Uint32(unix.NL80211_ATTR_PID, *ns.PID)
		}
		if ns.FD != nil {
			e.Uint32(unix.NL80211_ATTR_NETNS_FD, *ns.FD)
		}
	})
	return err
}

// MonitorFlags are the flags of a monitor interface (bits are enum
// nl80211_mntr_flags), with the MU-MIMO group or address to follow.
type MonitorFlags struct {
	Flags        uint32
	MUMIMOGroup  []byte // 40 bytes: membership and user positions
	MUMIMOFollow []byte // a MAC address
}

// Monitor flags.
const (
	MonitorFCSFail  = unix.NL80211_MNTR_FLAG_FCSFAIL
	MonitorPLCPFail = unix.NL80211_MNTR_FLAG_PLCPFAIL
	MonitorControl  = unix.NL80211_MNTR_FLAG_CONTROL
	MonitorOtherBSS = unix.NL80211_MNTR_FLAG_OTHER_BSS
	MonitorCook     = unix.NL80211_MNTR_FLAG_COOK_FRAMES
	MonitorActive   = unix.NL80211_MNTR_FLAG_ACTIVE
)

// InterfaceSettings are the values NL80211_CMD_SET_INTERFACE changes
// besides the type; nil fields are left as they are.
type InterfaceSettings struct {
	FourAddr *bool
	NoAckMap *uint16
	MeshID   []byte
	Monitor  *MonitorFlags
}

// SetInterface changes settings of an interface.
func (c *Client) SetInterface(ifindex int, s InterfaceSettings) error {
	_, err := c.execute(unix.NL80211_CMD_SET_INTERFACE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		if s.FourAddr != nil {
			e.Uint8(unix.NL80211_ATTR_4ADDR, boolByte(*s.FourAddr))
		}
		if s.NoAckMap != nil {
			e.Uint16(unix.NL80211_ATTR_NOACK_MAP, *s.NoAckMap)
		}
		if s.MeshID != nil {
			e.Bytes(unix.NL80211_ATTR_MESH_ID, s.MeshID)
		}
		if s.Monitor != nil {
			s.Monitor.encode(e)
		}
	})
	return err
}

func (m MonitorFlags) encode(e *nl.AttrEncoder) {
	e.Nest(unix.NL80211_ATTR_MNTR_FLAGS)
	for bit := uint16(1); bit <= unix.NL80211_MNTR_FLAG_MAX; bit++ {
		if m.Flags&(1<<bit) != 0 {
			e.Flag(bit)
		}
	}
	e.Unnest()
	if m.MUMIMOGroup != nil {
		e.Bytes(unix.NL80211_ATTR_MU_MIMO_GROUP_DATA, m.MUMIMOGroup)
	}
	if m.MUMIMOFollow != nil {
		e.Bytes(unix.NL80211_ATTR_MU_MIMO_FOLLOW_MAC_ADDR, m.MUMIMOFollow)
	}
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// SetMcastRate sets the rate of multicast frames, in 100 kbit/s, for an
// IBSS or mesh interface.
func (c *Client) SetMcastRate(ifindex int, rate uint32) error {
	_, err := c.execute(unix.NL80211_CMD_SET_MCAST_RATE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Uint32(unix.NL80211_ATTR_MCAST_RATE, rate)
	})
	return err
}

// SetPowerSave turns power saving of a station interface on or off.
func (c *Client) SetPowerSave(ifindex int, on bool) error {
	_, err := c.execute(unix.NL80211_CMD_SET_POWER_SAVE, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		st := uint32(unix.NL80211_PS_DISABLED)
		if on {
			st = unix.NL80211_PS_ENABLED
		}
		e.Uint32(unix.NL80211_ATTR_PS_STATE, st)
	})
	return err
}

// PowerSave reports whether power saving is on; known is false when the
// kernel's answer does not say.
func (c *Client) PowerSave(ifindex int) (on, known bool, err error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_POWER_SAVE, ifindexAttrs(ifindex))
	if err != nil {
		return false, false, err
	}
	for _, m := range msgs {
		d := nl.NewAttrDecoder(m.Attrs)
		for d.Next() {
			if d.Type() == unix.NL80211_ATTR_PS_STATE {
				return d.Uint32() == unix.NL80211_PS_ENABLED, true, d.Err()
			}
		}
	}
	return false, false, nil
}

// SetWDSPeer sets the peer of a WDS interface.
func (c *Client) SetWDSPeer(ifindex int, peer net.HardwareAddr) error {
	_, err := c.execute(unix.NL80211_CMD_SET_WDS_PEER, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Bytes(unix.NL80211_ATTR_MAC, peer)
	})
	return err
}

// ReloadRegDB makes the kernel read its regulatory database again.
func (c *Client) ReloadRegDB() error {
	_, err := c.execute(unix.NL80211_CMD_RELOAD_REGDB, nil)
	return err
}
