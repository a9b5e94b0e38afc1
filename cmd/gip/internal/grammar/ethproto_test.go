package grammar

import "testing"

func TestEthProtoWord(t *testing.T) {
	for _, tc := range []struct {
		id   uint16
		want string
	}{
		{0x0800, "ip"},
		{0x86dd, "ipv6"},
		{0x8100, "802.1Q"},
		{0x88cc, "LLDP"},
		{0x1234, "0x1234"},
		{0x0060, "loop"}, {0x0001, "802_3"},
		{0x0000, "0x0000"},
	} {
		got := EthProtoWord(tc.id)
		if got != tc.want {
			t.Errorf("EthProtoWord(%#04x) = %q, want %q", tc.id, got, tc.want)
		}
		if back, ok := ParseEthProto(got); !ok || back != tc.id {
			t.Errorf("ParseEthProto(%q) = %#04x, %v; want %#04x", got, back, ok, tc.id)
		}
	}
}
