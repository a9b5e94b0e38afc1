package ipaddress

import (
	"errors"
	"net/netip"
	"slices"
	"testing"
)

func TestParseErrorKinds(t *testing.T) {
	tests := []struct {
		in     string
		strict bool
		kind   error
		msg    string
		detail string
	}{
		{"10.0.0.256/24", true, ErrInvalidAddress, "'10.0.0.256/24' does not appear to be an IPv4 or IPv6 network", "Octet 256 (> 255) not permitted in '10.0.0.256'"},
		{"10.0.0.0/33", true, ErrInvalidNetmask, "'10.0.0.0/33' does not appear to be an IPv4 or IPv6 network", "'33' is not a valid netmask"},
		{"10.0.0.0/255.0.255.0", false, ErrInvalidNetmask, "'10.0.0.0/255.0.255.0' does not appear to be an IPv4 or IPv6 network", "'255.0.255.0' is not a valid netmask"},
		{"10.0.0.1/24", true, ErrHostBitsSet, "10.0.0.1/24 has host bits set", "10.0.0.1/24 has host bits set"},
		{"2001:db8::1/32", true, ErrHostBitsSet, "2001:db8::1/32 has host bits set", "2001:db8::1/32 has host bits set"},
		{"fe80::1%", true, ErrInvalidAddress, "'fe80::1%' does not appear to be an IPv4 or IPv6 network", `Invalid IPv6 address: "'fe80::1%'"`},
		{"1.2.3.4/24/24", true, ErrInvalidAddress, "'1.2.3.4/24/24' does not appear to be an IPv4 or IPv6 network", "Only one '/' permitted in '1.2.3.4/24/24'"},
		{"::1/ffff::", true, ErrInvalidNetmask, "'::1/ffff::' does not appear to be an IPv4 or IPv6 network", "'ffff::' is not a valid netmask"},
		{"", true, ErrInvalidAddress, "'' does not appear to be an IPv4 or IPv6 network", "Address cannot be empty"},
	}
	for _, tt := range tests {
		_, err := ParseNetwork(tt.in, tt.strict)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseNetwork(%q, %v) = %v, want *ParseError", tt.in, tt.strict, err)
			continue
		}
		if !errors.Is(err, tt.kind) || err.Error() != tt.msg || pe.Detail != tt.detail {
			t.Errorf("ParseNetwork(%q, %v) = kind %v, %q, detail %q; want %v, %q, %q",
				tt.in, tt.strict, pe.Kind, err, pe.Detail, tt.kind, tt.msg, tt.detail)
		}
	}
}

