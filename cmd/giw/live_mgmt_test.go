package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv/wifi"
)

// TestLiveMgmtDump registers for probe requests on an interface added to
// the access point's radio, with giw and with iw, while the station scans,
// and compares what each prints of the first one; then the answers to bad
// input.
func TestLiveMgmtDump(t *testing.T) {
	f := wifi.Start(t)
	ap, sta := f.APNetNS, f.StationNetNS
	const mon = "gipmgmt0"
	for _, c := range [][]string{
		{"ip", "netns", "exec", ap, "iw", "phy", f.APPhy, "interface", "add", mon, "type", "managed"},
		{"ip", "-n", ap, "link", "set", mon, "up"},
	} {
		if out, err := runTool(c...); err != nil {
			t.Fatalf("%v: %v: %s", c, err, out)
		}
	}
	dump := []string{"dev", mon, "mgmt", "dump", "frame", "40", "00", "count", "1"}
	// capture runs a dump until it returns, scanning from the station
	// meanwhile so that probe requests come.
	capture := func(t *testing.T, start func(ctx context.Context) (string, int)) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		type result struct {
			out  string
			code int
		}
		done := make(chan result, 1)
		go func() { o, c := start(ctx); done <- result{o, c} }()
		for {
			select {
			case r := <-done:
				if r.code != 0 {
					t.Fatalf("mgmt dump: exit %d\n%s", r.code, r.out)
				}
				return r.out
			case <-time.After(time.Second):
				_, _, _ = iw(t, sta, "dev", f.StationIface, "scan", "freq", "2412")
			}
		}
	}
	g := capture(t, func(ctx context.Context) (string, int) {
		var out, errb bytes.Buffer
		code := runContext(ctx, append([]string{"-n", ap}, dump...), &out, &errb)
		return out.String() + errb.String(), code
	})
	i := capture(t, func(ctx context.Context) (string, int) {
		cmd := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", ap, "iw"}, dump...)...)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return string(out), code
	})
	// The frame header (type, duration, receiver, sender) and the lines
	// before it are the same; sequence numbers and elements may differ.
	head := func(s string) string {
		l := strings.SplitN(s, "\n", 4)
		return strings.Join(l[:min(3, len(l))], "\n")
	}
	wantFirst := "mgmt: 40 00 00 00 ff ff ff ff ff ff " + strings.Join(strings.Split(f.StationAddr.String(), ":"), " ")
	if head(g) != head(i) || !strings.Contains(g, "freq 2412 MHz\nrssi ") || !strings.Contains(g, wantFirst) {
		t.Errorf("mgmt dump differs\ngiw:\n%s\niw:\n%s", g, i)
	}
	j := capture(t, func(ctx context.Context) (string, int) {
		var out, errb bytes.Buffer
		code := runContext(ctx, append([]string{"-n", ap, "-j"}, dump...), &out, &errb)
		return out.String(), code
	})
	var fr mgmtFrameJSON
	if err := json.Unmarshal([]byte(j), &fr); err != nil || fr.Freq == nil || *fr.Freq != 2412 || fr.SignalDBM == nil ||
		!strings.HasPrefix(fr.Frame, "40000000ffffffffffff"+strings.ReplaceAll(f.StationAddr.String(), ":", "")) || fr.Ifname != mon {
		t.Errorf("mgmt dump -j: %v %+v\n%s", err, fr, j)
	}

	d := func(args ...string) []string { return append([]string{"dev", mon, "mgmt", "dump"}, args...) }
	for _, a := range [][]string{
		{"frame", "zz", "00"}, {"frame", "40", "zz"}, {"frame", "40", "100"}, {"frame", "40", "00", "frame", "40", "-1"},
		{"frame", "80", "00", "count", "0"}, // beacons: not for a station's user space
		{"frame", "0x40", "0x00:", "count", "-1"},
	} {
		sameAsIw(t, ap, nil, d(a...)...)
	}
	for _, a := range [][]string{{}, {"frame", "40"}, {"frame", "40", "00", "bogus"}, {"frame", "40", "00", "count"}, {"frm", "40", "00"}} {
		sameExit(t, ap, 1, d(a...)...)
	}
}
