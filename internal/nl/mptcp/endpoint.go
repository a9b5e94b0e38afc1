package mptcp

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Flags are an endpoint's MPTCP_PM_ADDR_FLAG_* bits.
type Flags uint32

// The flags.
const (
	FlagSignal   Flags = 1 << 0 // announced to the peer (ADD_ADDR)
	FlagSubflow  Flags = 1 << 1 // subflows are opened from it
	FlagBackup   Flags = 1 << 2 // its subflows are backups
	FlagFullmesh Flags = 1 << 3 // a subflow to every address of the peer
	FlagImplicit Flags = 1 << 4 // made by the kernel for a subflow it accepted
)

// Endpoint is one address of the path manager. Zero fields of a request
// are not sent: an ID, a port, flags or a device only when set, an
// address only when valid.
type Endpoint struct {
	ID      uint8
	HasID   bool // ID was sent or received (ID 0 is the initial subflow's)
	Addr    netip.Addr
	Port    uint16
	Flags   Flags
	IfIndex int32
}

// Attrs appends the endpoint as the nested MPTCP_PM_ATTR_ADDR, its
// attributes in the order ip sends them.
func (ep *Endpoint) Attrs(b []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	e.Nest(attrAddr)
	if ep.HasID {
		e.Uint8(addrID, ep.ID)
	}
	if ep.Flags != 0 {
		e.Uint32(addrFlags, uint32(ep.Flags))
	}
	if ep.IfIndex != 0 {
		e.Int32(addrIfIdx, ep.IfIndex)
	}
	if ep.Port != 0 {
		e.Uint16(addrPort, ep.Port)
	}
	if ep.Addr.IsValid() {
		if ep.Addr.Is4() {
			e.Uint16(addrFamily, unix.AF_INET)
			e.Addr(addrAddr4, ep.Addr)
		} else {
			e.Uint16(addrFamily, unix.AF_INET6)
			e.Addr(addrAddr6, ep.Addr)
		}
	}
	e.Unnest()
	return e.Encode()
}

// ParseEndpoint decodes the MPTCP_PM_ATTR_ADDR of a message's
// attributes.
func ParseEndpoint(attrs []byte) (Endpoint, error) {
	var ep Endpoint
	var found bool
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		if d.Type() != attrAddr {
			continue
		}
		found = true
		var family uint16
		var raw4, raw6 []byte
		d.Decode(func(a *nl.AttrDecoder) error {
			for a.Next() {
				switch a.Type() {
				case addrFamily:
					family = a.Uint16()
				case addrID:
					ep.ID, ep.HasID = a.Uint8(), true
				case addrAddr4:
					raw4 = a.Bytes()
				case addrAddr6:
					raw6 = a.Bytes()
				case addrPort:
					ep.Port = a.Uint16()
				case addrFlags:
					ep.Flags = Flags(a.Uint32())
				case addrIfIdx:
					ep.IfIndex = a.Int32()
				}
			}
			return nil
		})
		switch {
		case family == unix.AF_INET && len(raw4) == 4:
			ep.Addr = netip.AddrFrom4([4]byte(raw4))
		case family != unix.AF_INET && len(raw6) == 16:
			ep.Addr = netip.AddrFrom16([16]byte(raw6))
		}
	}
	if err := d.Err(); err != nil {
		return Endpoint{}, fmt.Errorf("mptcp: decoding an endpoint: %w", err)
	}
	if !found {
		return Endpoint{}, fmt.Errorf("mptcp: a message without an endpoint")
	}
	return ep, nil
}
