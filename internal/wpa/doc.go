// Package wpa is a WPA2-Personal supplicant small enough to read in one
// sitting: the pairwise master key from a passphrase (PBKDF2-HMAC-SHA1) or
// a 64-digit hexadecimal PSK, the IEEE 802.11 pseudo-random function and
// pairwise key hierarchy, the EAPOL-Key frame codec with its MIC, the
// AES key wrap of the group key (RFC 3394) and the supplicant's side of the
// 4-way and group key handshakes, as a state machine that turns received
// frames into replies and keys to install.
//
// Only what WPA2-PSK with CCMP needs is here: key descriptor version 2
// (HMAC-SHA1-128 MIC, AES key wrap), AKM 00-0f-ac:2 (PSK), CCMP-128 for
// pairwise and group keys. Moving the frames (a packet socket, see Conn)
// and installing the keys (nl80211) is the caller's.
package wpa
