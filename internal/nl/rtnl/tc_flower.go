package rtnl

import (
	"net/netip"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the flower filter (TCA_FLOWER_* in pkt_cls.h).
const (
	tcaFlowerClassid           = 1
	tcaFlowerIndev             = 2
	tcaFlowerAct               = 3
	tcaFlowerKeyEthDst         = 4
	tcaFlowerKeyEthDstMask     = 5
	tcaFlowerKeyEthSrc         = 6
	tcaFlowerKeyEthSrcMask     = 7
	tcaFlowerKeyEthType        = 8
	tcaFlowerKeyIPProto        = 9
	tcaFlowerKeyIPv4Src        = 10
	tcaFlowerKeyIPv4SrcMask    = 11
	tcaFlowerKeyIPv4Dst        = 12
	tcaFlowerKeyIPv4DstMask    = 13
	tcaFlowerKeyIPv6Src        = 14
	tcaFlowerKeyIPv6SrcMask    = 15
	tcaFlowerKeyIPv6Dst        = 16
	tcaFlowerKeyIPv6DstMask    = 17
	tcaFlowerKeyTCPSrc         = 18
	tcaFlowerKeyTCPDst         = 19
	tcaFlowerKeyUDPSrc         = 20
	tcaFlowerKeyUDPDst         = 21
	tcaFlowerFlags             = 22
	tcaFlowerKeyVlanID         = 23
	tcaFlowerKeyVlanPrio       = 24
	tcaFlowerKeyVlanEthType    = 25
	tcaFlowerKeyEncKeyID       = 26
	tcaFlowerKeyEncIPv4Src     = 27
	tcaFlowerKeyEncIPv4SrcMask = 28
	tcaFlowerKeyEncIPv4Dst     = 29
	tcaFlowerKeyEncIPv4DstMask = 30
	tcaFlowerKeyEncIPv6Src     = 31
	tcaFlowerKeyEncIPv6SrcMask = 32
	tcaFlowerKeyEncIPv6Dst     = 33
	tcaFlowerKeyEncIPv6DstMask = 34
	tcaFlowerKeyTCPSrcMask     = 35
	tcaFlowerKeyTCPDstMask     = 36
	tcaFlowerKeyUDPSrcMask     = 37
	tcaFlowerKeyUDPDstMask     = 38
	tcaFlowerKeySCTPSrcMask    = 39
	tcaFlowerKeySCTPDstMask    = 40
	tcaFlowerKeySCTPSrc        = 41
	tcaFlowerKeySCTPDst        = 42
	tcaFlowerKeyEncUDPSrc      = 43
	tcaFlowerKeyEncUDPSrcMask  = 44
	tcaFlowerKeyEncUDPDst      = 45
	tcaFlowerKeyEncUDPDstMask  = 46
	tcaFlowerKeyFlags          = 47
	tcaFlowerKeyFlagsMask      = 48
	tcaFlowerKeyICMPv4Code     = 49
	tcaFlowerKeyICMPv4CodeMask = 50
	tcaFlowerKeyICMPv4Type     = 51
	tcaFlowerKeyICMPv4TypeMask = 52
	tcaFlowerKeyICMPv6Code     = 53
	tcaFlowerKeyICMPv6CodeMask = 54
	tcaFlowerKeyICMPv6Type     = 55
	tcaFlowerKeyICMPv6TypeMask = 56
	tcaFlowerKeyArpSIP         = 57
	tcaFlowerKeyArpSIPMask     = 58
	tcaFlowerKeyArpTIP         = 59
	tcaFlowerKeyArpTIPMask     = 60
	tcaFlowerKeyArpOp          = 61
	tcaFlowerKeyArpOpMask      = 62
	tcaFlowerKeyArpSHA         = 63
	tcaFlowerKeyArpSHAMask     = 64
	tcaFlowerKeyArpTHA         = 65
	tcaFlowerKeyArpTHAMask     = 66
	tcaFlowerKeyMPLSTTL        = 67
	tcaFlowerKeyMPLSBOS        = 68
	tcaFlowerKeyMPLSTC         = 69
	tcaFlowerKeyMPLSLabel      = 70
	tcaFlowerKeyTCPFlags       = 71
	tcaFlowerKeyTCPFlagsMask   = 72
	tcaFlowerKeyIPTOS          = 73
	tcaFlowerKeyIPTOSMask      = 74
	tcaFlowerKeyIPTTL          = 75
	tcaFlowerKeyIPTTLMask      = 76
	tcaFlowerKeyCVlanID        = 77
	tcaFlowerKeyCVlanPrio      = 78
	tcaFlowerKeyCVlanEthType   = 79
	tcaFlowerKeyEncIPTOS       = 80
	tcaFlowerKeyEncIPTOSMask   = 81
	tcaFlowerKeyEncIPTTL       = 82
	tcaFlowerKeyEncIPTTLMask   = 83
	tcaFlowerKeyEncOpts        = 84
	tcaFlowerKeyEncOptsMask    = 85
	tcaFlowerInHWCount         = 86
	tcaFlowerKeyPortSrcMin     = 87
	tcaFlowerKeyPortSrcMax     = 88
	tcaFlowerKeyPortDstMin     = 89
	tcaFlowerKeyPortDstMax     = 90
	tcaFlowerKeyCTState        = 91
	tcaFlowerKeyCTStateMask    = 92
	tcaFlowerKeyCTZone         = 93
	tcaFlowerKeyCTZoneMask     = 94
	tcaFlowerKeyCTMark         = 95
	tcaFlowerKeyCTMarkMask     = 96
	tcaFlowerKeyCTLabels       = 97
	tcaFlowerKeyCTLabelsMask   = 98
	tcaFlowerKeyMPLSOpts       = 99
	tcaFlowerKeyNumOfVlans     = 102
	tcaFlowerKeyPPPoESID       = 103
	tcaFlowerKeyPPPProto       = 104
	tcaFlowerMax               = 106

	// inside TCA_FLOWER_KEY_ENC_OPTS(_MASK)
	tcaFlowerEncOptsGeneve = 1
	tcaFlowerEncOptsVxlan  = 2
	tcaFlowerEncOptsErspan = 3
	tcaFlowerEncOptsGTP    = 4
	// inside TCA_FLOWER_KEY_MPLS_OPTS
	tcaFlowerMPLSOptsLSE = 1
)

// Flags of flower's matching flags (TCA_FLOWER_KEY_FLAGS_*) and of its
// conntrack state (TCA_FLOWER_KEY_CT_FLAGS_*); ClsFlagVerbose asks the
// kernel for verbose offload errors.
const (
	FlowerFlagIsFragment  = 1 << 0
	FlowerFlagFragIsFirst = 1 << 1

	FlowerCTNew         = 1 << 0
	FlowerCTEstablished = 1 << 1
	FlowerCTRelated     = 1 << 2
	FlowerCTTracked     = 1 << 3
	FlowerCTInvalid     = 1 << 4
	FlowerCTReply       = 1 << 5

	ClsFlagVerbose = 1 << 4
)

// Masked is a flower key and its mask, each an attribute of its own.
type Masked[T comparable] struct{ Key, Mask Opt[T] }

// Flower is the options of the flower filter. Numbers are in host order
// whatever their order on the wire (ports, ethertypes, the enc key id and
// the matching flags are big-endian there); MAC addresses are as on the
// wire.
type Flower struct {
	Classid    Opt[uint32]
	Indev      Opt[string]
	Flags      Opt[uint32] // TCA_CLS_FLAGS_*
	Actions    []Action
	ActionsRaw []byte      // the action list of a reply
	InHWCount  Opt[uint32] // in a reply

	EthDst, EthSrc Masked[[6]byte]
	EthType        Opt[uint16]
	IPProto        Opt[uint8]

	NumOfVlans                   Opt[uint8]
	VlanID, CVlanID              Opt[uint16]
	VlanPrio, CVlanPrio          Opt[uint8]
	VlanEthType, CVlanEthType    Opt[uint16]
	PPPoESID, PPPProto           Opt[uint16]
	IPv4Src, IPv4Dst             Masked[netip.Addr]
	IPv6Src, IPv6Dst             Masked[netip.Addr]
	IPTOS, IPTTL                 Masked[uint8]
	TCPSrc, TCPDst               Masked[uint16]
	UDPSrc, UDPDst               Masked[uint16]
	SCTPSrc, SCTPDst             Masked[uint16]
	PortSrcMin, PortSrcMax       Opt[uint16]
	PortDstMin, PortDstMax       Opt[uint16]
	TCPFlags                     Masked[uint16]
	ICMPv4Type, ICMPv4Code       Masked[uint8]
	ICMPv6Type, ICMPv6Code       Masked[uint8]
	ArpSIP, ArpTIP               Masked[netip.Addr]
	ArpOp                        Masked[uint8]
	ArpSHA, ArpTHA               Masked[[6]byte]
	MPLSLabel                    Opt[uint32]
	MPLSTC, MPLSBOS, MPLSTTL     Opt[uint8]
	MPLS                         []FlowerLSE // non-nil when the filter has TCA_FLOWER_KEY_MPLS_OPTS
	EncKeyID                     Opt[uint32]
	EncIPv4Src, EncIPv4Dst       Masked[netip.Addr]
	EncIPv6Src, EncIPv6Dst       Masked[netip.Addr]
	EncUDPSrcPort, EncUDPDstPort Masked[uint16]
	EncIPTOS, EncIPTTL           Masked[uint8]
	EncOpts, EncOptsMask         *FlowerEncOpts
	KeyFlags                     Masked[uint32] // FlowerFlag*
	CTState, CTZone              Masked[uint16]
	CTMark                       Masked[uint32]
	CTLabels, CTLabelsMask       []byte
}

// FlowerLSE is one MPLS label stack entry of the lse form.
type FlowerLSE struct {
	Depth, TTL, BOS, TC Opt[uint8]
	Label               Opt[uint32]
}

// FlowerEncOpts is the tunnel options a flower key (or its mask) holds:
// geneve options, or one vxlan, erspan or gtp option.
type FlowerEncOpts struct {
	Geneve []FlowerGeneveOpt
	Vxlan  Opt[FlowerVxlanOpt]
	Erspan Opt[FlowerErspanOpt]
	GTP    Opt[FlowerGTPOpt]
}

// FlowerGeneveOpt is one geneve option; Data is nil when absent.
type FlowerGeneveOpt struct {
	Class Opt[uint16]
	Type  Opt[uint8]
	Data  []byte
}

// FlowerVxlanOpt is the vxlan option: the group policy id.
type FlowerVxlanOpt struct{ GBP Opt[uint32] }

// FlowerErspanOpt is the erspan option (Index is big-endian on the wire).
type FlowerErspanOpt struct {
	Ver, Dir, HWID Opt[uint8]
	Index          Opt[uint32]
}

// FlowerGTPOpt is the gtp option.
type FlowerGTPOpt struct{ PDUType, QFI Opt[uint8] }

// strField is a NUL-terminated string.
func strField(t uint16, p *Opt[string]) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if p.Set {
			e.String(t, p.V)
		}
	}, func(d *nl.AttrDecoder) { *p = Some(d.String()) })
}

