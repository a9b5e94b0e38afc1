package macsec

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
)

// Change is one request of ip macsec: the device, and the receive SC,
// the SA or the offload it names. Its command says what it does.
type Change struct {
	IfIndex uint32
	RxSC    *RxSCConfig // a receive SC (or the one an SA is in)
	SA      *SAConfig
	Offload *uint8 // MACSEC_OFFLOAD_*: 0 off, 1 phy, 2 mac
}

// RxSCConfig names a receive SC by its SCI and, when HasActive, turns it
// on or off.
type RxSCConfig struct {
	SCI       uint64 // as printed: the address's six bytes, then the port
	Active    bool
	HasActive bool
}

// SAConfig is an association number and what a request sets of its SA:
// only what is set is sent.
type SAConfig struct {
	AN uint8
	// PN is the next packet number, sent when not 0: 32 bits, or 64
	// with XPN (which also sends Salt and SSCI when set).
	PN      uint64
	XPN     bool
	Salt    [SaltLen]byte
	HasSalt bool
	SSCI    uint32
	HasSSCI bool
	// KeyID and Key are sent together when Key is not empty.
	KeyID     [KeyIDLen]byte
	Key       []byte
	Active    bool
	HasActive bool
}

// Attrs appends the request's attributes in the order ip sends them.
func (c *Change) Attrs(b []byte) ([]byte, error) {
	e := nl.NewAttrEncoder(b)
	e.Uint32(attrIfIndex, c.IfIndex)
	if c.RxSC != nil {
		e.NestPlain(attrRxSCConfig)
		e.Bytes(rxscSCI, sciBytes(c.RxSC.SCI))
		if c.RxSC.HasActive {
			e.Uint8(rxscActive, boolByte(c.RxSC.Active))
		}
		e.Unnest()
	}
	if sa := c.SA; sa != nil {
		e.NestPlain(attrSAConfig)
		e.Uint8(saAN, sa.AN)
		if sa.XPN {
			if sa.PN != 0 {
				e.Uint64(saPN, sa.PN)
			}
			if sa.HasSalt {
				e.Bytes(saSalt, sa.Salt[:])
			}
			if sa.HasSSCI {
				e.Bytes(saSSCI, binary.BigEndian.AppendUint32(nil, sa.SSCI))
			}
		} else if sa.PN != 0 {
			e.Uint32(saPN, uint32(sa.PN))
		}
		if len(sa.Key) > 0 {
			e.Bytes(saKeyID, sa.KeyID[:])
			e.Bytes(saKey, sa.Key)
		}
		if sa.HasActive {
			e.Uint8(saActive, boolByte(sa.Active))
		}
		e.Unnest()
	}
	if c.Offload != nil {
		e.NestPlain(attrOffload)
		e.Uint8(offloadType, *c.Offload)
		e.Unnest()
	}
	return e.Encode()
}

// sciBytes is an SCI on the wire: big-endian.
func sciBytes(sci uint64) []byte { return binary.BigEndian.AppendUint64(nil, sci) }

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}
