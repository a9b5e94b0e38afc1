package rtnl

import (
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// AMT attributes (linux/amt.h) and modes.
const (
	amtMode        = 1 // IFLA_AMT_MODE
	amtRelayPort   = 2 // IFLA_AMT_RELAY_PORT
	amtGatewayPort = 3 // IFLA_AMT_GATEWAY_PORT
	amtLink        = 4 // IFLA_AMT_LINK
	amtLocalIP     = 5 // IFLA_AMT_LOCAL_IP
	amtRemoteIP    = 6 // IFLA_AMT_REMOTE_IP
	amtDiscoveryIP = 7 // IFLA_AMT_DISCOVERY_IP
	amtMaxTunnels  = 8 // IFLA_AMT_MAX_TUNNELS

	AMTModeGateway = 0
	AMTModeRelay   = 1
)

// AMT is the options of an amt link (IFLA_AMT_*): Automatic Multicast
// Tunneling, a gateway or a relay on an IPv4 underlay.
type AMT struct {
	Mode        Opt[uint32]
	RelayPort   Opt[uint16] // network order on the wire
	GatewayPort Opt[uint16] // network order on the wire
	Link        Opt[uint32]
	Local       Opt[netip.Addr]
	Remote      Opt[netip.Addr]
	Discovery   Opt[netip.Addr]
	MaxTunnels  Opt[uint32]
}

func (a *AMT) fields() []field {
	return []field{
		u32Field(amtMode, &a.Mode),
		be16Field(amtRelayPort, &a.RelayPort),
		be16Field(amtGatewayPort, &a.GatewayPort),
		u32Field(amtMaxTunnels, &a.MaxTunnels),
		u32Field(amtLink, &a.Link),
		addrField(amtLocalIP, &a.Local),
		addrField(amtRemoteIP, &a.Remote),
		addrField(amtDiscoveryIP, &a.Discovery),
	}
}

// Encode implements LinkData.
func (a *AMT) Encode(e *nl.AttrEncoder) { encodeFields(e, a.fields()) }

// Decode implements LinkData.
func (a *AMT) Decode(data []byte) error { return decodeFields(data, a.fields()) }
