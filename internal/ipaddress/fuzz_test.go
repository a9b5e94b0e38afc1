package ipaddress

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// Seed corpora live in testdata/fuzz/<FuzzName>.

// FuzzParseAddress checks that a parsed address prints in a form that parses
// back to it, and that where CPython's rules and net/netip's coincide (no
// zone) both accept the same text and read the same address.
func FuzzParseAddress(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAddress(s)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("ParseAddress(%q) error %T, want *ParseError", s, err)
			}
			if err.Error() == "" {
				t.Fatalf("ParseAddress(%q): empty message", s)
			}
		} else {
			back, err := ParseAddress(a.String())
			if err != nil || back != a {
				t.Fatalf("ParseAddress(%q) = %v, which reparses as %v, %v", s, a, back, err)
			}
			if b, err := ParseAddress(a.Exploded()); a.ScopeID() == "" && (err != nil || b != a) {
				t.Fatalf("%v exploded %q reparses as %v, %v", a, a.Exploded(), b, err)
			}
		}
		if strings.Contains(s, "%") {
			return // zone syntax differs: CPython forbids a second '%'
		}
		ip, nerr := netip.ParseAddr(s)
		if (err == nil) != (nerr == nil) {
			t.Fatalf("ParseAddress(%q) error %v, netip.ParseAddr error %v", s, err, nerr)
		}
		if err == nil && ip != a.Netip() {
			t.Fatalf("ParseAddress(%q) = %v, netip.ParseAddr = %v", s, a, ip)
		}
	})
}

// FuzzParseNetwork checks round trips of networks and interfaces, and that
// ADDR/LEN with a plain decimal LEN and no zone parses as netip.ParsePrefix
// does.
func FuzzParseNetwork(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		strict, errStrict := ParseNetwork(s, true)
		loose, err := ParseNetwork(s, false)
		if errStrict == nil && (err != nil || loose != strict) {
			t.Fatalf("strict %v but loose %v, %v for %q", strict, loose, err, s)
		}
		if err == nil {
			back, err := ParseNetwork(loose.String(), true)
			if err != nil || back != loose {
				t.Fatalf("ParseNetwork(%q) = %v, which reparses as %v, %v", s, loose, back, err)
			}
			if loose.Version() == 4 {
				alts := []string{loose.WithNetmask()}
				if l := loose.PrefixLen(); l != 0 && l != 32 {
					// The hostmasks of /0 and /32 read as netmasks.
					alts = append(alts, loose.WithHostmask())
				}
				for _, alt := range alts {
					if b, err := ParseNetwork(alt, true); err != nil || b != loose {
						t.Fatalf("%v as %q reparses as %v, %v", loose, alt, b, err)
					}
				}
			}
			i, err := ParseInterface(s)
			if err != nil || i.Network() != loose {
				t.Fatalf("ParseInterface(%q) = %v (network %v), %v; ParseNetwork gave %v", s, i, i.Network(), err, loose)
			}
		}
		slash := strings.IndexByte(s, '/')
		if slash < 0 || strings.Contains(s, "%") || !plainDecimal(s[slash+1:]) {
			return
		}
		p, nerr := netip.ParsePrefix(s)
		if (err == nil) != (nerr == nil) {
			t.Fatalf("ParseNetwork(%q, false) error %v, netip.ParsePrefix error %v", s, err, nerr)
		}
		if err == nil && p.Masked() != loose.Prefix() {
			t.Fatalf("ParseNetwork(%q, false) = %v, netip.ParsePrefix = %v", s, loose, p.Masked())
		}
	})
}

// plainDecimal reports decimal digits without a leading zero, the prefix
// length syntax both parsers accept.
func plainDecimal(s string) bool {
	if s == "" || len(s) > 3 || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FuzzCollapse decodes a list of networks from bytes and checks Collapse,
// Collapser and CollapseSorted against each other and against the defining
// property: the result is sorted, disjoint, never mergeable, and holds
// exactly the addresses of the input. Exclude is checked the same way.
func FuzzCollapse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		nets := decodeNetworks(data)
		half := len(nets) / 2
		got := Collapse(append([]Network(nil), nets...))
		var c Collapser
		for _, n := range nets {
			c.Add(n)
		}
		i := 0
		for n := range c.All() {
			if i >= len(got) || got[i] != n {
				t.Fatalf("Collapser and Collapse differ at %d: %v", i, n)
			}
			i++
		}
		if i != len(got) {
			t.Fatalf("Collapser gave %d networks, Collapse %d", i, len(got))
		}
		for k := 1; k < len(got); k++ {
			a, b := got[k-1], got[k]
			if a.Compare(b) >= 0 || a.Overlaps(b) {
				t.Fatalf("result not sorted and disjoint: %v then %v", a, b)
			}
			if a.Version() == b.Version() && a.PrefixLen() == b.PrefixLen() && a.PrefixLen() > 0 {
				if s, _ := a.Supernet(a.PrefixLen() - 1); s.Contains(b.NetworkAddress()) && s.Contains(a.NetworkAddress()) {
					t.Fatalf("result not minimal: %v and %v make %v", a, b, s)
				}
			}
		}
		excl := slices.Collect(Exclude(nets[:half], nets[half:]))
		for _, probe := range probes(nets) {
			if in(got, probe) != in(nets, probe) {
				t.Fatalf("Collapse changes membership of %v: input %v, result %v", probe, nets, got)
			}
			want := in(nets[:half], probe) && !in(nets[half:], probe)
			if in(excl, probe) != want {
				t.Fatalf("Exclude membership of %v = %v, want %v", probe, !want, want)
			}
		}
	})
}

// decodeNetworks reads 6-byte records: family bit and prefix length, then
// four address bytes (placed high in IPv6 addresses, so that networks meet).
func decodeNetworks(data []byte) []Network {
	var nets []Network
	for len(data) >= 6 {
		rec := data[:6]
		data = data[6:]
		if rec[0]&0x80 == 0 {
			a := netip.AddrFrom4([4]byte{rec[2], rec[3], rec[4], rec[5]})
			nets = append(nets, NetworkFromPrefix(netip.PrefixFrom(a, int(rec[1])%33)))
		} else {
			var b [16]byte
			copy(b[:4], rec[2:])
			b[15] = rec[0]
			nets = append(nets, NetworkFromPrefix(netip.PrefixFrom(netip.AddrFrom16(b), int(rec[1])%129)))
		}
	}
	return nets
}

// probes are addresses at and around the edges of every network.
func probes(nets []Network) []Address {
	var out []Address
	for _, n := range nets {
		for _, a := range []Address{n.NetworkAddress(), n.BroadcastAddress()} {
			out = append(out, a)
			if p, ok := a.Prev(); ok {
				out = append(out, p)
			}
			if q, ok := a.Next(); ok {
				out = append(out, q)
			}
		}
	}
	return out
}

func in(nets []Network, a Address) bool {
	for _, n := range nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}
