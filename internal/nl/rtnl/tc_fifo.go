package rtnl

import (
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/nl"
)

// Fifo is the options of the pfifo, bfifo and pfifo_head_drop qdiscs
// (struct tc_fifo_qopt): the queue's limit, in packets or (bfifo) bytes.
// An unset limit sends no options, and the kernel picks the device's
// transmit queue length.
type Fifo struct {
	Limit Opt[uint32]
}

// Encode implements TCOptions.
func (f *Fifo) Encode(e *nl.AttrEncoder) {
	if v, ok := f.Limit.Get(); ok {
		e.Bytes(unix.TCA_OPTIONS, ne.AppendUint32(nil, v))
	}
}

// Decode implements TCOptions.
func (f *Fifo) Decode(b []byte) error {
	if len(b) < 4 {
		return ErrShortHeader
	}
	f.Limit = Some(ne.Uint32(b))
	return nil
}

// NoTCOptions is the options of a kind that has none (noqueue, mq,
// ingress, clsact): it sends no TCA_OPTIONS and ignores what it reads.
type NoTCOptions struct{}

// Encode implements TCOptions.
func (NoTCOptions) Encode(*nl.AttrEncoder) {}

// Decode implements TCOptions.
func (NoTCOptions) Decode([]byte) error { return nil }
