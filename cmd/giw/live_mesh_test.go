package main

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// TestLiveMesh makes two radios in two namespaces join one mesh with giw:
// the station's radio and a mesh interface on the access point's radio
// (which shares the access point's channel). They peer, find a path, a
// ping crosses; mesh parameters, paths and errors read as with iw.
func TestLiveMesh(t *testing.T) {
	f := wifi.Start(t)
	a, b := f.StationNetNS, f.APNetNS
	aIf, bIf := f.StationIface, "gipmesh0"
	const bAddr = "02:00:00:00:0c:01"
	if _, errs, code := iw(t, b, "phy", f.APPhy, "interface", "add", bIf, "type", "mp"); code != 0 {
		t.Fatalf("iw interface add: exit %d: %s", code, errs)
	}
	ipOK(t, "-n", b, "link", "set", bIf, "address", bAddr)
	ipOK(t, "-n", a, "link", "set", aIf, "down")
	giwOK(t, a, "dev", aIf, "set", "type", "mp")
	for _, s := range []struct{ ns, dev, addr string }{{a, aIf, "10.69.0.1/24"}, {b, bIf, "10.69.0.2/24"}} {
		ipOK(t, "-n", s.ns, "link", "set", s.dev, "up")
		ipOK(t, "-n", s.ns, "addr", "add", s.addr, "dev", s.dev)
	}

	t.Run("params-before-join", func(t *testing.T) {
		sameAsIw(t, a, nil, "dev", aIf, "mesh_param", "dump")
		sameAsIw(t, a, nil, "dev", aIf, "get", "mesh_param", "mesh_hwmp_rootmode")
		sameAsIw(t, a, nil, "dev", aIf, "get", "mesh_param", "mesh_retry_timeout")
		sameAsIw(t, a, nil, "dev", aIf, "get", "mesh_param", "bogus")
		sameAsIw(t, a, nil, "dev", aIf, "set", "mesh_param", "mesh_hwmp_rootmode=2") // not joined: ENOLINK
		sameAsIw(t, a, nil, "dev", aIf, "set", "mesh_param", "mesh_hwmp_rootmode=x")
		sameAsIw(t, a, nil, "dev", aIf, "set", "mesh_param", "bogus=1")
		sameAsIw(t, a, nil, "dev", aIf, "set", "mesh_param", "mesh_hwmp_rootmode")
		sameListing(t, a, "dev", aIf, "get", "mesh_param")
		sameListing(t, a, "dev", aIf, "set", "mesh_param")
		for _, v := range []string{"mesh_fwding=2", "mesh_rssi_threshold=5", "mesh_power_mode=x", "mesh_retry_timeout=70000",
			"mesh_plink_timeout=x", "mesh_ttl=-1", "mesh_rssi_threshold=x"} {
			sameAsIw(t, a, nil, "dev", aIf, "set", "mesh_param", v)
		}
		var m map[string]any
		giwJSON(t, a, &m, "dev", aIf, "mesh_param", "dump")
		if m["mesh_ttl"] != float64(31) || m["mesh_power_mode"] != "active" {
			t.Errorf("mesh_param dump JSON: %v", m)
		}
	})

	t.Run("join", func(t *testing.T) {
		giwOK(t, a, "dev", aIf, "mesh", "join", "gipmesh", "freq", "2412", "HT20", "basic-rates", "1,2", "mcast-rate", "6",
			"beacon-interval", "200", "dtim-period", "3", "vendor_sync", "off", "mesh_fwding=1")
		// The access point's radio beacons every 100 TU; a mesh beside it
		// must too (hwsim allows no mixed intervals). Peers must share
		// the basic rates.
		giwOK(t, b, "dev", bIf, "mesh", "join", "gipmesh", "freq", "2412", "HT20", "basic-rates", "1,2", "beacon-interval", "100")
		waitPeer(t, a, aIf, bAddr)
		waitPeer(t, b, bIf, f.StationAddr.String())
		pingOK(t, a, "10.69.0.2")
		pingOK(t, b, "10.69.0.1")
		sameAsIw(t, a, nil, "dev", aIf, "info")
		sameAsIw(t, a, maskNumbers, "dev", aIf, "station", "dump")
		mp := sameAsIw(t, a, maskNumbers, "dev", aIf, "mpath", "dump")
		if !strings.Contains(mp, maskNumbers(bAddr+" "+bAddr+" "+aIf)) {
			t.Errorf("mpath dump shows no path to %s:\n%s", bAddr, mp)
		}
		var ps []mpathJSON
		giwJSON(t, a, &ps, "dev", aIf, "mpath", "dump")
		if len(ps) == 0 || ps[0].Dst != bAddr || ps[0].NextHop != bAddr || ps[0].Metric == nil {
			t.Errorf("mpath JSON: %+v", ps)
		}
		sameAsIw(t, a, maskNumbers, "dev", aIf, "mpath", "get", bAddr)
		sameAsIw(t, a, nil, "dev", aIf, "mpath", "get", "02:00:00:00:09:00")
		sameAsIw(t, a, nil, "dev", aIf, "mpp", "dump")
		sameAsIw(t, a, nil, "dev", aIf, "mpp", "get", bAddr)
		sameAsIw(t, a, nil, "dev", aIf, "mesh_param", "dump")
		setReadsBack(t, a, []string{"dev", aIf, "get", "mesh_param", "mesh_hwmp_rootmode"}, nil, "dev", aIf, "set", "mesh_param", "mesh_hwmp_rootmode=2")
		setReadsBack(t, a, []string{"dev", aIf, "mesh_param", "dump"}, nil, "dev", aIf, "set", "mesh_param", "mesh_ttl=20", "mesh_rssi_threshold=-80")
		sameAsIw(t, a, nil, "dev", aIf, "set", "mcast_rate", "12")
	})

	t.Run("mpath", func(t *testing.T) {
		const dst = "02:00:00:00:05:00"
		setReadsBack(t, a, []string{"dev", aIf, "mpath", "get", dst}, keepLines(dst), "dev", aIf, "mpath", "new", dst, "next_hop", bAddr)
		sameAsIw(t, a, nil, "dev", aIf, "mpath", "set", dst, "next_hop", bAddr)
		giwOK(t, a, "dev", aIf, "mpath", "del", dst)
		sameAsIw(t, a, nil, "dev", aIf, "mpath", "del", dst)
		sameAsIw(t, a, nil, "dev", aIf, "mpath", "new", "zz", "next_hop", bAddr)
		sameExit(t, a, 1, "dev", aIf, "mpath", "new", dst, "hop", bAddr)
	})

	t.Run("station", func(t *testing.T) {
		for _, args := range [][]string{
			{"set", bAddr, "mesh_power_mode", "light"}, {"set", bAddr, "airtime_weight", "200"},
			{"set", bAddr, "txpwr", "limit", "10"}, {"set", bAddr, "vlan", "1"}, {"set", bAddr, "plink_action", "x"},
		} {
			sameAsIw(t, a, nil, append([]string{"dev", aIf, "station"}, args...)...)
		}
		giwOK(t, a, "dev", aIf, "station", "set", bAddr, "plink_action", "block")
		giwOK(t, a, "dev", aIf, "station", "set", bAddr, "plink_action", "open")
	})

	t.Run("leave", func(t *testing.T) {
		giwOK(t, a, "dev", aIf, "mesh", "leave")
		sameAsIw(t, a, nil, "dev", aIf, "mesh", "leave")
		sameAsIw(t, a, nil, "dev", aIf, "info")
		for _, args := range [][]string{{"x", "freq", "2412", "bogus"}, {"x", "freq"}, {"x", "mesh_bogus=1"}, {"gipmesh", "freq", "2412", "80MHz"}} {
			sameAsIw(t, a, nil, append([]string{"dev", aIf, "mesh", "join"}, args...)...)
			_, _, _ = iw(t, a, "dev", aIf, "mesh", "leave")
		}
		sameExit(t, a, 1, "dev", aIf, "mesh", "join")
		sameExit(t, a, 1, "dev", aIf, "mesh", "join", "x", "beacon-interval", "x")
		sameAsIw(t, a, nil, "dev", aIf, "set", "meshid", "gipmesh2")
		sameAsIw(t, a, nil, "dev", aIf, "info")
	})
}

// sameListing wants the same standard output and exit status from giw and
// iw for a usage error that prints a listing first; iw prints its usage on
// standard output after it, giw on standard error.
func sameListing(t *testing.T, ns string, args ...string) {
	t.Helper()
	g, _, gc := giw(t, ns, args...)
	i, _, ic := iw(t, ns, args...)
	i, _, _ = strings.Cut(i, "Usage:\t")
	if g != i || gc != ic || g == "" {
		t.Errorf("%s: giw (exit %d) printed\n%s\niw (exit %d) printed\n%s", strings.Join(args, " "), gc, g, ic, i)
	}
}
