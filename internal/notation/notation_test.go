package notation

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// render writes items in a notation: "ADDR" items are bare addresses,
// "ADDR/LEN" networks.
func render(o Options, items ...string) (string, error) {
	var b strings.Builder
	w, err := New(&b, o)
	if err != nil {
		return "", err
	}
	for _, s := range items {
		if strings.Contains(s, "/") {
			w.Network(ipaddress.MustParseNetwork(s))
		} else {
			w.Address(ipaddress.MustParseAddress(s))
		}
	}
	err = w.End()
	return b.String(), err
}

// both is a list of both families, IPv4 first, with a /0 and hosts of each.
var both = []string{"0.0.0.0/0", "10.0.0.0/24", "10.0.1.5", "::/0", "2001:db8::/32", "2001:db9::1/128"}

// The exact text of every notation, golden.
func TestNotationText(t *testing.T) {
	tests := []struct {
		o     Options
		items []string
		want  string
	}{
		{Options{Notation: Plain}, both, "0.0.0.0/0\n10.0.0.0/24\n10.0.1.5\n::/0\n2001:db8::/32\n2001:db9::1/128\n"},
		{Options{Notation: Plain}, []string{"fe80::%eth0/64", "fe80::1%eth0"}, "fe80::%eth0/64\nfe80::1%eth0\n"},
		{Options{Notation: Netmask}, []string{"10.0.0.0/24", "2001:db8::/32"}, "10.0.0.0/255.255.255.0\n2001:db8::/ffff:ffff::\n"},
		{Options{Notation: Hostmask}, []string{"10.0.0.0/24", "10.0.1.5"}, "10.0.0.0/0.0.0.255\n10.0.1.5/0.0.0.0\n"},
		{Options{Notation: JSON}, nil, "[]\n"},
		{Options{Notation: JSON}, []string{"10.0.0.0/24", "10.0.0.1", `fe80::%a"b/64`}, "[\n  \"10.0.0.0/24\",\n  \"10.0.0.1\",\n  \"fe80::%a\\\"b/64\"\n]\n"},

		{Options{Notation: Cisco}, both, `0.0.0.0 255.255.255.255
10.0.0.0 0.0.0.255
host 10.0.1.5
::/0
2001:db8::/32
host 2001:db9::1
`},
		{Options{Notation: Cisco}, []string{"fe80::1%eth0"}, "host fe80::1\n"},
		{Options{Notation: Cisco, Name: "PL"}, both, `ip prefix-list PL seq 5 permit 0.0.0.0/0
ip prefix-list PL seq 10 permit 10.0.0.0/24
ip prefix-list PL seq 15 permit 10.0.1.5/32
ipv6 prefix-list PL seq 5 permit ::/0
ipv6 prefix-list PL seq 10 permit 2001:db8::/32
ipv6 prefix-list PL seq 15 permit 2001:db9::1/128
`},
		{Options{Notation: Cisco, Name: "V6", Action: "deny"}, []string{"2001:db8::/32"}, "ipv6 prefix-list V6 seq 5 deny 2001:db8::/32\n"},
		{Options{Notation: Cisco, Name: "EMPTY"}, nil, ""},

		{Options{Notation: CiscoACL}, both, `permit any
permit 10.0.0.0 0.0.0.255
permit host 10.0.1.5
permit ipv6 any any
permit ipv6 2001:db8::/32 any
permit ipv6 host 2001:db9::1 any
`},
		{Options{Notation: CiscoACL, Name: "10", Action: "deny"}, []string{"10.0.0.0/8", "192.0.2.1"}, `access-list 10 deny 10.0.0.0 0.255.255.255
access-list 10 deny host 192.0.2.1
`},
		{Options{Notation: CiscoACL, Name: "1300"}, []string{"10.0.0.0/8"}, "access-list 1300 permit 10.0.0.0 0.255.255.255\n"},
		{Options{Notation: CiscoACL, Name: "BLOCK"}, both, `ip access-list standard BLOCK
 permit any
 permit 10.0.0.0 0.0.0.255
 permit host 10.0.1.5
ipv6 access-list BLOCK
 permit ipv6 any any
 permit ipv6 2001:db8::/32 any
 permit ipv6 host 2001:db9::1 any
`},
		{Options{Notation: CiscoACL, Name: "EMPTY"}, nil, "ip access-list standard EMPTY\n"},

		{Options{Notation: Juniper}, []string{"10.0.0.0/24", "10.0.1.5", "fe80::%eth0/64"}, "10.0.0.0/24;\n10.0.1.5/32;\nfe80::/64;\n"},
		{Options{Notation: Juniper, Name: "BOGONS"}, []string{"10.0.0.0/24", "2001:db8::/32"}, `prefix-list BOGONS {
    10.0.0.0/24;
    2001:db8::/32;
}
`},
		{Options{Notation: Juniper, Name: "EMPTY"}, nil, "prefix-list EMPTY {\n}\n"},

		{Options{Notation: Iptables}, []string{"10.0.0.0/24", "10.0.1.5"}, "10.0.0.0/24\n10.0.1.5/32\n"},
		{Options{Notation: Iptables, Name: "INPUT"}, []string{"10.0.0.0/24"}, "-A INPUT -s 10.0.0.0/24 -j ACCEPT\n"},
		{Options{Notation: Iptables, Name: "FWD", Action: "DROP"}, []string{"10.0.0.0/24"}, "-A FWD -s 10.0.0.0/24 -j DROP\n"},

		{Options{Notation: Nft, Name: "S"}, both, `set S {
	type ipv4_addr
	flags interval
	auto-merge
	elements = {
		0.0.0.0/0,
		10.0.0.0/24,
		10.0.1.5
	}
}
set S6 {
	type ipv6_addr
	flags interval
	auto-merge
	elements = {
		::/0,
		2001:db8::/32,
		2001:db9::1
	}
}
`},
		{Options{Notation: Nft, Name: "S"}, []string{"2001:db8::/32"}, "set S {\n\ttype ipv6_addr\n\tflags interval\n\tauto-merge\n\telements = {\n\t\t2001:db8::/32\n\t}\n}\n"},
		{Options{Notation: Nft, Name: "S"}, nil, "set S {\n\ttype ipv4_addr\n\tflags interval\n\tauto-merge\n}\n"},
		{Options{Notation: Nft, Name: "inet  filter S"}, []string{"10.0.0.0/24", "2001:db8::/32"}, `add element inet filter S { 10.0.0.0/24 }
add element inet filter S6 { 2001:db8::/32 }
`},
		{Options{Notation: Nft, Name: "filter S"}, []string{"10.0.0.0/24", "10.0.0.1"}, "add element filter S { 10.0.0.0/24 }\nadd element filter S { 10.0.0.1 }\n"},

		{Options{Notation: Ipset, Name: "S"}, both, `create S hash:net family inet
add S 0.0.0.0/1
add S 128.0.0.0/1
add S 10.0.0.0/24
add S 10.0.1.5/32
create S6 hash:net family inet6
add S6 ::/1
add S6 8000::/1
add S6 2001:db8::/32
add S6 2001:db9::1/128
`},
		{Options{Notation: Ipset, Name: "S"}, []string{"2001:db8::/32"}, "create S hash:net family inet6\nadd S 2001:db8::/32\n"},
		{Options{Notation: Ipset, Name: "S"}, nil, "create S hash:net family inet\n"},

		{Options{Notation: Bird, Name: "S"}, both, `define S = [
	0.0.0.0/0,
	10.0.0.0/24,
	10.0.1.5/32
];
define S6 = [
	::/0,
	2001:db8::/32,
	2001:db9::1/128
];
`},
		{Options{Notation: Bird, Name: "S"}, nil, "define S = [];\n"},
	}
	for _, tt := range tests {
		got, err := render(tt.o, tt.items...)
		if err != nil || got != tt.want {
			t.Errorf("%+v %q:\n%s(err %v), want\n%s", tt.o, tt.items, got, err, tt.want)
		}
	}
}