// bytesField is a payload of any size; nil when absent (an empty payload
// reads as absent).
func bytesField(t uint16, p *[]byte) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if *p != nil {
			e.Bytes(t, *p)
		}
	}, func(d *nl.AttrDecoder) { *p = clone(d.Bytes()) })
}

func masked8(k, m uint16, p *Masked[uint8]) []field {
	return []field{u8Field(k, &p.Key), u8Field(m, &p.Mask)}
}

func maskedBE16(k, m uint16, p *Masked[uint16]) []field {
	return []field{be16Field(k, &p.Key), be16Field(m, &p.Mask)}
}

func maskedHW(k, m uint16, p *Masked[[6]byte]) []field {
	return []field{hwField(k, &p.Key), hwField(m, &p.Mask)}
}

func maskedAddr(k, m uint16, p *Masked[netip.Addr]) []field {
	return []field{addrField(k, &p.Key), addrField(m, &p.Mask)}
}

// fields lists f's attributes in the order Encode writes them: flags, the
// matching flags and the ethertype last, as tc does.
func (f *Flower) fields() []field {
	fs := []field{
		u32Field(tcaFlowerClassid, &f.Classid),
		strField(tcaFlowerIndev, &f.Indev),
		u8Field(tcaFlowerKeyNumOfVlans, &f.NumOfVlans),
		u16Field(tcaFlowerKeyVlanID, &f.VlanID),
		u8Field(tcaFlowerKeyVlanPrio, &f.VlanPrio),
		be16Field(tcaFlowerKeyVlanEthType, &f.VlanEthType),
		u16Field(tcaFlowerKeyCVlanID, &f.CVlanID),
		u8Field(tcaFlowerKeyCVlanPrio, &f.CVlanPrio),
		be16Field(tcaFlowerKeyCVlanEthType, &f.CVlanEthType),
		be16Field(tcaFlowerKeyPPPoESID, &f.PPPoESID),
		be16Field(tcaFlowerKeyPPPProto, &f.PPPProto),
		u8Field(tcaFlowerKeyIPProto, &f.IPProto),
		u32Field(tcaFlowerKeyMPLSLabel, &f.MPLSLabel),
		u8Field(tcaFlowerKeyMPLSTC, &f.MPLSTC),
		u8Field(tcaFlowerKeyMPLSBOS, &f.MPLSBOS),
		u8Field(tcaFlowerKeyMPLSTTL, &f.MPLSTTL),
		mk(tcaFlowerKeyMPLSOpts, f.encodeMPLS, f.decodeMPLS),
		be16Field(tcaFlowerKeyPortSrcMin, &f.PortSrcMin),
		be16Field(tcaFlowerKeyPortSrcMax, &f.PortSrcMax),
		be16Field(tcaFlowerKeyPortDstMin, &f.PortDstMin),
		be16Field(tcaFlowerKeyPortDstMax, &f.PortDstMax),
		be32Field(tcaFlowerKeyEncKeyID, &f.EncKeyID),
		encOptsField(tcaFlowerKeyEncOpts, &f.EncOpts),
		encOptsField(tcaFlowerKeyEncOptsMask, &f.EncOptsMask),
		bytesField(tcaFlowerKeyCTLabels, &f.CTLabels),
		bytesField(tcaFlowerKeyCTLabelsMask, &f.CTLabelsMask),
		u32Field(tcaFlowerInHWCount, &f.InHWCount),
	}
	for _, g := range [][]field{
		maskedHW(tcaFlowerKeyEthDst, tcaFlowerKeyEthDstMask, &f.EthDst),
		maskedHW(tcaFlowerKeyEthSrc, tcaFlowerKeyEthSrcMask, &f.EthSrc),
		masked8(tcaFlowerKeyIPTOS, tcaFlowerKeyIPTOSMask, &f.IPTOS),
		masked8(tcaFlowerKeyIPTTL, tcaFlowerKeyIPTTLMask, &f.IPTTL),
		maskedAddr(tcaFlowerKeyIPv4Dst, tcaFlowerKeyIPv4DstMask, &f.IPv4Dst),
		maskedAddr(tcaFlowerKeyIPv4Src, tcaFlowerKeyIPv4SrcMask, &f.IPv4Src),
		maskedAddr(tcaFlowerKeyIPv6Dst, tcaFlowerKeyIPv6DstMask, &f.IPv6Dst),
		maskedAddr(tcaFlowerKeyIPv6Src, tcaFlowerKeyIPv6SrcMask, &f.IPv6Src),
		maskedBE16(tcaFlowerKeyTCPDst, tcaFlowerKeyTCPDstMask, &f.TCPDst),
		maskedBE16(tcaFlowerKeyTCPSrc, tcaFlowerKeyTCPSrcMask, &f.TCPSrc),
		maskedBE16(tcaFlowerKeyUDPDst, tcaFlowerKeyUDPDstMask, &f.UDPDst),
		maskedBE16(tcaFlowerKeyUDPSrc, tcaFlowerKeyUDPSrcMask, &f.UDPSrc),
		maskedBE16(tcaFlowerKeySCTPDst, tcaFlowerKeySCTPDstMask, &f.SCTPDst),
		maskedBE16(tcaFlowerKeySCTPSrc, tcaFlowerKeySCTPSrcMask, &f.SCTPSrc),
		maskedBE16(tcaFlowerKeyTCPFlags, tcaFlowerKeyTCPFlagsMask, &f.TCPFlags),
		masked8(tcaFlowerKeyICMPv4Type, tcaFlowerKeyICMPv4TypeMask, &f.ICMPv4Type),
		masked8(tcaFlowerKeyICMPv4Code, tcaFlowerKeyICMPv4CodeMask, &f.ICMPv4Code),
		masked8(tcaFlowerKeyICMPv6Type, tcaFlowerKeyICMPv6TypeMask, &f.ICMPv6Type),
		masked8(tcaFlowerKeyICMPv6Code, tcaFlowerKeyICMPv6CodeMask, &f.ICMPv6Code),
		maskedAddr(tcaFlowerKeyArpTIP, tcaFlowerKeyArpTIPMask, &f.ArpTIP),
		maskedAddr(tcaFlowerKeyArpSIP, tcaFlowerKeyArpSIPMask, &f.ArpSIP),
		masked8(tcaFlowerKeyArpOp, tcaFlowerKeyArpOpMask, &f.ArpOp),
		maskedHW(tcaFlowerKeyArpSHA, tcaFlowerKeyArpSHAMask, &f.ArpSHA),
		maskedHW(tcaFlowerKeyArpTHA, tcaFlowerKeyArpTHAMask, &f.ArpTHA),
		maskedAddr(tcaFlowerKeyEncIPv4Dst, tcaFlowerKeyEncIPv4DstMask, &f.EncIPv4Dst),
		maskedAddr(tcaFlowerKeyEncIPv4Src, tcaFlowerKeyEncIPv4SrcMask, &f.EncIPv4Src),
		maskedAddr(tcaFlowerKeyEncIPv6Dst, tcaFlowerKeyEncIPv6DstMask, &f.EncIPv6Dst),
		maskedAddr(tcaFlowerKeyEncIPv6Src, tcaFlowerKeyEncIPv6SrcMask, &f.EncIPv6Src),
		maskedBE16(tcaFlowerKeyEncUDPDst, tcaFlowerKeyEncUDPDstMask, &f.EncUDPDstPort),
		maskedBE16(tcaFlowerKeyEncUDPSrc, tcaFlowerKeyEncUDPSrcMask, &f.EncUDPSrcPort),
		masked8(tcaFlowerKeyEncIPTOS, tcaFlowerKeyEncIPTOSMask, &f.EncIPTOS),
		masked8(tcaFlowerKeyEncIPTTL, tcaFlowerKeyEncIPTTLMask, &f.EncIPTTL),
		{u16Field(tcaFlowerKeyCTState, &f.CTState.Key), u16Field(tcaFlowerKeyCTStateMask, &f.CTState.Mask)},
		{u16Field(tcaFlowerKeyCTZone, &f.CTZone.Key), u16Field(tcaFlowerKeyCTZoneMask, &f.CTZone.Mask)},
		{u32Field(tcaFlowerKeyCTMark, &f.CTMark.Key), u32Field(tcaFlowerKeyCTMarkMask, &f.CTMark.Mask)},
		{mk(tcaFlowerAct, func(e *nl.AttrEncoder) {
			if len(f.Actions) > 0 {
				EncodeActions(e, tcaFlowerAct, f.Actions)
			}
		}, func(d *nl.AttrDecoder) { f.ActionsRaw = clone(d.Bytes()) })},
		{u32Field(tcaFlowerFlags, &f.Flags)},
		{be32Field(tcaFlowerKeyFlags, &f.KeyFlags.Key), be32Field(tcaFlowerKeyFlagsMask, &f.KeyFlags.Mask)},
		{be16Field(tcaFlowerKeyEthType, &f.EthType)},
	} {
		fs = append(fs, g...)
	}
	return fs
}

