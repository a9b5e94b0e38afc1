package main

import (
	"context"
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

func TestParseCommandLine(t *testing.T) {
	tests := []struct {
		args   string
		cmd    string
		rest   []string
		err    string
		status int
	}{
		{args: "list", cmd: "list"},
		{args: "l", cmd: "list"},
		{args: "-L nets -t", cmd: "list", rest: []string{"nets"}},
		{args: "--list", cmd: "list"},
		{args: "s", cmd: "save"},
		{args: "cr x hash:ip -exist", cmd: "create", rest: []string{"x", "hash:ip"}},
		{args: "-! add x 1.2.3.4 timeout 5", cmd: "add", rest: []string{"x", "1.2.3.4", "timeout", "5"}},
		{args: "n x hash:ip", cmd: "create", rest: []string{"x", "hash:ip"}},
		{args: "x", cmd: "destroy"},
		{args: "-o xml list", cmd: "list"},
		{args: "", err: "No command specified.", status: 2},
		{args: "foo", err: "No command specified: unknown argument foo", status: 2},
		{args: "-x", err: "No command specified: unknown argument -x", status: 2},
		{args: "create", err: "Missing mandatory argument to command create", status: 2},
		{args: "add a", err: "Missing second mandatory argument to command add", status: 2},
		{args: "list a b", err: "Unknown argument b", status: 2},
		{args: "restore x", err: "Unknown argument x", status: 2},
		{args: "list -o", err: "Missing mandatory argument to option -o", status: 2},
		{args: "-o foo list", err: "Syntax error: unknown output mode 'foo'", status: 1},
	}
	for _, tt := range tests {
		inv, err := parseCommandLine(strings.Fields(tt.args))
		if tt.err != "" {
			if err == nil || err.Error() != tt.err || statusOf(err) != tt.status {
				t.Errorf("%q: err %v (status %d), want %q (%d)", tt.args, err, statusOf(err), tt.err, tt.status)
			}
			continue
		}
		if err != nil || inv.cmd != tt.cmd || !slices.Equal(inv.args, tt.rest) && len(tt.rest) > 0 {
			t.Errorf("%q: %+v, %v; want %s %q", tt.args, inv, err, tt.cmd, tt.rest)
		}
	}
}

func TestParseElemRoundTrip(t *testing.T) {
	tests := []struct {
		typ    string
		family uint8
		in     string
		out    string // as listed back; "" means the same as in
	}{
		{"hash:ip", ipset.FamilyINET, "192.0.2.1", ""},
		{"hash:ip", ipset.FamilyINET, "192.0.2.0/24", ""},
		{"hash:ip", ipset.FamilyINET, "192.0.2.1-192.0.2.9", ""},
		{"hash:ip", ipset.FamilyINET, "10.1", "10.0.0.1"},
		{"hash:ip", ipset.FamilyINET, "0x0a000001", "10.0.0.1"},
		{"hash:ip", ipset.FamilyINET6, "2001:db8::1", ""},
		{"hash:net", ipset.FamilyINET6, "2001:db8::/32", ""},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,80", "1.2.3.4,tcp:80"},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,udp:53-54", ""},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,icmp:ping", "1.2.3.4,icmp:echo-request"},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,icmp:3/1", "1.2.3.4,icmp:host-unreachable"},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,icmp:99/9", ""},
		{"hash:ip,port", ipset.FamilyINET6, "2001:db8::1,icmpv6:ping", "2001:db8::1,ipv6-icmp:echo-request"},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,gre:0", ""},
		{"hash:ip,port,ip", ipset.FamilyINET, "1.2.3.4,sctp:1,5.6.7.8", ""},
		{"hash:ip,port,net", ipset.FamilyINET, "1.2.3.4,tcp:1,5.6.0.0/16", ""},
		{"hash:net,iface", ipset.FamilyINET, "10.0.0.0/8,physdev:eth0", ""},
		{"hash:ip,mac", ipset.FamilyINET, "1.2.3.4,aa:bb:cc:dd:ee:ff", "1.2.3.4,AA:BB:CC:DD:EE:FF"},
		{"hash:ip,mark", ipset.FamilyINET, "1.2.3.4,0x10", "1.2.3.4,0x00000010"},
		{"bitmap:port", ipset.FamilyUnspec, "tcp:22", "22"},
		{"bitmap:port", ipset.FamilyUnspec, "20-23", ""},
		{"bitmap:ip,mac", ipset.FamilyINET, "1.2.3.4", ""},
		{"list:set", ipset.FamilyUnspec, "other", ""},
	}
	for _, tt := range tests {
		ti, _ := ipset.LookupType(tt.typ)
		en, err := parseElem(ti, tt.family, tt.in)
		if err != nil {
			t.Errorf("%s %q: %v", tt.typ, tt.in, err)
			continue
		}
		want := tt.out
		if want == "" {
			want = tt.in
		}
		if got := formatElem(ti, en); got != want {
			t.Errorf("%s %q lists as %q, want %q", tt.typ, tt.in, got, want)
		}
	}
}

