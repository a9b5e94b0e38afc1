package app

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/netip"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// tcpTraffic makes the kernel of namespace ns cache metrics: one TCP
// connection over loopback to each address (the server sends 100 kB and
// closes), then two TCP Fast Open connections to fastOpen, the first
// fetching the cookie the second uses.
func tcpTraffic(t *testing.T, ns string, fastOpen netip.Addr, dsts ...netip.Addr) {
	t.Helper()
	writeSysctl(t, ns, "net/ipv4/tcp_fastopen", "3")
	err := nl.InNetNS(ns, func() error {
		for _, d := range dsts {
			if err := tcpExchange(d, nil); err != nil {
				return err
			}
		}
		for range 2 {
			if err := tcpExchange(fastOpen, []byte("hello")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("TCP traffic in %s: %v", ns, err)
	}
}

// tcpExchange runs one connection to dst: with hello, the client sends it
// in its SYN (Fast Open) and the server reads it first.
func tcpExchange(dst netip.Addr, hello []byte) error {
	lc := net.ListenConfig{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) { serr = unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_FASTOPEN, 5) })
		if err != nil {
			return err
		}
		return serr
	}}
	l, err := lc.Listen(context.Background(), "tcp", netip.AddrPortFrom(dst, 0).String())
	if err != nil {
		return err
	}
	defer l.Close()
	served := make(chan error, 1)
	go func() {
		c, err := l.Accept()
		if err == nil {
			if hello != nil {
				_, err = c.Read(make([]byte, len(hello)))
			}
			if err == nil {
				_, err = c.Write(make([]byte, 100000))
			}
			c.Close()
		}
		served <- err
	}()
	to := l.Addr().(*net.TCPAddr).AddrPort()
	if hello == nil {
		c, err := net.Dial("tcp", to.String())
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, c)
		c.Close()
		if err != nil {
			return err
		}
		return <-served
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	if err := unix.Sendto(fd, hello, unix.MSG_FASTOPEN, &unix.SockaddrInet4{Addr: to.Addr().As4(), Port: int(to.Port())}); err != nil {
		return err
	}
	buf := make([]byte, 65536)
	for {
		n, err := unix.Read(fd, buf)
		if err != nil {
			return err
		}
		if n == 0 {
			return <-served
		}
	}
}

