package xfrm

import (
	"bytes"
	"iter"

	"github.com/gip-suite/gip/internal/nl"
)

// Sizes of the state structures.
const (
	sizeSAInfo    = 224 // struct xfrm_usersa_info
	sizeSAID      = 24  // struct xfrm_usersa_id
	sizeExpire    = 232 // struct xfrm_user_expire
	sizeSPIInfo   = 232 // struct xfrm_userspi_info
	sizeAlgo      = 68  // struct xfrm_algo, without its key
	sizeAlgoExtra = 72  // struct xfrm_algo_auth and xfrm_algo_aead
	sizeEncap     = 24  // struct xfrm_encap_tmpl
	sizeReplay    = 12  // struct xfrm_replay_state
	sizeReplayESN = 24  // struct xfrm_replay_state_esn, without its bitmap
	sizeOffload   = 8   // struct xfrm_user_offload
	sizeAddrFilt  = 36  // struct xfrm_address_filter
	algoNameLen   = 64
)

// Stats is struct xfrm_stats.
type Stats struct{ ReplayWindow, Replay, IntegrityFailed uint32 }

// SAInfo is struct xfrm_usersa_info: one security association.
type SAInfo struct {
	Sel          Selector
	ID           ID
	Src          Address
	Lifetime     Lifetime
	Current      Current
	Stats        Stats
	Seq          uint32
	ReqID        uint32
	Family       uint16
	Mode         uint8
	ReplayWindow uint8
	Flags        uint8
}

func (s *SAInfo) put(b []byte) {
	s.Sel.put(b)
	s.ID.put(b[56:])
	copy(b[80:96], s.Src[:])
	s.Lifetime.put(b[96:])
	s.Current.put(b[160:])
	ne.PutUint32(b[192:], s.Stats.ReplayWindow)
	ne.PutUint32(b[196:], s.Stats.Replay)
	ne.PutUint32(b[200:], s.Stats.IntegrityFailed)
	ne.PutUint32(b[204:], s.Seq)
	ne.PutUint32(b[208:], s.ReqID)
	ne.PutUint16(b[212:], s.Family)
	b[214], b[215], b[216] = s.Mode, s.ReplayWindow, s.Flags
}

func getSAInfo(b []byte) SAInfo {
	return SAInfo{
		Sel: getSelector(b), ID: getID(b[56:]), Src: Address(b[80:96]),
		Lifetime: getLifetime(b[96:]), Current: getCurrent(b[160:]),
		Stats: Stats{ne.Uint32(b[192:]), ne.Uint32(b[196:]), ne.Uint32(b[200:])},
		Seq:   ne.Uint32(b[204:]), ReqID: ne.Uint32(b[208:]), Family: ne.Uint16(b[212:]),
		Mode: b[214], ReplayWindow: b[215], Flags: b[216],
	}
}

// Algo is struct xfrm_algo (enc, auth, comp), or the common part of
// xfrm_algo_auth and xfrm_algo_aead: the kernel's name of an algorithm
// and its key. Key holds the bytes the message has, which may be fewer
// than KeyBits says.
type Algo struct {
	Name    string
	KeyBits uint32
	Key     []byte
}

// Truncated reports a key shorter than its length says.
func (a *Algo) Truncated() bool { return uint32(len(a.Key)) < a.KeyBits/8 }

// AlgoExtra is struct xfrm_algo_auth (Extra: the truncation in bits) or
// struct xfrm_algo_aead (Extra: the ICV length in bits).
type AlgoExtra struct {
	Algo
	Extra uint32
}

func (a *Algo) bytes(extra *uint32) []byte {
	n := sizeAlgo
	if extra != nil {
		n = sizeAlgoExtra
	}
	b := make([]byte, n, n+len(a.Key))
	name := a.Name
	if len(name) > algoNameLen-1 {
		name = name[:algoNameLen-1]
	}
	copy(b, name)
	ne.PutUint32(b[64:], a.KeyBits)
	if extra != nil {
		ne.PutUint32(b[68:], *extra)
	}
	return append(b, a.Key...)
}

