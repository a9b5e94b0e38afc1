package nl80211_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/nl80211"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

// familyID is the id the fake kernel gives nl80211.
const familyID = 0x21

var family = genl.Family{ID: familyID, Name: "nl80211", Version: 1,
	Groups: []genl.Group{{ID: 3, Name: "config"}, {ID: 4, Name: "scan"}, {ID: 6, Name: "mlme"}}}

func encode(t testing.TB, fn func(e *nl.AttrEncoder)) []byte {
	t.Helper()
	e := nl.NewAttrEncoder(nil)
	fn(e)
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// genlMsg builds a genl payload: header and attributes.
func genlMsg(cmd uint8, attrs []byte) []byte {
	return append(genl.Header{Command: cmd, Version: 1}.Append(nil), attrs...)
}

// fakeClient returns a Client over a fake kernel that answers every request
// with replies (as data before the ack, or as a dump) and records requests.
func fakeClient(t *testing.T, replies ...[]byte) (*nl80211.Client, *nltest.Kernel) {
	t.Helper()
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		var msgs [][]byte
		dump := req.Header.Flags&nl.Dump == nl.Dump
		for _, r := range replies {
			flags := nl.Flags(0)
			if dump {
				flags = nl.Multi
			}
			msgs = append(msgs, nltest.Msg(req, familyID, flags, r))
		}
		if dump {
			msgs = append(msgs, nltest.Done(req, 0, ""))
		} else {
			msgs = append(msgs, nltest.Ack(req, 0, "", 0))
		}
		return []nltest.Datagram{nltest.FromKernel(msgs...)}
	})
	return nl80211.NewClient(genl.NewConn(c, family)), k
}

// request returns the only request the fake kernel saw, parsed.
func request(t *testing.T, k *nltest.Kernel) (nl.Header, genl.Message) {
	t.Helper()
	reqs := k.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	g, err := genl.Parse(reqs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	return reqs[0].Header, g
}

func TestTriggerScanRequest(t *testing.T) {
	for _, c := range []struct {
		name string
		req  nl80211.ScanRequest
		want func(e *nl.AttrEncoder)
	}{
		{"wildcard", nl80211.ScanRequest{}, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 7)
			e.Nest(unix.NL80211_ATTR_SCAN_SSIDS)
			e.Bytes(1, nil)
			e.Unnest()
		}},
		{"freqs, ssids, flush", nl80211.ScanRequest{Freqs: []uint32{2412, 2437}, SSIDs: [][]byte{[]byte("a"), []byte("bc")}, Flush: true},
			func(e *nl.AttrEncoder) {
				e.Uint32(unix.NL80211_ATTR_IFINDEX, 7)
				e.Nest(unix.NL80211_ATTR_SCAN_FREQUENCIES)
				e.Uint32(1, 2412)
				e.Uint32(2, 2437)
				e.Unnest()
				e.Nest(unix.NL80211_ATTR_SCAN_SSIDS)
				e.Bytes(1, []byte("a"))
				e.Bytes(2, []byte("bc"))
				e.Unnest()
				e.Uint32(unix.NL80211_ATTR_SCAN_FLAGS, unix.NL80211_SCAN_FLAG_FLUSH)
			}},
		{"passive", nl80211.ScanRequest{Passive: true}, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 7)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, k := fakeClient(t)
			if err := cl.TriggerScan(7, c.req); err != nil {
				t.Fatal(err)
			}
			h, g := request(t, k)
			if h.Type != familyID || h.Flags != nl.Request|nl.Acknowledge || g.Header.Command != unix.NL80211_CMD_TRIGGER_SCAN {
				t.Errorf("header %v, genl %+v", h, g.Header)
			}
			if want := encode(t, c.want); !bytes.Equal(g.Attrs, want) {
				t.Errorf("attributes\n got % x\nwant % x", g.Attrs, want)
			}
		})
	}
}

