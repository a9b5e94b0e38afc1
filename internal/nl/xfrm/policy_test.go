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

// samplePolicy is `ip xfrm policy add src 10.1.0.0/16 proto tcp dport 443
// dir out priority 7 mark 5 mask 0xf if_id 9 ptype sub tmpl src 10.0.0.1
// dst 10.0.0.2 proto esp reqid 3 mode tunnel`.
func samplePolicy() *Policy {
	sub, ifid := uint8(TypeSub), uint32(9)
	return &Policy{
		Info: PolicyInfo{
			Sel: Selector{Src: AddressOf(netip.MustParseAddr("10.1.0.0")), SrcLen: 16, Proto: unix.IPPROTO_TCP,
				DstPort: 443, DstPortMask: 0xffff, Family: unix.AF_INET},
			Lifetime: NoLimits(), Priority: 7, Dir: DirOut,
		},
		PolicyAttrs: PolicyAttrs{
			Type: &sub, Mark: &Mark{5, 0xf}, IfID: &ifid,
			Templates: []Template{{ID: ID{Dst: AddressOf(netip.MustParseAddr("10.0.0.2")), Proto: ProtoESP},
				Family: unix.AF_INET, Src: AddressOf(netip.MustParseAddr("10.0.0.1")), ReqID: 3, Mode: ModeTunnel,
				AuthAlgos: ^uint32(0), EncAlgos: ^uint32(0), CompAlgos: ^uint32(0)}},
		},
	}
}

