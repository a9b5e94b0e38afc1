package nl80211

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// TestFromDevice: a Client addressing a wdev waits for that wdev's events
// (a P2P device's carry no interface index), others for the interface's.
func TestFromDevice(t *testing.T) {
	ev := func(fn func(e *nl.AttrEncoder)) []byte {
		e := nl.NewAttrEncoder(nil)
		e.Uint32(unix.NL80211_ATTR_WIPHY, 0)
		fn(e)
		b, err := e.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	p2p := ev(func(e *nl.AttrEncoder) { e.Uint64(unix.NL80211_ATTR_WDEV, 2) })
	netdev := ev(func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
		e.Uint64(unix.NL80211_ATTR_WDEV, 1)
	})
	c := &Client{}
	byIndex, byWdev1, byWdev2 := c.fromDevice(5), c.OnWdev(1).fromDevice(0), c.OnWdev(2).fromDevice(0)
	for _, x := range []struct {
		name string
		got  bool
		want bool
	}{
		{"ifindex 5, netdev event", byIndex(netdev), true}, {"ifindex 5, P2P event", byIndex(p2p), false},
		{"wdev 1, netdev event", byWdev1(netdev), true}, {"wdev 1, P2P event", byWdev1(p2p), false},
		{"wdev 2, P2P event", byWdev2(p2p), true}, {"wdev 2, netdev event", byWdev2(netdev), false},
	} {
		if x.got != x.want {
			t.Errorf("%s: %v", x.name, x.got)
		}
	}
}
