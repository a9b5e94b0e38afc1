package format

import (
	"net/netip"
	"testing"
)

func TestAddr(t *testing.T) {
	for in, want := range map[string]string{
		"::": "::", "::1": "::1", "::ffff": "::ffff", "::1:0": "::0.1.0.0", "::ff:1": "::0.255.0.1",
		"::ffff:1.2.3.4": "::ffff:1.2.3.4", "1::ff:1": "1::ff:1", "::1:0:0": "::1:0:0",
		"::1:2:3:4": "::1:2:3:4", "192.0.2.1": "192.0.2.1", "fe80::1%v0": "fe80::1%v0",
	} {
		if got := Addr(netip.MustParseAddr(in)); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}