func getAlgo(b []byte, withExtra bool) (Algo, uint32, error) {
	n := sizeAlgo
	if withExtra {
		n = sizeAlgoExtra
	}
	if len(b) < n {
		return Algo{}, 0, ErrShort
	}
	name := b[:algoNameLen]
	if i := bytes.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	a := Algo{Name: string(name), KeyBits: ne.Uint32(b[64:])}
	var extra uint32
	if withExtra {
		extra = ne.Uint32(b[68:])
	}
	key := b[n:]
	if k := int(a.KeyBits / 8); k < len(key) {
		key = key[:k]
	}
	a.Key = append([]byte{}, key...)
	return a, extra, nil
}

// Encap is struct xfrm_encap_tmpl: ESP in UDP or TCP.
type Encap struct {
	Type             uint16
	SrcPort, DstPort uint16 // host order
	OrigAddr         Address
}

func (e *Encap) bytes() []byte {
	b := make([]byte, sizeEncap)
	ne.PutUint16(b, e.Type)
	be.PutUint16(b[2:], e.SrcPort)
	be.PutUint16(b[4:], e.DstPort)
	copy(b[8:], e.OrigAddr[:])
	return b
}

// Replay is struct xfrm_replay_state.
type Replay struct{ OSeq, Seq, Bitmap uint32 }

// ReplayESN is struct xfrm_replay_state_esn: extended sequence numbers
// and a replay bitmap of BitmapLen 32-bit words (Bitmap holds those the
// message has).
type ReplayESN struct {
	BitmapLen     uint32
	OSeq, Seq     uint32
	OSeqHi, SeqHi uint32
	ReplayWindow  uint32
	Bitmap        []uint32
}

func (r *ReplayESN) bytes() []byte {
	b := make([]byte, sizeReplayESN+4*len(r.Bitmap))
	for i, v := range []uint32{r.BitmapLen, r.OSeq, r.Seq, r.OSeqHi, r.SeqHi, r.ReplayWindow} {
		ne.PutUint32(b[4*i:], v)
	}
	for i, v := range r.Bitmap {
		ne.PutUint32(b[sizeReplayESN+4*i:], v)
	}
	return b
}

// Offload is struct xfrm_user_offload.
type Offload struct {
	Ifindex int32
	Flags   uint8
}

// StateAttrs are a state's optional attributes.
type StateAttrs struct {
	Auth, Crypt, Comp *Algo
	AuthTrunc, AEAD   *AlgoExtra
	Encap             *Encap
	CoAddr            *Address
	SecCtx            *SecCtx
	Offload           *Offload
	ReplayESN         *ReplayESN
	Replay            *Replay
	ExtraFlags        *uint32
	Mark              *Mark
	IfID              *uint32
	TFCPad            *uint32
	OutputMark        *uint32
	OutputMarkMask    *uint32
	LastUsed          *uint64
	SrcAddr           *Address // XFRMA_SRCADDR, of a get or delete
	Proto             *uint8   // XFRMA_PROTO, of a dump request
}

func u32p(d *nl.AttrDecoder) *uint32 {
	v := d.Uint32()
	return &v
}

func addrp(b []byte) (*Address, error) {
	if len(b) < 16 {
		return nil, ErrShort
	}
	a := Address(b[:16])
	return &a, nil
}

