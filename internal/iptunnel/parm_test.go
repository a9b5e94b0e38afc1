package iptunnel

import (
	"bytes"
	"encoding/hex"
	"net/netip"
	"strings"
	"testing"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The request bytes are compared with the layouts of <linux/if_tunnel.h>
// and <linux/ip6_tunnel.h> on a little-endian machine, written out by
// hand.
func TestParmEncode(t *testing.T) {
	p := NewParm()
	p.Name = "gre1"
	p.Link = 3
	p.IFlags, p.OFlags = GREKey|GRESeq, GREKey|GRECsum
	p.IKey, p.OKey = 5, 0x01020304
	p.TOS, p.TTL, p.Protocol = 0x10, 64, 47
	p.Local, p.Remote = netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("198.51.100.2")
	want := unhex(t, `
		67726531 00000000 00000000 00000000  03000000  3000 a000  00000005 01020304
		45 10 0000 0000 4000 40 2f 0000 c0000201 c6336402`)
	got := p.Encode()
	if !bytes.Equal(got, want) {
		t.Fatalf("encode:\n got %x\nwant %x", got, want)
	}
	back, ok := DecodeParm(got)
	if !ok || back != p {
		t.Errorf("decode: %+v, want %+v", back, p)
	}
}

func TestParmVTIFlag(t *testing.T) {
	p := Parm{IFlags: VTIIsVTI}
	if b := p.Encode(); b[20] != 1 || b[21] != 0 {
		t.Errorf("VTI_ISVTI is host-order 1: got % x", b[20:22])
	}
}

func TestParm6Encode(t *testing.T) {
	p := Parm6{
		Name: "ip6t1", Link: 2, Proto: 41, EncapLimit: 4, HopLimit: 64,
		FlowInfo: 0x0ab12345, Flags: IP6UseOrigTclass | IP6AllowLocalRemote,
		Local: netip.MustParseAddr("2001:db8::1"), Remote: netip.MustParseAddr("2001:db8::2"),
		IFlags: GREKey, OFlags: GREKey, IKey: 7, OKey: 7,
	}
	want := unhex(t, `
		69703674 31000000 00000000 00000000  02000000  29 04 40 00  0ab12345  42000000
		20010db8 00000000 00000000 00000001  20010db8 00000000 00000000 00000002
		2000 2000 00000007 00000007`)
	got := p.Encode()
	if !bytes.Equal(got, want) {
		t.Fatalf("encode:\n got %x\nwant %x", got, want)
	}
	back, ok := DecodeParm6(got)
	if !ok || back != p {
		t.Errorf("decode: %+v, want %+v", back, p)
	}
}

func TestPRLEncode(t *testing.T) {
	p := PRL{Addr: netip.MustParseAddr("10.0.0.1"), Flags: PRLDefault}
	if got, want := p.Encode(), unhex(t, "0a000001 0100 0000 00000000 00000000"); !bytes.Equal(got, want) {
		t.Errorf("encode:\n got %x\nwant %x", got, want)
	}
	q := PRLQuery(2)
	if want := unhex(t, "00000000 0000 0000 20000000 00000000"+strings.Repeat("00", 32)); !bytes.Equal(q, want) {
		t.Errorf("query:\n got %x\nwant %x", q, want)
	}
	copy(q[16:], p.Encode())
	if got := PRLAnswer(q); len(got) != 1 || got[0].Addr != p.Addr || got[0].Flags != PRLDefault {
		t.Errorf("answer: %+v", got)
	}
}

func TestSixRDEncode(t *testing.T) {
	s := SixRD{Prefix: netip.MustParseAddr("2001:db8::"), PrefixLen: 32, RelayPrefix: netip.MustParseAddr("10.0.0.0"), RelayPrefixLen: 8}
	want := unhex(t, "20010db8 00000000 00000000 00000000 0a000000 2000 0800"+strings.Repeat("00", ParmSize-SixRDSize))
	got := s.Encode()
	if !bytes.Equal(got, want) {
		t.Fatalf("encode:\n got %x\nwant %x", got, want)
	}
	if back, ok := DecodeSixRD(got); !ok || back != s {
		t.Errorf("decode: %+v", back)
	}
}

func TestRequestNumbers(t *testing.T) {
	for r, want := range map[Request]string{GetTunnel: "89f0", ChgTunnel: "89f3", AddPRL: "89f5", Chg6RD: "89fb"} {
		if r.String() != want {
			t.Errorf("%d: %s, want %s", r, r, want)
		}
	}
}

// FuzzDecode reads arbitrary kernel answers: never a panic, and what
// decodes encodes back to the same bytes where the layout has no padding
// the decoder drops.
func FuzzDecode(f *testing.F) {
	p := NewParm()
	f.Add(p.Encode())
	p6 := Parm6{Name: "x"}
	f.Add(p6.Encode())
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		DecodeParm(b)
		DecodeParm6(b)
		DecodePRL(b)
		DecodeSixRD(b)
		PRLAnswer(b)
		if q, ok := DecodePRL(b); ok {
			if again, _ := DecodePRL(q.Encode()); again != q {
				t.Fatalf("prl round trip: %+v != %+v", again, q)
			}
		}
	})
}