func TestConnectRequest(t *testing.T) {
	cl, k := fakeClient(t)
	auth := nl80211.AuthOpen
	bssid := net.HardwareAddr{2, 0, 0, 0, 0, 1}
	if err := cl.Connect(3, nl80211.ConnectRequest{SSID: []byte("gip-open"), Freq: 2412, BSSID: bssid, Auth: &auth}); err != nil {
		t.Fatal(err)
	}
	_, g := request(t, k)
	want := encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
		e.Bytes(unix.NL80211_ATTR_SSID, []byte("gip-open"))
		e.Uint32(unix.NL80211_ATTR_WIPHY_FREQ, 2412)
		e.Bytes(unix.NL80211_ATTR_MAC, bssid)
		e.Uint32(unix.NL80211_ATTR_AUTH_TYPE, unix.NL80211_AUTHTYPE_OPEN_SYSTEM)
	})
	if g.Header.Command != unix.NL80211_CMD_CONNECT || !bytes.Equal(g.Attrs, want) {
		t.Errorf("connect request %+v % x\nwant % x", g.Header, g.Attrs, want)
	}
}

func TestInterfaceRequests(t *testing.T) {
	reply := genlMsg(unix.NL80211_CMD_NEW_INTERFACE, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 9)
		e.String(unix.NL80211_ATTR_IFNAME, "mon0")
		e.Uint32(unix.NL80211_ATTR_WIPHY, 1)
		e.Uint32(unix.NL80211_ATTR_IFTYPE, unix.NL80211_IFTYPE_MONITOR)
	}))
	cl, k := fakeClient(t, reply)
	on := true
	ifc, err := cl.NewInterface(1, nl80211.NewInterfaceRequest{Name: "mon0", Type: nl80211.IfTypeMonitor, FourAddr: &on})
	if err != nil || ifc.Index != 9 || ifc.Name != "mon0" || ifc.Type != nl80211.IfTypeMonitor {
		t.Fatalf("NewInterface = %+v, %v", ifc, err)
	}
	_, g := request(t, k)
	want := encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, 1)
		e.String(unix.NL80211_ATTR_IFNAME, "mon0")
		e.Uint32(unix.NL80211_ATTR_IFTYPE, unix.NL80211_IFTYPE_MONITOR)
		e.Uint8(unix.NL80211_ATTR_4ADDR, 1)
	})
	if g.Header.Command != unix.NL80211_CMD_NEW_INTERFACE || !bytes.Equal(g.Attrs, want) {
		t.Errorf("new interface % x\nwant % x", g.Attrs, want)
	}

	cl, k = fakeClient(t)
	if err := cl.SetInterfaceType(9, nl80211.IfTypeStation); err != nil {
		t.Fatal(err)
	}
	_, g = request(t, k)
	want = encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 9)
		e.Uint32(unix.NL80211_ATTR_IFTYPE, unix.NL80211_IFTYPE_STATION)
	})
	if g.Header.Command != unix.NL80211_CMD_SET_INTERFACE || !bytes.Equal(g.Attrs, want) {
		t.Errorf("set interface % x\nwant % x", g.Attrs, want)
	}

	cl, k = fakeClient(t)
	if err := cl.DelInterface(9); err != nil {
		t.Fatal(err)
	}
	if _, g = request(t, k); g.Header.Command != unix.NL80211_CMD_DEL_INTERFACE {
		t.Errorf("del interface %+v", g.Header)
	}
}

func TestInterfaceByName(t *testing.T) {
	mk := func(idx int, name string, wiphy int) []byte {
		return genlMsg(unix.NL80211_CMD_NEW_INTERFACE, encode(t, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(idx))
			e.String(unix.NL80211_ATTR_IFNAME, name)
			e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
			e.Uint64(unix.NL80211_ATTR_WDEV, uint64(wiphy)<<32|1)
		}))
	}
	cl, k := fakeClient(t, mk(3, "wlan0", 0), mk(4, "wlan1", 1))
	ifc, err := cl.InterfaceByName("wlan1")
	if err != nil || ifc.Index != 4 || ifc.Wiphy != 1 || ifc.WDev != 1<<32|1 {
		t.Fatalf("InterfaceByName = %+v, %v", ifc, err)
	}
	if h, _ := request(t, k); h.Flags&nl.Dump != nl.Dump {
		t.Errorf("interfaces are not dumped: %v", h)
	}
	if _, err := cl.InterfaceByName("eth0"); !errors.Is(err, unix.ENODEV) {
		t.Errorf("unknown interface: %v", err)
	}
}

