package wpa

import (
	"bytes"
	"encoding/hex"
	"errors"
	"net"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// IEEE Std 802.11-2016, J.4.2: passphrase to PSK.
func TestPMKVectors(t *testing.T) {
	for _, c := range []struct{ pass, ssid, want string }{
		{"password", "IEEE", "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"},
		{"ThisIsAPassword", "ThisIsASSID", "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62"},
		// A PSK given as 64 hex digits is taken as it is.
		{"f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e", "other", "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"},
	} {
		got, err := PMK(c.pass, []byte(c.ssid))
		if err != nil || hex.EncodeToString(got) != c.want {
			t.Errorf("PMK(%q, %q) = %x, %v; want %s", c.pass, c.ssid, got, err, c.want)
		}
	}
}

func TestPMKRefuses(t *testing.T) {
	for _, pass := range []string{"", "short", string(bytes.Repeat([]byte("a"), 64-1)) + "\x00", "g42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e",
		"pass\tword", string(bytes.Repeat([]byte("x"), 65))} {
		if _, err := PMK(pass, []byte("ssid")); !errors.Is(err, ErrPassphrase) {
			t.Errorf("PMK(%q): %v, want ErrPassphrase", pass, err)
		}
	}
}

// The PRF test vectors of IEEE Std 802.11-2016, J.3.2 (HMAC-SHA1 PRF).
func TestPRFVectors(t *testing.T) {
	for _, c := range []struct {
		key   []byte
		label string
		data  string
		n     int
		want  string
	}{
		{bytes.Repeat([]byte{0x0b}, 20), "prefix", "Hi There", 64,
			"bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a"},
		{[]byte("Jefe"), "prefix", "what do ya want for nothing?", 64,
			"51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc"},
	} {
		if got := hex.EncodeToString(PRF(c.key, c.label, []byte(c.data), c.n)); got != c.want {
			t.Errorf("PRF(%x, %q, %q) = %s, want %s", c.key, c.label, c.data, got, c.want)
		}
	}
}

// IEEE Std 802.11-2016, J.7.1 and J.7.2: the pairwise key hierarchy of
// CCMP.
func TestDerivePTKVector(t *testing.T) {
	pmk := unhex(t, "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af")
	aa := unhex(t, "a0a1a1a3a4a5")
	spa := unhex(t, "b0b1b2b3b4b5")
	snonce := unhex(t, "c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5")
	anonce := unhex(t, "e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405")
	for _, p := range []PTK{DerivePTK(pmk, aa, spa, anonce, snonce), DerivePTK(pmk, spa, aa, snonce, anonce)} {
		if hex.EncodeToString(p.KCK) != "379f9852d0199236b94e407ce4c00ec8" ||
			hex.EncodeToString(p.KEK) != "47c9edc01c2c6e5b4910caddfb3e51a7" ||
			hex.EncodeToString(p.TK) != "b2360c79e9710fdd58bea93deaf06599" {
			t.Errorf("PTK = KCK %x KEK %x TK %x", p.KCK, p.KEK, p.TK)
		}
	}
}

// RFC 3394 4.1 and 4.6.
func TestKeyWrapVectors(t *testing.T) {
	for _, c := range []struct{ kek, data, wrapped string }{
		{"000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff", "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"},
		{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
			"00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f",
			"28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"},
	} {
		kek, data := unhex(t, c.kek), unhex(t, c.data)
		w, err := KeyWrap(kek, data)
		if err != nil || hex.EncodeToString(w) != c.wrapped {
			t.Errorf("KeyWrap = %x, %v; want %s", w, err, c.wrapped)
		}
		u, err := KeyUnwrap(kek, w)
		if err != nil || !bytes.Equal(u, data) {
			t.Errorf("KeyUnwrap = %x, %v", u, err)
		}
		w[3] ^= 1
		if _, err := KeyUnwrap(kek, w); !errors.Is(err, ErrUnwrap) {
			t.Errorf("KeyUnwrap of damaged data: %v", err)
		}
	}
	if _, err := KeyUnwrap(make([]byte, 16), make([]byte, 20)); err == nil {
		t.Error("KeyUnwrap of 20 bytes succeeded")
	}
}

func TestKeyFrameRoundTrip(t *testing.T) {
	f := KeyFrame{ProtocolVersion: 1, Info: VersionAESHMACSHA1 | InfoPairwise | InfoAck, KeyLength: 16, ReplayCounter: 7,
		Data: []byte{0xdd, 0x14, 0, 0x0f, 0xac, 4}}
	f.Nonce[0], f.IV[15], f.RSC[5] = 1, 2, 3
	b := f.Marshal()
	g, err := ParseKeyFrame(append(b, 0, 0, 0)) // with trailing padding
	if err != nil {
		t.Fatal(err)
	}
	g.raw = nil
	if g.Info != f.Info || g.KeyLength != 16 || g.ReplayCounter != 7 || g.Nonce != f.Nonce || g.IV != f.IV || g.RSC != f.RSC ||
		!bytes.Equal(g.Data, f.Data) || g.ProtocolVersion != 1 {
		t.Errorf("round trip: %+v\nwant %+v", g, f)
	}
	kck := bytes.Repeat([]byte{9}, 16)
	signed := f.Sign(kck)
	g, err = ParseKeyFrame(signed)
	if err != nil || !g.VerifyMIC(kck) || g.VerifyMIC(make([]byte, 16)) || !g.Info.Has(InfoMIC) {
		t.Errorf("MIC: %v", err)
	}
}

func TestParseKeyFrameErrors(t *testing.T) {
	good := (&KeyFrame{Info: VersionAESHMACSHA1}).Marshal()
	for name, b := range map[string][]byte{
		"empty":        nil,
		"eap packet":   {2, 0, 0, 4, 1, 1, 0, 4},
		"wpa1":         append([]byte{2, 3, 0, 95, 254}, make([]byte, 94)...),
		"short":        good[:50],
		"length":       append([]byte{2, 3, 0xff, 0xff}, good[4:]...),
		"data overrun": append(append([]byte{}, good[:len(good)-2]...), 0, 9),
	} {
		if _, err := ParseKeyFrame(b); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

func TestParseKeyData(t *testing.T) {
	rsne := []byte{48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0}
	gtk := append([]byte{0xdd, 22, 0, 0x0f, 0xac, 1, 0x06, 0}, bytes.Repeat([]byte{0x5a}, 16)...)
	kd, err := ParseKeyData(append(append(append([]byte{}, rsne...), gtk...), 0xdd, 0, 0, 0))
	if err != nil || !bytes.Equal(kd.RSNE, rsne) || kd.GTK == nil || kd.GTK.Index != 2 || !kd.GTK.Tx || !bytes.Equal(kd.GTK.Key, gtk[8:]) {
		t.Errorf("ParseKeyData: %+v, %v", kd, err)
	}
	for _, b := range [][]byte{{48, 5, 1}, {0xdd, 6, 0, 0x0f, 0xac, 1, 0, 0}} {
		if _, err := ParseKeyData(b); err == nil {
			t.Errorf("ParseKeyData(%x) succeeded", b)
		}
	}
}

// authenticator plays the access point's side of the handshakes, as the
// standard describes it, to drive the Supplicant.
type authenticator struct {
	t       *testing.T
	pmk     []byte
	aa, spa net.HardwareAddr
	rsne    []byte
	anonce  [NonceLen]byte
	replay  uint64
	ptk     PTK
	gtk     []byte
}

func (a *authenticator) message1() []byte {
	a.replay++
	a.anonce[0]++
	f := KeyFrame{ProtocolVersion: 2, Info: VersionAESHMACSHA1 | InfoPairwise | InfoAck, KeyLength: 16, ReplayCounter: a.replay, Nonce: a.anonce}
	return f.Marshal()
}

// message2 checks message 2 and derives the PTK; false when its MIC is
// wrong (the passphrases differ).
func (a *authenticator) message2(b []byte, wantRSNE []byte) bool {
	a.t.Helper()
	f, err := ParseKeyFrame(b)
	if err != nil || f.ReplayCounter != a.replay || !f.Info.Has(InfoPairwise|InfoMIC) || f.Info.Has(InfoAck) || !bytes.Equal(f.Data, wantRSNE) {
		a.t.Fatalf("message 2: %+v, %v", f, err)
	}
	a.ptk = DerivePTK(a.pmk, a.aa, a.spa, a.anonce[:], f.Nonce[:])
	return f.VerifyMIC(a.ptk.KCK)
}

// gtkKDE is the GTK KDE of the current group key.
func (a *authenticator) gtkKDE(idx byte) []byte {
	return append([]byte{0xdd, 22, 0, 0x0f, 0xac, 1, idx, 0}, a.gtk...)
}

// encrypted pads key data as the standard asks (0xdd, then zeros, to a
// multiple of 8 bytes and at least 16) and wraps it with the KEK.
func (a *authenticator) encrypted(data []byte) []byte {
	a.t.Helper()
	if len(data)%8 != 0 || len(data) < 16 {
		data = append(data, 0xdd)
		for len(data)%8 != 0 || len(data) < 16 {
			data = append(data, 0)
		}
	}
	w, err := KeyWrap(a.ptk.KEK, data)
	if err != nil {
		a.t.Fatal(err)
	}
	return w
}

func (a *authenticator) message3(rsne []byte) []byte {
	a.replay++
	f := KeyFrame{ProtocolVersion: 2, Info: VersionAESHMACSHA1 | InfoPairwise | InfoAck | InfoInstall | InfoSecure | InfoEncrypted,
		KeyLength: 16, ReplayCounter: a.replay, Nonce: a.anonce}
	f.RSC = [8]byte{1, 2, 3, 4, 5, 6, 0, 0}
	f.Data = a.encrypted(append(append([]byte{}, rsne...), a.gtkKDE(1)...))
	return f.Sign(a.ptk.KCK)
}

func (a *authenticator) group1() []byte {
	a.replay++
	f := KeyFrame{ProtocolVersion: 2, Info: VersionAESHMACSHA1 | InfoAck | InfoSecure | InfoEncrypted, ReplayCounter: a.replay}
	f.Data = a.encrypted(a.gtkKDE(2))
	return f.Sign(a.ptk.KCK)
}

// checkReply wants a signed reply to the last frame, with the bits given.
func (a *authenticator) checkReply(b []byte, bits KeyInfo) {
	a.t.Helper()
	f, err := ParseKeyFrame(b)
	if err != nil || f.ReplayCounter != a.replay || f.Info != VersionAESHMACSHA1|InfoMIC|bits || !f.VerifyMIC(a.ptk.KCK) {
		a.t.Fatalf("reply %+v (%v), want bits %#x", f, err, bits)
	}
}

func newPair(t *testing.T, apPass, staPass string) (*authenticator, *Supplicant) {
	ssid := []byte("gip-wpa2")
	rsne := []byte{48, 20, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0}
	apPMK, err := PMK(apPass, ssid)
	if err != nil {
		t.Fatal(err)
	}
	staPMK, err := PMK(staPass, ssid)
	if err != nil {
		t.Fatal(err)
	}
	aa, spa := net.HardwareAddr{2, 0, 0, 0, 0, 1}, net.HardwareAddr{2, 0, 0, 0, 1, 0}
	a := &authenticator{t: t, pmk: apPMK, aa: aa, spa: spa, rsne: rsne, gtk: bytes.Repeat([]byte{0x77}, 16)}
	return a, NewSupplicant(staPMK, aa, spa, rsne, rsne)
}

func TestHandshake(t *testing.T) {
	a, s := newPair(t, "correct horse battery", "correct horse battery")
	st, err := s.Handle(a.message1())
	if err != nil || st.Message != "1/4" || st.TK != nil {
		t.Fatalf("message 1: %+v, %v", st, err)
	}
	if !a.message2(st.Reply, a.rsne) {
		t.Fatal("the authenticator refuses message 2's MIC")
	}
	// A retransmitted message 3 with an old replay counter is ignored.
	m3 := a.message3(a.rsne)
	st, err = s.Handle(m3)
	if err != nil || st.Message != "3/4" || !bytes.Equal(st.TK, a.ptk.TK) || st.GTK == nil || !bytes.Equal(st.GTK.Key, a.gtk) ||
		st.GTK.Index != 1 || !bytes.Equal(st.RSC, []byte{1, 2, 3, 4, 5, 6}) || !s.Established() {
		t.Fatalf("message 3: %+v, %v", st, err)
	}
	a.checkReply(st.Reply, InfoPairwise|InfoSecure)
	if _, err := s.Handle(m3); !errors.Is(err, ErrIgnored) {
		t.Errorf("replayed message 3: %v", err)
	}
	// Group rekeys.
	for i := 0; i < 3; i++ {
		a.gtk = bytes.Repeat([]byte{byte(i)}, 16)
		st, err = s.Handle(a.group1())
		if err != nil || st.GTK == nil || st.GTK.Index != 2 || !bytes.Equal(st.GTK.Key, a.gtk) || st.TK != nil {
			t.Fatalf("group message 1: %+v, %v", st, err)
		}
		a.checkReply(st.Reply, InfoSecure)
	}
}

func TestHandshakeWrongPassphrase(t *testing.T) {
	a, s := newPair(t, "correct horse battery", "wrong horse battery")
	for i := 1; i <= 3; i++ {
		st, err := s.Handle(a.message1())
		if err != nil {
			t.Fatal(err)
		}
		if a.message2(st.Reply, a.rsne) {
			t.Fatal("the authenticator accepts message 2 from a wrong passphrase")
		}
		if s.Message1Count() != i {
			t.Errorf("Message1Count = %d, want %d", s.Message1Count(), i)
		}
	}
	if s.Established() {
		t.Error("established")
	}
}

func TestHandshakeRefusesForgedMessage3(t *testing.T) {
	a, s := newPair(t, "correct horse battery", "correct horse battery")
	st, _ := s.Handle(a.message1())
	a.message2(st.Reply, a.rsne)
	m3 := a.message3(a.rsne)
	m3[len(m3)-1] ^= 1
	if _, err := s.Handle(m3); !errors.Is(err, ErrMIC) {
		t.Errorf("forged message 3: %v", err)
	}
	// A downgraded RSN element in message 3 is refused.
	other := append([]byte{}, a.rsne...)
	other[7] = 2 // TKIP group cipher
	if _, err := s.Handle(a.message3(other)); !errors.Is(err, ErrRSNE) {
		t.Errorf("message 3 with another RSN element: %v", err)
	}
}