// An ipset list longer than hash:net's default maxelem says how long it is;
// one longer than the Writer holds says the largest maxelem.
func TestIpsetMaxelem(t *testing.T) {
	nets := func(n int) []string {
		s := make([]string, n)
		for i := range s {
			s[i] = fmt.Sprintf("10.%d.%d.0/24", i>>8&255, i&255)
		}
		return s
	}
	out, err := render(Options{Notation: Ipset, Name: "S"}, nets(ipsetDefaultMaxelem)...)
	if first, _, _ := strings.Cut(out, "\n"); err != nil || first != "create S hash:net family inet" {
		t.Errorf("65536 entries: header %q, %v", first, err)
	}
	out, err = render(Options{Notation: Ipset, Name: "S"}, append(nets(ipsetDefaultMaxelem), "0.0.0.0/0")...)
	if first, _, _ := strings.Cut(out, "\n"); err != nil || first != "create S hash:net family inet maxelem 65538" {
		t.Errorf("65536 entries and a /0: header %q, %v", first, err)
	}
	defer func(n int) { holdLimit = n }(holdLimit)
	holdLimit = 100
	out, err = render(Options{Notation: Ipset, Name: "S"}, nets(10)...)
	if first, _, _ := strings.Cut(out, "\n"); err != nil || first != "create S hash:net family inet maxelem 4294967295" ||
		strings.Count(out, "\nadd S ") != 10 {
		t.Errorf("entries beyond the hold limit:\n%s(err %v)", out, err)
	}
}

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		o    Options
		want string
	}{
		{Options{Notation: "xml"}, `unknown format "xml" (want one of plain, cisco, cisco-acl, juniper, iptables, nft, ipset, bird, netmask, hostmask, json)`},
		{Options{Notation: Plain, Name: "X"}, "--name does not apply to -o plain"},
		{Options{Notation: JSON, Action: "deny"}, "--action does not apply to -o json"},
		{Options{Notation: Juniper, Action: "deny"}, "--action does not apply to -o juniper"},
		{Options{Notation: Nft}, "-o nft needs --name"},
		{Options{Notation: Ipset}, "-o ipset needs --name"},
		{Options{Notation: Bird}, "-o bird needs --name"},
		{Options{Notation: Cisco, Name: "PL", Action: "ACCEPT"}, `invalid action "ACCEPT" for -o cisco (want permit or deny)`},
		{Options{Notation: Cisco, Action: "deny"}, "--action applies to -o cisco with --name"},
		{Options{Notation: Iptables, Action: "DROP"}, "--action applies to -o iptables with --name"},
		{Options{Notation: CiscoACL, Name: "100"}, "access list 100: a numbered standard access list is 1-99 or 1300-1999"},
		{Options{Notation: Cisco, Name: "a b"}, `invalid list name "a b": only printable characters, no spaces`},
		{Options{Notation: Juniper, Name: "a;b"}, `invalid prefix-list name "a;b": no ; { } quotes or #`},
		{Options{Notation: Iptables, Name: "-X"}, `invalid chain name "-X"`},
		{Options{Notation: Iptables, Name: strings.Repeat("c", 29)}, `chain name "` + strings.Repeat("c", 29) + `" is longer than 28 characters`},
		{Options{Notation: Iptables, Name: "IN", Action: "A B"}, `invalid action "A B": only printable characters, no spaces`},
		{Options{Notation: Ipset, Name: strings.Repeat("s", 31)}, `set name "` + strings.Repeat("s", 31) + `6" is longer than 31 characters (the IPv6 list is ` + strings.Repeat("s", 31) + "6)"},
		{Options{Notation: Bird, Name: "1x"}, `invalid BIRD symbol "1x": letters, digits and _, not starting with a digit`},
		{Options{Notation: Nft, Name: "foo inet t s"}, `invalid nftables set "foo inet t s" (want SET, TABLE SET or FAMILY TABLE SET)`},
		{Options{Notation: Nft, Name: "inett t s"}, `invalid nftables family "inett" (want ip, ip6, inet, arp, bridge, netdev)`},
		{Options{Notation: Nft, Name: "t s{"}, `invalid nftables name "s{" (letters, digits and / \ - _ . after a letter, _ or .)`},
	}
	for _, tt := range tests {
		_, err := New(&strings.Builder{}, tt.o)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%+v: %v, want %s", tt.o, err, tt.want)
		}
	}
}

// Every notation has a summary for help.
func TestSummaries(t *testing.T) {
	for _, n := range Names() {
		if Summary(n) == "" {
			t.Errorf("%s has no summary", n)
		}
	}
}
