package wpa

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
)

// Supplicant is the station's side of the 4-way handshake and of the
// group key handshakes that follow it, for one association. Feed it every
// EAPOL-Key frame from the authenticator (Handle); send what it answers and
// install the keys it returns.
type Supplicant struct {
	pmk      []byte
	aa, spa  net.HardwareAddr
	ownRSNE  []byte // the RSN element of the association request
	apRSNE   []byte // the RSN element of the access point's beacon or probe response
	rand     io.Reader
	anonce   [NonceLen]byte
	snonce   [NonceLen]byte
	tptk     *PTK // derived from message 1, confirmed by message 3
	ptk      *PTK // in force after message 3
	replay   uint64
	replayed bool // replay holds a counter already
	msg1s    int
}

// NewSupplicant prepares a handshake: the PMK, the access point's (aa)
// and the station's (spa) addresses, the RSN element the station put in
// its association request and the one the access point advertised (nil
// if unknown: message 3's is then not compared).
func NewSupplicant(pmk []byte, aa, spa net.HardwareAddr, ownRSNE, apRSNE []byte) *Supplicant {
	return &Supplicant{pmk: pmk, aa: aa, spa: spa, ownRSNE: ownRSNE, apRSNE: apRSNE, rand: rand.Reader}
}

// Step is the outcome of one received frame.
type Step struct {
	// Message names the frame: "1/4", "3/4" or "group 1/2".
	Message string
	// Reply is the frame to send back to the access point, nil if none.
	Reply []byte
	// TK, set after message 3, is the pairwise key to install (CCMP-128)
	// once the reply went out.
	TK []byte
	// GTK, set after message 3 and group message 1, is the group key to
	// install, with its receive sequence counter (RSC, 6 bytes, least
	// significant first).
	GTK *GTK
	RSC []byte
}

// Errors of Handle. ErrIgnored frames are dropped (a retransmission, a
// frame out of turn); the handshake goes on.
var (
	ErrIgnored    = errors.New("wpa: frame ignored")
	ErrMIC        = errors.New("wpa: the frame's MIC is wrong")
	ErrRSNE       = errors.New("wpa: the access point's RSN element in message 3 differs from the one it advertises (downgrade attack?)")
	ErrNoGTK      = errors.New("wpa: the access point sent no group key")
	ErrDescriptor = errors.New("wpa: only key descriptor version 2 (AES, HMAC-SHA1) is supported")
)

// Message1Count is how many message 1 frames arrived: more than one means
// the access point did not accept message 2, which is what a wrong
// passphrase looks like.
func (s *Supplicant) Message1Count() int { return s.msg1s }

// Established reports whether the 4-way handshake completed.
func (s *Supplicant) Established() bool { return s.ptk != nil }

// Handle processes one EAPOL PDU from the access point.
func (s *Supplicant) Handle(pdu []byte) (Step, error) {
	f, err := ParseKeyFrame(pdu)
	if err != nil {
		return Step{}, err
	}
	if f.Info.Has(InfoRequest) || !f.Info.Has(InfoAck) {
		return Step{}, fmt.Errorf("%w: not from an authenticator (key info %#04x)", ErrIgnored, f.Info)
	}
	if f.Info.Version() != VersionAESHMACSHA1 {
		return Step{}, fmt.Errorf("%w (the access point uses %d)", ErrDescriptor, f.Info.Version())
	}
	if s.replayed && f.ReplayCounter <= s.replay {
		return Step{}, fmt.Errorf("%w: replay counter %d not above %d", ErrIgnored, f.ReplayCounter, s.replay)
	}
	switch {
	case f.Info.Has(InfoPairwise) && !f.Info.Has(InfoMIC):
		return s.message1(&f)
	case f.Info.Has(InfoPairwise | InfoMIC | InfoInstall):
		return s.message3(&f)
	case !f.Info.Has(InfoPairwise) && f.Info.Has(InfoMIC|InfoSecure):
		return s.group1(&f)
	}
	return Step{}, fmt.Errorf("%w: unexpected key info %#04x", ErrIgnored, f.Info)
}

func (s *Supplicant) accept(f *KeyFrame) {
	s.replay, s.replayed = f.ReplayCounter, true
}

