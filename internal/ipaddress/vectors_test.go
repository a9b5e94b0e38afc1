package ipaddress

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// The vectors in testdata/vectors come from CPython 3.13's ipaddress, written
// by scripts/gen-ipaddress-vectors.

func readVectors[T any](t *testing.T, name string) []T {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "vectors", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no vectors", name)
	}
	return rows
}

type parseVerdict struct {
	OK     *string `json:"ok"`
	Err    string  `json:"err"`
	Msg    string  `json:"msg"`
	Kind   string  `json:"kind"`
	Detail string  `json:"detail"`
}

var kindErrors = map[string]error{
	"address":  ErrInvalidAddress,
	"netmask":  ErrInvalidNetmask,
	"hostbits": ErrHostBitsSet,
}

func checkVerdict(t *testing.T, what, in string, want parseVerdict, got string, err error) {
	t.Helper()
	if want.OK != nil {
		if err != nil {
			t.Errorf("%s(%q): error %v, want %q", what, in, err, *want.OK)
		} else if got != *want.OK {
			t.Errorf("%s(%q) = %q, want %q", what, in, got, *want.OK)
		}
		return
	}
	if err == nil {
		t.Errorf("%s(%q) = %q, want error %q", what, in, got, want.Msg)
		return
	}
	if err.Error() != want.Msg {
		t.Errorf("%s(%q) error %q, want %q", what, in, err, want.Msg)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Errorf("%s(%q) error %T, want *ParseError", what, in, err)
		return
	}
	kind := want.Err
	if want.Kind != "" {
		kind = want.Kind
	}
	if !errors.Is(err, kindErrors[kind]) {
		t.Errorf("%s(%q) error kind %v, want %s", what, in, pe.Kind, kind)
	}
	if want.Detail != "" && pe.Detail != want.Detail {
		t.Errorf("%s(%q) detail %q, want %q", what, in, pe.Detail, want.Detail)
	}
}

func TestParseVectors(t *testing.T) {
	type row struct {
		In           string       `json:"in"`
		Address      parseVerdict `json:"address"`
		Network      parseVerdict `json:"network"`
		NetworkLoose parseVerdict `json:"network_loose"`
		Interface    parseVerdict `json:"interface"`
	}
	for _, r := range readVectors[row](t, "parse.jsonl") {
		a, err := ParseAddress(r.In)
		checkVerdict(t, "ParseAddress", r.In, r.Address, a.String(), err)
		ab, err := ParseAddressBytes([]byte(r.In))
		checkVerdict(t, "ParseAddressBytes", r.In, r.Address, ab.String(), err)
		n, err := ParseNetwork(r.In, true)
		checkVerdict(t, "ParseNetwork strict", r.In, r.Network, n.String(), err)
		n, err = ParseNetworkBytes([]byte(r.In), false)
		checkVerdict(t, "ParseNetworkBytes loose", r.In, r.NetworkLoose, n.String(), err)
		i, err := ParseInterface(r.In)
		checkVerdict(t, "ParseInterface", r.In, r.Interface, i.String(), err)
	}
}

func str(v interface{ String() string }, ok bool) *string {
	if !ok {
		return nil
	}
	s := v.String()
	return &s
}