func TestNonStrictMasksAndDropsZone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10.1.2.3/8", "10.0.0.0/8"},
		{"10.1.2.3/255.0.0.0", "10.0.0.0/8"},
		{"10.1.2.3/0.255.255.255", "10.0.0.0/8"},
		{"fe80::1%eth0/64", "fe80::/64"},
		{"fe80::%eth0/64", "fe80::%eth0/64"},
		{"1.2.3.4/024", "1.2.3.0/24"},
	}
	for _, tt := range tests {
		n, err := ParseNetwork(tt.in, false)
		if err != nil || n.String() != tt.want {
			t.Errorf("ParseNetwork(%q, false) = %v, %v; want %s", tt.in, n, err, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		net, addrs, hosts string
		fits              bool
	}{
		{"0.0.0.0/0", "4294967296", "4294967294", true},
		{"10.0.0.0/31", "2", "2", true},
		{"10.0.0.1/32", "1", "1", true},
		{"::/0", "340282366920938463463374607431768211456", "340282366920938463463374607431768211455", false},
		{"::/1", "170141183460469231731687303715884105728", "170141183460469231731687303715884105727", false},
		{"2001:db8::/64", "18446744073709551616", "18446744073709551615", false},
		{"2001:db8::/65", "9223372036854775808", "9223372036854775807", true},
		{"2001:db8::/127", "2", "2", true},
	}
	for _, tt := range tests {
		n := MustParseNetwork(tt.net)
		if got := n.NumAddresses().String(); got != tt.addrs {
			t.Errorf("%s.NumAddresses() = %s, want %s", tt.net, got, tt.addrs)
		}
		if got := n.NumAddresses().Big().String(); got != tt.addrs {
			t.Errorf("%s.NumAddresses().Big() = %s, want %s", tt.net, got, tt.addrs)
		}
		if got := n.NumHosts().String(); got != tt.hosts {
			t.Errorf("%s.NumHosts() = %s, want %s", tt.net, got, tt.hosts)
		}
		if _, ok := n.NumAddresses().Uint64(); ok != tt.fits {
			t.Errorf("%s.NumAddresses().Uint64() ok = %v, want %v", tt.net, ok, tt.fits)
		}
	}
}

func TestIteratorsAreLazy(t *testing.T) {
	// Splitting ::/0 into /128s or listing its hosts must start at once.
	seq, err := MustParseNetwork("::/0").Subnets(128)
	if err != nil {
		t.Fatal(err)
	}
	if got := collect(seq, 3); !slices.Equal(got, []string{"::/128", "::1/128", "::2/128"}) {
		t.Errorf("first subnets = %v", got)
	}
	if got := collect(MustParseNetwork("10.0.0.0/8").Hosts(), 2); !slices.Equal(got, []string{"10.0.0.1", "10.0.0.2"}) {
		t.Errorf("first hosts = %v", got)
	}
	// The last subnets of the address space end without wrapping around.
	seq, _ = MustParseNetwork("255.255.255.0/24").Subnets(25)
	if got := collect(seq, -1); !slices.Equal(got, []string{"255.255.255.0/25", "255.255.255.128/25"}) {
		t.Errorf("subnets at the top = %v", got)
	}
	if got := collect(MustParseNetwork("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/126").Addresses(), -1); len(got) != 4 {
		t.Errorf("addresses at the top = %v", got)
	}
	ex, _ := MustParseNetwork("::/0").AddressExclude(MustParseNetwork("::1/128"))
	if got := collect(ex, 2); !slices.Equal(got, []string{"8000::/1", "4000::/2"}) {
		t.Errorf("exclude head = %v", got)
	}
}

func TestSummarizeWholeSpace(t *testing.T) {
	for _, tt := range []struct{ first, last, want string }{
		{"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0"},
		{"0.0.0.0", "255.255.255.255", "0.0.0.0/0"},
	} {
		seq, err := SummarizeRange(MustParseAddress(tt.first), MustParseAddress(tt.last))
		if err != nil {
			t.Fatal(err)
		}
		if got := collect(seq, -1); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("SummarizeRange(%s, %s) = %v", tt.first, tt.last, got)
		}
	}
}

func TestCollapseMixedFamilies(t *testing.T) {
	in := parseAll(t, []string{"2001:db8::/33", "10.0.1.0/24", "2001:db8:8000::/33", "10.0.0.0/24", "::ffff:10.0.2.0/120"})
	want := []string{"10.0.0.0/23", "::ffff:10.0.2.0/120", "2001:db8::/32"}
	if got := strs(Collapse(slices.Clone(in))); !slices.Equal(got, want) {
		t.Errorf("Collapse = %v, want %v", got, want)
	}
	var c Collapser
	for _, n := range in {
		c.Add(n)
	}
	if got := collect(c.All(), -1); !slices.Equal(got, want) {
		t.Errorf("Collapser = %v, want %v", got, want)
	}
}

func TestCollapseSortedRejectsDisorder(t *testing.T) {
	in := parseAll(t, []string{"10.0.1.0/24", "10.0.0.0/24"})
	var err error
	for _, e := range CollapseSorted(slices.Values(in)) {
		if e != nil {
			err = e
		}
	}
	if !errors.Is(err, ErrUnsorted) {
		t.Errorf("CollapseSorted on unsorted input: %v, want ErrUnsorted", err)
	}
}