// message1 answers with message 2: a fresh SNonce, the station's RSN
// element, signed with the KCK of the PTK both nonces give.
func (s *Supplicant) message1(f *KeyFrame) (Step, error) {
	s.msg1s++
	if s.tptk == nil || f.Nonce != s.anonce {
		if _, err := io.ReadFull(s.rand, s.snonce[:]); err != nil {
			return Step{}, fmt.Errorf("wpa: making a nonce: %w", err)
		}
		s.anonce = f.Nonce
		ptk := DerivePTK(s.pmk, s.aa, s.spa, s.anonce[:], s.snonce[:])
		s.tptk = &ptk
	}
	s.accept(f)
	reply := KeyFrame{
		ProtocolVersion: f.ProtocolVersion,
		Info:            VersionAESHMACSHA1 | InfoPairwise,
		ReplayCounter:   f.ReplayCounter,
		Nonce:           s.snonce,
		Data:            s.ownRSNE,
	}
	return Step{Message: "1/4", Reply: reply.Sign(s.tptk.KCK)}, nil
}

// message3 checks the access point's proof of the PTK, takes the group key
// and answers with message 4.
func (s *Supplicant) message3(f *KeyFrame) (Step, error) {
	if s.tptk == nil {
		return Step{}, fmt.Errorf("%w: message 3 before message 1", ErrIgnored)
	}
	if f.Nonce != s.anonce {
		return Step{}, fmt.Errorf("%w: message 3's ANonce is not message 1's", ErrIgnored)
	}
	if !f.VerifyMIC(s.tptk.KCK) {
		return Step{}, fmt.Errorf("message 3: %w", ErrMIC)
	}
	s.accept(f)
	kd, err := s.keyData(f, s.tptk.KEK)
	if err != nil {
		return Step{}, fmt.Errorf("message 3: %w", err)
	}
	if s.apRSNE != nil && !bytes.Equal(kd.RSNE, s.apRSNE) {
		return Step{}, ErrRSNE
	}
	if kd.GTK == nil {
		return Step{}, fmt.Errorf("message 3: %w", ErrNoGTK)
	}
	s.ptk = s.tptk
	reply := KeyFrame{
		ProtocolVersion: f.ProtocolVersion,
		Info:            VersionAESHMACSHA1 | InfoPairwise | InfoSecure,
		ReplayCounter:   f.ReplayCounter,
	}
	return Step{Message: "3/4", Reply: reply.Sign(s.ptk.KCK), TK: s.ptk.TK, GTK: kd.GTK, RSC: rsc(f)}, nil
}

// group1 takes a new group key and answers with group message 2.
func (s *Supplicant) group1(f *KeyFrame) (Step, error) {
	if s.ptk == nil {
		return Step{}, fmt.Errorf("%w: group key message before the 4-way handshake", ErrIgnored)
	}
	if !f.VerifyMIC(s.ptk.KCK) {
		return Step{}, fmt.Errorf("group message 1: %w", ErrMIC)
	}
	s.accept(f)
	kd, err := s.keyData(f, s.ptk.KEK)
	if err != nil {
		return Step{}, fmt.Errorf("group message 1: %w", err)
	}
	if kd.GTK == nil {
		return Step{}, fmt.Errorf("group message 1: %w", ErrNoGTK)
	}
	reply := KeyFrame{
		ProtocolVersion: f.ProtocolVersion,
		Info:            VersionAESHMACSHA1 | InfoSecure,
		ReplayCounter:   f.ReplayCounter,
	}
	return Step{Message: "group 1/2", Reply: reply.Sign(s.ptk.KCK), GTK: kd.GTK, RSC: rsc(f)}, nil
}

// keyData decrypts (when the frame says it is encrypted) and decodes a
// frame's key data.
func (s *Supplicant) keyData(f *KeyFrame, kek []byte) (KeyData, error) {
	data := f.Data
	if f.Info.Has(InfoEncrypted) {
		var err error
		if data, err = KeyUnwrap(kek, data); err != nil {
			return KeyData{}, err
		}
	}
	return ParseKeyData(data)
}

// rsc returns the 6 bytes of a frame's key RSC that CCMP uses.
func rsc(f *KeyFrame) []byte { return append([]byte(nil), f.RSC[:6]...) }
