package main

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// plinkStates name the mesh peer link states (enum nl80211_plink_state) as
// iw does.
var plinkStates = []string{"LISTEN", "OPN_SNT", "OPN_RCVD", "CNF_RCVD", "ESTAB", "HOLDING", "BLOCKED"}

func plinkStateName(s uint8) string {
	if int(s) < len(plinkStates) {
		return plinkStates[s]
	}
	return "UNKNOWN"
}

// psModeName names a mesh power save mode as iw does; "" for none.
func psModeName(m *uint32) string {
	if m == nil {
		return ""
	}
	switch *m {
	case nl80211.MeshPowerActive:
		return "ACTIVE"
	case nl80211.MeshPowerLight:
		return "LIGHT SLEEP"
	case nl80211.MeshPowerDeep:
		return "DEEP SLEEP"
	}
	return fmt.Sprintf("UNKNOWN (%d)", *m)
}

func u8Bool(v *uint8) *bool {
	if v == nil {
		return nil
	}
	b := *v != 0
	return &b
}

// printMeshPeer writes a mesh peer's link lines, in iw's station format.
func printMeshPeer(t *tw, s nl80211.Station) {
	if s.LLID != nil {
		t.f("\n\tmesh llid:\t%d", *s.LLID)
	}
	if s.PLID != nil {
		t.f("\n\tmesh plid:\t%d", *s.PLID)
	}
	if s.PlinkState != nil {
		t.f("\n\tmesh plink:\t%s", plinkStateName(*s.PlinkState))
	}
	if s.AirtimeLinkMetric != nil {
		t.f("\n\tmesh airtime link metric: %d", *s.AirtimeLinkMetric)
	}
	if s.ConnectedToGate != nil {
		t.f("\n\tmesh connected to gate:\t%s", yesNo(*s.ConnectedToGate != 0, "yes", "no"))
	}
	if s.ConnectedToAS != nil {
		t.f("\n\tmesh connected to auth server:\t%s", yesNo(*s.ConnectedToAS != 0, "yes", "no"))
	}
	for _, pm := range []struct {
		label string
		mode  *uint32
	}{{"mesh local PS mode:\t", s.LocalPM}, {"mesh peer PS mode:\t", s.PeerPM}, {"mesh non-peer PS mode:\t", s.NonPeerPM}} {
		if pm.mode != nil {
			t.f("\n\t%s%s", pm.label, psModeName(pm.mode))
		}
	}
}
