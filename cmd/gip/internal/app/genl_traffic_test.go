package app

import (
	"encoding/json"
	"net"
	"net/netip"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// inNS runs fn on a thread that entered namespace ns (the thread ends
// with it, never to serve another goroutine).
func inNS(t *testing.T, ns string, fn func() error) error {
	t.Helper()
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		f, err := os.Open("/run/netns/" + ns)
		if err != nil {
			errc <- err
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- err
			return
		}
		errc <- fn()
	}()
	return <-errc
}

// udpAcross sends datagrams from namespace a to addr in namespace b
// until one arrives (the first may wait for ARP), for at most 5 s.
func udpAcross(t *testing.T, a, b, addr string) {
	t.Helper()
	var conn *net.UDPConn
	if err := inNS(t, b, func() error {
		c, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort(addr)))
		conn = c
		return err
	}); err != nil {
		t.Fatalf("listen in %s: %v", b, err)
	}
	defer conn.Close()
	got := make(chan struct{})
	go func() {
		buf := make([]byte, 16)
		if _, _, err := conn.ReadFromUDP(buf); err == nil {
			close(got)
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if err := inNS(t, a, func() error {
			c, err := net.Dial("udp", addr)
			if err != nil {
				return err
			}
			defer c.Close()
			_, err = c.Write([]byte("gip"))
			return err
		}); err != nil {
			t.Fatalf("send from %s: %v", a, err)
		}
		select {
		case <-got:
			return
		case <-time.After(200 * time.Millisecond):
		}
	}
	t.Fatalf("no datagram from %s reached %s in %s", a, addr, b)
}

// TestMacsecTrafficWithGipSAs: two namespaces joined by a veth pair,
// a MACsec device on each end, their SAs and SCs made by gip; an
// encrypted datagram crosses, and ip reads the counters gip set going.
func TestMacsecTrafficWithGipSAs(t *testing.T) {
	a, b := testNS(t), testNS(t)
	needFamily(t, a, "macsec", testenv.GenlMACsec)
	must(t, "ip", "-n", a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b)
	const k1, k2 = "81818181818181818181818181818181", "82828282828282828282828282828282"
	for _, side := range []struct{ ns, veth, sci, peerSCI, addr, txKey, rxKey, txID, rxID string }{
		{a, "va", "1111111111110001", "2222222222220001", "10.9.0.1/24", k1, k2, "01", "02"},
		{b, "vb", "2222222222220001", "1111111111110001", "10.9.0.2/24", k2, k1, "02", "01"},
	} {
		must(t, "ip", "-n", side.ns, "link", "add", "link", side.veth, "sec0", "type", "macsec", "sci", side.sci, "encrypt", "on")
		mustGip(t, "-n", side.ns, "macsec", "add", "sec0", "tx", "sa", "0", "pn", "1", "on", "key", side.txID, side.txKey)
		mustGip(t, "-n", side.ns, "macsec", "add", "sec0", "rx", "sci", side.peerSCI, "on")
		mustGip(t, "-n", side.ns, "macsec", "add", "sec0", "rx", "sci", side.peerSCI, "sa", "0", "pn", "1", "on", "key", side.rxID, side.rxKey)
		must(t, "ip", "-n", side.ns, "addr", "add", side.addr, "dev", "sec0")
		for _, l := range []string{side.veth, "sec0"} {
			must(t, "ip", "-n", side.ns, "link", "set", l, "up")
		}
	}
	udpAcross(t, a, b, "10.9.0.2:9999")
	out := tool(t, "ip", "-n", b, "-j", "-s", "macsec", "show", "sec0").Stdout
	var devs []struct {
		RxSC []struct {
			SCI    string `json:"sci"`
			SAList []struct {
				OK uint64 `json:"InPktsOK"`
			} `json:"sa_list"`
		} `json:"rx_sc"`
	}
	if err := json.Unmarshal([]byte(out), &devs); err != nil || len(devs) != 1 || len(devs[0].RxSC) != 1 ||
		devs[0].RxSC[0].SCI != "0x1111111111110001" || len(devs[0].RxSC[0].SAList) != 1 || devs[0].RxSC[0].SAList[0].OK == 0 {
		t.Errorf("ip -j -s macsec show of the receiving end (%v):\n%s", err, out)
	}
}

// TestL2tpTrafficWithGipTunnels: two namespaces joined by a veth pair,
// an L2TPv3 tunnel over UDP between them with an Ethernet session, all
// made by gip; a datagram crosses the sessions' devices.
func TestL2tpTrafficWithGipTunnels(t *testing.T) {
	a, b := testNS(t), testNS(t)
	needFamily(t, a, "l2tp", testenv.GenlL2TP)
	must(t, "ip", "-n", a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b)
	for _, side := range []struct{ ns, veth, local, remote, tid, ptid, sid, psid, sport, dport, inner string }{
		{a, "va", "10.8.0.1", "10.8.0.2", "10", "20", "100", "200", "5000", "6000", "10.9.0.1/24"},
		{b, "vb", "10.8.0.2", "10.8.0.1", "20", "10", "200", "100", "6000", "5000", "10.9.0.2/24"},
	} {
		must(t, "ip", "-n", side.ns, "addr", "add", side.local+"/24", "dev", side.veth)
		must(t, "ip", "-n", side.ns, "link", "set", side.veth, "up")
		mustGip(t, "-n", side.ns, "l2tp", "add", "tunnel", "tunnel_id", side.tid, "peer_tunnel_id", side.ptid, "encap", "udp",
			"local", side.local, "remote", side.remote, "udp_sport", side.sport, "udp_dport", side.dport)
		mustGip(t, "-n", side.ns, "l2tp", "add", "session", "name", "pw", "tunnel_id", side.tid, "session_id", side.sid,
			"peer_session_id", side.psid, "cookie", "0a0b0c0d", "peer_cookie", "0a0b0c0d")
		must(t, "ip", "-n", side.ns, "addr", "add", side.inner, "dev", "pw")
		must(t, "ip", "-n", side.ns, "link", "set", "pw", "up")
	}
	udpAcross(t, a, b, "10.9.0.2:9999")
}