// Encode implements TCOptions: the TCA_OPTIONS nest tc writes (which it
// writes even for a flower without words).
func (f *Flower) Encode(e *nl.AttrEncoder) {
	e.NestPlain(unix.TCA_OPTIONS)
	encodeFields(e, f.fields())
	e.Unnest()
}

// Decode implements TCOptions.
func (f *Flower) Decode(b []byte) error {
	*f = Flower{}
	return decodeFields(b, f.fields())
}

func (f *Flower) encodeMPLS(e *nl.AttrEncoder) {
	if f.MPLS == nil {
		return
	}
	e.Nest(tcaFlowerKeyMPLSOpts)
	for i := range f.MPLS {
		e.Nest(tcaFlowerMPLSOptsLSE)
		encodeFields(e, f.MPLS[i].fields())
		e.Unnest()
	}
	e.Unnest()
}

func (f *Flower) decodeMPLS(d *nl.AttrDecoder) {
	f.MPLS = []FlowerLSE{}
	d.Decode(func(nd *nl.AttrDecoder) error {
		for nd.Next() {
			if nd.Type() != tcaFlowerMPLSOptsLSE {
				continue
			}
			var l FlowerLSE
			if err := decodeFields(nd.Bytes(), l.fields()); err != nil {
				return err
			}
			f.MPLS = append(f.MPLS, l)
		}
		return nd.Err()
	})
}

