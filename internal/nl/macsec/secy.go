package macsec

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
)

// SecY is one MACsec device as the dump (MACSEC_CMD_GET_TXSC) describes
// it: its settings, its transmit SC and SAs, its receive SCs, offload and
// counters.
type SecY struct {
	IfIndex uint32
	SCI     uint64 // the transmit SC's, as printed
	// The settings, each with whether the kernel sent it (ip prints only
	// those it got).
	EncodingSA  Setting
	Window      Setting
	CipherSuite uint64
	ICVLen      Setting
	Protect     Setting
	Replay      Setting
	Oper        Setting
	Validate    Setting // MACSEC_VALIDATE_*: 0 disabled, 1 check, 2 strict
	Encrypt     Setting
	IncludeSCI  Setting
	EndStation  Setting
	SCB         Setting
	TxSAs       []SA
	RxSCs       []RxSC
	Offload     Setting // MACSEC_OFFLOAD_*
	TxSCStats   Stats
	SecYStats   Stats
}

// Setting is a number the kernel may send or leave out.
type Setting struct {
	V   uint64
	Set bool
}

// On reports a flag that was sent and is not zero.
func (s Setting) On() bool { return s.Set && s.V != 0 }

// RxSC is a receive SC: the peer's SCI, whether it is on, its SAs.
type RxSC struct {
	SCI    uint64
	Active bool
	SAs    []SA
	Stats  Stats
}

// SA is a secure association of the dump. PN is 32 bits, 64 with XPN
// (which also has SSCI).
type SA struct {
	AN     uint8
	Active bool
	PN     uint64
	KeyID  []byte
	SSCI   uint32
	Stats  Stats
}

// errIncomplete is a device of the dump without one of the parts every
// device has (ip's "incomplete dump message").
var errIncomplete = errors.New("incomplete dump message")

// ErrIncomplete reports a dump message ip would refuse as incomplete.
func ErrIncomplete(err error) bool { return errors.Is(err, errIncomplete) }

// ParseSecY decodes one message of the dump. A message without the
// device's index, settings, SC lists or counters, or settings without the
// ones every device has, is ErrIncomplete.
func ParseSecY(attrs []byte) (SecY, error) {
	var y SecY
	var seen uint16
	var secySeen uint32
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		seen |= 1 << d.Type()
		switch d.Type() {
		case attrIfIndex:
			y.IfIndex = d.Uint32()
		case attrSecY:
			d.Decode(func(a *nl.AttrDecoder) error {
				secySeen = y.decodeSettings(a)
				return nil
			})
		case attrTxSAList:
			d.Decode(func(a *nl.AttrDecoder) error {
				y.TxSAs = decodeSAs(a)
				return nil
			})
		case attrRxSCList:
			d.Decode(func(a *nl.AttrDecoder) error {
				for a.Next() {
					var sc RxSC
					a.Decode(sc.decode)
					y.RxSCs = append(y.RxSCs, sc)
				}
				return nil
			})
		case attrTxSCStats:
			d.Decode(y.TxSCStats.decode)
		case attrSecYStats:
			d.Decode(y.SecYStats.decode)
		case attrOffload:
			d.Decode(func(a *nl.AttrDecoder) error {
				for a.Next() {
					if a.Type() == offloadType {
						y.Offload = Setting{uint64(a.Uint8()), true}
					}
				}
				return nil
			})
		}
	}
	if err := d.Err(); err != nil {
		return SecY{}, fmt.Errorf("macsec: decoding a device: %w", err)
	}
	const need = 1<<attrIfIndex | 1<<attrSecY | 1<<attrTxSAList | 1<<attrRxSCList | 1<<attrTxSCStats | 1<<attrSecYStats
	const needSecY = 1<<secySCI | 1<<secyEncodingSA | 1<<secyCipherSuite | 1<<secyICVLen | 1<<secyProtect | 1<<secyReplay |
		1<<secyOper | 1<<secyValidate | 1<<secyEncrypt | 1<<secyIncSCI | 1<<secyES | 1<<secySCB
	if seen&need != need || secySeen&needSecY != needSecY {
		return SecY{}, errIncomplete
	}
	return y, nil
}

// decodeSettings reads the SecY's attributes and returns which it saw.
func (y *SecY) decodeSettings(a *nl.AttrDecoder) uint32 {
	var seen uint32
	for a.Next() {
		t := a.Type()
		if t < 32 {
			seen |= 1 << t
		}
		var dst *Setting
		switch t {
		case secySCI:
			y.SCI = sci(a)
			continue
		case secyCipherSuite:
			y.CipherSuite = a.Uint64()
			continue
		case secyWindow:
			y.Window = Setting{uint64(a.Uint32()), true}
			continue
		case secyEncodingSA:
			dst = &y.EncodingSA
		case secyICVLen:
			dst = &y.ICVLen
		case secyProtect:
			dst = &y.Protect
		case secyReplay:
			dst = &y.Replay
		case secyOper:
			dst = &y.Oper
		case secyValidate:
			dst = &y.Validate
		case secyEncrypt:
			dst = &y.Encrypt
		case secyIncSCI:
			dst = &y.IncludeSCI
		case secyES:
			dst = &y.EndStation
		case secySCB:
			dst = &y.SCB
		default:
			continue
		}
		*dst = Setting{uint64(a.Uint8()), true}
	}
	return seen
}

func (sc *RxSC) decode(a *nl.AttrDecoder) error {
	for a.Next() {
		switch a.Type() {
		case rxscSCI:
			sc.SCI = sci(a)
		case rxscActive:
			sc.Active = a.Uint8() != 0
		case rxscSAList:
			a.Decode(func(l *nl.AttrDecoder) error {
				sc.SAs = decodeSAs(l)
				return nil
			})
		case rxscStats:
			a.Decode(sc.Stats.decode)
		}
	}
	return nil
}

// decodeSAs reads a list of SAs, each a nested attribute.
func decodeSAs(l *nl.AttrDecoder) []SA {
	var sas []SA
	for l.Next() {
		var sa SA
		l.Decode(sa.decode)
		sas = append(sas, sa)
	}
	return sas
}

func (sa *SA) decode(a *nl.AttrDecoder) error {
	for a.Next() {
		switch a.Type() {
		case saAN:
			sa.AN = a.Uint8()
		case saActive:
			sa.Active = a.Uint8() != 0
		case saPN:
			sa.PN = a.Uint()
		case saKeyID:
			sa.KeyID = append([]byte(nil), a.Bytes()...)
		case saSSCI:
			if b := a.Bytes(); len(b) == 4 {
				sa.SSCI = binary.BigEndian.Uint32(b)
			} else {
				a.Uint32() // records the error
			}
		case saStats:
			a.Decode(sa.Stats.decode)
		}
	}
	return nil
}

// sci reads an SCI: eight bytes, big-endian.
func sci(a *nl.AttrDecoder) uint64 {
	if b := a.Bytes(); len(b) == 8 {
		return binary.BigEndian.Uint64(b)
	}
	a.Uint64() // records the error
	return 0
}