// TestDumpInterrupted checks that a dump the kernel marks interrupted is
// run again, and that the last data is kept when it never settles.
func TestDumpInterrupted(t *testing.T) {
	bss := genlMsg(unix.NL80211_CMD_NEW_SCAN_RESULTS, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 3)
		e.Nest(unix.NL80211_ATTR_BSS)
		e.Bytes(unix.NL80211_BSS_BSSID, []byte{2, 0, 0, 0, 0, 0})
		e.Uint32(unix.NL80211_BSS_FREQUENCY, 2412)
		e.Unnest()
	}))
	for _, interruptions := range []int{1, 100} {
		n := 0
		c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
			flags := nl.Multi
			if n < interruptions {
				flags |= nl.DumpIntr
			}
			n++
			return []nltest.Datagram{nltest.FromKernel(nltest.Msg(req, familyID, flags, bss), nltest.Done(req, 0, ""))}
		})
		cl := nl80211.NewClient(genl.NewConn(c, family))
		got, err := cl.ScanResults(3)
		if err != nil || len(got) != 1 || got[0].Freq != 2412 {
			t.Fatalf("%d interruptions: %+v, %v", interruptions, got, err)
		}
		want := min(interruptions+1, nl.DumpRetries+1)
		if len(k.Requests()) != want {
			t.Errorf("%d interruptions: %d dumps, want %d", interruptions, len(k.Requests()), want)
		}
	}
}

// TestWaitScan feeds scan events for two interfaces: only the one asked
// for ends the wait.
func TestWaitScan(t *testing.T) {
	ev := func(cmd uint8, ifindex uint32) []byte {
		return genlMsg(cmd, encode(t, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_WIPHY, 1)
			e.Uint32(unix.NL80211_ATTR_IFINDEX, ifindex)
		}))
	}
	for _, c := range []struct {
		name string
		last uint8
		want error
	}{{"done", unix.NL80211_CMD_NEW_SCAN_RESULTS, nil}, {"aborted", unix.NL80211_CMD_SCAN_ABORTED, nl80211.ErrScanAborted}} {
		t.Run(c.name, func(t *testing.T) {
			conn, k := nltest.Dial(t, nil)
			event := nl.Message{Header: nl.Header{Type: familyID}}
			k.Queue(
				nltest.FromKernel(nltest.Msg(event, familyID, 0, ev(unix.NL80211_CMD_TRIGGER_SCAN, 5))),
				nltest.FromKernel(nltest.Msg(event, familyID, 0, ev(unix.NL80211_CMD_NEW_SCAN_RESULTS, 4)),
					nltest.Msg(event, familyID, 0, ev(c.last, 5))),
			)
			err := nl80211.WaitScan(context.Background(), genl.NewConn(conn, family), 5)
			if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Fatalf("WaitScan = %v, want %v", err, c.want)
			}
		})
	}
	// No event at all: the fake kernel's empty queue is an error, returned.
	conn, _ := nltest.Dial(t, nil)
	if err := nl80211.WaitScan(context.Background(), genl.NewConn(conn, family), 5); err == nil {
		t.Fatal("WaitScan returned without an event")
	}
}

func TestKernelErrorKept(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.EBUSY, "scan already running", 0))}
	})
	cl := nl80211.NewClient(genl.NewConn(c, family))
	err := cl.TriggerScan(3, nl80211.ScanRequest{})
	var op *nl.OpError
	if !errors.As(err, &op) || op.Message != "scan already running" || !errors.Is(err, unix.EBUSY) {
		t.Fatalf("err = %v", err)
	}
}