func (l *FlowerLSE) fields() []field {
	return []field{
		u8Field(1, &l.Depth), u8Field(2, &l.TTL), u8Field(3, &l.BOS), u8Field(4, &l.TC), u32Field(5, &l.Label),
	}
}

func (o *FlowerVxlanOpt) fields() []field { return []field{u32Field(1, &o.GBP)} }

func (o *FlowerErspanOpt) fields() []field {
	return []field{u8Field(1, &o.Ver), be32Field(2, &o.Index), u8Field(3, &o.Dir), u8Field(4, &o.HWID)}
}

func (o *FlowerGTPOpt) fields() []field { return []field{u8Field(1, &o.PDUType), u8Field(2, &o.QFI)} }

// encOptsField is TCA_FLOWER_KEY_ENC_OPTS or its mask.
func encOptsField(t uint16, p **FlowerEncOpts) field {
	return mk(t, func(e *nl.AttrEncoder) {
		if *p != nil {
			(*p).encode(e, t)
		}
	}, func(d *nl.AttrDecoder) {
		o := new(FlowerEncOpts)
		*p = o
		d.Decode(o.decode)
	})
}

// encode writes the tunnel options as tc does: geneve options each in a
// nest of its own, in nests without NLA_F_NESTED; the others flagged.
func (o *FlowerEncOpts) encode(e *nl.AttrEncoder, typ uint16) {
	if !o.Vxlan.Set && !o.Erspan.Set && !o.GTP.Set {
		e.NestPlain(typ)
	} else {
		e.Nest(typ)
	}
	for _, g := range o.Geneve {
		e.NestPlain(tcaFlowerEncOptsGeneve)
		if v, ok := g.Class.Get(); ok {
			e.Uint16BE(1, v)
		}
		if v, ok := g.Type.Get(); ok {
			e.Uint8(2, v)
		}
		if g.Data != nil {
			e.Bytes(3, g.Data)
		}
		e.Unnest()
	}
	nest := func(typ uint16, fs []field) {
		e.Nest(typ)
		encodeFields(e, fs)
		e.Unnest()
	}
	if v, ok := o.Vxlan.Get(); ok {
		nest(tcaFlowerEncOptsVxlan, v.fields())
	}
	if v, ok := o.Erspan.Get(); ok {
		nest(tcaFlowerEncOptsErspan, v.fields())
	}
	if v, ok := o.GTP.Get(); ok {
		nest(tcaFlowerEncOptsGTP, v.fields())
	}
	e.Unnest()
}

