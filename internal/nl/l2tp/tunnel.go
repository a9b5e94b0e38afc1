package l2tp

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// Tunnel is an L2TPv3 tunnel between Local and Remote, over UDP (with
// its ports) or straight over IP.
type Tunnel struct {
	ID, PeerID   uint32
	ProtoVersion uint8
	Encap        Encap
	// Local and Remote are IPv4 or IPv6; a request sends them when
	// valid.
	Local, Remote netip.Addr
	// The UDP encapsulation's ports and checksums: UDPCsum is IPv4's,
	// ZeroCsum6Tx and Rx say IPv6 sends and accepts zero checksums.
	SourcePort, DestPort     uint16
	UDPCsum                  bool
	ZeroCsum6Tx, ZeroCsum6Rx bool
	Stats                    Stats
}

// Attrs appends the tunnel as L2TP_CMD_TUNNEL_CREATE carries it, in the
// order ip sends it: the UDP attributes only for the UDP encapsulation,
// UDPCsum only when on.
func (t *Tunnel) Attrs(b []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	e.Uint32(attrConnID, t.ID)
	e.Uint32(attrPeerConnID, t.PeerID)
	e.Uint8(attrProtoVersion, t.ProtoVersion)
	e.Uint16(attrEncapType, uint16(t.Encap))
	if t.Local.IsValid() {
		e.Addr(pickAddr(t.Local, attrIPSaddr, attrIP6Saddr), t.Local)
	}
	if t.Remote.IsValid() {
		e.Addr(pickAddr(t.Remote, attrIPDaddr, attrIP6Daddr), t.Remote)
	}
	if t.Encap == EncapUDP {
		e.Uint16(attrUDPSport, t.SourcePort)
		e.Uint16(attrUDPDport, t.DestPort)
		if t.UDPCsum {
			e.Uint8(attrUDPCsum, 1)
		}
		if t.ZeroCsum6Tx {
			e.Flag(attrUDPZeroCsum6Tx)
		}
		if t.ZeroCsum6Rx {
			e.Flag(attrUDPZeroCsum6Rx)
		}
	}
	return e.Encode()
}

func pickAddr(a netip.Addr, v4, v6 uint16) uint16 {
	if a.Is4() {
		return v4
	}
	return v6
}

// ParseTunnel decodes the attributes of an L2TP_CMD_TUNNEL_GET answer.
func ParseTunnel(attrs []byte) (Tunnel, error) {
	var t Tunnel
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrConnID:
			t.ID = d.Uint32()
		case attrPeerConnID:
			t.PeerID = d.Uint32()
		case attrProtoVersion:
			t.ProtoVersion = d.Uint8()
		case attrEncapType:
			t.Encap = Encap(d.Uint16())
		case attrIPSaddr, attrIP6Saddr:
			t.Local = d.Addr()
		case attrIPDaddr, attrIP6Daddr:
			t.Remote = d.Addr()
		case attrUDPSport:
			t.SourcePort = d.Uint16()
		case attrUDPDport:
			t.DestPort = d.Uint16()
		case attrUDPCsum:
			t.UDPCsum = d.Uint8() != 0
		case attrUDPZeroCsum6Tx:
			t.ZeroCsum6Tx = d.Flag()
		case attrUDPZeroCsum6Rx:
			t.ZeroCsum6Rx = d.Flag()
		case attrStats:
			d.Decode(t.Stats.decode)
		}
	}
	if err := d.Err(); err != nil {
		return Tunnel{}, fmt.Errorf("l2tp: decoding a tunnel: %w", err)
	}
	return t, nil
}