// encode appends the attributes: the algorithms, encapsulation,
// care-of address and security context, then the rest in ip's order.
func (a *StateAttrs) encode(e *nl.AttrEncoder) {
	if a.SrcAddr != nil {
		e.Bytes(AttrSrcAddr, a.SrcAddr[:])
	}
	if a.Encap != nil {
		e.Bytes(AttrEncap, a.Encap.bytes())
	}
	if a.CoAddr != nil {
		e.Bytes(AttrCoAddr, a.CoAddr[:])
	}
	if a.SecCtx != nil {
		e.Bytes(AttrSecCtx, a.SecCtx.bytes(AttrSecCtx))
	}
	if a.AEAD != nil {
		e.Bytes(AttrAlgAEAD, a.AEAD.bytes(&a.AEAD.Extra))
	}
	if a.Crypt != nil {
		e.Bytes(AttrAlgCrypt, a.Crypt.bytes(nil))
	}
	if a.Auth != nil {
		e.Bytes(AttrAlgAuth, a.Auth.bytes(nil))
	}
	if a.AuthTrunc != nil {
		e.Bytes(AttrAlgAuthTrunc, a.AuthTrunc.bytes(&a.AuthTrunc.Extra))
	}
	if a.Comp != nil {
		e.Bytes(AttrAlgComp, a.Comp.bytes(nil))
	}
	if a.Offload != nil {
		b := make([]byte, sizeOffload)
		ne.PutUint32(b, uint32(a.Offload.Ifindex))
		b[4] = a.Offload.Flags
		e.Bytes(AttrOffloadDev, b)
	}
	if a.ReplayESN != nil {
		e.Bytes(AttrReplayESN, a.ReplayESN.bytes())
	}
	if a.Replay != nil {
		b := make([]byte, sizeReplay)
		ne.PutUint32(b, a.Replay.OSeq)
		ne.PutUint32(b[4:], a.Replay.Seq)
		ne.PutUint32(b[8:], a.Replay.Bitmap)
		e.Bytes(AttrReplayVal, b)
	}
	for _, u := range []struct {
		typ uint16
		v   *uint32
	}{{AttrExtraFlags, a.ExtraFlags}} {
		if u.v != nil {
			e.Uint32(u.typ, *u.v)
		}
	}
	if a.Mark != nil {
		e.Bytes(AttrMark, a.Mark.bytes())
	}
	for _, u := range []struct {
		typ uint16
		v   *uint32
	}{{AttrIfID, a.IfID}, {AttrTFCPad, a.TFCPad}, {AttrSetMark, a.OutputMark}, {AttrSetMarkMask, a.OutputMarkMask}} {
		if u.v != nil {
			e.Uint32(u.typ, *u.v)
		}
	}
	if a.LastUsed != nil {
		e.Uint64(AttrLastUsed, *a.LastUsed)
	}
	if a.Proto != nil {
		e.Uint8(AttrProto, *a.Proto)
	}
}

// decode reads the attributes; sa, when not nil, receives XFRMA_SA (a
// DELSA notification's state).
func (a *StateAttrs) decode(d nl.AttrDecoder, sa *[]byte) error {
	for d.Next() {
		b := d.Bytes()
		var err error
		switch d.Type() {
		case AttrAlgAuth, AttrAlgCrypt, AttrAlgComp:
			var al Algo
			al, _, err = getAlgo(b, false)
			switch d.Type() {
			case AttrAlgAuth:
				a.Auth = &al
			case AttrAlgCrypt:
				a.Crypt = &al
			default:
				a.Comp = &al
			}
		case AttrAlgAuthTrunc, AttrAlgAEAD:
			var x AlgoExtra
			x.Algo, x.Extra, err = getAlgo(b, true)
			if d.Type() == AttrAlgAEAD {
				a.AEAD = &x
			} else {
				a.AuthTrunc = &x
			}
		case AttrEncap:
			if len(b) < sizeEncap {
				return ErrShort
			}
			a.Encap = &Encap{Type: ne.Uint16(b), SrcPort: be.Uint16(b[2:]), DstPort: be.Uint16(b[4:]), OrigAddr: Address(b[8:24])}
		case AttrCoAddr:
			a.CoAddr, err = addrp(b)
		case AttrSrcAddr:
			a.SrcAddr, err = addrp(b)
		case AttrSecCtx:
			a.SecCtx, err = getSecCtx(b)
		case AttrOffloadDev:
			if len(b) < sizeOffload {
				return ErrShort
			}
			a.Offload = &Offload{Ifindex: int32(ne.Uint32(b)), Flags: b[4]}
		case AttrReplayESN:
			if len(b) < sizeReplayESN {
				return ErrShort
			}
			u := func(i int) uint32 { return ne.Uint32(b[4*i:]) }
			r := &ReplayESN{BitmapLen: u(0), OSeq: u(1), Seq: u(2), OSeqHi: u(3), SeqHi: u(4), ReplayWindow: u(5)}
			for rest := b[sizeReplayESN:]; len(rest) >= 4 && uint32(len(r.Bitmap)) < r.BitmapLen; rest = rest[4:] {
				r.Bitmap = append(r.Bitmap, ne.Uint32(rest))
			}
			a.ReplayESN = r
		case AttrReplayVal:
			if len(b) < sizeReplay {
				return ErrShort
			}
			a.Replay = &Replay{ne.Uint32(b), ne.Uint32(b[4:]), ne.Uint32(b[8:])}
		case AttrExtraFlags:
			a.ExtraFlags = u32p(&d)
		case AttrMark:
			a.Mark, err = getMark(b)
		case AttrIfID:
			a.IfID = u32p(&d)
		case AttrTFCPad:
			a.TFCPad = u32p(&d)
		case AttrSetMark:
			a.OutputMark = u32p(&d)
		case AttrSetMarkMask:
			a.OutputMarkMask = u32p(&d)
		case AttrLastUsed:
			v := d.Uint64()
			a.LastUsed = &v
		case AttrProto:
			v := d.Uint8()
			a.Proto = &v
		case AttrSA:
			if sa != nil {
				*sa = b
			}
		}
		if err != nil {
			return err
		}
	}
	return d.Err()
}