func TestParseRSN(t *testing.T) {
	ccmp := nl80211.Suite(0x000fac04)
	psk := nl80211.Suite(0x000fac02)
	full := []byte{1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 2, 0x0c, 0}
	r := nl80211.ParseRSN(full)
	if r.Version != 1 || *r.GroupCipher != ccmp || !slices.Equal(r.PairwiseCiphers, []nl80211.Suite{ccmp}) ||
		!slices.Equal(r.AKMSuites, []nl80211.Suite{psk}) || *r.Capabilities != 0x0c || r.Tail != nil {
		t.Errorf("full RSN: %+v", r)
	}
	if n := r.AKMSuites[0].AKMName(); n != "PSK" {
		t.Errorf("AKM name %q", n)
	}
	if n := r.GroupCipher.CipherName(); n != "CCMP" {
		t.Errorf("cipher name %q", n)
	}
	// Only a version: everything else takes the defaults.
	r = nl80211.ParseRSN([]byte{1, 0})
	if r.GroupCipher != nil || r.PairwiseCiphers != nil || r.AKMSuites != nil || r.Tail != nil {
		t.Errorf("version only: %+v", r)
	}
	// A pairwise count larger than the element: the rest is a tail.
	bad := []byte{1, 0, 0x00, 0x0f, 0xac, 4, 9, 0, 0x00, 0x0f, 0xac, 4}
	r = nl80211.ParseRSN(bad)
	if r.PairwiseCiphers != nil || !bytes.Equal(r.Tail, bad[6:]) {
		t.Errorf("bogus count: %+v", r)
	}
	// PMKIDs and a management group cipher.
	withPMKID := append(append([]byte{}, full...), 1, 0)
	withPMKID = append(withPMKID, make([]byte, 16)...)
	withPMKID = append(withPMKID, 0x00, 0x0f, 0xac, 6)
	r = nl80211.ParseRSN(withPMKID)
	if r.PMKIDCount == nil || *r.PMKIDCount != 1 || r.GroupMgmtCipher == nil || r.GroupMgmtCipher.CipherName() != "AES-128-CMAC" {
		t.Errorf("PMKID: %+v", r)
	}
	if s := nl80211.Suite(0x000fac63).AKMName(); s != "00-0f-ac:99" {
		t.Errorf("unknown AKM %q", s)
	}
}

func TestParseIEs(t *testing.T) {
	b := []byte{0, 3, 'a', 'b', 'c', 1, 2, 0x82, 0x84, 3, 1, 6}
	ies, err := nl80211.ParseIEs(b)
	if err != nil || len(ies) != 3 {
		t.Fatalf("ParseIEs = %+v, %v", ies, err)
	}
	if ssid, ok := nl80211.FindIE(ies, nl80211.IESSID); !ok || string(ssid) != "abc" {
		t.Errorf("SSID %q", ssid)
	}
	ies, err = nl80211.ParseIEs(append(b, 48, 20, 1))
	if !errors.Is(err, nl80211.ErrIETruncated) || len(ies) != 3 {
		t.Errorf("truncated: %+v, %v", ies, err)
	}
	r := nl80211.Rate(0x82)
	if !r.Basic() || r.Kbps() != 1000 || r.Selector() != "" {
		t.Errorf("rate 0x82: %v %d %q", r.Basic(), r.Kbps(), r.Selector())
	}
	if s := nl80211.Rate(0xff).Selector(); s != "HT" {
		t.Errorf("selector %q", s)
	}
}

