package filter

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// parseMatches packs "match" phrases (without the word match) as the u32
// grammar does.
func parseMatches(t testing.TB, phrases []string) (*rtnl.U32Filter, error) {
	t.Helper()
	o := &rtnl.U32Filter{}
	var sel rtnl.U32Sel
	for _, ph := range phrases {
		// a mark wants a word after it, as tc's grammar does
		p := &Parser{Args: grammar.NewArgs(append(strings.Fields(ph), "flowid"))}
		if err := parseSelector(p, &sel, o); err != nil {
			return nil, err
		}
	}
	o.Sel = &sel
	return o, nil
}

func TestU32SelectorsDecodeKeys(t *testing.T) {
	for _, c := range []struct {
		proto uint16
		in    string // the phrases the keys are packed from, "; " between
		want  string // the decoded phrases, "; " between; "" for in
	}{
		{unix.ETH_P_IP, "ip dst 10.0.0.0/8", ""},
		{unix.ETH_P_IP, "ip src 192.168.1.1/32; ip dport 80 0xffff; ip protocol 6 0xff", ""},
		{unix.ETH_P_IP, "ip tos 0x10 0xff; ip nofrag; ip icmp_type 8 0xff", "ip tos 0x10 0xff; ip nofrag; ip sport 2048 0xff00"},
		{unix.ETH_P_IP, "ip protocol 1 0xff; ip icmp_type 8 0xff; ip icmp_code 0 0xff", ""},
		{unix.ETH_P_IP, "ip ihl 5 0xf; ip sport 80 0xffff; ip dport 22 0xffff", ""},
		{unix.ETH_P_IP, "ip df; ip nofrag", ""},
		{unix.ETH_P_IP, "ip firstfrag", ""},
		{unix.ETH_P_IP, "ip mf", ""},
		{unix.ETH_P_IP, "ip src 0.0.0.0/0", ""},
		{unix.ETH_P_IP, "ip protocol 6 0xff; tcp dst 80 0xffff; tcp src 1024 0xfc00", "ip protocol 6 0xff; tcp src 1024 0xfc00; tcp dst 80 0xffff"},
		{unix.ETH_P_IP, "ip protocol 17 0xff; udp src 53 0xffff", ""},
		{unix.ETH_P_IP, "ip protocol 1 0xff; icmp type 8 0xff; icmp code 0 0xff", ""},
		{unix.ETH_P_IP, "tcp dst 80 0xffff", "u32 0x00000050 0x0000ffff at nexthdr+0"},
		{unix.ETH_P_IP, "u32 0x0a000000 0xff00ff00 at 12", ""},
		{unix.ETH_P_ALL, "u16 0x1234 0xffff at 0; u8 5 0xf at 3", "u32 0x12340005 0xffff000f at 0"},
		{unix.ETH_P_IP, "u16 0x1234 0xffff at 0; u8 5 0xf at 3", "ip ihl 18 0xff; ip tos 0x34 0xff; u32 0x00000005 0x0000000f at 0"},
		{unix.ETH_P_IP, "u32 0 0", "u32 0x00000000 0x00000000 at 0"},
		{unix.ETH_P_IP, "mark 0x10 0xff", ""},
		{unix.ETH_P_IPV6, "ip6 dst 2001:db8::/32; tcp dst 443 0xffff", "ip6 dst 2001:db8::/32; u32 0x000001bb 0x0000ffff at nexthdr+0"},
		{unix.ETH_P_IPV6, "ip6 src 2001:db8:1::/48; ip6 protocol 17 0xff; udp src 53 0xffff", ""},
		{unix.ETH_P_IPV6, "ip6 dst 2001:db8::1/128; ip6 protocol 6 0xff; ip6 dport 443 0xffff", ""},
		{unix.ETH_P_IPV6, "ip6 src ::1/128", ""},
		{unix.ETH_P_IPV6, "ip6 priority 0x3 0xff; ip6 sport 80 0xffff", ""},
		{unix.ETH_P_IPV6, "ip6 protocol 58 0xff; ip6 icmp_type 128 0xff; ip6 icmp_code 0 0xff", ""},
		{unix.ETH_P_IPV6, "u32 0x0a000001 0xffffffff at 12", ""},
		{unix.ETH_P_ALL, "ip dst 10.0.0.1/32; ether dst 02:00:00:00:00:01",
			"u32 0x0a000001 0xffffffff at 16; u32 0x00000200 0x0000ffff at -16; u32 0x00000001 0xffffffff at -12"},
	} {
		o, err := parseMatches(t, strings.Split(c.in, "; "))
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		want := c.want
		if want == "" {
			want = c.in
		}
		if got := strings.Join(u32Selectors(c.proto, o), "; "); got != want {
			t.Errorf("%s (protocol %#x):\n got  %s\n want %s", c.in, c.proto, got, want)
		}
		again, err := parseMatches(t, u32Selectors(c.proto, o))
		if err != nil || !reflect.DeepEqual(again, o) {
			t.Errorf("%s: the selectors pack %+v (%v), the keys were %+v", c.in, again.Sel, err, o.Sel)
		}
	}
}

// FuzzU32Selectors decodes arbitrary keys (distinct offsets, as the
// grammar merges keys at one offset) and checks that the selectors pack
// the same keys again.
func FuzzU32Selectors(f *testing.F) {
	f.Add(uint16(unix.ETH_P_IP), []byte("\x00\x00\x00\x06\x00\xff\x00\x00\x08\x00\x01\x02\x00\x50\x00\x00\xff\xff\x00\x00"))
	f.Add(uint16(unix.ETH_P_IPV6), []byte("\x08\x00\x20\x01\x0d\xb8\xff\xff\xff\xff\x0c\x00\x00\x01\x00\x00\xff\xff\x00\x00"))
	f.Fuzz(func(t *testing.T, proto uint16, b []byte) {
		o := &rtnl.U32Filter{Sel: &rtnl.U32Sel{}}
		seen := map[[2]int32]bool{}
		for ; len(b) >= 10 && len(o.Sel.Keys) < rtnl.U32MaxKeys; b = b[10:] {
			k := rtnl.U32Key{Off: 4 * (int32(b[0]&0x1F) - 4), Val: binary.BigEndian.Uint32(b[2:]), Mask: binary.BigEndian.Uint32(b[6:])}
			if b[1]&1 != 0 {
				k.OffMask = nexthdr
			}
			k.Val &= k.Mask
			if id := [2]int32{k.Off, k.OffMask}; !seen[id] {
				seen[id] = true
				o.Sel.Keys = append(o.Sel.Keys, k)
			}
		}
		sels := u32Selectors(proto, o)
		again, err := parseMatches(t, sels)
		if err != nil {
			t.Fatalf("keys %+v decode to %q, which does not parse: %v", o.Sel.Keys, sels, err)
		}
		if !reflect.DeepEqual(again.Sel.Keys, o.Sel.Keys) && len(o.Sel.Keys)+len(again.Sel.Keys) > 0 {
			t.Fatalf("keys %+v decode to %q, which pack %+v", o.Sel.Keys, sels, again.Sel.Keys)
		}
	})
}
