package nl80211

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// IfType is an interface type (enum nl80211_iftype).
type IfType uint32

// Interface types.
const (
	IfTypeUnspecified IfType = unix.NL80211_IFTYPE_UNSPECIFIED
	IfTypeAdhoc       IfType = unix.NL80211_IFTYPE_ADHOC
	IfTypeStation     IfType = unix.NL80211_IFTYPE_STATION
	IfTypeAP          IfType = unix.NL80211_IFTYPE_AP
	IfTypeAPVLAN      IfType = unix.NL80211_IFTYPE_AP_VLAN
	IfTypeWDS         IfType = unix.NL80211_IFTYPE_WDS
	IfTypeMonitor     IfType = unix.NL80211_IFTYPE_MONITOR
	IfTypeMeshPoint   IfType = unix.NL80211_IFTYPE_MESH_POINT
	IfTypeP2PClient   IfType = unix.NL80211_IFTYPE_P2P_CLIENT
	IfTypeP2PGO       IfType = unix.NL80211_IFTYPE_P2P_GO
	IfTypeP2PDevice   IfType = unix.NL80211_IFTYPE_P2P_DEVICE
	IfTypeOCB         IfType = unix.NL80211_IFTYPE_OCB
	IfTypeNAN         IfType = unix.NL80211_IFTYPE_NAN
)

var ifTypeNames = [...]string{
	IfTypeUnspecified: "unspecified",
	IfTypeAdhoc:       "IBSS",
	IfTypeStation:     "managed",
	IfTypeAP:          "AP",
	IfTypeAPVLAN:      "AP/VLAN",
	IfTypeWDS:         "WDS",
	IfTypeMonitor:     "monitor",
	IfTypeMeshPoint:   "mesh point",
	IfTypeP2PClient:   "P2P-client",
	IfTypeP2PGO:       "P2P-GO",
	IfTypeP2PDevice:   "P2P-device",
	IfTypeOCB:         "outside context of a BSS",
	IfTypeNAN:         "NAN",
}

// String names the type as iw does ("managed", "AP", "mesh point", ...).
func (t IfType) String() string {
	if int(t) < len(ifTypeNames) {
		return ifTypeNames[t]
	}
	return fmt.Sprintf("Unknown mode (%d)", uint32(t))
}

// ParseIfType reads an interface type as iw's "type" arguments spell it:
// managed (mgd, station), ibss (adhoc), monitor, mesh (mp), wds, ocb, and
// the management-daemon-only __ap, __ap_vlan, __p2pcl, __p2pgo, __p2pdev,
// __nan. "ap"/"master" are refused with ErrNeedDaemon.
func ParseIfType(s string) (IfType, error) {
	switch s {
	case "adhoc", "ibss":
		return IfTypeAdhoc, nil
	case "ocb":
		return IfTypeOCB, nil
	case "monitor":
		return IfTypeMonitor, nil
	case "master", "ap":
		return 0, ErrNeedDaemon
	case "__ap":
		return IfTypeAP, nil
	case "__ap_vlan":
		return IfTypeAPVLAN, nil
	case "wds":
		return IfTypeWDS, nil
	case "managed", "mgd", "station":
		return IfTypeStation, nil
	case "mp", "mesh":
		return IfTypeMeshPoint, nil
	case "__p2pcl":
		return IfTypeP2PClient, nil
	case "__p2pdev":
		return IfTypeP2PDevice, nil
	case "__p2pgo":
		return IfTypeP2PGO, nil
	case "__nan":
		return IfTypeNAN, nil
	}
	return 0, fmt.Errorf("invalid interface type %s", s)
}

// ErrNeedDaemon is returned by ParseIfType for "ap": an access point needs a
// management daemon such as hostapd, not just an interface type.
var ErrNeedDaemon = fmt.Errorf("an access point needs a management daemon such as hostapd")