func TestParseWMMAndCountry(t *testing.T) {
	wmm := []byte{1, 1, 0x80, 0, 0x03, 0xa4, 0, 0, 0x27, 0xa4, 0, 0, 0x42, 0x43, 0x5e, 0, 0x62, 0x32, 0x2f, 0}
	p, err := nl80211.ParseWMMParams(wmm)
	if err != nil || !p.UAPSD || p.AC[0] != (nl80211.WMMAC{ACI: 0, AIFSN: 3, CWMin: 15, CWMax: 1023}) ||
		p.AC[2].TXOP != 94*32 || p.AC[3].CWMin != 3 {
		t.Errorf("WMM: %+v, %v", p, err)
	}
	if _, err := nl80211.ParseWMMParams(wmm[:10]); err == nil {
		t.Error("short WMM element accepted")
	}
	c, err := nl80211.ParseCountry([]byte{'D', 'E', ' ', 1, 13, 20, 201, 1, 0})
	if err != nil || c.Code != "DE" || len(c.Triplets) != 2 || c.Triplets[0].MaxPower != 20 || !c.Triplets[1].Extension {
		t.Errorf("country: %+v, %v", c, err)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{nl80211.CommandName(unix.NL80211_CMD_TRIGGER_SCAN), "trigger_scan"},
		{nl80211.CommandName(unix.NL80211_CMD_NEW_INTERFACE), "new_interface"},
		{nl80211.CommandName(9999), "Unknown command (9999)"},
		{nl80211.CipherName(0x000fac04), "CCMP-128 (00-0f-ac:4)"},
		{nl80211.CipherName(0x000fac63), "00-0f-ac:99"},
		{nl80211.IfTypeStation.String(), "managed"},
		{nl80211.IfTypeMeshPoint.String(), "mesh point"},
		{nl80211.IfType(99).String(), "Unknown mode (99)"},
		{nl80211.ChanWidth(unix.NL80211_CHAN_WIDTH_20_NOHT).String(), "20 MHz (no HT)"},
		{nl80211.DFSRegionName(2), "DFS-ETSI"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	for f, ch := range map[uint32]int{2412: 1, 2484: 14, 5180: 36, 5955: 1, 902: 0, 60480: 2} {
		if got := nl80211.FreqToChannel(f); got != ch {
			t.Errorf("FreqToChannel(%d) = %d, want %d", f, got, ch)
		}
	}
	for s, want := range map[string]nl80211.IfType{"managed": nl80211.IfTypeStation, "ibss": nl80211.IfTypeAdhoc, "mesh": nl80211.IfTypeMeshPoint, "__ap": nl80211.IfTypeAP} {
		if got, err := nl80211.ParseIfType(s); err != nil || got != want {
			t.Errorf("ParseIfType(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := nl80211.ParseIfType("ap"); !errors.Is(err, nl80211.ErrNeedDaemon) {
		t.Errorf("ap: %v", err)
	}
	if _, err := nl80211.ParseIfType("bogus"); err == nil {
		t.Error("bogus type accepted")
	}
}

func TestRegRuleFlags(t *testing.T) {
	r := nl80211.RegRule{Flags: unix.NL80211_RRF_DFS | unix.NL80211_RRF_AUTO_BW | unix.NL80211_RRF_NO_IR | 1<<8}
	if got := r.FlagNames(); !slices.Equal(got, []string{"DFS", "AUTO-BW", "NO-IR"}) {
		t.Errorf("flags %v", got)
	}
	r.Flags = unix.NL80211_RRF_NO_IR
	if got := r.FlagNames(); !slices.Equal(got, []string{"PASSIVE-SCAN"}) {
		t.Errorf("old kernel flags %v", got)
	}
}

// TestReadEvents decodes queued notifications, reports an overrun without
// stopping, and ends with the socket's error.
func TestReadEvents(t *testing.T) {
	conn, k := nltest.Dial(t, nil)
	event := nl.Message{Header: nl.Header{Type: familyID}}
	connect := genlMsg(unix.NL80211_CMD_CONNECT, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, 1)
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 4)
		e.Bytes(unix.NL80211_ATTR_MAC, []byte{2, 0, 0, 0, 0, 0})
		e.Uint16(unix.NL80211_ATTR_STATUS_CODE, 0)
	}))
	disc := genlMsg(unix.NL80211_CMD_DISCONNECT, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 4)
		e.Uint16(unix.NL80211_ATTR_REASON_CODE, 3)
		e.Flag(unix.NL80211_ATTR_DISCONNECTED_BY_AP)
	}))
	k.Queue(nltest.FromKernel(nltest.Msg(event, familyID, 0, connect)), nltest.FromKernel(nltest.Msg(event, familyID, 0, disc)))
	k.Overrun = 2 // the second read fails: events were dropped
	var got []nl80211.Event
	var lost []error
	err := nl80211.ReadEvents(context.Background(), genl.NewConn(conn, family),
		func(ev nl80211.Event) { got = append(got, ev) }, func(err error) { lost = append(lost, err) })
	if !errors.Is(err, nltest.ErrWouldBlock) {
		t.Fatalf("ReadEvents ended with %v", err)
	}
	if len(lost) != 1 || !errors.Is(lost[0], nl.ErrOverrun) {
		t.Errorf("lost %v", lost)
	}
	if len(got) != 2 || got[0].Cmd != unix.NL80211_CMD_CONNECT || *got[0].StatusCode != 0 || got[0].MAC.String() != "02:00:00:00:00:00" ||
		*got[0].Wiphy != 1 || !got[1].ByAP || *got[1].ReasonCode != 3 || *got[1].Ifindex != 4 {
		t.Errorf("events %+v", got)
	}
	if nl80211.StatusText(0) != "Successful" || nl80211.ReasonText(999) != "<unknown>" {
		t.Error("status and reason texts")
	}
}

