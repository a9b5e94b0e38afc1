package ipset

import (
	"encoding/binary"
	"errors"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nfnl"
)

// MaxADTBytes bounds the elements one multi-element request carries: the
// ADT attribute's length must fit its 16-bit length field.
const MaxADTBytes = 48 << 10

// ADTBuffer collects elements for one multi-element add or del request
// (IPSET_ATTR_ADT holding many IPSET_ATTR_DATA), the way ipset restore
// sends them. The kernel handles the elements in order and stops at the
// first it refuses; FailedLine then says which one, by the LineNo the
// element carried.
type ADTBuffer struct {
	c     *Conn
	cmd   Cmd
	set   string
	exist bool
	data  []byte
	n     int
	first uint32 // LineNo of the first element
}

// NewADTBuffer starts an empty buffer of cmd requests for set.
func (c *Conn) NewADTBuffer(cmd Cmd, set string, exist bool) *ADTBuffer {
	return &ADTBuffer{c: c, cmd: cmd, set: set, exist: exist}
}

// Cmd, Set and Exist say what the buffer's request will do.
func (b *ADTBuffer) Cmd() Cmd      { return b.cmd }
func (b *ADTBuffer) Set() string   { return b.set }
func (b *ADTBuffer) Exist() bool   { return b.exist }
func (b *ADTBuffer) Len() int      { return b.n }
func (b *ADTBuffer) Size() int     { return len(b.data) }
func (b *ADTBuffer) First() uint32 { return b.first }

// Full reports whether another element might not fit.
func (b *ADTBuffer) Full() bool { return len(b.data) >= MaxADTBytes-1024 }

// Add appends an element.
func (b *ADTBuffer) Add(en *Entry) error {
	e := nl.NewAttrEncoderOrder(b.data, bigEndian)
	en.encodeData(e, true)
	data, err := e.Encode()
	if err != nil {
		return err
	}
	if b.n == 0 {
		b.first = en.LineNo
	}
	b.data = data
	b.n++
	return nil
}

// Message builds the request. It carries a top-level line number, which
// makes the kernel report the failing element's own.
func (b *ADTBuffer) Message() (nl.Message, error) {
	return b.c.NewRequest(b.cmd, existFlags(b.exist), func(e *nl.AttrEncoder) {
		e.String(AttrSetName, b.set)
		e.Uint32(AttrLineNo|netOrder, b.first)
		e.Nest(AttrADT)
		e.Raw(b.data)
		e.Unnest()
	})
}

// Reset empties the buffer for reuse.
func (b *ADTBuffer) Reset() {
	b.data = b.data[:0]
	b.n = 0
	b.first = 0
}

// Exec sends the request and waits for the kernel's answer. typ is the
// set's type, for wording refusals.
func (b *ADTBuffer) Exec(typ string) error {
	if b.n == 0 {
		return nil
	}
	m, err := b.Message()
	if err != nil {
		return err
	}
	_, err = b.c.nc.Execute(m)
	return wrap(err, b.cmd, b.set, typ)
}

// FailedLine returns the line number of the element the kernel refused in
// a request that carried line numbers: the kernel writes it into the
// request it echoes back with the error.
func FailedLine(err error) (uint32, bool) {
	var op *nl.OpError
	if !errors.As(err, &op) || op.Request == nil {
		return 0, false
	}
	_, attrs, perr := nfnl.Parse(op.Request)
	if perr != nil {
		return 0, false
	}
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		if d.Type() == AttrLineNo && d.Len() == 4 {
			// The kernel copies the element's line number as it was
			// sent: in network byte order.
			return binary.BigEndian.Uint32(d.Bytes()), true
		}
	}
	return 0, false
}
