package rtnl

import (
	"net"
	"testing"
)

func TestHardwareAddrStringMatchesNet(t *testing.T) {
	for _, b := range [][]byte{nil, {}, {0}, {0xde, 0xad, 0xbe, 0xef, 0x00, 0x01}, make([]byte, 20), {0xff, 0x0a}} {
		if got, want := HardwareAddr(b).String(), net.HardwareAddr(b).String(); got != want {
			t.Errorf("%x: %q, net says %q", b, got, want)
		}
	}
}