// State is one security association as the kernel reports it (NEWSA,
// UPDSA, DELSA, EXPIRE) or as a request adds it.
type State struct {
	Info SAInfo
	StateAttrs
	Hard uint8 // an EXPIRE's hard flag
}

// Message is the request that adds (NEWSA) or replaces (UPDSA) the
// state.
func (s *State) Message(typ uint16) (nl.Message, error) {
	b := make([]byte, sizeSAInfo)
	s.Info.put(b)
	e := nl.NewAttrEncoder(b)
	s.encode(e)
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: typ}, Data: data}, err
}

// ParseState decodes a state message: NEWSA, UPDSA, EXPIRE, or DELSA (an
// id followed by the state in XFRMA_SA). The result does not alias m.
func ParseState(m nl.Message) (*State, error) {
	b := m.Data
	s := &State{}
	switch m.Header.Type {
	case MsgDelSA:
		if len(b) < sizeSAID {
			return nil, ErrShort
		}
		var info []byte
		if err := s.decode(nl.NewAttrDecoder(b[sizeSAID:]), &info); err != nil {
			return nil, err
		}
		if len(info) < sizeSAInfo {
			return nil, ErrShort
		}
		s.Info = getSAInfo(info)
	case MsgExpire:
		if len(b) < sizeExpire {
			return nil, ErrShort
		}
		s.Info, s.Hard = getSAInfo(b), b[sizeSAInfo]
		if err := s.decode(nl.NewAttrDecoder(b[sizeExpire:]), nil); err != nil {
			return nil, err
		}
	default:
		if len(b) < sizeSAInfo {
			return nil, ErrShort
		}
		s.Info = getSAInfo(b)
		if err := s.decode(nl.NewAttrDecoder(b[sizeSAInfo:]), nil); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// SAID is struct xfrm_usersa_id: a state named by destination, SPI and
// protocol.
type SAID struct {
	Dst    Address
	SPI    uint32
	Family uint16
	Proto  uint8
}

// StateRef names one state for GETSA or DELSA: its id, source address
// (XFRMA_SRCADDR) and mark.
type StateRef struct {
	ID SAID
	StateAttrs
}

// Message is the request of type typ (GETSA or DELSA).
func (r *StateRef) Message(typ uint16) (nl.Message, error) {
	b := make([]byte, sizeSAID)
	copy(b, r.ID.Dst[:])
	be.PutUint32(b[16:], r.ID.SPI)
	ne.PutUint16(b[20:], r.ID.Family)
	b[22] = r.ID.Proto
	e := nl.NewAttrEncoder(b)
	r.encode(e)
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: typ}, Data: data}, err
}