// TestPolicyRequestBytes checks the request against the kernel's layout:
// the fixed xfrm_userpolicy_info, then type, templates, mark and if_id
// in ip's order.
func TestPolicyRequestBytes(t *testing.T) {
	m, err := samplePolicy().Message(MsgNewPolicy)
	if err != nil {
		t.Fatal(err)
	}
	b := m.Data
	ne := binary.NativeEndian
	checks := []struct {
		name      string
		off       int
		want, got []byte
	}{
		{"saddr", 16, []byte{10, 1, 0, 0}, b[16:20]},
		{"dport (big-endian)", 32, []byte{0x01, 0xbb, 0xff, 0xff}, b[32:36]},
		{"family", 40, ne.AppendUint16(nil, unix.AF_INET), b[40:42]},
		{"prefixlen_d, prefixlen_s, proto", 42, []byte{0, 16, 6}, b[42:45]},
		{"soft byte limit", 56, bytes.Repeat([]byte{0xff}, 8), b[56:64]},
		{"soft add expiry", 88, make([]byte, 8), b[88:96]},
		{"priority", 152, ne.AppendUint32(nil, 7), b[152:156]},
		{"dir, action, flags, share", 160, []byte{1, 0, 0, 0}, b[160:164]},
		{"XFRMA_POLICY_TYPE header", 168, append(ne.AppendUint16(nil, 4+6), ne.AppendUint16(nil, AttrPolicyType)...), b[168:172]},
		{"policy type", 172, []byte{TypeSub, 0, 0, 0, 0, 0}, b[172:178]},
		{"XFRMA_TMPL header", 180, append(ne.AppendUint16(nil, 4+64), ne.AppendUint16(nil, AttrTmpl)...), b[180:184]},
		{"tmpl daddr, spi, proto", 184, []byte{10, 0, 0, 2}, b[184:188]},
		{"tmpl proto", 204, []byte{ProtoESP}, b[204:205]},
		{"tmpl family", 208, ne.AppendUint16(nil, unix.AF_INET), b[208:210]},
		{"tmpl saddr", 212, []byte{10, 0, 0, 1}, b[212:216]},
		{"tmpl reqid, mode", 228, append(ne.AppendUint32(nil, 3), ModeTunnel), b[228:233]},
		{"XFRMA_MARK", 248, append(append(ne.AppendUint16(nil, 12), ne.AppendUint16(nil, AttrMark)...), append(ne.AppendUint32(nil, 5), ne.AppendUint32(nil, 0xf)...)...), b[248:260]},
		{"XFRMA_IF_ID", 260, append(append(ne.AppendUint16(nil, 8), ne.AppendUint16(nil, AttrIfID)...), ne.AppendUint32(nil, 9)...), b[260:268]},
	}
	if len(b) != 268 {
		t.Fatalf("request is %d bytes, want 268", len(b))
	}
	for _, c := range checks {
		if !bytes.Equal(c.got, c.want) {
			t.Errorf("%s at %d: % x, want % x", c.name, c.off, c.got, c.want)
		}
	}
	back, err := ParsePolicy(m)
	if err != nil || !reflect.DeepEqual(back, samplePolicy()) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

// TestPolicyRefBytes: a delete names the policy by xfrm_userpolicy_id.
func TestPolicyRefBytes(t *testing.T) {
	r := samplePolicy().Ref()
	m, err := r.Message(MsgDelPolicy)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Data) != 64+12+8 || m.Data[60] != DirOut || m.Header.Type != MsgDelPolicy {
		t.Errorf("delete request % x", m.Data)
	}
	back, err := ParsePolicyRef(m)
	if err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

// TestParseDelPolicy: a DELPOLICY notification carries the policy in
// XFRMA_POLICY after the id.
func TestParseDelPolicy(t *testing.T) {
	add, _ := samplePolicy().Message(MsgNewPolicy)
	e := nl.NewAttrEncoder(make([]byte, sizePolicyID))
	e.Bytes(AttrPolicy, add.Data[:sizePolicyInfo])
	data, _ := e.Encode()
	p, err := ParsePolicy(nl.Message{Header: nl.Header{Type: MsgDelPolicy}, Data: data})
	if err != nil || p.Info != samplePolicy().Info {
		t.Errorf("%+v, %v", p, err)
	}
}

func TestSPDInfo(t *testing.T) {
	m, err := SetThresholds(&Thresholds{24, 16}, &Thresholds{64, 48})
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{0xff, 0xff, 0xff, 0xff, 6, 0, 3, 0, 24, 16, 0, 0, 6, 0, 4, 0, 64, 48, 0, 0}
	if !bytes.Equal(m.Data, want) {
		t.Errorf("set request % x, want % x", m.Data, want)
	}
	s, err := ParseSPDInfo(m)
	if err != nil || *s.IPv4 != (Thresholds{24, 16}) || *s.IPv6 != (Thresholds{64, 48}) {
		t.Errorf("%+v, %v", s, err)
	}
}

// FuzzParsePolicy: no payload makes the decoder panic, and what it reads
// encodes to a request that reads back the same.
func FuzzParsePolicy(f *testing.F) {
	m, _ := samplePolicy().Message(MsgNewPolicy)
	f.Add(m.Data, uint16(MsgNewPolicy))
	f.Add(m.Data, uint16(MsgDelPolicy))
	f.Add(append(m.Data[:sizePolicyInfo:sizePolicyInfo], make([]byte, 8)...), uint16(MsgPolExpire))
	f.Fuzz(func(t *testing.T, b []byte, typ uint16) {
		p, err := ParsePolicy(nl.Message{Header: nl.Header{Type: typ}, Data: b})
		if err != nil || typ != MsgNewPolicy {
			return
		}
		if p.SecCtx != nil && len(p.SecCtx.Context)+9 > 0xffff {
			return
		}
		m, err := p.Message(MsgNewPolicy)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParsePolicy(m)
		if err != nil || !reflect.DeepEqual(back, p) {
			t.Fatalf("%x: %+v, then %+v, %v", b, p, back, err)
		}
	})
}

// FuzzParsePolicyRef: the id decoder never panics and round-trips.
func FuzzParsePolicyRef(f *testing.F) {
	m, _ := samplePolicy().Ref().Message(MsgDelPolicy)
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParsePolicyRef(nl.Message{Data: b})
		if err != nil || r.Templates != nil || (r.SecCtx != nil && len(r.SecCtx.Context)+9 > 0xffff) {
			return
		}
		m, err := r.Message(MsgGetPolicy)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParsePolicyRef(m)
		if err != nil || !reflect.DeepEqual(back, r) {
			t.Fatalf("%x: %+v, then %+v, %v", b, r, back, err)
		}
	})
}

// FuzzParseInfo: the SPD and SAD counter decoders never panic.
func FuzzParseInfo(f *testing.F) {
	m, _ := SetThresholds(&Thresholds{1, 2}, nil)
	f.Add(m.Data)
	f.Add([]byte{0, 0, 0, 0, 8, 0, 1, 0, 5, 0, 0, 0, 12, 0, 2, 0, 1, 0, 0, 0, 2, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ParseSPDInfo(nl.Message{Data: b})
		_, _ = ParseSADInfo(nl.Message{Data: b})
	})
}

func TestDefaults(t *testing.T) {
	m := Defaults{In: DefaultBlock, Out: DefaultAccept}.Message(MsgSetDefault)
	if !bytes.Equal(m.Data, []byte{1, 0, 2}) || m.Header.Type != MsgSetDefault {
		t.Errorf("setdefault % x", m.Data)
	}
	if d, err := ParseDefaults(m); err != nil || d != (Defaults{1, 0, 2}) {
		t.Errorf("%+v, %v", d, err)
	}
	if _, err := ParseDefaults(nl.Message{Data: []byte{1}}); err == nil {
		t.Error("a short answer reads")
	}
}
