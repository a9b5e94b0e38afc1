package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
)

// enum IFLA_CAN_*
const (
	canBitTiming          = 1
	canBitTimingConst     = 2
	canClock              = 3
	canState              = 4
	canCtrlMode           = 5
	canRestartMS          = 6
	canRestart            = 7
	canBerrCounter        = 8
	canDataBitTiming      = 9
	canDataBitTimingConst = 10
	canTermination        = 11
	canTerminationConst   = 12
	canBitrateConst       = 13
	canDataBitrateConst   = 14
	canBitrateMax         = 15
	canTDC                = 16
	canCtrlModeExt        = 17

	canCtrlModeSupported = 1 // IFLA_CAN_CTRLMODE_SUPPORTED in IFLA_CAN_CTRLMODE_EXT
)

// CAN controller modes (CAN_CTRLMODE_*).
const (
	CANLoopback      = 0x01
	CANListenOnly    = 0x02
	CANTripleSample  = 0x04
	CANOneShot       = 0x08
	CANBerrReporting = 0x10
	CANFD            = 0x20
	CANPresumeAck    = 0x40
	CANFDNonISO      = 0x80
	CANCCLen8DLC     = 0x100
	CANTDCAuto       = 0x200
	CANTDCManual     = 0x400
)

// CANBitTiming is struct can_bittiming: the nominal (or data) bit
// timing, the sample point in tenths of a percent, times in time quanta.
type CANBitTiming struct {
	Bitrate, SamplePoint, TQ, PropSeg, PhaseSeg1, PhaseSeg2, SJW, BRP uint32
}

// CANBitTimingConst is struct can_bittiming_const: the controller's
// limits.
type CANBitTimingConst struct {
	Name                                     string // 16 bytes, NUL-padded, on the wire
	TSeg1Min, TSeg1Max, TSeg2Min             uint32
	TSeg2Max, SJWMax, BRPMin, BRPMax, BRPInc uint32
}

// CANCtrlMode is struct can_ctrlmode: the modes Mask selects, set to
// Flags.
type CANCtrlMode struct{ Mask, Flags uint32 }

// CANTDC is the transmitter delay compensation (IFLA_CAN_TDC_*): the
// values in use and, from the kernel, their ranges.
type CANTDC struct {
	TDCVMin, TDCVMax, TDCOMin, TDCOMax, TDCFMin, TDCFMax Opt[uint32]
	TDCV, TDCO, TDCF                                     Opt[uint32]
}

// CAN is the options of a CAN controller (IFLA_CAN_*): what the command
// line sets (timings, modes, restart, termination) and what the driver
// reports (limits, state, error counters, clock).
type CAN struct {
	BitTiming, DataBitTiming           Opt[CANBitTiming]
	BitTimingConst, DataBitTimingConst Opt[CANBitTimingConst]
	Clock                              Opt[uint32]
	State                              Opt[uint32] // enum can_state
	CtrlMode                           Opt[CANCtrlMode]
	RestartMS                          Opt[uint32]
	Restart                            Opt[uint32]
	BerrTx, BerrRx                     Opt[uint16] // struct can_berr_counter
	Termination                        Opt[uint16]
	TerminationConst                   []uint16
	BitrateConst, DataBitrateConst     []uint32
	BitrateMax                         Opt[uint32]
	TDC                                Opt[CANTDC]
	CtrlModeSupported                  Opt[uint32]
}