// tcpMetricsNS is a namespace whose cache has entries for IPv4 and IPv6
// destinations, with and without Fast Open.
func tcpMetricsNS(t *testing.T, ns string) {
	t.Helper()
	// The kernel adds the local route of a new address from a work
	// queue, even without DAD: wait for it.
	for i := 0; tool(t, "ip", "-n", ns, "-6", "route", "show", "table", "local", "2001:db8::1").Stdout == ""; i++ {
		if i == 100 {
			t.Fatalf("no local route for 2001:db8::1 in %s", ns)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var dsts []netip.Addr
	for _, s := range []string{"127.0.0.2", "127.0.0.3", "127.1.0.1", "::1", "2001:db8::1"} {
		dsts = append(dsts, netip.MustParseAddr(s))
	}
	tcpTraffic(t, ns, netip.MustParseAddr("127.0.0.5"), dsts...)
}

// What moves between two listings of one cache, and what differs between
// two caches filled by the same traffic.
var (
	tcpAge     = newMasker(`age [0-9.]+sec`, "age A", `"age": ?[0-9.e+-]+`, `"age":0`)
	tcpMeasure = newMasker(`(rtt|rttvar|cwnd|fo_cookie) [0-9a-f]+`, "$1 M", `"(rtt|rttvar|cwnd|fo_cookie)": ?"?[0-9a-fe.+-]+"?`, `"$1":0`)
)

// tcpMetricsEntries is the cache of ns as ip lists it, sorted, with its
// measures masked: what two caches filled by the same traffic share.
func tcpMetricsEntries(t *testing.T, ns string) string {
	t.Helper()
	lines := strings.Split(tcpMeasure.apply(tcpAge.apply(tool(t, "ip", "-n", ns, "tcp_metrics").Stdout)), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

var tcpMetricsShows = []string{
	"tcp_metrics", "tcpmetrics", "tcp_metrics show", "tcp_metrics list", "tcp_metrics lst", "tcpm s",
	"tcp_metrics show 127.0.0.0/30", "-6 tcp_metrics", "-4 tcp_metrics", "tcp_metrics show src 127.0.0.1",
	"tcp_metrics show address 127.0.0.0/8", "tcp_metrics show any", "tcp_metrics show default",
	"-6 tcp_metrics show default", "tcp_metrics show ::/0", "tcp_metrics show 2001:db8::/32 x src ::1",
	"tcp_metrics show src 127.0.0.5", "-o tcp_metrics",
}

// tcpMetricsErrors print the same with no change to the cache.
var tcpMetricsErrors = []string{
	"tcp_metrics show 127.0.0.9", "tcp_metrics show 127.0.0.2 src 127.0.0.1", "tcp_metrics show src 127.0.0.0/8",
	"tcp_metrics delete", "tcp_metrics delete 127.0.0.0/8", "tcp_metrics delete 127.0.0.9", "tcp_metrics frob",
	"tcp_metrics help", "tcp_metrics show help", "tcp_metrics show 1.2.3.4 5.6.7.8", "tcp_metrics show address",
	"tcp_metrics show zz", "-f link tcp_metrics", "-4 tcp_metrics show ::1", "tcp_metrics show src",
	"tcp_metrics delete src 127.0.0.1", "tcp_metrics r ::2", "tcp_metrics show addr 1.1.1.1 x addr 2.2.2.2",
	"-f mpls tcp_metrics flush", "tcp_metrics flush src zz", "tcp_metrics delete 127.0.0.2 x source 127.0.0.9",
	"tcp_metrics show 127.0.0.2 x src h",
}

func TestTcpMetricsMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link set lo up", "addr add 2001:db8::1/128 dev lo nodad")
	tcpMetricsNS(t, ref)
	tcpMetricsNS(t, ns)
	for _, c := range tcpMetricsShows {
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
			args := append(append([]string{"-n", ns}, opts...), splitArgs(c)...)
			want, got := tool(t, "ip", args...), gip(t, args...)
			if got.code != want.code || got.Stderr != want.Stderr {
				t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
			}
			if opts == nil {
				compareLines(t, strings.Join(args, " "), tcpAge.apply(want.Stdout), tcpAge.apply(got.Stdout))
			} else if !jsonEqual(t, tcpAge.apply(want.Stdout), tcpAge.apply(got.Stdout)) {
				t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
			}
		}
	}
	// One entry asked for by address: ip prints text under -j, gip the
	// entry of ip's JSON dump.
	for _, dst := range []string{"127.0.0.2", "::1", "127.0.0.5"} {
		want := tool(t, "ip", "-n", ns, "tcp_metrics", "show", dst)
		got := gip(t, "-n", ns, "tcp_metrics", "show", dst)
		compareLines(t, "show "+dst, tcpAge.apply(want.Stdout), tcpAge.apply(got.Stdout))
		var entry []map[string]any
		for _, e := range ipJSON(t, "ip", "-n", ns, "tcp_metrics") {
			if e["dst"] == dst {
				entry = append(entry, e)
			}
		}
		j := gip(t, "-n", ns, "-j", "tcp_metrics", "show", dst).Stdout
		if len(entry) != 1 || !jsonEqual(t, tcpAge.apply(mustJSON(t, entry)), tcpAge.apply(j)) {
			t.Errorf("-j show %s: gip %s, ip's dump has %v", dst, j, entry)
		}
	}
	for _, c := range tcpMetricsErrors {
		compareCommand(t, ref, ns, c)
	}
	if a, b := tcpMetricsEntries(t, ref), tcpMetricsEntries(t, ns); a != b || !strings.Contains(b, "127.0.0.2 age A") {
		t.Fatalf("the caches differ before any change:\n%s\n--\n%s", a, b)
	}
	// Changes: ip on one cache, gip on the other, then ip lists both.
	for _, c := range []string{
		"tcp_metrics delete 127.0.0.2", "tcp_metrics delete 127.0.0.2", "tcp_metrics d address 2001:db8::1",
		"tcp_metrics flush 127.1.0.1", "-6 tcp_metrics flush", "tcp_metrics flush 127.0.0.0/31", "tcp_metrics flush 10.0.0.0/8",
		"tcp_metrics flush src 127.0.0.5", "-s tcp_metrics flush src 127.0.0.1",
	} {
		compareCommand(t, ref, ns, c)
		if a, b := tcpMetricsEntries(t, ref), tcpMetricsEntries(t, ns); a != b {
			t.Errorf("after %s: ip's cache\n%s\ngip's cache\n%s", c, a, b)
		}
	}
	if out := tool(t, "ip", "-n", ns, "tcp_metrics").Stdout; out != "" {
		t.Errorf("entries left after the flushes:\n%s", out)
	}
	// -s -s lists what a flush deletes; a flush of every address is one
	// request.
	tcpMetricsNS(t, ref)
	tcpMetricsNS(t, ns)
	want := tool(t, "ip", "-n", ref, "-s", "-s", "tcp_metrics", "flush", "127.0.0.0/8")
	got := gip(t, "-n", ns, "-s", "-s", "tcp_metrics", "flush", "127.0.0.0/8")
	sorted := func(s string) string {
		l := strings.Split(tcpMeasure.apply(tcpAge.apply(s)), "\n")
		slices.Sort(l)
		return strings.Join(l, "\n")
	}
	if got.code != want.code || sorted(got.Stdout) != sorted(want.Stdout) || !strings.Contains(got.Stdout, "Deleted 127.0.0.2 age") {
		t.Errorf("-s -s flush: ip exit %d\n%s\ngip exit %d\n%s", want.code, want.Stdout, got.code, got.Stdout)
	}
	compareCommand(t, ref, ns, "tcp_metrics flush")
	compareCommand(t, ref, ns, "tcp_metrics flush")
	if out := tool(t, "ip", "-n", ns, "tcp_metrics").Stdout; out != "" {
		t.Errorf("entries left after flush:\n%s", out)
	}
	// Deletes in a batch: a refusal ends it, -force runs every line.
	for _, force := range [][]string{nil, {"-force"}} {
		tcpMetricsNS(t, ref)
		tcpMetricsNS(t, ns)
		compareBatch(t, ref, ns, "tcp_metrics delete 127.0.0.2\ntcp_metrics delete 127.0.0.9\ntcp_metrics delete ::1\n", force...)
		if a, b := tcpMetricsEntries(t, ref), tcpMetricsEntries(t, ns); a != b {
			t.Errorf("after the batch %v: ip's cache\n%s\ngip's cache\n%s", force, a, b)
		}
	}
}

// mustJSON is v as JSON.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
