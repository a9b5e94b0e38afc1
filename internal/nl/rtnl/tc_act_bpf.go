package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the bpf action (TCA_ACT_BPF_* in tc_act/tc_bpf.h).
const (
	tcaActBPFTM     = 1
	tcaActBPFParms  = 2
	tcaActBPFOpsLen = 3
	tcaActBPFOps    = 4
	tcaActBPFFD     = 5
	tcaActBPFName   = 6
	tcaActBPFTag    = 8
	tcaActBPFID     = 9
)

// ActBPF is the options of the bpf action (struct tc_act_bpf and its
// attributes): a classic BPF program (Ops) or an eBPF program by file
// descriptor (FD, with Name to show for it) whose return value is the
// verdict.
type ActBPF struct {
	Parms ActionParms
	Ops   []SockFilter
	FD    Opt[uint32]
	Name  Opt[string]
	Tag   []byte      // in a reply
	ID    Opt[uint32] // in a reply: the program's id
	Times Opt[TCFTimes]
}

// Encode implements TCOptions: the TCA_ACT_OPTIONS nest, in tc's order
// (the program, then the parameters). Tag and ID are what the kernel
// reports; a request built from the command line has neither.
func (b *ActBPF) Encode(e *nl.AttrEncoder) {
	e.Nest(tcaActOptions)
	if len(b.Ops) > 0 {
		e.Uint16(tcaActBPFOpsLen, uint16(len(b.Ops)))
		e.Bytes(tcaActBPFOps, EncodeSockFilters(b.Ops))
	}
	if v, ok := b.FD.Get(); ok {
		e.Uint32(tcaActBPFFD, v)
	}
	if v, ok := b.Name.Get(); ok {
		e.String(tcaActBPFName, v)
	}
	e.Bytes(tcaActBPFParms, b.Parms.Append(nil))
	if len(b.Tag) > 0 {
		e.Bytes(tcaActBPFTag, b.Tag)
	}
	if v, ok := b.ID.Get(); ok {
		e.Uint32(tcaActBPFID, v)
	}
	e.Unnest()
}

// Decode implements TCOptions.
func (b *ActBPF) Decode(buf []byte) error {
	*b = ActBPF{}
	d := nl.NewAttrDecoder(buf)
	opsLen := -1
	var ops []byte
	for d.Next() {
		switch v := d.Bytes(); d.Type() {
		case tcaActBPFParms:
			b.Parms, _ = DecodeActionParms(v)
		case tcaActBPFOpsLen:
			if len(v) >= 2 {
				opsLen = int(ne.Uint16(v))
			}
		case tcaActBPFOps:
			ops = v
		case tcaActBPFFD:
			if len(v) >= 4 {
				b.FD = Some(ne.Uint32(v))
			}
		case tcaActBPFName:
			b.Name = Some(d.String())
		case tcaActBPFTag:
			if len(v) > 0 {
				b.Tag = clone(v)
			}
		case tcaActBPFID:
			if len(v) >= 4 {
				b.ID = Some(ne.Uint32(v))
			}
		case tcaActBPFTM:
			if t, ok := DecodeTCFTimes(v); ok {
				b.Times = Some(t)
			}
		}
	}
	if opsLen > 0 {
		b.Ops = DecodeSockFilters(ops, opsLen)
	}
	return d.Err()
}