func (o *FlowerEncOpts) decode(d *nl.AttrDecoder) error {
	for d.Next() {
		var err error
		switch d.Type() {
		case tcaFlowerEncOptsGeneve:
			err = o.decodeGeneve(d.Bytes())
		case tcaFlowerEncOptsVxlan:
			var x FlowerVxlanOpt
			err = decodeFields(d.Bytes(), x.fields())
			o.Vxlan = Some(x)
		case tcaFlowerEncOptsErspan:
			var x FlowerErspanOpt
			err = decodeFields(d.Bytes(), x.fields())
			o.Erspan = Some(x)
		case tcaFlowerEncOptsGTP:
			var x FlowerGTPOpt
			err = decodeFields(d.Bytes(), x.fields())
			o.GTP = Some(x)
		}
		if err != nil {
			return err
		}
	}
	return d.Err()
}

// decodeGeneve reads one geneve nest: the kernel lists all options in
// one (class, type, data, class, ...), tc writes one nest per option; an
// option ends where an attribute does not come after the one before in
// that order.
func (o *FlowerEncOpts) decodeGeneve(b []byte) error {
	d := nl.NewAttrDecoder(b)
	last := uint16(0) // the last attribute of the current option; 0: none yet
	for d.Next() {
		typ := d.Type()
		if typ < 1 || typ > 3 {
			continue
		}
		if last == 0 || typ <= last {
			o.Geneve = append(o.Geneve, FlowerGeneveOpt{})
		}
		last = typ
		g := &o.Geneve[len(o.Geneve)-1]
		switch typ {
		case 1:
			g.Class = Some(d.Uint16BE())
		case 2:
			g.Type = Some(d.Uint8())
		case 3:
			g.Data = append([]byte{}, d.Bytes()...)
		}
	}
	return d.Err()
}
