package xfrm

import (
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

// sampleAcquire is an ACQUIRE as the kernel sends it: the template's id,
// the flow's selector, the policy and its templates.
func sampleAcquire() []byte {
	b := make([]byte, sizeAcquire)
	id := ID{Dst: AddressOf(netip.MustParseAddr("10.0.0.3")), Proto: ProtoESP}
	id.put(b)
	src := AddressOf(netip.MustParseAddr("10.0.0.1"))
	copy(b[24:40], src[:])
	sel := Selector{Dst: id.Dst, Src: src, DstLen: 32, SrcLen: 32, Family: 2, Proto: 17, DstPort: 9, DstPortMask: 0xffff}
	sel.put(b[40:])
	p := PolicyInfo{Sel: sel, Lifetime: NoLimits(), Dir: DirOut, Priority: 7}
	p.put(b[96:])
	ne.PutUint32(b[264:], ^uint32(0))
	ne.PutUint32(b[276:], 42)
	e := nl.NewAttrEncoder(b)
	e.Bytes(AttrTmpl, encodeTemplates([]Template{{ID: id, Family: 2, Src: src, Mode: ModeTransport}}))
	data, _ := e.Encode()
	return data
}

func TestParseAcquire(t *testing.T) {
	a, err := ParseAcquire(nl.Message{Header: nl.Header{Type: MsgAcquire}, Data: sampleAcquire()})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID.Proto != ProtoESP || a.Src.As(2).String() != "10.0.0.1" || a.Sel.DstPort != 9 || a.Policy.Priority != 7 ||
		a.Policy.Dir != DirOut || a.AuthAlgos != ^uint32(0) || a.Seq != 42 || len(a.Templates) != 1 || a.Templates[0].ID.Dst.As(2).String() != "10.0.0.3" {
		t.Errorf("%+v", a)
	}
	if _, err := ParseAcquire(nl.Message{Data: make([]byte, sizeAcquire-1)}); err != ErrShort {
		t.Errorf("a short acquire: %v", err)
	}
}

func TestParseNotifications(t *testing.T) {
	b := make([]byte, sizeMapping)
	copy(b, netip.MustParseAddr("10.0.0.2").AsSlice())
	be.PutUint32(b[16:], 0x1234)
	ne.PutUint16(b[20:], 2)
	b[22] = ProtoESP
	ne.PutUint32(b[24:], 5)
	copy(b[28:], netip.MustParseAddr("192.0.2.1").AsSlice())
	copy(b[44:], netip.MustParseAddr("192.0.2.9").AsSlice())
	be.PutUint16(b[60:], 4500)
	be.PutUint16(b[62:], 4501)
	m, err := ParseMapping(nl.Message{Data: b})
	if err != nil || m.ID.SPI != 0x1234 || m.ID.Family != 2 || m.ReqID != 5 || m.NewSrc.As(2).String() != "192.0.2.9" || m.OldSport != 4500 || m.NewSport != 4501 {
		t.Errorf("mapping %+v %v", m, err)
	}
	ae := make([]byte, sizeAEvent)
	copy(ae, b[:24])
	copy(ae[24:], netip.MustParseAddr("10.0.0.1").AsSlice())
	ne.PutUint32(ae[40:], AEReplayUpdate)
	ne.PutUint32(ae[44:], 9)
	a, err := ParseAEvent(nl.Message{Data: ae})
	if err != nil || a.ID.SPI != 0x1234 || a.Src.As(2).String() != "10.0.0.1" || a.Flags != AEReplayUpdate || a.ReqID != 9 {
		t.Errorf("aevent %+v %v", a, err)
	}
	if p, err := ParseFlushSA(nl.Message{Data: []byte{ProtoAH}}); p != ProtoAH || err != nil {
		t.Errorf("flush sa: %d %v", p, err)
	}
	e := nl.NewAttrEncoder(nil)
	e.Bytes(AttrPolicyType, make([]byte, sizePolicyType))
	data, _ := e.Encode()
	if typ, err := ParseFlushPolicy(nl.Message{Data: data}); typ == nil || *typ != TypeMain || err != nil {
		t.Errorf("flush policy: %v %v", typ, err)
	}
}

// FuzzParseNotification: no payload makes a notification's decoder
// panic.
func FuzzParseNotification(f *testing.F) {
	f.Add(sampleAcquire(), uint16(MsgAcquire))
	f.Add(make([]byte, sizeReport+8), uint16(MsgReport))
	f.Add(make([]byte, sizeAEvent), uint16(MsgNewAE))
	f.Add(make([]byte, sizeMapping), uint16(MsgMapping))
	f.Add([]byte{ProtoESP, 0, 0, 0}, uint16(MsgFlushSA))
	f.Add([]byte{10, 0, 16, 0, 1, 0, 0, 0, 0, 0}, uint16(MsgFlushPolicy))
	f.Fuzz(func(t *testing.T, b []byte, typ uint16) {
		m := nl.Message{Header: nl.Header{Type: typ}, Data: b}
		switch typ {
		case MsgAcquire:
			ParseAcquire(m)
		case MsgReport:
			ParseReport(m)
		case MsgNewAE:
			ParseAEvent(m)
		case MsgMapping:
			ParseMapping(m)
		case MsgFlushSA:
			ParseFlushSA(m)
		case MsgFlushPolicy:
			ParseFlushPolicy(m)
		}
	})
}
