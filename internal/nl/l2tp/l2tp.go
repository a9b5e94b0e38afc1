package l2tp

import "github.com/gip-suite/gip/internal/nl"

// FamilyName is the family's name (L2TP_GENL_NAME).
const FamilyName = "l2tp"

// Cmd is a command of the family.
type Cmd uint8

// The commands (L2TP_CMD_*).
const (
	CmdTunnelCreate  Cmd = 1
	CmdTunnelDelete  Cmd = 2
	CmdTunnelModify  Cmd = 3
	CmdTunnelGet     Cmd = 4
	CmdSessionCreate Cmd = 5
	CmdSessionDelete Cmd = 6
	CmdSessionModify Cmd = 7
	CmdSessionGet    Cmd = 8
)

// Attributes (L2TP_ATTR_*).
const (
	attrPWType         = 1  // u16
	attrEncapType      = 2  // u16
	attrL2SpecType     = 5  // u8
	attrL2SpecLen      = 6  // u8
	attrProtoVersion   = 7  // u8
	attrIfName         = 8  // string
	attrConnID         = 9  // u32
	attrPeerConnID     = 10 // u32
	attrSessionID      = 11 // u32
	attrPeerSessionID  = 12 // u32
	attrUDPCsum        = 13 // u8
	attrCookie         = 15 // 0, 4 or 8 bytes
	attrPeerCookie     = 16 // 0, 4 or 8 bytes
	attrRecvSeq        = 18 // u8
	attrSendSeq        = 19 // u8
	attrLNSMode        = 20 // u8
	attrRecvTimeout    = 22 // u64, milliseconds
	attrIPSaddr        = 24 // 4 bytes
	attrIPDaddr        = 25 // 4 bytes
	attrUDPSport       = 26 // u16
	attrUDPDport       = 27 // u16
	attrStats          = 30 // nested
	attrIP6Saddr       = 31 // 16 bytes
	attrIP6Daddr       = 32 // 16 bytes
	attrUDPZeroCsum6Tx = 33 // flag
	attrUDPZeroCsum6Rx = 34 // flag
)

// Encap is how a tunnel carries L2TP (L2TP_ENCAPTYPE_*).
type Encap uint16

// The encapsulations.
const (
	EncapUDP Encap = 0
	EncapIP  Encap = 1
)

// PWTypeEth is an Ethernet pseudowire (L2TP_PWTYPE_ETH), the only kind of
// session ip makes.
const PWTypeEth = 5

// L2SpecType is a session's layer-2-specific sublayer
// (L2TP_L2SPECTYPE_*).
type L2SpecType uint8

// The sublayers.
const (
	L2SpecNone    L2SpecType = 0
	L2SpecDefault L2SpecType = 1
)

// Stats are a tunnel's or session's data counters (L2TP_ATTR_STATS).
type Stats struct {
	TxPackets, TxBytes, TxErrors uint64
	RxPackets, RxBytes, RxErrors uint64
	RxSeqDiscards, RxOOSPackets  uint64
	RxCookieDiscards, RxInvalid  uint64
}

// The counters (L2TP_ATTR_* nested in L2TP_ATTR_STATS).
const (
	statTxPackets        = 1
	statTxBytes          = 2
	statTxErrors         = 3
	statRxPackets        = 4
	statRxBytes          = 5
	statRxSeqDiscards    = 6
	statRxOOSPackets     = 7
	statRxErrors         = 8
	statRxCookieDiscards = 10
	statRxInvalid        = 11
)

func (s *Stats) decode(d *nl.AttrDecoder) error {
	for d.Next() {
		var dst *uint64
		switch d.Type() {
		case statTxPackets:
			dst = &s.TxPackets
		case statTxBytes:
			dst = &s.TxBytes
		case statTxErrors:
			dst = &s.TxErrors
		case statRxPackets:
			dst = &s.RxPackets
		case statRxBytes:
			dst = &s.RxBytes
		case statRxSeqDiscards:
			dst = &s.RxSeqDiscards
		case statRxOOSPackets:
			dst = &s.RxOOSPackets
		case statRxErrors:
			dst = &s.RxErrors
		case statRxCookieDiscards:
			dst = &s.RxCookieDiscards
		case statRxInvalid:
			dst = &s.RxInvalid
		default:
			continue
		}
		*dst = d.Uint64()
	}
	return nil
}

// IDs are the attributes that name a tunnel (and a session in it): a
// delete, or a get, carries only these. The tunnel's is always sent, the
// session's when not zero.
type IDs struct {
	Tunnel, Session uint32
}

// Attrs appends the IDs that are set.
func (ids IDs) Attrs(b []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	e.Uint32(attrConnID, ids.Tunnel)
	if ids.Session != 0 {
		e.Uint32(attrSessionID, ids.Session)
	}
	return e.Encode()
}
