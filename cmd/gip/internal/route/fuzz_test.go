package route

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The ROUTE grammar never panics, whatever the words; what it accepts
// encodes into a request unless its families disagree.
func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{
		"10.1.0.0/16 via 192.0.2.2 dev veth0 metric 100",
		"10.3.0.0/16 nexthop via 192.0.2.2 weight 1 nexthop via 198.51.100.2 weight 2",
		"prohibit 10.68.0.0/16 metric 7",
		"10.5.0.0/16 via inet6 fe80::1 dev veth0 rtt 10 rttvar 2s window lock 5 congctl cubic quickack 1 features ecn realms 3/4",
		"10.0.0.0/8 nexthop via 1.2.3.4 dev x weight 3 nexthop via inet6 fe80::1 onlink",
		"default via 2001:db8::1 mtu lock 1300 rtt 3s rto_min 1.5ms encap mpls 100/200 ttl 3",
	} {
		f.Add(s)
	}
	names := env.NewNames(false)
	f.Fuzz(func(t *testing.T, line string) {
		for _, op := range []rtnl.RouteOp{rtnl.RouteAdd, rtnl.RouteDelete} {
			s, err := ParseSpec(strings.Fields(line), op, unix.AF_UNSPEC, names)
			if err != nil {
				continue
			}
			if s.Route.Family == unix.AF_UNSPEC {
				t.Fatalf("%q: no family after parsing", line)
			}
			s.Message(false, nil) // mixed families are the encoder's to refuse
		}
	})
}

// The SELECTOR and route get grammars never panic, and a filter that
// parses can test any route.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"table all", "table 100 proto static", "root 10.0.0.0/8", "match 10.3.1.1", "exact 10.3.0.0/16",
		"via 192.0.2.2", "src 192.0.2.1 tos 0x10", "10.3.1.1 from 192.0.2.1", "fibmatch 10.3.1.1 mark 5",
	} {
		f.Add(s)
	}
	names := env.NewNames(false)
	f.Fuzz(func(t *testing.T, line string) {
		words := strings.Fields(line)
		if fl, err := parseFilter(words, unix.AF_UNSPEC, names); err == nil {
			for _, r := range []rtnl.Route{{Family: unix.AF_INET}, {Family: unix.AF_INET6, Table: 100}, {Family: unix.AF_MPLS}} {
				fl.match(&r)
			}
			fl.kernelFilter()
		}
		parseGet(words, unix.AF_UNSPEC, names)
	})
}
