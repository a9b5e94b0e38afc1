package nftables

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Expr is one expression of a rule: the kernel's instruction set.
type Expr interface {
	// Kind is the kernel's name of the expression ("payload", "cmp", ...).
	Kind() string
	encode(e *nl.AttrEncoder)
}

// Payload loads Len bytes at Offset of a packet header into DReg.
type Payload struct {
	DReg, Base, Offset, Len uint32
}

// Payload bases (enum nft_payload_bases).
const (
	BaseLL        uint32 = 0 // NFT_PAYLOAD_LL_HEADER
	BaseNetwork   uint32 = 1 // NFT_PAYLOAD_NETWORK_HEADER
	BaseTransport uint32 = 2 // NFT_PAYLOAD_TRANSPORT_HEADER
)

// Meta loads a packet's meta data (enum nft_meta_keys) into DReg, or sets
// it from SReg.
type Meta struct{ Key, DReg, SReg uint32 }

// Ct loads a conntrack key (enum nft_ct_keys) into DReg, or sets it from
// SReg; Dir selects original (0) or reply (1) for tuple keys.
type Ct struct {
	Key, DReg, SReg uint32
	Dir             *uint8
}

// Comparison operators (enum nft_cmp_ops).
const (
	CmpEq uint32 = iota
	CmpNeq
	CmpLt
	CmpLte
	CmpGt
	CmpGte
)

// Cmp compares SReg with Data.
type Cmp struct {
	SReg, Op uint32
	Data     []byte
}

// Range matches SReg within [From, To] (Op RangeEq) or outside it.
type Range struct {
	SReg, Op uint32
	From, To []byte
}

// Bitwise computes DReg = (SReg & Mask) ^ Xor over Len bytes (Op 0), or a
// shift by Data (other ops).
type Bitwise struct {
	SReg, DReg, Len uint32
	Mask, Xor       []byte
	Op              uint32
	Data            []byte
}

// Lookup looks SReg up in a set; with DReg it is a map lookup loading the
// element's data. LookupInvert negates a set match.
type Lookup struct {
	SReg  uint32
	DReg  *uint32
	Set   string
	SetID uint32
	Flags uint32
}

// LookupInvert is NFT_LOOKUP_F_INV.
const LookupInvert uint32 = 1

// Immediate loads data or a verdict into DReg (RegVerdict for a verdict).
type Immediate struct {
	DReg uint32
	Data Data
}

// Counter counts packets and bytes.
type Counter struct{ Bytes, Packets uint64 }

// Limit limits the rate of packets (Type LimitPackets) or bytes.
type Limit struct {
	Rate, Unit  uint64 // Rate per Unit seconds
	Burst, Type uint32
	Flags       uint32 // LimitInvert: over the rate
}

// Limit types and flags.
const (
	LimitPackets uint32 = 0 // NFT_LIMIT_PKTS
	LimitBytes   uint32 = 1 // NFT_LIMIT_PKT_BYTES
	LimitInvert  uint32 = 1 // NFT_LIMIT_F_INV
)

// Log logs a packet: to the kernel log (Level) or to an nflog Group.
type Log struct {
	Prefix     *string
	Group      *uint16
	Snaplen    *uint32
	QThreshold *uint16
	Level      *uint32
	Flags      *uint32
}

// Reject answers a packet with an ICMP error (Type 0 or 2, with Code) or a
// TCP reset (Type 1).
type Reject struct {
	Type uint32
	Code uint8
}

// Reject types (enum nft_reject_types).
const (
	RejectICMPUnreach  uint32 = 0
	RejectTCPReset     uint32 = 1
	RejectICMPXUnreach uint32 = 2
)

// NAT translates the source (NATSnat) or destination address from the
// registers set (0 for none).
type NAT struct {
	Type, Family                                     uint32
	RegAddrMin, RegAddrMax, RegProtoMin, RegProtoMax uint32
	Flags                                            uint32
}

// NAT types.
const (
	NATSnat uint32 = 0
	NATDnat uint32 = 1
)

// Masq masquerades, optionally to the ports in the registers.
type Masq struct{ Flags, RegProtoMin, RegProtoMax uint32 }

// Redir redirects to the local machine, optionally to the registers' ports.
type Redir struct{ Flags, RegProtoMin, RegProtoMax uint32 }

// Quota matches until (or, with QuotaInvert, once) Bytes have passed.
type Quota struct {
	Bytes, Consumed uint64
	Flags           uint32
}

// QuotaInvert is NFT_QUOTA_F_INV: "over".
const QuotaInvert uint32 = 1

