package macsec_test

import (
	"encoding/binary"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/macsec"
)

// TestChangeBytes: the request ip sends for "macsec add DEV(4) rx port
// 1234 address c6:19:52:8f:e6:a0 sa 0 pn 1 on key 00 8383...".
func TestChangeBytes(t *testing.T) {
	sa := &macsec.SAConfig{AN: 0, PN: 1, Key: []byte{1, 2}, Active: true, HasActive: true}
	c := macsec.Change{IfIndex: 4, RxSC: &macsec.RxSCConfig{SCI: 0xc619528fe6a004d2}, SA: sa}
	b, err := c.Attrs(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{
		8, 0, 1, 0, 4, 0, 0, 0, // ifindex
		16, 0, 2, 0, 12, 0, 1, 0, 0xc6, 0x19, 0x52, 0x8f, 0xe6, 0xa0, 0x04, 0xd2, // rxsc { sci }
		56, 0, 3, 0, // sa {
		5, 0, 1, 0, 0, 0, 0, 0, // an
		8, 0, 3, 0, 1, 0, 0, 0, // pn
		20, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // key id
		6, 0, 4, 0, 1, 2, 0, 0, // key
		5, 0, 2, 0, 1, 0, 0, 0, // active }
	}
	if string(b) != string(want) {
		t.Errorf("attrs\n got % x\nwant % x", b, want)
	}
	off := uint8(2)
	b, _ = (&macsec.Change{IfIndex: 1, Offload: &off}).Attrs(nil)
	if string(b) != string([]byte{8, 0, 1, 0, 1, 0, 0, 0, 12, 0, 9, 0, 5, 0, 1, 0, 2, 0, 0, 0}) {
		t.Errorf("offload % x", b)
	}
	// XPN: a 64-bit packet number, the salt and the SSCI, big-endian.
	x := &macsec.SAConfig{AN: 1, PN: 1 << 32, XPN: true, SSCI: 0x12345678, HasSSCI: true}
	b, _ = (&macsec.Change{IfIndex: 1, SA: x}).Attrs(nil)
	if string(b[len(b)-8:]) != string([]byte{8, 0, 8, 0, 0x12, 0x34, 0x56, 0x78}) || len(b) != 8+4+8+12+8 {
		t.Errorf("xpn % x", b)
	}
}

// dumpMessage encodes a device as the kernel's dump does (the parts ip
// needs), with one transmit SA and one receive SC holding one SA.
func dumpMessage(t testing.TB, xpn bool) []byte {
	t.Helper()
	e := nl.NewAttrEncoder(nil)
	e.Uint32(1, 7)
	e.NestPlain(4)
	e.Bytes(1, binary.BigEndian.AppendUint64(nil, 0x0102030405060708))
	cipher := uint64(macsec.CipherGCMAES128)
	if xpn {
		cipher = macsec.CipherGCMAESXPN128
	}
	e.Uint64(4, cipher)
	for _, a := range []uint16{2, 5, 6, 7, 8, 9, 10, 11, 12, 13} {
		e.Uint8(a, 1)
	}
	e.Unnest()
	e.NestPlain(9)
	e.Uint8(1, 0)
	e.Unnest()
	e.NestPlain(7)
	e.Uint64(1, 10)
	e.Unnest()
	e.NestPlain(8)
	e.Uint64(3, 20)
	e.Unnest()
	sa := func() {
		e.NestPlain(1)
		e.Uint8(1, 3)
		if xpn {
			e.Uint64(3, 1<<32+4)
			e.Bytes(8, []byte{0x12, 0x34, 0x56, 0x78})
		} else {
			e.Uint32(3, 100)
		}
		e.Bytes(5, make([]byte, 16))
		e.Uint8(2, 1)
		e.NestPlain(6)
		e.Uint32(6, 5)
		e.Unnest()
		e.Unnest()
	}
	e.NestPlain(5)
	sa()
	e.Unnest()
	e.NestPlain(6)
	e.NestPlain(1)
	e.Uint8(2, 1)
	e.Bytes(1, binary.BigEndian.AppendUint64(nil, 0xc619528fe6a004d2))
	e.NestPlain(4)
	e.Uint64(5, 3)
	e.Unnest()
	e.NestPlain(3)
	sa()
	e.Unnest()
	e.Unnest()
	e.Unnest()
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseSecY(t *testing.T) {
	y, err := macsec.ParseSecY(dumpMessage(t, true))
	if err != nil {
		t.Fatal(err)
	}
	if y.IfIndex != 7 || y.SCI != 0x0102030405060708 || !macsec.IsXPN(y.CipherSuite) || !y.Protect.On() || y.Offload != (macsec.Setting{V: 0, Set: true}) ||
		y.TxSCStats.Value[1] != 10 || !y.SecYStats.Has(3) || y.SecYStats.Has(1) || len(y.TxSAs) != 1 || len(y.RxSCs) != 1 {
		t.Fatalf("%+v", y)
	}
	sa := y.TxSAs[0]
	if sa.AN != 3 || sa.PN != 1<<32+4 || sa.SSCI != 0x12345678 || !sa.Active || len(sa.KeyID) != 16 || sa.Stats.Value[6] != 5 {
		t.Errorf("tx sa %+v", sa)
	}
	sc := y.RxSCs[0]
	if sc.SCI != 0xc619528fe6a004d2 || !sc.Active || len(sc.SAs) != 1 || sc.Stats.Value[5] != 3 {
		t.Errorf("rx sc %+v", sc)
	}
	if _, err := macsec.ParseSecY([]byte{8, 0, 1, 0, 7, 0, 0, 0}); !macsec.ErrIncomplete(err) {
		t.Errorf("a device without its parts: %v", err)
	}
	if _, err := macsec.ParseSecY([]byte{8, 0, 1, 0, 7}); err == nil {
		t.Error("a truncated message decoded")
	}
}

// FuzzParseSecY feeds arbitrary attributes to the dump's decoder:
// errors are fine, panics are not.
func FuzzParseSecY(f *testing.F) {
	f.Add(dumpMessage(f, false))
	f.Add(dumpMessage(f, true))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		y, err := macsec.ParseSecY(b)
		if err == nil && y.IfIndex == 0 && len(b) < 8 {
			t.Fatalf("decoded %+v from %d bytes", y, len(b))
		}
	})
}
