package xfrm

import (
	"encoding/binary"
	"errors"
)

var (
	ne = binary.NativeEndian
	be = binary.BigEndian
)

// ErrShort is a message or attribute too short for its fixed structure.
var ErrShort = errors.New("xfrm: message too short for its structure")

// Sizes of the kernel's structures.
const (
	sizeSelector   = 56  // struct xfrm_selector
	sizeLifetime   = 64  // struct xfrm_lifetime_cfg
	sizeCurrent    = 32  // struct xfrm_lifetime_cur
	sizeID         = 24  // struct xfrm_id
	sizeTemplate   = 64  // struct xfrm_user_tmpl
	sizeMark       = 8   // struct xfrm_mark
	sizeSecCtx     = 8   // struct xfrm_user_sec_ctx, without its text
	sizePolicyType = 6   // struct xfrm_userpolicy_type
	sizePolicyInfo = 168 // struct xfrm_userpolicy_info
	sizePolicyID   = 64  // struct xfrm_userpolicy_id
	sizePolExpire  = 176 // struct xfrm_user_polexpire
)

// Selector is struct xfrm_selector: which traffic a policy or a state
// applies to. Ports are in host order here (the kernel's are big-endian).
type Selector struct {
	Dst, Src       Address
	DstPort        uint16
	DstPortMask    uint16
	SrcPort        uint16
	SrcPortMask    uint16
	Family         uint16
	DstLen, SrcLen uint8
	Proto          uint8
	Ifindex        int32
	User           uint32
}

func (s *Selector) put(b []byte) {
	copy(b[0:16], s.Dst[:])
	copy(b[16:32], s.Src[:])
	be.PutUint16(b[32:], s.DstPort)
	be.PutUint16(b[34:], s.DstPortMask)
	be.PutUint16(b[36:], s.SrcPort)
	be.PutUint16(b[38:], s.SrcPortMask)
	ne.PutUint16(b[40:], s.Family)
	b[42], b[43], b[44] = s.DstLen, s.SrcLen, s.Proto
	ne.PutUint32(b[48:], uint32(s.Ifindex))
	ne.PutUint32(b[52:], s.User)
}

func getSelector(b []byte) Selector {
	return Selector{
		Dst: Address(b[0:16]), Src: Address(b[16:32]),
		DstPort: be.Uint16(b[32:]), DstPortMask: be.Uint16(b[34:]),
		SrcPort: be.Uint16(b[36:]), SrcPortMask: be.Uint16(b[38:]),
		Family: ne.Uint16(b[40:]), DstLen: b[42], SrcLen: b[43], Proto: b[44],
		Ifindex: int32(ne.Uint32(b[48:])), User: ne.Uint32(b[52:]),
	}
}

// IsZero reports a selector of all zeros (a state without one).
func (s *Selector) IsZero() bool { return *s == Selector{} }

// Infinity is XFRM_INF, a limit that is not set.
const Infinity = ^uint64(0)

// Lifetime is struct xfrm_lifetime_cfg: the limits of a policy or state.
type Lifetime struct {
	SoftBytes, HardBytes     uint64
	SoftPackets, HardPackets uint64
	SoftAdd, HardAdd         uint64 // seconds after it was added
	SoftUse, HardUse         uint64 // seconds after it was first used
}

// NoLimits is a lifetime without limits, as a request starts.
func NoLimits() Lifetime {
	return Lifetime{SoftBytes: Infinity, HardBytes: Infinity, SoftPackets: Infinity, HardPackets: Infinity}
}

func (l *Lifetime) put(b []byte) {
	for i, v := range []uint64{l.SoftBytes, l.HardBytes, l.SoftPackets, l.HardPackets, l.SoftAdd, l.HardAdd, l.SoftUse, l.HardUse} {
		ne.PutUint64(b[8*i:], v)
	}
}

func getLifetime(b []byte) Lifetime {
	u := func(i int) uint64 { return ne.Uint64(b[8*i:]) }
	return Lifetime{u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7)}
}

// Current is struct xfrm_lifetime_cur: what a policy or state has used.
type Current struct {
	Bytes, Packets   uint64
	AddTime, UseTime uint64 // seconds since the epoch, 0 for never
}

func (c *Current) put(b []byte) {
	ne.PutUint64(b[0:], c.Bytes)
	ne.PutUint64(b[8:], c.Packets)
	ne.PutUint64(b[16:], c.AddTime)
	ne.PutUint64(b[24:], c.UseTime)
}

