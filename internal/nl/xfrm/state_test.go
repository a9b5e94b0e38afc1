package xfrm

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// sampleState is `ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp
// spi 0x100 reqid 5 mode tunnel enc cbc(aes) 0x0011...ff auth-trunc
// hmac(sha1) KEY 96 encap espinudp 4500 4500 0.0.0.0 mark 7 if_id 3`.
func sampleState() *State {
	ifid := uint32(3)
	return &State{
		Info: SAInfo{
			ID:  ID{Dst: AddressOf(netip.MustParseAddr("10.0.0.2")), SPI: 0x100, Proto: ProtoESP},
			Src: AddressOf(netip.MustParseAddr("10.0.0.1")), Lifetime: NoLimits(), ReqID: 5,
			Family: unix.AF_INET, Mode: ModeTunnel,
		},
		StateAttrs: StateAttrs{
			Crypt:     &Algo{Name: "cbc(aes)", KeyBits: 128, Key: bytes.Repeat([]byte{0x11}, 16)},
			AuthTrunc: &AlgoExtra{Algo{Name: "hmac(sha1)", KeyBits: 160, Key: bytes.Repeat([]byte{0x22}, 20)}, 96},
			Encap:     &Encap{Type: EncapESPInUDP, SrcPort: 4500, DstPort: 4500},
			Mark:      &Mark{7, ^uint32(0)},
			IfID:      &ifid,
		},
	}
}

// TestStateRequestBytes checks the request against the kernel's layout.
func TestStateRequestBytes(t *testing.T) {
	m, err := sampleState().Message(MsgNewSA)
	if err != nil {
		t.Fatal(err)
	}
	b := m.Data
	ne := binary.NativeEndian
	hdr := func(n int, typ uint16) []byte {
		return append(ne.AppendUint16(nil, uint16(n)), ne.AppendUint16(nil, typ)...)
	}
	checks := []struct {
		name      string
		want, got []byte
	}{
		{"id daddr", []byte{10, 0, 0, 2}, b[56:60]},
		{"spi (big-endian), proto", []byte{0, 0, 1, 0, ProtoESP}, b[72:77]},
		{"saddr", []byte{10, 0, 0, 1}, b[80:84]},
		{"reqid", ne.AppendUint32(nil, 5), b[208:212]},
		{"family, mode", append(ne.AppendUint16(nil, unix.AF_INET), ModeTunnel), b[212:215]},
		{"XFRMA_ENCAP", hdr(4+24, AttrEncap), b[224:228]},
		{"encap type, ports", append(ne.AppendUint16(nil, EncapESPInUDP), 0x11, 0x94, 0x11, 0x94), b[228:234]},
		{"XFRMA_ALG_CRYPT", hdr(4+68+16, AttrAlgCrypt), b[252:256]},
		{"crypt name", []byte("cbc(aes)\x00"), b[256:265]},
		{"crypt key bits", ne.AppendUint32(nil, 128), b[320:324]},
		{"XFRMA_ALG_AUTH_TRUNC", hdr(4+72+20, AttrAlgAuthTrunc), b[340:344]},
		{"trunc bits", ne.AppendUint32(nil, 96), b[412:416]},
		{"XFRMA_MARK", hdr(12, AttrMark), b[436:440]},
		{"XFRMA_IF_ID", append(hdr(8, AttrIfID), ne.AppendUint32(nil, 3)...), b[448:456]},
	}
	if len(b) != 456 {
		t.Fatalf("request is %d bytes, want 456", len(b))
	}
	for _, c := range checks {
		if !bytes.Equal(c.got, c.want) {
			t.Errorf("%s: % x, want % x", c.name, c.got, c.want)
		}
	}
	back, err := ParseState(m)
	if err != nil || !reflect.DeepEqual(back, sampleState()) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

// TestStateRef: get and delete name a state by xfrm_usersa_id and its
// source address.
func TestStateRef(t *testing.T) {
	r := sampleState().Ref()
	m, err := r.Message(MsgDelSA)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{10, 0, 0, 2}
	if !bytes.Equal(m.Data[:4], want) || m.Data[22] != ProtoESP || len(m.Data) != 24+20+12 {
		t.Errorf("delete request % x", m.Data)
	}
	back, err := ParseStateRef(m)
	if err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	if f := FlushStates(ProtoAH); !bytes.Equal(f.Data, []byte{ProtoAH}) || f.Header.Type != MsgFlushSA {
		t.Errorf("flush % x", f.Data)
	}
	spi, err := (&SPIRequest{Info: sampleState().Info, Min: 0x100, Max: 0x200}).Message()
	if err != nil || len(spi.Data) != 232 || binary.NativeEndian.Uint32(spi.Data[224:]) != 0x100 {
		t.Errorf("allocspi % x, %v", spi.Data, err)
	}
}

// TestStateFilterRequest: a filtered dump carries the protocol and the
// address filter, and no header of its own.
func TestStateFilterRequest(t *testing.T) {
	p := uint8(ProtoAH)
	m, err := (&StateFilter{Proto: &p, Addr: AddressFilter{Dst: AddressOf(netip.MustParseAddr("10.0.0.0")), Family: unix.AF_INET, DstLen: 8}}).request()
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Flags != nl.Dump || len(m.Data) != 8+40 || m.Data[4] != ProtoAH || m.Data[8+4+16] != 10 || m.Data[8+4+35] != 8 {
		t.Errorf("dump request % x", m.Data)
	}
}

// FuzzParseState: no payload makes the decoder panic, and what it reads
// encodes to a request that reads back the same.
func FuzzParseState(f *testing.F) {
	m, _ := sampleState().Message(MsgNewSA)
	f.Add(m.Data, uint16(MsgNewSA))
	f.Add(m.Data, uint16(MsgDelSA))
	f.Add(append(m.Data[:sizeSAInfo:sizeSAInfo], make([]byte, 8)...), uint16(MsgExpire))
	f.Fuzz(func(t *testing.T, b []byte, typ uint16) {
		s, err := ParseState(nl.Message{Header: nl.Header{Type: typ}, Data: b})
		if err != nil || typ != MsgNewSA || !encodable(&s.StateAttrs) {
			return
		}
		m, err := s.Message(MsgNewSA)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseState(m)
		if err != nil || !reflect.DeepEqual(back, s) {
			t.Fatalf("%x: %+v, then %+v, %v", b, s, back, err)
		}
	})
}

// encodable reports attributes whose encoding fits a netlink attribute
// and reads back the same (a name with a NUL does not).
func encodable(a *StateAttrs) bool {
	for _, al := range []*Algo{a.Auth, a.Crypt, a.Comp} {
		if al != nil && (len(al.Key) > 0xff00 || bytes.IndexByte([]byte(al.Name), 0) >= 0) {
			return false
		}
	}
	for _, x := range []*AlgoExtra{a.AuthTrunc, a.AEAD} {
		if x != nil && len(x.Key) > 0xff00 {
			return false
		}
	}
	return a.SecCtx == nil || len(a.SecCtx.Context) < 0xff00
}

// FuzzParseStateRef: the id decoder never panics and round-trips.
func FuzzParseStateRef(f *testing.F) {
	m, _ := sampleState().Ref().Message(MsgDelSA)
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseStateRef(nl.Message{Data: b})
		if err != nil || !encodable(&r.StateAttrs) {
			return
		}
		m, err := r.Message(MsgGetSA)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseStateRef(m)
		if err != nil || !reflect.DeepEqual(back, r) {
			t.Fatalf("%x: %+v, then %+v, %v", b, r, back, err)
		}
	})
}
