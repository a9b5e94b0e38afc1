package ipaddress_test

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/internal/ipaddress"
)

func ExampleParseNetwork() {
	for _, s := range []string{"192.0.2.0/24", "192.0.2.0/255.255.255.0", "192.0.2.0/0.0.0.255", "192.0.2.7/24", "192.0.2.0/33"} {
		n, err := ipaddress.ParseNetwork(s, true)
		switch {
		case errors.Is(err, ipaddress.ErrHostBitsSet):
			fmt.Println("host bits:", err)
		case errors.Is(err, ipaddress.ErrInvalidNetmask):
			fmt.Println("netmask:", err.(*ipaddress.ParseError).Detail)
		case err != nil:
			fmt.Println(err)
		default:
			fmt.Println(n, n.NumAddresses())
		}
	}
	// Output:
	// 192.0.2.0/24 256
	// 192.0.2.0/24 256
	// 192.0.2.0/24 256
	// host bits: 192.0.2.7/24 has host bits set
	// netmask: '33' is not a valid netmask
}

func ExampleCollapse() {
	var nets []ipaddress.Network
	for _, s := range []string{"2001:db8::/33", "192.0.2.128/25", "2001:db8:8000::/33", "192.0.2.0/25", "198.51.100.7"} {
		nets = append(nets, ipaddress.MustParseNetwork(s))
	}
	for _, n := range ipaddress.Collapse(nets) {
		fmt.Println(n)
	}
	// Output:
	// 192.0.2.0/24
	// 198.51.100.7/32
	// 2001:db8::/32
}

func ExampleNetwork_Hosts() {
	for h := range ipaddress.MustParseNetwork("10.0.0.0/8").Hosts() {
		fmt.Println(h) // the iterator generates hosts one at a time
		if h.String() == "10.0.0.3" {
			break
		}
	}
	// Output:
	// 10.0.0.1
	// 10.0.0.2
	// 10.0.0.3
}

func ExampleSummarizeRange() {
	seq, _ := ipaddress.SummarizeRange(ipaddress.MustParseAddress("192.0.2.0"), ipaddress.MustParseAddress("192.0.2.130"))
	for n := range seq {
		fmt.Println(n)
	}
	// Output:
	// 192.0.2.0/25
	// 192.0.2.128/31
	// 192.0.2.130/32
}

func ExampleExclude() {
	keep := []ipaddress.Network{ipaddress.MustParseNetwork("10.0.0.0/24")}
	drop := []ipaddress.Network{ipaddress.MustParseNetwork("10.0.0.64/26"), ipaddress.MustParseNetwork("10.0.0.255")}
	for n := range ipaddress.Exclude(keep, drop) {
		fmt.Println(n)
	}
	// Output:
	// 10.0.0.0/26
	// 10.0.0.128/26
	// 10.0.0.192/27
	// 10.0.0.224/28
	// 10.0.0.240/29
	// 10.0.0.248/30
	// 10.0.0.252/31
	// 10.0.0.254/32
}

func ExampleAddress_properties() {
	for _, s := range []string{"192.0.0.9", "100.64.0.1", "::ffff:10.0.0.1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"} {
		a := ipaddress.MustParseAddress(s)
		fmt.Println(a, "private:", a.IsPrivate(), "global:", a.IsGlobal())
	}
	// Output:
	// 192.0.0.9 private: false global: true
	// 100.64.0.1 private: false global: false
	// ::ffff:10.0.0.1 private: true global: false
	// 2001:0:4136:e378:8000:63bf:3fff:fdd2 private: true global: false
}