func TestOperationErrors(t *testing.T) {
	n := MustParseNetwork("10.0.0.0/24")
	if _, err := n.Subnets(23); !errors.Is(err, ErrPrefixLength) {
		t.Errorf("Subnets(23): %v", err)
	}
	if _, err := n.Supernet(25); !errors.Is(err, ErrPrefixLength) {
		t.Errorf("Supernet(25): %v", err)
	}
	if _, err := n.AddressExclude(MustParseNetwork("::/0")); !errors.Is(err, ErrVersionMismatch) {
		t.Errorf("AddressExclude(::/0): %v", err)
	}
	if _, err := n.AddressExclude(MustParseNetwork("10.0.1.0/24")); !errors.Is(err, ErrNotContained) {
		t.Errorf("AddressExclude(10.0.1.0/24): %v", err)
	}
	if _, err := SummarizeRange(MustParseAddress("10.0.0.2"), MustParseAddress("10.0.0.1")); !errors.Is(err, ErrRange) {
		t.Errorf("SummarizeRange backwards: %v", err)
	}
}

func TestInterface(t *testing.T) {
	tests := []struct {
		in, str, ip, network, withPrefix, withNetmask, withHostmask string
	}{
		{"192.0.2.5/24", "192.0.2.5/24", "192.0.2.5", "192.0.2.0/24", "192.0.2.5/24", "192.0.2.5/255.255.255.0", "192.0.2.5/0.0.0.255"},
		{"192.0.2.5/255.255.0.0", "192.0.2.5/16", "192.0.2.5", "192.0.0.0/16", "192.0.2.5/16", "192.0.2.5/255.255.0.0", "192.0.2.5/0.0.255.255"},
		{"fe80::1%eth0/64", "fe80::1%eth0/64", "fe80::1", "fe80::/64", "fe80::1/64", "fe80::1/ffff:ffff:ffff:ffff::", "fe80::1/::ffff:ffff:ffff:ffff"},
		{"::ffff:1.2.3.4/96", "::ffff:1.2.3.4/96", "::ffff:1.2.3.4", "::ffff:0.0.0.0/96", "::ffff:102:304/96", "::ffff:102:304/ffff:ffff:ffff:ffff:ffff:ffff::", "::ffff:102:304/::ffff:ffff"},
	}
	for _, tt := range tests {
		i := MustParseInterface(tt.in)
		got := []string{i.String(), i.IP().String(), i.Network().String(), i.WithPrefixLen(), i.WithNetmask(), i.WithHostmask()}
		want := []string{tt.str, tt.ip, tt.network, tt.withPrefix, tt.withNetmask, tt.withHostmask}
		if !slices.Equal(got, want) {
			t.Errorf("ParseInterface(%q): got %q, want %q", tt.in, got, want)
		}
	}
	a, b := MustParseInterface("10.0.0.9/8"), MustParseInterface("10.0.0.1/24")
	if a.Compare(b) >= 0 {
		t.Errorf("%s should sort before %s (network first)", a, b)
	}
}

func TestNetipInterop(t *testing.T) {
	n := NetworkFromPrefix(netip.MustParsePrefix("10.1.2.3/8"))
	if n.String() != "10.0.0.0/8" || n.Prefix() != netip.MustParsePrefix("10.0.0.0/8") {
		t.Errorf("NetworkFromPrefix = %v", n)
	}
	if (NetworkFromPrefix(netip.Prefix{})) != (Network{}) {
		t.Error("invalid prefix should give the zero Network")
	}
	a := AddressFrom(netip.MustParseAddr("fe80::1%eth0"))
	if a.Netip().Zone() != "eth0" || a.WithoutScope().String() != "fe80::1" {
		t.Errorf("AddressFrom/Netip = %v", a)
	}
}

func TestZeroValues(t *testing.T) {
	var a Address
	var n Network
	var i Interface
	if a.IsValid() || n.IsValid() || i.IsValid() || a.Version() != 0 || n.Version() != 0 {
		t.Error("zero values must be invalid")
	}
	if a.IsPrivate() || a.IsGlobal() || n.IsPrivate() || n.IsGlobal() || n.Contains(a) || n.Overlaps(n) || n.SubnetOf(n) {
		t.Error("zero values have no properties")
	}
	if got := collect(n.Hosts(), -1); len(got) != 0 {
		t.Errorf("zero Network hosts = %v", got)
	}
	if n.String() != "invalid Network" || a.Exploded() != "" || a.ReversePointer() != "" || a.Packed() != nil {
		t.Error("zero value formatting")
	}
	if _, err := n.Subnets(1); err == nil {
		t.Error("zero Network Subnets should fail")
	}
}