func getCurrent(b []byte) Current {
	return Current{ne.Uint64(b[0:]), ne.Uint64(b[8:]), ne.Uint64(b[16:]), ne.Uint64(b[24:])}
}

// ID is struct xfrm_id: a state's destination, SPI (host order here) and
// IPsec protocol.
type ID struct {
	Dst   Address
	SPI   uint32
	Proto uint8
}

func (id *ID) put(b []byte) {
	copy(b[0:16], id.Dst[:])
	be.PutUint32(b[16:], id.SPI)
	b[20] = id.Proto
}

func getID(b []byte) ID {
	return ID{Dst: Address(b[0:16]), SPI: be.Uint32(b[16:]), Proto: b[20]}
}

// Template is struct xfrm_user_tmpl: one transformation a policy asks for.
type Template struct {
	ID       ID
	Family   uint16
	Src      Address
	ReqID    uint32
	Mode     uint8
	Share    uint8
	Optional uint8 // level use (1) or required (0)
	// The algorithms allowed, one bit each (all ones: any).
	AuthAlgos, EncAlgos, CompAlgos uint32
}

func (t *Template) put(b []byte) {
	t.ID.put(b[0:])
	ne.PutUint16(b[24:], t.Family)
	copy(b[28:44], t.Src[:])
	ne.PutUint32(b[44:], t.ReqID)
	b[48], b[49], b[50] = t.Mode, t.Share, t.Optional
	ne.PutUint32(b[52:], t.AuthAlgos)
	ne.PutUint32(b[56:], t.EncAlgos)
	ne.PutUint32(b[60:], t.CompAlgos)
}

func getTemplate(b []byte) Template {
	return Template{
		ID: getID(b), Family: ne.Uint16(b[24:]), Src: Address(b[28:44]), ReqID: ne.Uint32(b[44:]),
		Mode: b[48], Share: b[49], Optional: b[50],
		AuthAlgos: ne.Uint32(b[52:]), EncAlgos: ne.Uint32(b[56:]), CompAlgos: ne.Uint32(b[60:]),
	}
}

// encodeTemplates is XFRMA_TMPL's payload.
func encodeTemplates(ts []Template) []byte {
	b := make([]byte, sizeTemplate*len(ts))
	for i := range ts {
		ts[i].put(b[i*sizeTemplate:])
	}
	return b
}

// decodeTemplates reads every whole template of XFRMA_TMPL (a short
// tail is ignored, as ip ignores it).
func decodeTemplates(b []byte) []Template {
	ts := make([]Template, 0, len(b)/sizeTemplate)
	for ; len(b) >= sizeTemplate; b = b[sizeTemplate:] {
		ts = append(ts, getTemplate(b))
	}
	return ts
}

// Mark is struct xfrm_mark.
type Mark struct{ Value, Mask uint32 }

func (m Mark) bytes() []byte {
	b := make([]byte, sizeMark)
	ne.PutUint32(b, m.Value)
	ne.PutUint32(b[4:], m.Mask)
	return b
}

func getMark(b []byte) (*Mark, error) {
	if len(b) < sizeMark {
		return nil, ErrShort
	}
	return &Mark{ne.Uint32(b), ne.Uint32(b[4:])}, nil
}

// SecCtx is struct xfrm_user_sec_ctx and its text: a security label.
type SecCtx struct {
	DOI, Alg uint8
	Context  string // without the trailing NUL a request carries
	// NUL says the request carries the text's terminating zero, as ip
	// sends it.
	NUL bool
}

func (c *SecCtx) bytes(exttype uint16) []byte {
	text := []byte(c.Context)
	if c.NUL {
		text = append(text, 0)
	}
	b := make([]byte, sizeSecCtx, sizeSecCtx+len(text))
	ne.PutUint16(b[0:], uint16(sizeSecCtx+len(text)))
	ne.PutUint16(b[2:], exttype)
	b[4], b[5] = c.Alg, c.DOI
	ne.PutUint16(b[6:], uint16(len(text)))
	return append(b, text...)
}

func getSecCtx(b []byte) (*SecCtx, error) {
	if len(b) < sizeSecCtx {
		return nil, ErrShort
	}
	n := int(ne.Uint16(b[6:]))
	text := b[sizeSecCtx:]
	if n < len(text) {
		text = text[:n]
	}
	c := &SecCtx{Alg: b[4], DOI: b[5]}
	if l := len(text); l > 0 && text[l-1] == 0 {
		c.NUL, text = true, text[:l-1]
	}
	c.Context = string(text)
	return c, nil
}
