package nftables

import (
	"reflect"
	"testing"
)

func u32(v uint32) *uint32 { return &v }
func u16(v uint16) *uint16 { return &v }
func str(s string) *string { return &s }

// sampleRules have every expression the package models.
var sampleRules = []Rule{
	{Family: FamilyINet, Table: "t", Chain: "c", Exprs: []Expr{
		&Meta{Key: 15, DReg: 1},
		&Cmp{SReg: 1, Op: CmpEq, Data: []byte{2}},
		&Payload{DReg: 1, Base: BaseNetwork, Offset: 12, Len: 4},
		&Bitwise{SReg: 1, DReg: 1, Len: 4, Mask: []byte{255, 0, 0, 0}, Xor: []byte{0, 0, 0, 0}},
		&Cmp{SReg: 1, Op: CmpNeq, Data: []byte{10, 0, 0, 0}},
		&Ct{Key: 0, DReg: 1},
		&Range{SReg: 1, Op: 0, From: []byte{0, 1}, To: []byte{0, 9}},
		&Lookup{SReg: 1, Set: "s", SetID: 3, Flags: LookupInvert},
		&Lookup{SReg: 1, DReg: u32(0), Set: "m"},
		&Counter{Bytes: 10, Packets: 1},
		&Limit{Rate: 5, Unit: 1, Burst: 5, Type: LimitPackets},
		&Log{Prefix: str("x "), Level: u32(6), Group: u16(3), Snaplen: u32(64), QThreshold: u16(2), Flags: u32(0x2f)},
		&Quota{Bytes: 1 << 20, Flags: QuotaInvert},
		&Immediate{DReg: 1, Data: Data{Value: []byte{10, 0, 0, 1}}},
		&NAT{Type: NATDnat, Family: 2, RegAddrMin: 1, RegAddrMax: 1, RegProtoMin: 2, RegProtoMax: 2, Flags: 3},
		&Masq{Flags: 4, RegProtoMin: 1, RegProtoMax: 2},
		&Redir{RegProtoMin: 1, RegProtoMax: 1, Flags: 2},
		&Reject{Type: RejectICMPUnreach, Code: 1},
		&Immediate{DReg: 0, Data: Data{Verdict: &Verdict{Code: VerdictJump, Chain: "other"}}},
	}, UserData: []byte{0, 2, 'x', 0}},
}

func TestRuleRoundTrip(t *testing.T) {
	for _, r := range sampleRules {
		b, err := r.Encode()
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeRule(r.Family, b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("round trip:\n got %#v\nwant %#v", got, r)
		}
	}
}

func TestSetRoundTrip(t *testing.T) {
	s := Set{Family: FamilyIP, Table: "t", Name: "s", ID: 1, Flags: SetInterval | SetConcat | SetTimeout,
		KeyType: 7<<6 | 13, KeyLen: 8, Timeout: 3600000, GCInterval: 1000, Size: 10, Fields: []uint32{4, 2},
		UserData: []byte{0, 4, 2, 0, 0, 0}}
	b, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeSet(s.Family, b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("round trip:\n got %#v\nwant %#v", got, s)
	}
	els := Elements{Family: FamilyIP, Table: "t", Set: "s", SetID: 1, Elems: []Element{
		{Key: []byte{10, 0, 0, 0, 0, 22, 0, 0}, KeyEnd: []byte{10, 255, 255, 255, 0, 22, 0, 0}, Timeout: 1000},
		{Key: []byte{1}, Flags: ElemIntervalEnd, Data: &Data{Verdict: &Verdict{Code: VerdictAccept}}},
	}}
	b, err = els.Encode()
	if err != nil {
		t.Fatal(err)
	}
	gotEls, err := DecodeElements(els.Family, b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotEls, els) {
		t.Errorf("round trip:\n got %#v\nwant %#v", gotEls, els)
	}
}

// An expression the package has no model for survives as Unknown.
func TestUnknownExpression(t *testing.T) {
	r := Rule{Family: FamilyIP, Table: "t", Chain: "c", Exprs: []Expr{&Unknown{Name: "exthdr", Data: []byte{8, 0, 1, 0, 0, 0, 0, 1}}}}
	b, err := r.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeRule(r.Family, b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("got %#v", got)
	}
}

// FuzzDecodeRule: any bytes decode to a rule or an error, never a panic,
// and a decoded rule encodes to bytes that decode to the same rule.
func FuzzDecodeRule(f *testing.F) {
	for _, r := range sampleRules {
		b, _ := r.Encode()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeRule(FamilyINet, b)
		if err != nil {
			return
		}
		enc, err := r.Encode()
		if err != nil {
			return
		}
		if _, err := DecodeRule(FamilyINet, enc); err != nil {
			t.Fatalf("re-decoding an encoded rule: %v", err)
		}
	})
}

// FuzzDecodeObjects feeds any bytes to the table, chain, set and element
// decoders.
func FuzzDecodeObjects(f *testing.F) {
	s := Set{Table: "t", Name: "s", KeyType: 7, KeyLen: 4, Fields: []uint32{4, 2}}
	b, _ := s.Encode()
	f.Add(b)
	els := Elements{Table: "t", Set: "s", Elems: []Element{{Key: []byte{1, 2, 3, 4}}}}
	b, _ = els.Encode()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = DecodeTable(FamilyIP, b)
		_, _ = DecodeChain(FamilyIP, b)
		_, _ = DecodeSet(FamilyIP, b)
		_, _ = DecodeElements(FamilyIP, b)
	})
}
