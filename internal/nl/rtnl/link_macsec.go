package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
)

// enum IFLA_MACSEC_*
const (
	macsecSCI           = 1
	macsecPort          = 2
	macsecICVLen        = 3
	macsecCipherSuite   = 4
	macsecWindow        = 5
	macsecEncodingSA    = 6
	macsecEncrypt       = 7
	macsecProtect       = 8
	macsecIncSCI        = 9
	macsecES            = 10
	macsecSCB           = 11
	macsecReplayProtect = 12
	macsecValidation    = 13
	macsecOffload       = 15
)

// MACsec cipher suites (MACSEC_CIPHER_ID_*, MACSEC_DEFAULT_CIPHER_ID).
const (
	MacsecCipherDefault      = 0x0080020001000001
	MacsecCipherGCMAES128    = 0x0080C20001000001
	MacsecCipherGCMAES256    = 0x0080C20001000002
	MacsecCipherGCMAESXPN128 = 0x0080C20001000003
	MacsecCipherGCMAESXPN256 = 0x0080C20001000004
)

// Macsec is the options of a MACsec device (IFLA_MACSEC_*): its secure
// channel and how it protects and validates frames. The channels and
// associations themselves are configured over generic netlink.
type Macsec struct {
	SCI           Opt[uint64] // the secure channel identifier, network order on the wire
	Port          Opt[uint16] // network order on the wire
	ICVLen        Opt[uint8]
	CipherSuite   Opt[uint64]
	Window        Opt[uint32]
	EncodingSA    Opt[uint8]
	Encrypt       Opt[uint8]
	Protect       Opt[uint8]
	IncSCI        Opt[uint8] // send_sci
	ES            Opt[uint8] // end_station
	SCB           Opt[uint8]
	ReplayProtect Opt[uint8]
	Validation    Opt[uint8] // MACSEC_VALIDATE_*
	Offload       Opt[uint8] // MACSEC_OFFLOAD_*
}

func (m *Macsec) fields() []field {
	return []field{
		be64Field(macsecSCI, &m.SCI),
		be16Field(macsecPort, &m.Port),
		u8Field(macsecICVLen, &m.ICVLen),
		u64Field(macsecCipherSuite, &m.CipherSuite),
		u32Field(macsecWindow, &m.Window),
		u8Field(macsecEncodingSA, &m.EncodingSA),
		u8Field(macsecEncrypt, &m.Encrypt),
		u8Field(macsecProtect, &m.Protect),
		u8Field(macsecIncSCI, &m.IncSCI),
		u8Field(macsecES, &m.ES),
		u8Field(macsecSCB, &m.SCB),
		u8Field(macsecReplayProtect, &m.ReplayProtect),
		u8Field(macsecValidation, &m.Validation),
		u8Field(macsecOffload, &m.Offload),
	}
}

// Encode implements LinkData.
func (m *Macsec) Encode(e *nl.AttrEncoder) { encodeFields(e, m.fields()) }

// Decode implements LinkData.
func (m *Macsec) Decode(data []byte) error { return decodeFields(data, m.fields()) }

// be64Field is a 64-bit value in network byte order (a MACsec SCI).
func be64Field(t uint16, p *Opt[uint64]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.Bytes(t, binary.BigEndian.AppendUint64(nil, p.V))
		}
	}, func(d *nl.AttrDecoder) {
		if d.Len() != 8 {
			d.Uint64() // records the size error
			return
		}
		*p = Some(binary.BigEndian.Uint64(d.Bytes()))
	})
}