// ParseStateRef decodes a GETSA or DELSA request.
func ParseStateRef(m nl.Message) (*StateRef, error) {
	b := m.Data
	if len(b) < sizeSAID {
		return nil, ErrShort
	}
	r := &StateRef{ID: SAID{Dst: Address(b[:16]), SPI: be.Uint32(b[16:]), Family: ne.Uint16(b[20:]), Proto: b[22]}}
	if err := r.decode(nl.NewAttrDecoder(b[sizeSAID:]), nil); err != nil {
		return nil, err
	}
	return r, nil
}

// Ref is the reference that deletes the state, as ip's deleteall builds
// it: destination, SPI, protocol, source and mark.
func (s *State) Ref() *StateRef {
	src := s.Info.Src
	return &StateRef{
		ID:         SAID{Dst: s.Info.ID.Dst, SPI: s.Info.ID.SPI, Family: s.Info.Family, Proto: s.Info.ID.Proto},
		StateAttrs: StateAttrs{SrcAddr: &src, Mark: s.Mark},
	}
}

// SPIRequest is struct xfrm_userspi_info and its attributes: allocspi.
type SPIRequest struct {
	Info     SAInfo
	Min, Max uint32
	StateAttrs
}

// Message is the ALLOCSPI request.
func (r *SPIRequest) Message() (nl.Message, error) {
	b := make([]byte, sizeSPIInfo)
	r.Info.put(b)
	ne.PutUint32(b[sizeSAInfo:], r.Min)
	ne.PutUint32(b[sizeSAInfo+4:], r.Max)
	e := nl.NewAttrEncoder(b)
	r.encode(e)
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: MsgAllocSPI}, Data: data}, err
}

// FlushStates is the request that deletes every state of proto (0: all;
// IPSEC_PROTO_ANY: ESP, AH and IPComp).
func FlushStates(proto uint8) nl.Message {
	return nl.Message{Header: nl.Header{Type: MsgFlushSA}, Data: []byte{proto}}
}

// AddressFilter is struct xfrm_address_filter: what a dump of states
// asks the kernel to keep.
type AddressFilter struct {
	Src, Dst       Address
	Family         uint16
	SrcLen, DstLen uint8
}

// StateFilter is what a dump of states sends: a protocol (nil: any) and
// the address filter.
type StateFilter struct {
	Proto *uint8
	Addr  AddressFilter
}

func (f *StateFilter) request() (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	if f.Proto != nil {
		e.Uint8(AttrProto, *f.Proto)
	}
	b := make([]byte, sizeAddrFilt)
	copy(b, f.Addr.Src[:])
	copy(b[16:], f.Addr.Dst[:])
	ne.PutUint16(b[32:], f.Addr.Family)
	b[34], b[35] = f.Addr.SrcLen, f.Addr.DstLen
	e.Bytes(26, b) // XFRMA_ADDRESS_FILTER
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: MsgGetSA, Flags: nl.Dump}, Data: data}, err
}

// States streams the state database, filtered by the kernel when f is
// not nil.
func States(c *nl.Conn, f *StateFilter) iter.Seq2[*State, error] {
	return func(yield func(*State, error) bool) {
		req := nl.Message{Header: nl.Header{Type: MsgGetSA, Flags: nl.Dump}}
		if f != nil {
			var err error
			if req, err = f.request(); err != nil {
				yield(nil, err)
				return
			}
		}
		for r, err := range c.Dump(req) {
			if err != nil {
				yield(nil, err)
				return
			}
			switch r.Header.Type {
			case MsgNewSA, MsgUpdSA, MsgDelSA, MsgExpire:
			default:
				continue
			}
			s, err := ParseState(r)
			if !yield(s, err) || err != nil {
				return
			}
		}
	}
}
