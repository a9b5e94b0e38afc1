package main

import (
	"bytes"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// mpathSeed is a mesh path as mac80211 reports one to a direct peer.
func mpathSeed(t testing.TB) []byte {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
	e.Bytes(unix.NL80211_ATTR_MAC, []byte{2, 0, 0, 0, 0xc, 1})
	e.Bytes(unix.NL80211_ATTR_MPATH_NEXT_HOP, []byte{2, 0, 0, 0, 0xc, 1})
	e.Nest(unix.NL80211_ATTR_MPATH_INFO)
	e.Uint32(unix.NL80211_MPATH_INFO_FRAME_QLEN, 0)
	e.Uint32(unix.NL80211_MPATH_INFO_SN, 2)
	e.Uint32(unix.NL80211_MPATH_INFO_METRIC, 171)
	e.Uint32(unix.NL80211_MPATH_INFO_EXPTIME, 4920)
	e.Uint8(unix.NL80211_MPATH_INFO_FLAGS, 0x15)
	e.Uint32(unix.NL80211_MPATH_INFO_DISCOVERY_TIMEOUT, 0)
	e.Uint8(unix.NL80211_MPATH_INFO_DISCOVERY_RETRIES, 0)
	e.Uint8(unix.NL80211_MPATH_INFO_HOP_COUNT, 1)
	e.Uint32(unix.NL80211_MPATH_INFO_PATH_CHANGE, 1)
	e.Unnest()
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPrintMpath(t *testing.T) {
	p, err := nl80211.ParseMeshPath(mpathSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	printMeshPath(&tw{w: &b}, p, "wlan0")
	const want = "02:00:00:00:0c:01 02:00:00:00:0c:01 wlan0\t2\t171\t0\t4920\t0\t0\t0x15\t1\t1\n"
	if b.String() != want {
		t.Errorf("mpath:\n%q\nwant\n%q", b.String(), want)
	}
	v := mpathView(p, "wlan0", true)
	if v.Proxy != "02:00:00:00:0c:01" || v.NextHop != "" || *v.Metric != 171 {
		t.Errorf("mpp view: %+v", v)
	}
}
