package monitor

import (
	"net/netip"
	"sort"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// routeData is the message data of a route as the kernel would report it,
// with raw attributes appended (cache info, expiry).
func routeData(t testing.TB, r rtnl.Route, extra ...[2]any) []byte {
	t.Helper()
	b, err := r.AppendRequest(nil, rtnl.RouteAdd)
	if err != nil {
		t.Fatal(err)
	}
	e := nl.NewAttrEncoder(b)
	for _, x := range extra {
		e.Bytes(x[0].(uint16), x[1].([]byte))
	}
	b, err = e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func via(dst, gw string, oif int32, metric uint32) rtnl.Route {
	return rtnl.Route{Dst: netip.MustParsePrefix(dst), Gateway: netip.MustParseAddr(gw), OIF: oif, Priority: &metric}
}

// dsts lists the destinations of routes, sorted.
func dsts(t *testing.T, rs []viewRoute) []string {
	var out []string
	for _, r := range rs {
		var rt rtnl.Route
		if err := rtnl.DecodeRoute(nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE}, Data: []byte(r.data)}, &rt); err != nil {
			t.Fatal(err)
		}
		out = append(out, rt.Dst.String()+" "+rt.Gateway.String())
	}
	sort.Strings(out)
	return out
}

func TestNormalizeDropsWhatChangesByItself(t *testing.T) {
	r := via("2001:db8::/64", "fe80::1", 2, 1024)
	plain := routeData(t, r)
	aged := routeData(t, r, [2]any{uint16(unix.RTA_CACHEINFO), make([]byte, 32)}, [2]any{uint16(rtaExpires), []byte{1, 0, 0, 0}})
	if normalize(string(aged)) != string(plain) {
		t.Errorf("normalize kept the cache info or the expiry: %x, want %x", normalize(string(aged)), plain)
	}
	if n := normalize(string(plain)); n != string(plain) {
		t.Errorf("normalize changed a route without them: %x", n)
	}
}

func TestIdentity(t *testing.T) {
	a := routeData(t, via("10.9.0.0/16", "10.0.0.2", 2, 5))
	for _, c := range []struct {
		name string
		r    rtnl.Route
		same bool
	}{
		{"another gateway", via("10.9.0.0/16", "10.0.0.3", 3, 5), true},
		{"another metric", via("10.9.0.0/16", "10.0.0.2", 2, 6), false},
		{"another prefix", via("10.9.0.0/24", "10.0.0.2", 2, 5), false},
		{"another table", func() rtnl.Route { r := via("10.9.0.0/16", "10.0.0.2", 2, 5); r.Table = 100; return r }(), false},
		{"another TOS", func() rtnl.Route { r := via("10.9.0.0/16", "10.0.0.2", 2, 5); r.TOS = 4; return r }(), false},
	} {
		if got := identity(a) == identity(routeData(t, c.r)); got != c.same {
			t.Errorf("%s: same identity %v, want %v", c.name, got, c.same)
		}
	}
}

func TestRouteViewAddRemove(t *testing.T) {
	v := newRouteView()
	r1 := routeData(t, via("10.9.0.0/16", "10.0.0.2", 2, 0))
	r2 := routeData(t, via("10.9.0.0/16", "10.0.0.3", 2, 0)) // appended
	r3 := routeData(t, via("10.9.0.0/16", "10.0.0.4", 2, 0)) // replaces r1
	if got := v.add(r1, nl.Create|nl.Excl); got != nil {
		t.Fatalf("a new route replaced %v", got)
	}
	if got := v.add(r2, nl.Create|nl.Append); got != nil {
		t.Fatalf("an appended route replaced %v", got)
	}
	if got := v.add(r1, 0); got != nil {
		t.Fatalf("a route announced again replaced %v", got)
	}
	got := v.add(r3, nl.Create|nl.Replace)
	if d := dsts(t, got); len(d) != 1 || d[0] != "10.9.0.0/16 10.0.0.2" {
		t.Fatalf("replace replaced %v, want the first route", d)
	}
	v.remove(r2)
	all := v.byID[identity(r1)]
	if d := dsts(t, all); len(d) != 1 || d[0] != "10.9.0.0/16 10.0.0.4" {
		t.Fatalf("after the deletion the view holds %v", d)
	}
	v.remove(r3)
	if len(v.byID) != 0 {
		t.Fatalf("the view still holds %d identities", len(v.byID))
	}
}

func TestRouteViewDiff(t *testing.T) {
	stays := routeData(t, via("10.1.0.0/16", "10.0.0.2", 2, 0))
	gone := routeData(t, via("10.2.0.0/16", "10.0.0.2", 3, 0))
	old := routeData(t, via("10.3.0.0/16", "10.0.0.2", 3, 0))
	changed := via("10.3.0.0/16", "10.0.0.2", 3, 0)
	changed.Flags = unix.RTNH_F_LINKDOWN
	v, now := newRouteView(), newRouteView()
	for _, r := range [][]byte{stays, gone, old} {
		v.add(r, 0)
	}
	for _, r := range [][]byte{stays, routeData(t, changed)} {
		now.add(r, 0)
	}
	g, c := v.diff(now)
	if d := dsts(t, g); len(d) != 2 || d[0] != "10.2.0.0/16 10.0.0.2" || d[1] != "10.3.0.0/16 10.0.0.2" {
		t.Errorf("gone %v, want 10.2.0.0/16 and the old 10.3.0.0/16", d)
	}
	if d := dsts(t, c); len(d) != 1 || d[0] != "10.3.0.0/16 10.0.0.2" {
		t.Errorf("come %v, want the new 10.3.0.0/16", d)
	}
	if g, c := v.diff(now); len(g)+len(c) != 0 {
		t.Errorf("a second diff with the same listing found %d gone, %d come", len(g), len(c))
	}
}

// FuzzRouteView feeds arbitrary route messages to the view: it must not
// panic, and a route added then removed leaves nothing.
func FuzzRouteView(f *testing.F) {
	f.Add(routeData(f, via("10.9.0.0/16", "10.0.0.2", 2, 5)))
	f.Add(routeData(f, via("2001:db8::/64", "fe80::1", 2, 1024), [2]any{uint16(unix.RTA_CACHEINFO), make([]byte, 32)}))
	f.Add([]byte{2, 24, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0, 4, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if !viewed(data) {
			return
		}
		v := newRouteView()
		v.add(data, nl.Replace)
		v.add(data, 0)
		v.remove(data)
		if len(v.byID) != 0 {
			t.Fatalf("a route added and removed stays: %x", data)
		}
		v.diff(newRouteView())
	})
}
