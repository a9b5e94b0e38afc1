package wpa

import (
	"bytes"
	"net"
	"testing"
)

// FuzzParseKeyFrame decodes arbitrary EAPOL PDUs: no panic, and what
// decodes encodes back to the same frame.
func FuzzParseKeyFrame(f *testing.F) {
	f.Add((&KeyFrame{Info: VersionAESHMACSHA1 | InfoPairwise | InfoAck, ReplayCounter: 1}).Marshal())
	f.Add((&KeyFrame{Info: VersionAESHMACSHA1 | InfoMIC, Data: []byte{48, 2, 1, 0}}).Marshal())
	f.Add([]byte{2, 0, 0, 5, 1, 1, 0, 5, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParseKeyFrame(b)
		if err != nil {
			return
		}
		again, err := ParseKeyFrame(k.Marshal())
		if err != nil || again.Info != k.Info || again.ReplayCounter != k.ReplayCounter || !bytes.Equal(again.Data, k.Data) || again.MIC != k.MIC {
			t.Fatalf("re-encoding changed the frame: %+v, %v", again, err)
		}
		k.VerifyMIC(make([]byte, 16))
	})
}

// FuzzParseKeyData decodes arbitrary key data.
func FuzzParseKeyData(f *testing.F) {
	f.Add([]byte{48, 2, 1, 0, 0xdd, 22, 0, 0x0f, 0xac, 1, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0xdd, 0})
	f.Add([]byte{0xdd, 4, 0, 0x0f, 0xac, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		kd, err := ParseKeyData(b)
		if err != nil {
			return
		}
		if kd.GTK != nil && (kd.GTK.Index > 3 || len(kd.GTK.Key) < 5) {
			t.Fatalf("GTK %+v", kd.GTK)
		}
	})
}

// FuzzSupplicant feeds arbitrary frames to a supplicant between a real
// message 1 and message 3: nothing panics.
func FuzzSupplicant(f *testing.F) {
	f.Add((&KeyFrame{Info: VersionAESHMACSHA1 | InfoPairwise | InfoAck | InfoMIC | InfoInstall, ReplayCounter: 2}).Marshal())
	f.Add((&KeyFrame{Info: VersionAESHMACSHA1 | InfoAck | InfoMIC | InfoSecure, ReplayCounter: 3, Data: make([]byte, 24)}).Marshal())
	f.Fuzz(func(t *testing.T, b []byte) {
		s := NewSupplicant(make([]byte, 32), net.HardwareAddr{2, 0, 0, 0, 0, 1}, net.HardwareAddr{2, 0, 0, 0, 0, 2}, nil, nil)
		if _, err := s.Handle((&KeyFrame{Info: VersionAESHMACSHA1 | InfoPairwise | InfoAck, ReplayCounter: 1}).Marshal()); err != nil {
			t.Fatal(err)
		}
		_, _ = s.Handle(b)
	})
}