// Unknown is an expression this package has no model for, kept as its
// kernel name and raw attributes.
type Unknown struct {
	Name string
	Data []byte
}

func (*Payload) Kind() string   { return "payload" }
func (*Meta) Kind() string      { return "meta" }
func (*Ct) Kind() string        { return "ct" }
func (*Cmp) Kind() string       { return "cmp" }
func (*Range) Kind() string     { return "range" }
func (*Bitwise) Kind() string   { return "bitwise" }
func (*Lookup) Kind() string    { return "lookup" }
func (*Immediate) Kind() string { return "immediate" }
func (*Counter) Kind() string   { return "counter" }
func (*Limit) Kind() string     { return "limit" }
func (*Log) Kind() string       { return "log" }
func (*Reject) Kind() string    { return "reject" }
func (*NAT) Kind() string       { return "nat" }
func (*Masq) Kind() string      { return "masq" }
func (*Redir) Kind() string     { return "redir" }
func (*Quota) Kind() string     { return "quota" }
func (u *Unknown) Kind() string { return u.Name }

func (x *Payload) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_PAYLOAD_DREG, x.DReg)
	e.Uint32(unix.NFTA_PAYLOAD_BASE, x.Base)
	e.Uint32(unix.NFTA_PAYLOAD_OFFSET, x.Offset)
	e.Uint32(unix.NFTA_PAYLOAD_LEN, x.Len)
}

func (x *Meta) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_META_KEY, x.Key)
	if x.SReg != 0 {
		e.Uint32(unix.NFTA_META_SREG, x.SReg)
	} else {
		e.Uint32(unix.NFTA_META_DREG, x.DReg)
	}
}

func (x *Ct) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_CT_KEY, x.Key)
	if x.Dir != nil {
		e.Uint8(unix.NFTA_CT_DIRECTION, *x.Dir)
	}
	if x.SReg != 0 {
		e.Uint32(unix.NFTA_CT_SREG, x.SReg)
	} else {
		e.Uint32(unix.NFTA_CT_DREG, x.DReg)
	}
}

func (x *Cmp) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_CMP_SREG, x.SReg)
	e.Uint32(unix.NFTA_CMP_OP, x.Op)
	encodeData(e, unix.NFTA_CMP_DATA, Data{Value: x.Data})
}

func (x *Range) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_RANGE_SREG, x.SReg)
	e.Uint32(unix.NFTA_RANGE_OP, x.Op)
	encodeData(e, unix.NFTA_RANGE_FROM_DATA, Data{Value: x.From})
	encodeData(e, unix.NFTA_RANGE_TO_DATA, Data{Value: x.To})
}

func (x *Bitwise) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_BITWISE_SREG, x.SReg)
	e.Uint32(unix.NFTA_BITWISE_DREG, x.DReg)
	e.Uint32(unix.NFTA_BITWISE_LEN, x.Len)
	if x.Op != 0 {
		e.Uint32(attrBitwiseOp, x.Op)
		encodeData(e, attrBitwiseData, Data{Value: x.Data})
		return
	}
	encodeData(e, unix.NFTA_BITWISE_MASK, Data{Value: x.Mask})
	encodeData(e, unix.NFTA_BITWISE_XOR, Data{Value: x.Xor})
}

func (x *Lookup) encode(e *nl.AttrEncoder) {
	e.String(unix.NFTA_LOOKUP_SET, x.Set)
	if x.SetID != 0 {
		e.Uint32(unix.NFTA_LOOKUP_SET_ID, x.SetID)
	}
	e.Uint32(unix.NFTA_LOOKUP_SREG, x.SReg)
	if x.DReg != nil {
		e.Uint32(unix.NFTA_LOOKUP_DREG, *x.DReg)
	}
	if x.Flags != 0 {
		e.Uint32(unix.NFTA_LOOKUP_FLAGS, x.Flags)
	}
}

func (x *Immediate) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_IMMEDIATE_DREG, x.DReg)
	encodeData(e, unix.NFTA_IMMEDIATE_DATA, x.Data)
}

func (x *Counter) encode(e *nl.AttrEncoder) {
	e.Uint64(unix.NFTA_COUNTER_BYTES, x.Bytes)
	e.Uint64(unix.NFTA_COUNTER_PACKETS, x.Packets)
}

func (x *Limit) encode(e *nl.AttrEncoder) {
	e.Uint64(unix.NFTA_LIMIT_RATE, x.Rate)
	e.Uint64(unix.NFTA_LIMIT_UNIT, x.Unit)
	e.Uint32(unix.NFTA_LIMIT_BURST, x.Burst)
	e.Uint32(unix.NFTA_LIMIT_TYPE, x.Type)
	e.Uint32(unix.NFTA_LIMIT_FLAGS, x.Flags)
}