func TestParseElemErrors(t *testing.T) {
	tests := []struct {
		typ    string
		family uint8
		in     string
		err    string
	}{
		{"hash:ip", ipset.FamilyINET, "2001:db8::1", "Syntax error: cannot parse 2001:db8::1: resolving to IPv4 address failed"},
		{"hash:ip", ipset.FamilyINET6, "2001:db8::/64", "Syntax error: plain IP address must be supplied: 2001:db8::/64"},
		{"hash:ip", ipset.FamilyINET, "1.2.3.4,5", "Syntax error: Elem separator in 1.2.3.4,5, but settype hash:ip supports none."},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4", "Syntax error: Second element is missing from 1.2.3.4."},
		{"hash:ip,port,ip", ipset.FamilyINET, "1.2.3.4,80", "Syntax error: Third element is missing from 1.2.3.4,80."},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,80,1,2", "Syntax error: Two elem separators in 1.2.3.4,80,1,2, but settype hash:ip,port supports one."},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,foo:80", "Syntax error: cannot parse 'foo' as a protocol"},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,gre:5", "Syntax error: Protocol gre can be used with pseudo port value 0 only."},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,icmpv6:ping", "Syntax error: Protocol ICMPv6 can be used with family inet6 only"},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,tcp:99999", "Syntax error: '99999' is out of range 0-65535\nSyntax error: 'tcp' is invalid as number\ncannot parse '99999' as a tcp port"},
		{"hash:ip,port", ipset.FamilyINET, "1.2.3.4,tcp:", "Syntax error: 'tcp:' is invalid as number\nSyntax error: 'tcp' is invalid as number\ncannot parse 'tcp:' as a tcp port"},
		{"hash:net", ipset.FamilyINET6, "2001:db8::1-2001:db8::5", "Syntax error: IP address or IP/cidr must be specified: 2001:db8::1-2001:db8::5"},
		{"hash:net", ipset.FamilyINET, "10.0.0.0/", "Syntax error: cannot parse 10.0.0.0/: resolving to IPv4 address failed"},
		{"hash:net,iface", ipset.FamilyINET, "10.0.0.0/8,", "Syntax error: Second element is missing from 10.0.0.0/8,."},
		{"hash:ip,mac", ipset.FamilyINET, "1.2.3.4,zz", "Syntax error: cannot parse 'zz' as ethernet address"},
		{"hash:net,iface", ipset.FamilyINET, "10.0.0.0/8,averyveryverylongname", "Syntax error: interface name 'averyveryverylongname' is longer than 15 characters"},
		{"hash:net", ipset.FamilyINET, "10.0.0.0/33", "Syntax error: '33' is out of range 0-32"},
		{"bitmap:port", ipset.FamilyUnspec, "sctp:1", "Syntax error: Only protocols TCP and UDP are valid"},
		{"list:set", ipset.FamilyUnspec, strings.Repeat("n", 32), "Syntax error: setname '" + strings.Repeat("n", 32) + "' is longer than 31 characters"},
	}
	for _, tt := range tests {
		ti, _ := ipset.LookupType(tt.typ)
		_, err := parseElem(ti, tt.family, tt.in)
		if err == nil || err.Error() != tt.err {
			t.Errorf("%s %q: %v, want %q", tt.typ, tt.in, err, tt.err)
		}
	}
}

