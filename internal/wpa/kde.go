package wpa

import (
	"fmt"
)

// Element and KDE identifiers of EAPOL-Key data (IEEE 802.11 12.7.2).
const (
	elemRSN    = 48
	elemVendor = 0xdd
	kdeGTK     = 1
)

var ieee80211OUI = [3]byte{0x00, 0x0f, 0xac}

// GTK is a group temporal key from a GTK KDE.
type GTK struct {
	Index uint8 // key ID, 0..3
	Tx    bool  // the authenticator asks the key be used for transmit
	Key   []byte
}

// KeyData is what giw needs from the key data of an EAPOL-Key frame.
type KeyData struct {
	// RSNE is the first RSN element, whole (ID and length included).
	RSNE []byte
	GTK  *GTK
}

// ParseKeyData decodes the (decrypted) key data of an EAPOL-Key frame: a
// list of elements and KDEs, perhaps followed by padding (0xdd then
// zeros). Elements giw does not use are skipped.
func ParseKeyData(b []byte) (KeyData, error) {
	var kd KeyData
	for len(b) > 0 {
		if b[0] == elemVendor && (len(b) == 1 || b[1] == 0) {
			break // padding
		}
		if len(b) < 2 || int(b[1]) > len(b)-2 {
			return kd, fmt.Errorf("wpa: key data element %d overruns the data", b[0])
		}
		id, body := b[0], b[2:2+int(b[1])]
		switch {
		case id == elemRSN && kd.RSNE == nil:
			kd.RSNE = append([]byte(nil), b[:2+len(body)]...)
		case id == elemVendor && len(body) >= 4 && [3]byte(body[:3]) == ieee80211OUI && body[3] == kdeGTK:
			g := body[4:]
			if len(g) < 2+5 {
				return kd, fmt.Errorf("wpa: GTK KDE of %d bytes is too short", len(body))
			}
			kd.GTK = &GTK{Index: g[0] & 3, Tx: g[0]&4 != 0, Key: append([]byte(nil), g[2:]...)}
		}
		b = b[2+len(body):]
	}
	return kd, nil
}