func (x *Log) encode(e *nl.AttrEncoder) {
	if x.Prefix != nil {
		e.String(unix.NFTA_LOG_PREFIX, *x.Prefix)
	}
	if x.Group != nil {
		e.Uint16(unix.NFTA_LOG_GROUP, *x.Group)
	}
	if x.Snaplen != nil {
		e.Uint32(unix.NFTA_LOG_SNAPLEN, *x.Snaplen)
	}
	if x.QThreshold != nil {
		e.Uint16(unix.NFTA_LOG_QTHRESHOLD, *x.QThreshold)
	}
	if x.Level != nil {
		e.Uint32(unix.NFTA_LOG_LEVEL, *x.Level)
	}
	if x.Flags != nil {
		e.Uint32(unix.NFTA_LOG_FLAGS, *x.Flags)
	}
}

func (x *Reject) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_REJECT_TYPE, x.Type)
	e.Uint8(unix.NFTA_REJECT_ICMP_CODE, x.Code)
}

func (x *NAT) encode(e *nl.AttrEncoder) {
	e.Uint32(unix.NFTA_NAT_TYPE, x.Type)
	e.Uint32(unix.NFTA_NAT_FAMILY, x.Family)
	optReg(e, unix.NFTA_NAT_REG_ADDR_MIN, x.RegAddrMin)
	optReg(e, unix.NFTA_NAT_REG_ADDR_MAX, x.RegAddrMax)
	optReg(e, unix.NFTA_NAT_REG_PROTO_MIN, x.RegProtoMin)
	optReg(e, unix.NFTA_NAT_REG_PROTO_MAX, x.RegProtoMax)
	if x.Flags != 0 {
		e.Uint32(unix.NFTA_NAT_FLAGS, x.Flags)
	}
}

func (x *Masq) encode(e *nl.AttrEncoder) {
	if x.Flags != 0 {
		e.Uint32(unix.NFTA_MASQ_FLAGS, x.Flags)
	}
	optReg(e, unix.NFTA_MASQ_REG_PROTO_MIN, x.RegProtoMin)
	optReg(e, unix.NFTA_MASQ_REG_PROTO_MAX, x.RegProtoMax)
}

func (x *Redir) encode(e *nl.AttrEncoder) {
	optReg(e, unix.NFTA_REDIR_REG_PROTO_MIN, x.RegProtoMin)
	optReg(e, unix.NFTA_REDIR_REG_PROTO_MAX, x.RegProtoMax)
	if x.Flags != 0 {
		e.Uint32(unix.NFTA_REDIR_FLAGS, x.Flags)
	}
}

func (x *Quota) encode(e *nl.AttrEncoder) {
	e.Uint64(unix.NFTA_QUOTA_BYTES, x.Bytes)
	e.Uint32(unix.NFTA_QUOTA_FLAGS, x.Flags)
	if x.Consumed != 0 {
		e.Uint64(unix.NFTA_QUOTA_CONSUMED, x.Consumed)
	}
}

func (x *Unknown) encode(e *nl.AttrEncoder) { e.Raw(x.Data) }

func optReg(e *nl.AttrEncoder, typ uint16, reg uint32) {
	if reg != 0 {
		e.Uint32(typ, reg)
	}
}

// encodeExprs appends a rule's NFTA_RULE_EXPRESSIONS list (or a set
// element's) of type typ.
func encodeExprs(e *nl.AttrEncoder, typ uint16, exprs []Expr) {
	e.Nest(typ)
	for _, x := range exprs {
		e.Nest(unix.NFTA_LIST_ELEM)
		e.String(unix.NFTA_EXPR_NAME, x.Kind())
		e.Nest(unix.NFTA_EXPR_DATA)
		x.encode(e)
		e.Unnest()
		e.Unnest()
	}
	e.Unnest()
}

func decodeExprList(d *nl.AttrDecoder) []Expr {
	var out []Expr
	d.Decode(func(l *nl.AttrDecoder) error {
		for l.Next() {
			x, err := decodeExpr(l.Bytes())
			if err != nil {
				return err
			}
			out = append(out, x)
		}
		return nil
	})
	return out
}

