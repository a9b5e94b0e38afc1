package wpa

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
)

// EAPOL framing (IEEE 802.1X) and the EAPOL-Key frame (IEEE 802.11
// 12.7.2).
const (
	// EtherType is the EtherType of EAPOL, ETH_P_PAE.
	EtherType = 0x888e

	eapolVersion   = 2 // IEEE 802.1X-2004
	eapolTypeKey   = 3
	eapolHeaderLen = 4

	// DescriptorRSN is the key descriptor type of RSN (WPA2) frames.
	DescriptorRSN = 2

	// NonceLen is the length of the ANonce and SNonce.
	NonceLen = 32
	micLen   = 16

	// keyBodyLen is the fixed part of an EAPOL-Key body, up to and
	// including the key data length, for a 16-byte MIC.
	keyBodyLen = 1 + 2 + 2 + 8 + NonceLen + 16 + 8 + 8 + micLen + 2
	micOffset  = eapolHeaderLen + 1 + 2 + 2 + 8 + NonceLen + 16 + 8 + 8
)

// KeyInfo is the Key Information field of an EAPOL-Key frame.
type KeyInfo uint16

// Bits of KeyInfo.
const (
	InfoVersionMask KeyInfo = 0x0007
	InfoPairwise    KeyInfo = 1 << 3
	InfoInstall     KeyInfo = 1 << 6
	InfoAck         KeyInfo = 1 << 7
	InfoMIC         KeyInfo = 1 << 8
	InfoSecure      KeyInfo = 1 << 9
	InfoError       KeyInfo = 1 << 10
	InfoRequest     KeyInfo = 1 << 11
	InfoEncrypted   KeyInfo = 1 << 12
)

// VersionAESHMACSHA1 is key descriptor version 2: HMAC-SHA1-128 MICs and
// AES key wrap, what WPA2-PSK with CCMP uses.
const VersionAESHMACSHA1 KeyInfo = 2

// Version returns the key descriptor version.
func (i KeyInfo) Version() KeyInfo { return i & InfoVersionMask }

// Has reports whether all the bits of b are set.
func (i KeyInfo) Has(b KeyInfo) bool { return i&b == b }

// KeyFrame is an EAPOL-Key frame with the RSN key descriptor.
type KeyFrame struct {
	// ProtocolVersion is the EAPOL version of the frame (1 or 2).
	ProtocolVersion uint8
	Info            KeyInfo
	KeyLength       uint16
	ReplayCounter   uint64
	Nonce           [NonceLen]byte
	IV              [16]byte
	// RSC is the receive sequence counter of the group key the frame
	// carries, least significant byte first.
	RSC  [8]byte
	MIC  [micLen]byte
	Data []byte

	// raw is the frame as received, for checking its MIC.
	raw []byte
}

// ErrNotKey is returned by ParseKeyFrame for EAPOL frames that are not
// RSN EAPOL-Key frames (EAP packets, WPA1 descriptors, ...).
var ErrNotKey = errors.New("wpa: not an RSN EAPOL-Key frame")

// ParseKeyFrame decodes an EAPOL PDU (the EAPOL header and what follows,
// as a packet socket delivers it). Bytes after the length the header gives
// (padding) are ignored.
func ParseKeyFrame(b []byte) (KeyFrame, error) {
	var f KeyFrame
	if len(b) < eapolHeaderLen {
		return f, fmt.Errorf("wpa: EAPOL frame of %d bytes is too short", len(b))
	}
	if b[1] != eapolTypeKey {
		return f, ErrNotKey
	}
	n := int(binary.BigEndian.Uint16(b[2:4]))
	if n > len(b)-eapolHeaderLen {
		return f, fmt.Errorf("wpa: EAPOL frame says %d bytes but has %d", n, len(b)-eapolHeaderLen)
	}
	b = b[:eapolHeaderLen+n]
	body := b[eapolHeaderLen:]
	if len(body) < 1 || body[0] != DescriptorRSN {
		return f, ErrNotKey
	}
	if len(body) < keyBodyLen {
		return f, fmt.Errorf("wpa: EAPOL-Key frame of %d bytes is too short", len(body))
	}
	f.ProtocolVersion = b[0]
	f.Info = KeyInfo(binary.BigEndian.Uint16(body[1:]))
	f.KeyLength = binary.BigEndian.Uint16(body[3:])
	f.ReplayCounter = binary.BigEndian.Uint64(body[5:])
	p := body[13:]
	p = p[copy(f.Nonce[:], p):]
	p = p[copy(f.IV[:], p):]
	p = p[copy(f.RSC[:], p):]
	p = p[8:] // reserved (key ID)
	p = p[copy(f.MIC[:], p):]
	dl := int(binary.BigEndian.Uint16(p))
	p = p[2:]
	if dl > len(p) {
		return f, fmt.Errorf("wpa: EAPOL-Key data length %d exceeds the frame (%d left)", dl, len(p))
	}
	f.Data = append([]byte(nil), p[:dl]...)
	f.raw = append([]byte(nil), b...)
	return f, nil
}

// Marshal encodes the frame with its MIC as set.
func (f *KeyFrame) Marshal() []byte {
	v := f.ProtocolVersion
	if v == 0 {
		v = eapolVersion
	}
	b := make([]byte, eapolHeaderLen+keyBodyLen+len(f.Data))
	b[0], b[1] = v, eapolTypeKey
	binary.BigEndian.PutUint16(b[2:], uint16(keyBodyLen+len(f.Data)))
	body := b[eapolHeaderLen:]
	body[0] = DescriptorRSN
	binary.BigEndian.PutUint16(body[1:], uint16(f.Info))
	binary.BigEndian.PutUint16(body[3:], f.KeyLength)
	binary.BigEndian.PutUint64(body[5:], f.ReplayCounter)
	p := body[13:]
	p = p[copy(p, f.Nonce[:]):]
	p = p[copy(p, f.IV[:]):]
	p = p[copy(p, f.RSC[:]):]
	p = p[8:]
	p = p[copy(p, f.MIC[:]):]
	binary.BigEndian.PutUint16(p, uint16(len(f.Data)))
	copy(p[2:], f.Data)
	return b
}

// Sign sets the MIC bit and the MIC, computed with the KCK, and returns the
// encoded frame.
func (f *KeyFrame) Sign(kck []byte) []byte {
	f.Info |= InfoMIC
	f.MIC = [micLen]byte{}
	b := f.Marshal()
	copy(f.MIC[:], frameMIC(kck, b))
	copy(b[micOffset:], f.MIC[:])
	return b
}

// VerifyMIC reports whether a received frame's MIC is right for the KCK.
func (f *KeyFrame) VerifyMIC(kck []byte) bool {
	if len(f.raw) < micOffset+micLen {
		return false
	}
	b := append([]byte(nil), f.raw...)
	clear(b[micOffset : micOffset+micLen])
	return hmac.Equal(frameMIC(kck, b), f.MIC[:])
}

// frameMIC is HMAC-SHA1-128 over the frame with a zero MIC field.
func frameMIC(kck, frame []byte) []byte {
	h := hmac.New(sha1.New, kck)
	h.Write(frame)
	return h.Sum(nil)[:micLen]
}
