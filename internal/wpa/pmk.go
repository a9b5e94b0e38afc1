package wpa

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
)

// PMKLen is the length of a pairwise master key (and of a PSK) in bytes.
const PMKLen = 32

// pmkIterations is the PBKDF2 iteration count IEEE 802.11 fixes for
// passphrases.
const pmkIterations = 4096

// ErrPassphrase is returned for a passphrase outside what the standard
// allows: 8 to 63 printable ASCII characters (or 64 hexadecimal digits,
// the PSK itself).
var ErrPassphrase = errors.New("a WPA passphrase is 8 to 63 printable ASCII characters, or 64 hexadecimal digits")

// PMK returns the pairwise master key for a network: the PSK the
// passphrase derives for the SSID (IEEE 802.11 J.4), or the PSK itself when
// secret is 64 hexadecimal digits.
func PMK(secret string, ssid []byte) ([]byte, error) {
	if len(secret) == 2*PMKLen {
		psk, err := hex.DecodeString(secret)
		if err != nil {
			return nil, fmt.Errorf("a 64-character PSK must be hexadecimal: %w", ErrPassphrase)
		}
		return psk, nil
	}
	if len(secret) < 8 || len(secret) > 63 {
		return nil, ErrPassphrase
	}
	for i := 0; i < len(secret); i++ {
		if secret[i] < 0x20 || secret[i] > 0x7e {
			return nil, ErrPassphrase
		}
	}
	if len(ssid) == 0 || len(ssid) > 32 {
		return nil, fmt.Errorf("wpa: an SSID is 1 to 32 bytes, not %d", len(ssid))
	}
	return pbkdf2.Key(sha1.New, secret, ssid, pmkIterations, PMKLen)
}