func TestNoAllocations(t *testing.T) {
	line := []byte("2001:db8:1234::/48")
	line4 := []byte("192.168.100.0/22")
	n := MustParseNetwork("10.0.0.0/8")
	a := MustParseAddress("10.1.2.3")
	var c Collapser
	c.SizeHint(1000)
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseNetworkBytes v6", func() { _, _ = ParseNetworkBytes(line, true) }},
		{"ParseNetworkBytes v4", func() { _, _ = ParseNetworkBytes(line4, true) }},
		{"Contains", func() { _ = n.Contains(a) }},
		{"IsPrivate", func() { _ = a.IsPrivate() || a.IsGlobal() }},
		{"Collapser.Add", func() { c.Add(n) }},
	}
	for _, tt := range tests {
		if allocs := testing.AllocsPerRun(100, tt.f); allocs != 0 {
			t.Errorf("%s: %v allocations, want 0", tt.name, allocs)
		}
	}
	// Iterators cost a constant setup, nothing per element.
	iterate := func(k int) func() {
		return func() {
			i := 0
			for h := range n.Hosts() {
				if i++; i == k {
					_ = h
					break
				}
			}
		}
	}
	if one, many := testing.AllocsPerRun(20, iterate(1)), testing.AllocsPerRun(20, iterate(4096)); one != many {
		t.Errorf("Hosts: %v allocations for 1 host, %v for 4096", one, many)
	}
}

func TestSortAddresses(t *testing.T) {
	var addrs []Address
	for _, s := range []string{"::1", "10.0.0.2", "::ffff:10.0.0.1", "10.0.0.1", "fe80::1%b", "fe80::1%a", "0.0.0.0"} {
		addrs = append(addrs, MustParseAddress(s))
	}
	SortAddresses(addrs)
	want := []string{"0.0.0.0", "10.0.0.1", "10.0.0.2", "::1", "::ffff:10.0.0.1", "fe80::1%a", "fe80::1%b"}
	if got := strs2(addrs); !slices.Equal(got, want) {
		t.Errorf("SortAddresses = %v, want %v", got, want)
	}
	if !addrs[0].Less(addrs[1]) || addrs[1].Less(addrs[0]) {
		t.Error("Less disagrees with the sort")
	}
}

func strs2(addrs []Address) []string {
	out := make([]string, len(addrs))
	for i, a := range addrs {
		out[i] = a.String()
	}
	return out
}

func TestAccessors(t *testing.T) {
	a := MustParseAddress("2001:db8::1")
	n := MustParseNetwork("192.0.2.0/24")
	tests := []struct {
		name      string
		got, want any
	}{
		{"address max prefix", a.MaxPrefixLen(), 128},
		{"address compressed", a.Compressed(), "2001:db8::1"},
		{"network max prefix", n.MaxPrefixLen(), 32},
		{"network compressed", n.Compressed(), "192.0.2.0/24"},
		{"network exploded", n.Exploded(), "192.0.2.0/24"},
		{"v6 network exploded", MustParseNetwork("2001:db8::/32").Exploded(), "2001:0db8:0000:0000:0000:0000:0000:0000/32"},
		{"contains", n.Contains(MustParseAddress("192.0.2.255")), true},
		{"contains other family", n.Contains(MustParseAddress("::ffff:192.0.2.1")), false},
		{"next at top", func() bool { _, ok := MustParseAddress("255.255.255.255").Next(); return ok }(), false},
		{"prev at bottom", func() bool { _, ok := MustParseAddress("::").Prev(); return ok }(), false},
		{"next", func() string { b, _ := MustParseAddress("10.0.0.255").Next(); return b.String() }(), "10.0.1.0"},
		{"ipv6 mapped of v6", func() bool { _, ok := a.IPv6Mapped(); return ok }(), false},
		{"interface prefix", MustParseInterface("10.1.2.3/8").PrefixLen(), 8},
		{"interface address zone", MustParseInterface("fe80::1%x/64").Address().ScopeID(), "x"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}