func (c *CAN) fields() []field {
	return []field{
		bitTimingField(canBitTiming, &c.BitTiming),
		bitTimingConstField(canBitTimingConst, &c.BitTimingConst),
		u32Field(canClock, &c.Clock),
		u32Field(canState, &c.State),
		mk(canCtrlMode, func(e *nl.AttrEncoder) {
			if v, ok := c.CtrlMode.Get(); ok {
				e.Bytes(canCtrlMode, u32s(v.Mask, v.Flags))
			}
		}, func(d *nl.AttrDecoder) {
			if v, ok := fixedU32s(d, 2); ok {
				c.CtrlMode = Some(CANCtrlMode{v[0], v[1]})
			}
		}),
		u32Field(canRestartMS, &c.RestartMS),
		u32Field(canRestart, &c.Restart),
		mk(canBerrCounter, func(e *nl.AttrEncoder) {
			if c.BerrTx.Set {
				b := binary.NativeEndian.AppendUint16(nil, c.BerrTx.V)
				e.Bytes(canBerrCounter, binary.NativeEndian.AppendUint16(b, c.BerrRx.V))
			}
		}, func(d *nl.AttrDecoder) {
			if d.Len() != 4 {
				d.Uint32() // records the size error
				return
			}
			b := d.Bytes()
			c.BerrTx, c.BerrRx = Some(binary.NativeEndian.Uint16(b)), Some(binary.NativeEndian.Uint16(b[2:]))
		}),
		bitTimingField(canDataBitTiming, &c.DataBitTiming),
		bitTimingConstField(canDataBitTimingConst, &c.DataBitTimingConst),
		u16Field(canTermination, &c.Termination),
		mk(canTerminationConst, func(e *nl.AttrEncoder) {
			if len(c.TerminationConst) > 0 {
				var b []byte
				for _, v := range c.TerminationConst {
					b = binary.NativeEndian.AppendUint16(b, v)
				}
				e.Bytes(canTerminationConst, b)
			}
		}, func(d *nl.AttrDecoder) {
			c.TerminationConst = nil
			for b := d.Bytes(); len(b) >= 2; b = b[2:] {
				c.TerminationConst = append(c.TerminationConst, binary.NativeEndian.Uint16(b))
			}
		}),
		u32ListField(canBitrateConst, &c.BitrateConst),
		u32ListField(canDataBitrateConst, &c.DataBitrateConst),
		u32Field(canBitrateMax, &c.BitrateMax),
		mk(canTDC, func(e *nl.AttrEncoder) {
			if t, ok := c.TDC.Get(); ok {
				e.Nest(canTDC)
				encodeFields(e, t.fields())
				e.Unnest()
			}
		}, func(d *nl.AttrDecoder) {
			var t CANTDC
			if err := decodeFields(d.Bytes(), t.fields()); err == nil {
				c.TDC = Some(t)
			}
		}),
		mk(canCtrlModeExt, func(e *nl.AttrEncoder) {
			if c.CtrlModeSupported.Set {
				e.Nest(canCtrlModeExt)
				e.Uint32(canCtrlModeSupported, c.CtrlModeSupported.V)
				e.Unnest()
			}
		}, func(d *nl.AttrDecoder) {
			fs := []field{u32Field(canCtrlModeSupported, &c.CtrlModeSupported)}
			_ = decodeFields(d.Bytes(), fs)
		}),
	}
}

func (t *CANTDC) fields() []field {
	return []field{
		u32Field(1, &t.TDCVMin), u32Field(2, &t.TDCVMax),
		u32Field(3, &t.TDCOMin), u32Field(4, &t.TDCOMax),
		u32Field(5, &t.TDCFMin), u32Field(6, &t.TDCFMax),
		u32Field(7, &t.TDCV), u32Field(8, &t.TDCO), u32Field(9, &t.TDCF),
	}
}

// Encode implements LinkData.
func (c *CAN) Encode(e *nl.AttrEncoder) { encodeFields(e, c.fields()) }

// Decode implements LinkData.
func (c *CAN) Decode(data []byte) error { return decodeFields(data, c.fields()) }

// fixedU32s reads a struct of n 32-bit values; a size mismatch is
// recorded as the decoder's error.
func fixedU32s(d *nl.AttrDecoder, n int) ([]uint32, bool) {
	b := d.Bytes()
	if len(b) != 4*n {
		d.Uint64() // records the size error
		return nil, false
	}
	v := make([]uint32, n)
	for i := range v {
		v[i] = binary.NativeEndian.Uint32(b[4*i:])
	}
	return v, true
}

func bitTimingField(t uint16, p *Opt[CANBitTiming]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if v, ok := p.Get(); ok {
			e.Bytes(t, u32s(v.Bitrate, v.SamplePoint, v.TQ, v.PropSeg, v.PhaseSeg1, v.PhaseSeg2, v.SJW, v.BRP))
		}
	}, func(d *nl.AttrDecoder) {
		if v, ok := fixedU32s(d, 8); ok {
			*p = Some(CANBitTiming{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]})
		}
	})
}

func bitTimingConstField(t uint16, p *Opt[CANBitTimingConst]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if v, ok := p.Get(); ok {
			name := make([]byte, 16)
			copy(name[:15], v.Name)
			e.Bytes(t, append(name, u32s(v.TSeg1Min, v.TSeg1Max, v.TSeg2Min, v.TSeg2Max, v.SJWMax, v.BRPMin, v.BRPMax, v.BRPInc)...))
		}
	}, func(d *nl.AttrDecoder) {
		b := d.Bytes()
		if len(b) != 16+4*8 {
			d.Uint64() // records the size error
			return
		}
		name := b[:16]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if len(name) == 16 {
			name = name[:15]
		}
		v := make([]uint32, 8)
		for i := range v {
			v[i] = binary.NativeEndian.Uint32(b[16+4*i:])
		}
		*p = Some(CANBitTimingConst{string(name), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]})
	})
}

// u32ListField is an array of 32-bit values filling the attribute.
func u32ListField(t uint16, p *[]uint32) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if len(*p) > 0 {
			e.Bytes(t, u32s(*p...))
		}
	}, func(d *nl.AttrDecoder) {
		*p = nil
		for b := d.Bytes(); len(b) >= 4; b = b[4:] {
			*p = append(*p, binary.NativeEndian.Uint32(b))
		}
	})
}