func TestParseADTOptions(t *testing.T) {
	ti, _ := ipset.LookupType("hash:net")
	en := &ipset.Entry{}
	err := parseADTOptions(ti, ti.Revision, ipset.CmdAdd, strings.Fields("timeout 5 packets 0x10 bytes 7 comment hi skbmark 0x1/0xf skbprio 1:2 skbqueue 3 nomatch"), en)
	if err != nil {
		t.Fatal(err)
	}
	if *en.Timeout != 5 || *en.Packets != 16 || *en.Bytes != 7 || *en.Comment != "hi" || *en.SkbMark != 1<<32|0xf ||
		*en.SkbPrio != 0x10002 || *en.SkbQueue != 3 || en.Flags != ipset.FlagNoMatch {
		t.Fatalf("entry %+v", en)
	}
	for args, want := range map[string]string{
		"timeout":           "Missing mandatory argument of option `timeout'",
		"timeout 1 timeout": "Syntax error: timeout already specified",
		"bogus":             "Unknown argument: `bogus'",
		"timeout x":         "Syntax error: 'x' is invalid as number",
		"timeout 2147484":   "Syntax error: '2147484' is out of range 0-2147483",
		"skbmark 5":         "Syntax error: Invalid skbmark format, it should be:  MARK/MASK or MARK (see manpage)",
		"skbprio 5":         "Syntax error: Invalid skbprio format, it should be:MAJOR:MINOR (see manpage)",
		`comment a"b`:       `Syntax error: " character is not permitted in comments`,
	} {
		err := parseADTOptions(ti, ti.Revision, ipset.CmdAdd, strings.Fields(args), &ipset.Entry{})
		if err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", args, err, want)
		}
	}
	if err := parseADTOptions(ti, ti.Revision, ipset.CmdDel, []string{"timeout", "5"}, &ipset.Entry{}); err == nil || err.Error() != "Unknown argument: `timeout'" {
		t.Errorf("del with timeout: %v", err)
	}
}

func TestParseCreateOptions(t *testing.T) {
	ti, _ := ipset.LookupType("hash:ip")
	s := &ipset.Set{Family: ipset.FamilyINET}
	err := parseCreateOptions(ti, ti.Revision, strings.Fields("family inet6 hashsize 64 maxelem 10 netmask 64 timeout 5 counters comment skbinfo forceadd bucketsize 4 initval 0x1234"), s)
	if err != nil {
		t.Fatal(err)
	}
	if s.Family != ipset.FamilyINET6 || *s.HashSize != 64 || *s.MaxElem != 10 || *s.Netmask != 64 || *s.Timeout != 5 ||
		s.Flags != ipset.FlagWithCounters|ipset.FlagWithComment|ipset.FlagWithSkbInfo|ipset.FlagWithForceAdd ||
		*s.BucketSize != 4 || *s.InitVal != 0x1234 {
		t.Fatalf("set %+v", s)
	}
	bi, _ := ipset.LookupType("bitmap:ip")
	if err := parseCreateOptions(bi, bi.Revision, nil, &ipset.Set{}); err == nil || err.Error() != "Mandatory option `range' is missing" || statusOf(err) != 2 {
		t.Errorf("bitmap:ip without range: %v", err)
	}
	bp, _ := ipset.LookupType("bitmap:port")
	s = &ipset.Set{}
	if err := parseCreateOptions(bp, bp.Revision, []string{"range", "1-1024"}, s); err != nil || *s.PortFrom != 1 || *s.PortTo != 1024 {
		t.Errorf("bitmap:port range: %v %+v", err, s)
	}
	if err := parseCreateOptions(ti, ti.Revision, []string{"netmask", "33"}, &ipset.Set{Family: ipset.FamilyINET}); err == nil ||
		err.Error() != "Syntax error: '33' is out of range 1-32\nSyntax error: netmask is out of the inclusive range of 1-32" {
		t.Errorf("netmask 33: %v", err)
	}
}

