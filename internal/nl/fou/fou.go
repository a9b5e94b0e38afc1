package fou

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// The family (<linux/fou.h>).
const FamilyName = "fou" // FOU_GENL_NAME

// Cmd is a command of the family.
type Cmd uint8

// The commands (FOU_CMD_*).
const (
	CmdAdd Cmd = 1
	CmdDel Cmd = 2
	CmdGet Cmd = 3
)

// Attributes (FOU_ATTR_*).
const (
	attrPort             = 1 // u16, network byte order
	attrAF               = 2 // u8
	attrIPProto          = 3 // u8
	attrType             = 4 // u8, Encap
	attrRemcsumNoPartial = 5 // flag
	attrLocalV4          = 6
	attrLocalV6          = 7
	attrPeerV4           = 8
	attrPeerV6           = 9
	attrPeerPort         = 10 // u16, network byte order
	attrIfIndex          = 11 // s32
)

// Encap is how a port's packets are encapsulated (FOU_ENCAP_*).
type Encap uint8

// The encapsulations.
const (
	EncapDirect Encap = 1 // the inner IP protocol right after UDP
	EncapGUE    Encap = 2 // generic UDP encapsulation
)

// Mapping is a receive port: UDP packets to Port (from Peer:PeerPort, to
// Local, on IfIndex when those are set) are decapsulated as Encap says
// (IPProto for direct encapsulation). Unset fields are not sent: an
// address when invalid, a number when zero, IPProto unless HasIPProto.
type Mapping struct {
	Port               uint16
	Family             uint8 // AF_INET or AF_INET6
	Encap              Encap
	HasEncap           bool
	IPProto            uint8
	HasIPProto         bool
	Local, Peer        netip.Addr
	PeerPort           uint16
	IfIndex            int32
	RemcsumNoPartial   bool
	HasPort, HasFamily bool
}

// Attrs appends the mapping's attributes in the order ip sends them. The
// addresses go in the attributes of the mapping's family.
func (m *Mapping) Attrs(b []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	if m.HasPort {
		e.Uint16BE(attrPort, m.Port)
	}
	if m.HasEncap {
		e.Uint8(attrType, uint8(m.Encap))
	}
	if m.HasFamily {
		e.Uint8(attrAF, m.Family)
	}
	if m.HasIPProto {
		e.Uint8(attrIPProto, m.IPProto)
	}
	v6 := m.Family == afInet6
	if m.Local.IsValid() {
		e.Addr(pick(v6, attrLocalV6, attrLocalV4), m.Local)
	}
	if m.Peer.IsValid() {
		e.Addr(pick(v6, attrPeerV6, attrPeerV4), m.Peer)
		if m.PeerPort != 0 {
			e.Uint16BE(attrPeerPort, m.PeerPort)
		}
	}
	if m.IfIndex != 0 {
		e.Int32(attrIfIndex, m.IfIndex)
	}
	if m.RemcsumNoPartial {
		e.Flag(attrRemcsumNoPartial)
	}
	return e.Encode()
}

const afInet6 = 10 // AF_INET6

func pick(v6 bool, a6, a4 uint16) uint16 {
	if v6 {
		return a6
	}
	return a4
}

// ParseMapping decodes the attributes of a FOU_CMD_GET answer.
func ParseMapping(attrs []byte) (Mapping, error) {
	var m Mapping
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrPort:
			m.Port, m.HasPort = d.Uint16BE(), true
		case attrAF:
			m.Family, m.HasFamily = d.Uint8(), true
		case attrIPProto:
			m.IPProto, m.HasIPProto = d.Uint8(), true
		case attrType:
			m.Encap, m.HasEncap = Encap(d.Uint8()), true
		case attrRemcsumNoPartial:
			m.RemcsumNoPartial = d.Flag()
		case attrLocalV4, attrLocalV6:
			m.Local = d.Addr()
		case attrPeerV4, attrPeerV6:
			m.Peer = d.Addr()
		case attrPeerPort:
			m.PeerPort = d.Uint16BE()
		case attrIfIndex:
			m.IfIndex = d.Int32()
		}
	}
	if err := d.Err(); err != nil {
		return Mapping{}, fmt.Errorf("fou: decoding a port: %w", err)
	}
	return m, nil
}