func eqOpt(a, b *string) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func TestAddressVectors(t *testing.T) {
	type row struct {
		In             string   `json:"in"`
		Version        int      `json:"version"`
		Compressed     string   `json:"compressed"`
		Exploded       *string  `json:"exploded"`
		ReversePointer *string  `json:"reverse_pointer"`
		Packed         string   `json:"packed"`
		IsPrivate      bool     `json:"is_private"`
		IsGlobal       bool     `json:"is_global"`
		IsReserved     bool     `json:"is_reserved"`
		IsMulticast    bool     `json:"is_multicast"`
		IsLoopback     bool     `json:"is_loopback"`
		IsLinkLocal    bool     `json:"is_link_local"`
		IsSiteLocal    bool     `json:"is_site_local"`
		IsUnspecified  bool     `json:"is_unspecified"`
		IPv4Mapped     *string  `json:"ipv4_mapped"`
		IPv6Mapped     *string  `json:"ipv6_mapped"`
		SixToFour      *string  `json:"sixtofour"`
		Teredo         []string `json:"teredo"`
		ScopeID        *string  `json:"scope_id"`
	}
	for _, r := range readVectors[row](t, "address.jsonl") {
		a, err := ParseAddress(r.In)
		if err != nil {
			t.Errorf("ParseAddress(%q): %v", r.In, err)
			continue
		}
		type check struct {
			name      string
			got, want any
		}
		checks := []check{
			{"version", a.Version(), r.Version},
			{"compressed", a.Compressed(), r.Compressed},
			{"packed", hex.EncodeToString(a.Packed()), r.Packed},
			{"is_private", a.IsPrivate(), r.IsPrivate},
			{"is_global", a.IsGlobal(), r.IsGlobal},
			{"is_reserved", a.IsReserved(), r.IsReserved},
			{"is_multicast", a.IsMulticast(), r.IsMulticast},
			{"is_loopback", a.IsLoopback(), r.IsLoopback},
			{"is_link_local", a.IsLinkLocal(), r.IsLinkLocal},
			{"is_site_local", a.IsSiteLocal(), r.IsSiteLocal},
			{"is_unspecified", a.IsUnspecified(), r.IsUnspecified},
		}
		if r.Exploded != nil {
			checks = append(checks, check{"exploded", a.Exploded(), *r.Exploded},
				check{"reverse_pointer", a.ReversePointer(), *r.ReversePointer})
		}
		if a.Version() == 4 {
			checks = append(checks, check{"ipv6_mapped", *str(a.IPv6Mapped()), *r.IPv6Mapped})
		} else {
			checks = append(checks,
				check{"ipv4_mapped", eqOpt(str(a.IPv4Mapped()), r.IPv4Mapped), true},
				check{"sixtofour", eqOpt(str(a.SixToFour()), r.SixToFour), true},
				check{"scope_id", a.ScopeID(), deref(r.ScopeID)})
			server, client, ok := a.Teredo()
			var teredo []string
			if ok {
				teredo = []string{server.String(), client.String()}
			}
			checks = append(checks, check{"teredo", slices.Equal(teredo, r.Teredo), true})
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s.%s = %v, want %v", r.In, c.name, c.got, c.want)
			}
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type seqResult struct {
	OK  []string `json:"ok"`
	Err string   `json:"err"`
}

type oneResult struct {
	OK  string `json:"ok"`
	Err string `json:"err"`
}

func TestNetworkVectors(t *testing.T) {
	type row struct {
		In               string               `json:"in"`
		NetworkAddress   string               `json:"network_address"`
		BroadcastAddress string               `json:"broadcast_address"`
		Netmask          string               `json:"netmask"`
		Hostmask         string               `json:"hostmask"`
		PrefixLen        int                  `json:"prefixlen"`
		NumAddresses     string               `json:"num_addresses"`
		WithPrefixLen    string               `json:"with_prefixlen"`
		WithNetmask      string               `json:"with_netmask"`
		WithHostmask     string               `json:"with_hostmask"`
		Exploded         *string              `json:"exploded"`
		IsPrivate        bool                 `json:"is_private"`
		IsGlobal         bool                 `json:"is_global"`
		IsReserved       bool                 `json:"is_reserved"`
		IsMulticast      bool                 `json:"is_multicast"`
		IsLoopback       bool                 `json:"is_loopback"`
		IsLinkLocal      bool                 `json:"is_link_local"`
		IsSiteLocal      *bool                `json:"is_site_local"`
		IsUnspecified    bool                 `json:"is_unspecified"`
		HostsHead        []string             `json:"hosts_head"`
		Hosts            []string             `json:"hosts"`
		Subnets          map[string]seqResult `json:"subnets"`
		Supernet         map[string]oneResult `json:"supernet"`
	}
	for _, r := range readVectors[row](t, "network.jsonl") {
		n, err := ParseNetwork(r.In, true)
		if err != nil {
			t.Errorf("ParseNetwork(%q): %v", r.In, err)
			continue
		}
		type check struct {
			name      string
			got, want any
		}
		checks := []check{
			{"network_address", n.NetworkAddress().String(), r.NetworkAddress},
			{"broadcast_address", n.BroadcastAddress().String(), r.BroadcastAddress},
			{"netmask", n.Netmask().String(), r.Netmask},
			{"hostmask", n.Hostmask().String(), r.Hostmask},
			{"prefixlen", n.PrefixLen(), r.PrefixLen},
			{"num_addresses", n.NumAddresses().String(), r.NumAddresses},
			{"num_addresses big", n.NumAddresses().Big().String(), r.NumAddresses},
			{"with_prefixlen", n.WithPrefixLen(), r.WithPrefixLen},
			{"with_netmask", n.WithNetmask(), r.WithNetmask},
			{"with_hostmask", n.WithHostmask(), r.WithHostmask},
			{"is_private", n.IsPrivate(), r.IsPrivate},
			{"is_global", n.IsGlobal(), r.IsGlobal},
			{"is_reserved", n.IsReserved(), r.IsReserved},
			{"is_multicast", n.IsMulticast(), r.IsMulticast},
			{"is_loopback", n.IsLoopback(), r.IsLoopback},
			{"is_link_local", n.IsLinkLocal(), r.IsLinkLocal},
			{"is_unspecified", n.IsUnspecified(), r.IsUnspecified},
			{"hosts_head", slices.Equal(collect(n.Hosts(), 4), r.HostsHead), true},
		}
		if r.Exploded != nil {
			checks = append(checks, check{"exploded", n.Exploded(), *r.Exploded})
		}
		if r.IsSiteLocal != nil {
			checks = append(checks, check{"is_site_local", n.IsSiteLocal(), *r.IsSiteLocal})
		}
		if r.Hosts != nil {
			checks = append(checks, check{"hosts", slices.Equal(collect(n.Hosts(), -1), r.Hosts), true},
				check{"num hosts", n.NumHosts().String(), strconv.Itoa(len(r.Hosts))})
		}
		for k, want := range r.Subnets {
			p, _ := strconv.Atoi(k)
			seq, err := n.Subnets(p)
			if want.Err != "" {
				checks = append(checks, check{"subnets " + k, errString(err), want.Err})
				continue
			}
			if err != nil {
				t.Errorf("%s.Subnets(%d): %v", r.In, p, err)
				continue
			}
			checks = append(checks, check{"subnets " + k, slices.Equal(collect(seq, 9), want.OK), true})
		}
		for k, want := range r.Supernet {
			p, _ := strconv.Atoi(k)
			s, err := n.Supernet(p)
			if want.Err != "" {
				checks = append(checks, check{"supernet " + k, errString(err), want.Err})
			} else {
				checks = append(checks, check{"supernet " + k, s.String() + errString(err), want.OK})
			}
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s.%s = %v, want %v", r.In, c.name, c.got, c.want)
			}
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// collect takes at most limit elements (all for limit < 0) as strings.
func collect[T interface{ String() string }](seq func(func(T) bool), limit int) []string {
	out := []string{}
	for v := range seq {
		if limit >= 0 && len(out) == limit {
			break
		}
		out = append(out, v.String())
	}
	return out
}

func TestPairVectors(t *testing.T) {
	type row struct {
		A          string    `json:"a"`
		B          string    `json:"b"`
		SubnetOf   *bool     `json:"subnet_of"`
		SupernetOf *bool     `json:"supernet_of"`
		Overlaps   *bool     `json:"overlaps"`
		Compare    *int      `json:"compare"`
		Exclude    seqResult `json:"exclude"`
	}
	for _, r := range readVectors[row](t, "pairs.jsonl") {
		a, b := MustParseNetwork(r.A), MustParseNetwork(r.B)
		if r.SubnetOf != nil {
			if a.SubnetOf(b) != *r.SubnetOf || a.SupernetOf(b) != *r.SupernetOf || a.Overlaps(b) != *r.Overlaps {
				t.Errorf("%s vs %s: subnet_of %v supernet_of %v overlaps %v, want %v %v %v", a, b,
					a.SubnetOf(b), a.SupernetOf(b), a.Overlaps(b), *r.SubnetOf, *r.SupernetOf, *r.Overlaps)
			}
			if a.Compare(b) != *r.Compare {
				t.Errorf("%s.Compare(%s) = %d, want %d", a, b, a.Compare(b), *r.Compare)
			}
		}
		seq, err := a.AddressExclude(b)
		if r.Exclude.Err != "" {
			if errString(err) != r.Exclude.Err {
				t.Errorf("%s.AddressExclude(%s) error %q, want %q", a, b, errString(err), r.Exclude.Err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s.AddressExclude(%s): %v", a, b, err)
			continue
		}
		if got := collect(seq, -1); !slices.Equal(got, r.Exclude.OK) {
			t.Errorf("%s.AddressExclude(%s) = %v, want %v", a, b, got, r.Exclude.OK)
		}
	}
}

func parseAll(t *testing.T, ss []string) []Network {
	t.Helper()
	out := make([]Network, len(ss))
	for i, s := range ss {
		out[i] = MustParseNetwork(s)
	}
	return out
}

func strs(nets []Network) []string {
	out := make([]string, len(nets))
	for i, n := range nets {
		out[i] = n.String()
	}
	return out
}

func TestCollapseVectors(t *testing.T) {
	type row struct {
		In  []string `json:"in"`
		Out []string `json:"out"`
	}
	for i, r := range readVectors[row](t, "collapse.jsonl") {
		got := strs(Collapse(parseAll(t, r.In)))
		if !slices.Equal(got, r.Out) {
			t.Errorf("vector %d: Collapse = %v, want %v", i, got, r.Out)
		}
		// The streaming form on sorted input gives the same.
		sorted := parseAll(t, r.In)
		SortNetworks(sorted)
		var streamed []string
		for n, err := range CollapseSorted(slices.Values(sorted)) {
			if err != nil {
				t.Fatalf("vector %d: CollapseSorted: %v", i, err)
			}
			streamed = append(streamed, n.String())
		}
		if !slices.Equal(streamed, r.Out) {
			t.Errorf("vector %d: CollapseSorted = %v, want %v", i, streamed, r.Out)
		}
	}
}

func TestSummarizeVectors(t *testing.T) {
	type row struct {
		First string   `json:"first"`
		Last  string   `json:"last"`
		Out   []string `json:"out"`
		Err   string   `json:"err"`
	}
	for _, r := range readVectors[row](t, "summarize.jsonl") {
		seq, err := SummarizeRange(MustParseAddress(r.First), MustParseAddress(r.Last))
		if r.Err != "" {
			if errString(err) != r.Err {
				t.Errorf("SummarizeRange(%s, %s) error %q, want %q", r.First, r.Last, errString(err), r.Err)
			}
			continue
		}
		if err != nil {
			t.Errorf("SummarizeRange(%s, %s): %v", r.First, r.Last, err)
			continue
		}
		if got := collect(seq, -1); !slices.Equal(got, r.Out) {
			t.Errorf("SummarizeRange(%s, %s) = %v, want %v", r.First, r.Last, got, r.Out)
		}
	}
}

func TestExcludeVectors(t *testing.T) {
	type row struct {
		Keep []string `json:"keep"`
		Drop []string `json:"drop"`
		Out  []string `json:"out"`
	}
	for i, r := range readVectors[row](t, "exclude.jsonl") {
		keep, drop := parseAll(t, r.Keep), parseAll(t, r.Drop)
		got := strs(slices.Collect(Exclude(keep, drop)))
		if len(got) == 0 && len(r.Out) == 0 {
			continue
		}
		if !slices.Equal(got, r.Out) {
			t.Errorf("vector %d: Exclude = %v, want %v", i, got, r.Out)
		}
		if !slices.Equal(strs(keep), r.Keep) {
			t.Errorf("vector %d: Exclude modified its input", i)
		}
	}
}

func TestInterfaceVectors(t *testing.T) {
	type row struct {
		In            string `json:"in"`
		IP            string `json:"ip"`
		Network       string `json:"network"`
		Netmask       string `json:"netmask"`
		Hostmask      string `json:"hostmask"`
		WithPrefixLen string `json:"with_prefixlen"`
		WithNetmask   string `json:"with_netmask"`
		WithHostmask  string `json:"with_hostmask"`
	}
	for _, r := range readVectors[row](t, "interface.jsonl") {
		i, err := ParseInterface(r.In)
		if err != nil {
			t.Errorf("ParseInterface(%q): %v", r.In, err)
			continue
		}
		got := []string{i.String(), i.IP().String(), i.Network().String(), i.Netmask().String(), i.Hostmask().String(),
			i.WithPrefixLen(), i.WithNetmask(), i.WithHostmask()}
		want := []string{r.In, r.IP, r.Network, r.Netmask, r.Hostmask, r.WithPrefixLen, r.WithNetmask, r.WithHostmask}
		if !slices.Equal(got, want) {
			t.Errorf("interface %s: got %q, want %q", r.In, got, want)
		}
	}
}