func TestCompareMembers(t *testing.T) {
	// Orders ipset -s prints (checked against ipset in the netns tier).
	sorted := []string{
		"10.0.0.2\n", "10.0.0.10\n", "10.0.1.0/24\n", "10.0.1.0/16\n", "10.1.0.0\n",
		"2001:db8::1\n", "2001:db8:1::1\n",
	}
	for i := 1; i < len(sorted); i++ {
		if c := compareMembers(sorted[i-1], sorted[i], 0); c >= 0 {
			t.Errorf("compare(%q, %q) = %d, want < 0", sorted[i-1], sorted[i], c)
		}
		if c := compareMembers(sorted[i], sorted[i-1], 0); c <= 0 {
			t.Errorf("compare(%q, %q) = %d, want > 0", sorted[i], sorted[i-1], c)
		}
	}
	// Tokens: shorter first, then bytes.
	if compareMembers("1.2.3.4,tcp:80\n", "1.2.3.4,icmp:1\n", 0) >= 0 {
		t.Error("tcp should sort before icmp (shorter token)")
	}
	if compareMembers("add s 1.0.0.2\n", "add s 1.0.0.10\n", len("add s ")) >= 0 {
		t.Error("save prefix not skipped")
	}
	if compareMembers("x\n", "x\n", 0) != 0 {
		t.Error("equal lines")
	}
}

func TestSplitWords(t *testing.T) {
	w, err := splitWords(`add s 1.2.3.4 comment "two  words" timeout 5`, false)
	if err != nil || !slices.Equal(w, []string{"add", "s", "1.2.3.4", "comment", "two  words", "timeout", "5"}) {
		t.Fatalf("%q %v", w, err)
	}
	if w, err := splitWords(`add s x comment "open`, true); err != nil || !slices.Equal(w, []string{"add", "s", "x", "comment"}) {
		t.Fatalf("open quote before newline: %q %v", w, err)
	}
	if _, err := splitWords(`add s x comment "open`, false); err == nil || err.Error() != "Missing close quote!" {
		t.Fatalf("open quote at end: %v", err)
	}
}

func TestScanHex(t *testing.T) {
	for in, want := range map[string]uint64{"0x10": 16, "0xff/0x1": 255, "0X1g": 1} {
		if v, _, ok := scanHex(in, true); !ok || v != want {
			t.Errorf("scanHex(%q) = %d, %v", in, v, ok)
		}
	}
	if _, _, ok := scanHex("10", true); ok {
		t.Error("prefix required")
	}
	if v, rest, ok := scanHex("a:2", false); !ok || v != 10 || rest != ":2" {
		t.Errorf("scanHex(a:2) = %d %q %v", v, rest, ok)
	}
}

func TestParserResolvesHostNames(t *testing.T) {
	var warnings []string
	p := &parser{
		warn: func(m string) { warnings = append(warnings, m) },
		lookup: func(_ context.Context, network, host string) ([]netip.Addr, error) {
			switch host {
			case "one":
				return []netip.Addr{netip.MustParseAddr("192.0.2.1")}, nil
			case "multi":
				return []netip.Addr{netip.MustParseAddr("192.0.2.2"), netip.MustParseAddr("192.0.2.3"), netip.MustParseAddr("2001:db8::1")}, nil
			case "six":
				return []netip.Addr{netip.MustParseAddr("2001:db8::6")}, nil
			}
			return nil, errors.New("no such host")
		},
	}
	ti, _ := ipset.LookupType("hash:ip")
	for in, want := range map[string]string{"one": "192.0.2.1", "multi": "192.0.2.2", "one/24": "192.0.2.1/24"} {
		en, err := p.elem(ti, ipset.FamilyINET, in)
		if err != nil || formatElem(ti, en) != want {
			t.Errorf("%q: %v %v, want %s", in, en, err, want)
		}
	}
	if len(warnings) != 1 || warnings[0] != "Warning: multi resolves to multiple addresses: using only the first one returned by the resolver." {
		t.Errorf("warnings %q", warnings)
	}
	for _, in := range []string{"six", "nosuch", "bad_name!", "1.2.3.4.5"} {
		if _, err := p.elem(ti, ipset.FamilyINET, in); err == nil || err.Error() != "Syntax error: cannot parse "+in+": resolving to IPv4 address failed" {
			t.Errorf("%q: %v", in, err)
		}
	}
	if en, err := p.elem(ti, ipset.FamilyINET6, "six"); err != nil || formatElem(ti, en) != "2001:db8::6" {
		t.Errorf("six in inet6: %v %v", en, err)
	}
}