// decodeExpr decodes one struct of enum nft_expr_attributes: its name and
// its data.
func decodeExpr(b []byte) (Expr, error) {
	var name string
	var data []byte
	d := newDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_EXPR_NAME:
			name = d.String()
		case unix.NFTA_EXPR_DATA:
			data = d.Bytes()
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	dec, ok := exprDecoders[name]
	if !ok {
		return &Unknown{Name: name, Data: append([]byte(nil), data...)}, nil
	}
	x, err := dec(newDecoder(data))
	if err != nil {
		return nil, fmt.Errorf("nftables: expression %s: %w", name, err)
	}
	return x, nil
}

var exprDecoders = map[string]func(nl.AttrDecoder) (Expr, error){
	"payload":   decodePayload,
	"meta":      decodeMeta,
	"ct":        decodeCt,
	"cmp":       decodeCmp,
	"range":     decodeRange,
	"bitwise":   decodeBitwise,
	"lookup":    decodeLookup,
	"immediate": decodeImmediate,
	"counter":   decodeCounter,
	"limit":     decodeLimit,
	"log":       decodeLog,
	"reject":    decodeReject,
	"nat":       decodeNAT,
	"masq":      decodeMasq,
	"redir":     decodeRedir,
	"quota":     decodeQuota,
	"objref":    decodeObjref,
}

func decodePayload(d nl.AttrDecoder) (Expr, error) {
	x := &Payload{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_PAYLOAD_DREG:
			x.DReg = d.Uint32()
		case unix.NFTA_PAYLOAD_BASE:
			x.Base = d.Uint32()
		case unix.NFTA_PAYLOAD_OFFSET:
			x.Offset = d.Uint32()
		case unix.NFTA_PAYLOAD_LEN:
			x.Len = d.Uint32()
		case unix.NFTA_PAYLOAD_SREG:
			return &Unknown{Name: "payload"}, nil // a payload write
		}
	}
	return x, d.Err()
}

func decodeMeta(d nl.AttrDecoder) (Expr, error) {
	x := &Meta{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_META_KEY:
			x.Key = d.Uint32()
		case unix.NFTA_META_DREG:
			x.DReg = d.Uint32()
		case unix.NFTA_META_SREG:
			x.SReg = d.Uint32()
		}
	}
	return x, d.Err()
}

func decodeCt(d nl.AttrDecoder) (Expr, error) {
	x := &Ct{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_CT_KEY:
			x.Key = d.Uint32()
		case unix.NFTA_CT_DREG:
			x.DReg = d.Uint32()
		case unix.NFTA_CT_SREG:
			x.SReg = d.Uint32()
		case unix.NFTA_CT_DIRECTION:
			v := d.Uint8()
			x.Dir = &v
		}
	}
	return x, d.Err()
}

func decodeCmp(d nl.AttrDecoder) (Expr, error) {
	x := &Cmp{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_CMP_SREG:
			x.SReg = d.Uint32()
		case unix.NFTA_CMP_OP:
			x.Op = d.Uint32()
		case unix.NFTA_CMP_DATA:
			x.Data = decodeData(&d).Value
		}
	}
	return x, d.Err()
}

func decodeRange(d nl.AttrDecoder) (Expr, error) {
	x := &Range{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_RANGE_SREG:
			x.SReg = d.Uint32()
		case unix.NFTA_RANGE_OP:
			x.Op = d.Uint32()
		case unix.NFTA_RANGE_FROM_DATA:
			x.From = decodeData(&d).Value
		case unix.NFTA_RANGE_TO_DATA:
			x.To = decodeData(&d).Value
		}
	}
	return x, d.Err()
}

func decodeBitwise(d nl.AttrDecoder) (Expr, error) {
	x := &Bitwise{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_BITWISE_SREG:
			x.SReg = d.Uint32()
		case unix.NFTA_BITWISE_DREG:
			x.DReg = d.Uint32()
		case unix.NFTA_BITWISE_LEN:
			x.Len = d.Uint32()
		case unix.NFTA_BITWISE_MASK:
			x.Mask = decodeData(&d).Value
		case unix.NFTA_BITWISE_XOR:
			x.Xor = decodeData(&d).Value
		case attrBitwiseOp:
			x.Op = d.Uint32()
		case attrBitwiseData:
			x.Data = decodeData(&d).Value
		}
	}
	return x, d.Err()
}

func decodeLookup(d nl.AttrDecoder) (Expr, error) {
	x := &Lookup{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_LOOKUP_SET:
			x.Set = d.String()
		case unix.NFTA_LOOKUP_SET_ID:
			x.SetID = d.Uint32()
		case unix.NFTA_LOOKUP_SREG:
			x.SReg = d.Uint32()
		case unix.NFTA_LOOKUP_DREG:
			v := d.Uint32()
			x.DReg = &v
		case unix.NFTA_LOOKUP_FLAGS:
			x.Flags = d.Uint32()
		}
	}
	return x, d.Err()
}

