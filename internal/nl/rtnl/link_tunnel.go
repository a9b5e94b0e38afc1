package rtnl

import (
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// TunnelFamily says which attribute set a tunnel kind speaks: the GRE
// kinds (gre, gretap, ip6gre, ip6gretap, erspan, ip6erspan) use
// IFLA_GRE_*, the IP tunnels (ipip, sit, ip6tnl) IFLA_IPTUN_*, the
// virtual tunnel interfaces (vti, vti6) IFLA_VTI_*. The meaning of the
// fields is shared.
type TunnelFamily uint8

// Tunnel families.
const (
	TunnelGRE TunnelFamily = iota // IFLA_GRE_*
	TunnelIP4                     // IFLA_IPTUN_* with 16-bit flags (ipip, sit)
	TunnelIP6                     // IFLA_IPTUN_* with 32-bit flags (ip6tnl)
	TunnelVTI                     // IFLA_VTI_* (vti, vti6)
)

// TunnelFamilyOf returns the family of a tunnel kind, and false for a
// kind that is not a tunnel.
func TunnelFamilyOf(kind string) (TunnelFamily, bool) {
	switch kind {
	case "gre", "gretap", "ip6gre", "ip6gretap", "erspan", "ip6erspan":
		return TunnelGRE, true
	case "ipip", "sit":
		return TunnelIP4, true
	case "ip6tnl":
		return TunnelIP6, true
	case "vti", "vti6":
		return TunnelVTI, true
	}
	return 0, false
}

// tunnelAttrs numbers a family's attributes; 0 is an attribute the family
// lacks.
type tunnelAttrs struct {
	link, local, remote, ttl, tos, encapLimit, flowInfo, flags, proto, pmtuDisc uint16
	iFlags, oFlags, iKey, oKey, collectMetadata, ignoreDF, fwMark               uint16
	prefix6rd, relayPrefix6rd, prefixLen6rd, relayPrefixLen6rd                  uint16
	erspanIndex, erspanVer, erspanDir, erspanHwID                               uint16
	encapType, encapFlags, encapSport, encapDport                               uint16
}

var (
	// enum IFLA_GRE_*
	greAttrs = tunnelAttrs{link: 1, iFlags: 2, oFlags: 3, iKey: 4, oKey: 5, local: 6, remote: 7,
		ttl: 8, tos: 9, pmtuDisc: 10, encapLimit: 11, flowInfo: 12, flags: 13, collectMetadata: 18,
		ignoreDF: 19, fwMark: 20, erspanIndex: 21, erspanVer: 22, erspanDir: 23, erspanHwID: 24,
		encapType: 14, encapFlags: 15, encapSport: 16, encapDport: 17}
	// enum IFLA_IPTUN_*
	ipTunAttrs = tunnelAttrs{link: 1, local: 2, remote: 3, ttl: 4, tos: 5, encapLimit: 6, flowInfo: 7,
		flags: 8, proto: 9, pmtuDisc: 10, prefix6rd: 11, relayPrefix6rd: 12, prefixLen6rd: 13,
		relayPrefixLen6rd: 14, collectMetadata: 19, fwMark: 20,
		encapType: 15, encapFlags: 16, encapSport: 17, encapDport: 18}
	// enum IFLA_VTI_*
	vtiAttrs = tunnelAttrs{link: 1, iKey: 2, oKey: 3, local: 4, remote: 5, fwMark: 6}
)

// GRE header flags in IFLA_GRE_IFLAGS/OFLAGS (network order on the wire).
const (
	GREFlagCsum = 0x8000 // GRE_CSUM
	GREFlagKey  = 0x2000 // GRE_KEY
	GREFlagSeq  = 0x1000 // GRE_SEQ
)

// Tunnel flags in IFLA_GRE_FLAGS / IFLA_IPTUN_FLAGS.
const (
	IP6TnlIgnEncapLimit = 0x1  // IP6_TNL_F_IGN_ENCAP_LIMIT
	IP6TnlOrigTclass    = 0x2  // IP6_TNL_F_USE_ORIG_TCLASS
	IP6TnlOrigFlowlabel = 0x4  // IP6_TNL_F_USE_ORIG_FLOWLABEL
	IP6TnlRcvDSCPCopy   = 0x10 // IP6_TNL_F_RCV_DSCP_COPY
	IP6TnlOrigFwmark    = 0x20 // IP6_TNL_F_USE_ORIG_FWMARK
	IP6TnlAllowLocalRem = 0x40 // IP6_TNL_F_ALLOW_LOCAL_REMOTE
	SitISATAP           = 0x1  // SIT_ISATAP
)

// Tunnel is the options of a GRE or IP tunnel; Family picks the
// attribute numbers, and options a family lacks are neither sent nor
// read.
type Tunnel struct {
	Family            TunnelFamily
	Link              Opt[uint32] // the lower device's index
	Local, Remote     Opt[netip.Addr]
	TTL, TOS          Opt[uint8]
	EncapLimit        Opt[uint8]
	FlowInfo          Opt[uint32] // network order on the wire
	Flags             Opt[uint32] // 16 bits on the wire for TunnelIP4
	Proto             Opt[uint8]
	PMTUDisc          Opt[uint8]
	IFlags, OFlags    Opt[uint16] // network order on the wire
	IKey, OKey        Opt[uint32] // network order on the wire
	CollectMetadata   bool
	IgnoreDF          Opt[uint8]
	FwMark            Opt[uint32]
	Prefix6rd         Opt[netip.Addr]
	RelayPrefix6rd    Opt[netip.Addr]
	PrefixLen6rd      Opt[uint16]
	RelayPrefixLen6rd Opt[uint16]
	// ERSPAN (erspan, ip6erspan): the session index of version 1, the
	// direction and hardware id of version 2.
	ErspanIndex Opt[uint32]
	ErspanVer   Opt[uint8]
	ErspanDir   Opt[uint8]
	ErspanHwID  Opt[uint16]
	// Encap is the UDP encapsulation (fou, gue) of the GRE and IP
	// tunnels.
	Encap TunnelEncap
}

// TunnelEncap is a tunnel's UDP encapsulation: its type, flags and
// ports (a source port of 0 is chosen per flow).
type TunnelEncap struct {
	Type, Flags  Opt[uint16]
	Sport, Dport Opt[uint16] // network order on the wire
}

// Tunnel encapsulation types (IFLA_*_ENCAP_TYPE) and flags.
const (
	TunnelEncapNone = 0 // TUNNEL_ENCAP_NONE
	TunnelEncapFOU  = 1 // TUNNEL_ENCAP_FOU
	TunnelEncapGUE  = 2 // TUNNEL_ENCAP_GUE

	TunnelEncapFlagCsum    = 0x1 // TUNNEL_ENCAP_FLAG_CSUM
	TunnelEncapFlagCsum6   = 0x2 // TUNNEL_ENCAP_FLAG_CSUM6
	TunnelEncapFlagRemCsum = 0x4 // TUNNEL_ENCAP_FLAG_REMCSUM
)

func (t *Tunnel) attrs() tunnelAttrs {
	switch t.Family {
	case TunnelGRE:
		return greAttrs
	case TunnelVTI:
		return vtiAttrs
	}
	return ipTunAttrs
}

func (t *Tunnel) fields() []field {
	a := t.attrs()
	fs := []field{
		u32Field(a.link, &t.Link),
		addrField(a.local, &t.Local),
		addrField(a.remote, &t.Remote),
		u8Field(a.ttl, &t.TTL),
		u8Field(a.tos, &t.TOS),
		u8Field(a.encapLimit, &t.EncapLimit),
		be32Field(a.flowInfo, &t.FlowInfo),
		u8Field(a.proto, &t.Proto),
		u8Field(a.pmtuDisc, &t.PMTUDisc),
		be16Field(a.iFlags, &t.IFlags),
		be16Field(a.oFlags, &t.OFlags),
		be32Field(a.iKey, &t.IKey),
		be32Field(a.oKey, &t.OKey),
		flagField(a.collectMetadata, &t.CollectMetadata),
		u8Field(a.ignoreDF, &t.IgnoreDF),
		u32Field(a.fwMark, &t.FwMark),
		addrField(a.prefix6rd, &t.Prefix6rd),
		addrField(a.relayPrefix6rd, &t.RelayPrefix6rd),
		u16Field(a.prefixLen6rd, &t.PrefixLen6rd),
		u16Field(a.relayPrefixLen6rd, &t.RelayPrefixLen6rd),
		u32Field(a.erspanIndex, &t.ErspanIndex),
		u8Field(a.erspanVer, &t.ErspanVer),
		u8Field(a.erspanDir, &t.ErspanDir),
		u16Field(a.erspanHwID, &t.ErspanHwID),
		u16Field(a.encapType, &t.Encap.Type),
		u16Field(a.encapFlags, &t.Encap.Flags),
		be16Field(a.encapSport, &t.Encap.Sport),
		be16Field(a.encapDport, &t.Encap.Dport),
	}
	if t.Family == TunnelIP4 {
		fs = append(fs, mk(a.flags, func(e *nl.AttrEncoder) {
			if t.Flags.Set {
				e.Uint16(a.flags, uint16(t.Flags.V))
			}
		}, func(d *nl.AttrDecoder) { t.Flags = Some(uint32(d.Uint16())) }))
	} else {
		fs = append(fs, u32Field(a.flags, &t.Flags))
	}
	// Drop what the family lacks (attribute 0).
	out := fs[:0]
	for _, f := range fs {
		if f.typ != 0 {
			out = append(out, f)
		}
	}
	return out
}

// Encode implements LinkData.
func (t *Tunnel) Encode(e *nl.AttrEncoder) { encodeFields(e, t.fields()) }

// Decode implements LinkData.
func (t *Tunnel) Decode(data []byte) error { return decodeFields(data, t.fields()) }
