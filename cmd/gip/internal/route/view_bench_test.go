package route

import (
	"io"
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// benchRoutes are the kind of routes a large table holds: on-link ones
// (what bench/gip-route adds) and ones through a gateway.
func benchRoutes() []rtnl.Route {
	metric := uint32(100)
	var rs []rtnl.Route
	for i := range 1000 {
		a := netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 0})
		r := rtnl.Route{Family: unix.AF_INET, Dst: netip.PrefixFrom(a, 24), Table: unix.RT_TABLE_MAIN,
			Protocol: unix.RTPROT_BOOT, Scope: unix.RT_SCOPE_LINK, Type: unix.RTN_UNICAST, OIF: 1}
		if i%2 == 1 {
			r.Scope, r.Gateway, r.Priority = unix.RT_SCOPE_UNIVERSE, netip.MustParseAddr("192.0.2.2"), &metric
		}
		rs = append(rs, r)
	}
	return rs
}

// benchmarkShow prints 1000 routes an op.
func benchmarkShow(b *testing.B, g env.Global) {
	e := &env.Env{G: &g, Stdout: io.Discard}
	e.Links().Add(&rtnl.Link{Index: 1, Name: "lo"})
	rs := benchRoutes()
	// One writer for the whole run, as one command prints a whole table.
	w := newWriter(e, nil)
	b.ReportAllocs()
	for b.Loop() {
		for i := range rs {
			if err := w.write(&rs[i], false); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.finish(); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkShowText(b *testing.B) { benchmarkShow(b, env.Global{}) }
func BenchmarkShowJSON(b *testing.B) { benchmarkShow(b, env.Global{JSON: true}) }