func decodeImmediate(d nl.AttrDecoder) (Expr, error) {
	x := &Immediate{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_IMMEDIATE_DREG:
			x.DReg = d.Uint32()
		case unix.NFTA_IMMEDIATE_DATA:
			x.Data = decodeData(&d)
		}
	}
	return x, d.Err()
}

func decodeCounter(d nl.AttrDecoder) (Expr, error) {
	x := &Counter{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_COUNTER_BYTES:
			x.Bytes = d.Uint64()
		case unix.NFTA_COUNTER_PACKETS:
			x.Packets = d.Uint64()
		}
	}
	return x, d.Err()
}

func decodeLimit(d nl.AttrDecoder) (Expr, error) {
	x := &Limit{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_LIMIT_RATE:
			x.Rate = d.Uint64()
		case unix.NFTA_LIMIT_UNIT:
			x.Unit = d.Uint64()
		case unix.NFTA_LIMIT_BURST:
			x.Burst = d.Uint32()
		case unix.NFTA_LIMIT_TYPE:
			x.Type = d.Uint32()
		case unix.NFTA_LIMIT_FLAGS:
			x.Flags = d.Uint32()
		}
	}
	return x, d.Err()
}

func decodeLog(d nl.AttrDecoder) (Expr, error) {
	x := &Log{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_LOG_PREFIX:
			v := d.String()
			x.Prefix = &v
		case unix.NFTA_LOG_GROUP:
			v := d.Uint16()
			x.Group = &v
		case unix.NFTA_LOG_SNAPLEN:
			v := d.Uint32()
			x.Snaplen = &v
		case unix.NFTA_LOG_QTHRESHOLD:
			v := d.Uint16()
			x.QThreshold = &v
		case unix.NFTA_LOG_LEVEL:
			v := d.Uint32()
			x.Level = &v
		case unix.NFTA_LOG_FLAGS:
			v := d.Uint32()
			x.Flags = &v
		}
	}
	return x, d.Err()
}

func decodeReject(d nl.AttrDecoder) (Expr, error) {
	x := &Reject{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_REJECT_TYPE:
			x.Type = d.Uint32()
		case unix.NFTA_REJECT_ICMP_CODE:
			x.Code = d.Uint8()
		}
	}
	return x, d.Err()
}

func decodeNAT(d nl.AttrDecoder) (Expr, error) {
	x := &NAT{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_NAT_TYPE:
			x.Type = d.Uint32()
		case unix.NFTA_NAT_FAMILY:
			x.Family = d.Uint32()
		case unix.NFTA_NAT_REG_ADDR_MIN:
			x.RegAddrMin = d.Uint32()
		case unix.NFTA_NAT_REG_ADDR_MAX:
			x.RegAddrMax = d.Uint32()
		case unix.NFTA_NAT_REG_PROTO_MIN:
			x.RegProtoMin = d.Uint32()
		case unix.NFTA_NAT_REG_PROTO_MAX:
			x.RegProtoMax = d.Uint32()
		case unix.NFTA_NAT_FLAGS:
			x.Flags = d.Uint32()
		}
	}
	return x, d.Err()
}

func decodeMasq(d nl.AttrDecoder) (Expr, error) {
	x := &Masq{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_MASQ_FLAGS:
			x.Flags = d.Uint32()
		case unix.NFTA_MASQ_REG_PROTO_MIN:
			x.RegProtoMin = d.Uint32()
		case unix.NFTA_MASQ_REG_PROTO_MAX:
			x.RegProtoMax = d.Uint32()
		}
	}
	return x, d.Err()
}

func decodeRedir(d nl.AttrDecoder) (Expr, error) {
	x := &Redir{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_REDIR_FLAGS:
			x.Flags = d.Uint32()
		case unix.NFTA_REDIR_REG_PROTO_MIN:
			x.RegProtoMin = d.Uint32()
		case unix.NFTA_REDIR_REG_PROTO_MAX:
			x.RegProtoMax = d.Uint32()
		}
	}
	return x, d.Err()
}

func decodeQuota(d nl.AttrDecoder) (Expr, error) {
	x := &Quota{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_QUOTA_BYTES:
			x.Bytes = d.Uint64()
		case unix.NFTA_QUOTA_CONSUMED:
			x.Consumed = d.Uint64()
		case unix.NFTA_QUOTA_FLAGS:
			x.Flags = d.Uint32()
		}
	}
	return x, d.Err()
}
