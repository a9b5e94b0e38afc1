package wpa

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
)

// PRF is IEEE 802.11's PRF-n (12.7.1.2) with HMAC-SHA1: n bytes from the
// key, a label and data, HMAC-SHA1(key, label || 0 || data || i) for
// i = 0, 1, ... concatenated.
func PRF(key []byte, label string, data []byte, n int) []byte {
	out := make([]byte, 0, n+sha1.Size)
	msg := make([]byte, 0, len(label)+1+len(data)+1)
	msg = append(msg, label...)
	msg = append(msg, 0)
	msg = append(msg, data...)
	msg = append(msg, 0)
	for i := 0; len(out) < n; i++ {
		msg[len(msg)-1] = byte(i)
		h := hmac.New(sha1.New, key)
		h.Write(msg)
		out = h.Sum(out)
	}
	return out[:n]
}

// PTK is the pairwise transient key of CCMP-128 with a SHA-1 AKM, in its
// three parts.
type PTK struct {
	KCK []byte // key confirmation key: EAPOL-Key MICs (16 bytes)
	KEK []byte // key encryption key: wraps the group key (16 bytes)
	TK  []byte // temporal key: the CCMP key of unicast frames (16 bytes)
}

// ptkLen is KCK + KEK + TK for CCMP-128.
const ptkLen = 16 + 16 + 16

// DerivePTK computes the pairwise key hierarchy (IEEE 802.11 12.7.1.3)
// from the PMK, the authenticator's and supplicant's addresses (aa, spa)
// and their nonces.
func DerivePTK(pmk, aa, spa, anonce, snonce []byte) PTK {
	lo, hi := aa, spa
	if bytes.Compare(spa, aa) < 0 {
		lo, hi = spa, aa
	}
	nlo, nhi := anonce, snonce
	if bytes.Compare(snonce, anonce) < 0 {
		nlo, nhi = snonce, anonce
	}
	data := make([]byte, 0, 2*6+2*NonceLen)
	data = append(append(append(append(data, lo...), hi...), nlo...), nhi...)
	k := PRF(pmk, "Pairwise key expansion", data, ptkLen)
	return PTK{KCK: k[0:16], KEK: k[16:32], TK: k[32:48]}
}
