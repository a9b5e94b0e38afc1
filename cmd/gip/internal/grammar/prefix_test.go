package grammar

import (
	"testing"

	"golang.org/x/sys/unix"
)

func TestParsePrefix(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		Bits int
		Addr string
	}{
		{"192.0.2.1/24", true, 24, "192.0.2.1"}, {"10.9", true, 32, "10.9.0.0"}, {"2001:db8::/32", true, 32, "2001:db8::"},
		{"default", true, 0, "invalid IP"}, {"300.1.1.1/24", false, 0, ""}, {"10.1.1.1/33", false, 0, ""},
		{"fe80::1%eth0", false, 0, ""}, {"0x0a.1", true, 32, "10.1.0.0"}, {"1.2.3.4.5", false, 0, ""},
		// dotted netmasks, as ip takes them for IPv4
		{"198.51.100.2/255.255.255.0", true, 24, "198.51.100.2"}, {"10.0.0.1/255.255.255.255", true, 32, "10.0.0.1"},
		{"10.0.0.1/0.0.0.0", true, 0, "10.0.0.1"}, {"10.0.0.1/255.0.255.0", false, 0, ""},
		{"10.0.0.1/255.255.0", false, 0, ""}, {"2001:db8::1/255.255.255.0", true, 24, "2001:db8::1"},
	} {
		p, err := ParsePrefix(c.in, 0)
		if (err == nil) != c.ok {
			t.Errorf("%q: err %v", c.in, err)
			continue
		}
		if err == nil && (p.Bits != c.Bits || p.Addr.String() != c.Addr) {
			t.Errorf("%q: %v/%d", c.in, p.Addr, p.Bits)
		}
	}
}

// FuzzParsePrefix checks that any word parses to a consistent prefix or to
// ip's error, and never panics: a length within the family's, an address
// of the family it claims, and the same answer twice.
func FuzzParsePrefix(f *testing.F) {
	for _, s := range []string{"192.0.2.1/24", "10.1", "0x0a.1/255.255.0.0", "2001:db8::/32", "default", "any/8",
		"1.2.3.4.5", "fe80::1%eth0/64", "100/20", "/", "", "10.0.0.1/255.0.255.0"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(unix.AF_INET6))
		f.Add(s, uint8(unix.AF_MPLS))
	}
	f.Fuzz(func(t *testing.T, s string, family uint8) {
		p, err := ParsePrefix(s, family)
		if err != nil {
			return
		}
		if p.Bits < 0 || p.Bits > HostLen(p.Family) && p.Family != 0 {
			t.Fatalf("%q: %d bits for family %d", s, p.Bits, p.Family)
		}
		if p.Addr.IsValid() && (p.Addr.Is4() != (p.Family == unix.AF_INET)) {
			t.Fatalf("%q: address %v in family %d", s, p.Addr, p.Family)
		}
		q, err := ParsePrefix(s, family)
		if err != nil || q.Addr != p.Addr || q.Bits != p.Bits {
			t.Fatalf("%q parsed twice differently", s)
		}
		_ = p.NetIP()
		_ = p.Contains(p.Addr)
	})
}