// TestSimpleRequests checks the command and attributes of the requests
// that carry only an interface, a station or a country.
func TestSimpleRequests(t *testing.T) {
	mac := net.HardwareAddr{2, 0, 0, 0, 0, 7}
	station := genlMsg(unix.NL80211_CMD_NEW_STATION, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
		e.Bytes(unix.NL80211_ATTR_MAC, mac)
		e.Nest(unix.NL80211_ATTR_STA_INFO)
		e.Uint32(unix.NL80211_STA_INFO_RX_PACKETS, 9)
		e.Unnest()
	}))
	reg := genlMsg(unix.NL80211_CMD_GET_REG, encode(t, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, 2)
		e.String(unix.NL80211_ATTR_REG_ALPHA2, "DE")
		e.Uint8(unix.NL80211_ATTR_DFS_REGION, 2)
	}))
	runRequests(t, []requestCase{
		{"disconnect", nil, func(c *nl80211.Client) error { return c.Disconnect(5) }, unix.NL80211_CMD_DISCONNECT,
			func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"abort scan", nil, func(c *nl80211.Client) error { return c.AbortScan(5) }, unix.NL80211_CMD_ABORT_SCAN,
			func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, 5) }},
		{"reg set", nil, func(c *nl80211.Client) error { return c.SetRegDomain("DE") }, unix.NL80211_CMD_REQ_SET_REG,
			func(e *nl.AttrEncoder) { e.String(unix.NL80211_ATTR_REG_ALPHA2, "DE") }},
		{"station get", station, func(c *nl80211.Client) error {
			s, err := c.Station(5, mac)
			if err == nil && (s.RxPackets == nil || *s.RxPackets != 9 || s.HardwareAddr.String() != mac.String()) {
				err = fmt.Errorf("station %+v", s)
			}
			return err
		}, unix.NL80211_CMD_GET_STATION, func(e *nl.AttrEncoder) {
			e.Uint32(unix.NL80211_ATTR_IFINDEX, 5)
			e.Bytes(unix.NL80211_ATTR_MAC, mac)
		}},
		{"reg get for a wiphy", reg, func(c *nl80211.Client) error {
			rd, err := c.RegDomain(2)
			if err == nil && (rd.Wiphy == nil || *rd.Wiphy != 2 || rd.Alpha2 != "DE" || nl80211.DFSRegionName(rd.DFSRegion) != "DFS-ETSI") {
				err = fmt.Errorf("domain %+v", rd)
			}
			return err
		}, unix.NL80211_CMD_GET_REG, func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_WIPHY, 2) }},
	})
}

// requestCase is a call, the one reply the fake kernel gives it (nil: just
// the ack) and the request it must send.
type requestCase struct {
	name  string
	reply []byte
	call  func(*nl80211.Client) error
	cmd   uint8
	want  func(e *nl.AttrEncoder)
}

func runRequests(t *testing.T, cases []requestCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var replies [][]byte
			if c.reply != nil {
				replies = append(replies, c.reply)
			}
			cl, k := fakeClient(t, replies...)
			if err := c.call(cl); err != nil {
				t.Fatal(err)
			}
			_, g := request(t, k)
			if want := encode(t, c.want); g.Header.Command != c.cmd || !bytes.Equal(g.Attrs, want) {
				t.Errorf("command %d % x, want %d % x", g.Header.Command, g.Attrs, c.cmd, want)
			}
		})
	}
}
