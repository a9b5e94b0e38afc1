package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the bpf filter (TCA_BPF_* in pkt_cls.h).
const (
	tcaBPFAct      = 1
	tcaBPFPolice   = 2
	tcaBPFClassid  = 3
	tcaBPFOpsLen   = 4
	tcaBPFOps      = 5
	tcaBPFFD       = 6
	tcaBPFName     = 7
	tcaBPFFlags    = 8
	tcaBPFFlagsGen = 9
	tcaBPFTag      = 10
	tcaBPFID       = 11
)

// BPFFlagActDirect is TCA_BPF_FLAG_ACT_DIRECT: the program's return value
// is the action (direct-action).
const BPFFlagActDirect = 1 << 0

// SockFilter is one classic BPF instruction (struct sock_filter).
type SockFilter struct {
	Code   uint16
	Jt, Jf uint8
	K      uint32
}

// BPF is the options of the bpf filter: a classic BPF program (Ops) or an
// eBPF program by file descriptor (FD, with Name to show for it). Present
// says the filter carries options at all (tc sends TCA_OPTIONS only when
// words follow the kind).
type BPF struct {
	Present    bool
	Classid    Opt[uint32]
	Actions    []Action
	ActionsRaw []byte
	Police     *Police // TCA_BPF_POLICE: a policer of the filter itself
	Ops        []SockFilter
	FD         Opt[uint32]
	Name       Opt[string]
	FlagsGen   Opt[uint32] // TCA_CLS_FLAGS_*
	Flags      Opt[uint32] // BPFFlagActDirect
	Tag        []byte      // in a reply
	ID         Opt[uint32] // in a reply: the program's id
}

// Encode implements TCOptions, in tc's order: classid and actions as
// given, then the program, then the flags.
func (b *BPF) Encode(e *nl.AttrEncoder) {
	if !b.Present {
		return
	}
	e.NestPlain(unix.TCA_OPTIONS)
	if v, ok := b.Classid.Get(); ok {
		e.Uint32(tcaBPFClassid, v)
	}
	if len(b.Actions) > 0 {
		EncodeActions(e, tcaBPFAct, b.Actions)
	}
	if b.Police != nil {
		b.Police.EncodeNest(e, tcaBPFPolice)
	}
	if len(b.Ops) > 0 {
		e.Uint16(tcaBPFOpsLen, uint16(len(b.Ops)))
		e.Bytes(tcaBPFOps, EncodeSockFilters(b.Ops))
	}
	if v, ok := b.FD.Get(); ok {
		e.Uint32(tcaBPFFD, v)
	}
	if v, ok := b.Name.Get(); ok {
		e.String(tcaBPFName, v)
	}
	if v, ok := b.FlagsGen.Get(); ok {
		e.Uint32(tcaBPFFlagsGen, v)
	}
	if v, ok := b.Flags.Get(); ok {
		e.Uint32(tcaBPFFlags, v)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (b *BPF) Decode(buf []byte) error {
	*b = BPF{Present: true}
	d := nl.NewAttrDecoder(buf)
	opsLen := -1
	var ops []byte
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaBPFClassid:
			b.Classid = Some(d.Uint32())
		case tcaBPFAct:
			if len(v) > 0 {
				b.ActionsRaw = clone(v)
			}
		case tcaBPFPolice:
			b.Police = decodeFilterPolice(v)
		case tcaBPFOpsLen:
			opsLen = int(d.Uint16())
		case tcaBPFOps:
			ops = v
		case tcaBPFFD:
			b.FD = Some(d.Uint32())
		case tcaBPFName:
			b.Name = Some(d.String())
		case tcaBPFFlags:
			b.Flags = Some(d.Uint32())
		case tcaBPFFlagsGen:
			b.FlagsGen = Some(d.Uint32())
		case tcaBPFTag:
			b.Tag = clone(v)
		case tcaBPFID:
			b.ID = Some(d.Uint32())
		}
	}
	if opsLen > 0 {
		b.Ops = DecodeSockFilters(ops, opsLen)
	}
	return d.Err()
}

// EncodeSockFilters lays classic BPF instructions out as the kernel reads
// them (struct sock_filter, host order).
func EncodeSockFilters(ops []SockFilter) []byte {
	out := make([]byte, 0, 8*len(ops))
	for _, o := range ops {
		out = ne.AppendUint16(out, o.Code)
		out = append(out, o.Jt, o.Jf)
		out = ne.AppendUint32(out, o.K)
	}
	return out
}

// DecodeSockFilters reads up to n classic BPF instructions from b.
func DecodeSockFilters(b []byte, n int) []SockFilter {
	var ops []SockFilter
	for i := 0; i < n && len(b) >= 8; i++ {
		ops = append(ops, SockFilter{Code: ne.Uint16(b), Jt: b[2], Jf: b[3], K: ne.Uint32(b[4:])})
		b = b[8:]
	}
	return ops
}
