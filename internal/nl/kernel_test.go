package nl_test

// Tests in this file drive the real kernel, each inside a fresh network
// namespace (nltest.NetNS); they skip when not root.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

const vethInfoPeer = 1 // VETH_INFO_PEER

// ifinfomsg encodes struct ifinfomsg.
func ifinfomsg(index int32, flags, change uint32) []byte {
	b := make([]byte, unix.SizeofIfInfomsg)
	b[0] = unix.AF_UNSPEC
	binary.NativeEndian.PutUint32(b[4:], uint32(index))
	binary.NativeEndian.PutUint32(b[8:], flags)
	binary.NativeEndian.PutUint32(b[12:], change)
	return b
}

// newVeth builds RTM_NEWLINK for a veth pair by hand.
func newVeth(t testing.TB, name, peer string) nl.Message {
	t.Helper()
	e := nl.NewAttrEncoder(ifinfomsg(0, 0, 0))
	e.String(unix.IFLA_IFNAME, name)
	e.Nest(unix.IFLA_LINKINFO)
	e.String(unix.IFLA_INFO_KIND, "veth")
	e.Nest(unix.IFLA_INFO_DATA)
	e.Nest(vethInfoPeer)
	e.Raw(ifinfomsg(0, 0, 0))
	e.String(unix.IFLA_IFNAME, peer)
	e.Unnest()
	e.Unnest()
	e.Unnest()
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK, Flags: nl.Create | nl.Excl}, Data: b}
}

// linkNames dumps the namespace's links and returns name -> ifindex.
func linkNames(t testing.TB, c *nl.Conn) map[string]int32 {
	t.Helper()
	names := map[string]int32{}
	for m, err := range c.Dump(nl.Message{Header: nl.Header{Type: unix.RTM_GETLINK}, Data: ifinfomsg(0, 0, 0)}) {
		if err != nil {
			t.Fatalf("link dump: %v", err)
		}
		if m.Header.Type != unix.RTM_NEWLINK || len(m.Data) < unix.SizeofIfInfomsg {
			t.Fatalf("unexpected message in link dump: %v", m.Header)
		}
		index := int32(binary.NativeEndian.Uint32(m.Data[4:]))
		d := nl.NewAttrDecoder(m.Data[unix.SizeofIfInfomsg:])
		for d.Next() {
			if d.Type() == unix.IFLA_IFNAME {
				names[d.String()] = index
			}
		}
		if err := d.Err(); err != nil {
			t.Fatalf("decoding link: %v", err)
		}
	}
	return names
}

func TestKernelVethCreateAndDump(t *testing.T) {
	ns := nltest.NetNS(t)
	c := nltest.DialNetNS(t, nl.Route, ns)
	if _, err := c.Execute(newVeth(t, "gv0", "gv1")); err != nil {
		t.Fatalf("creating veth: %v", err)
	}
	names := linkNames(t, c)
	for _, n := range []string{"lo", "gv0", "gv1"} {
		if _, ok := names[n]; !ok {
			t.Errorf("link %s missing from dump: %v", n, names)
		}
	}
	if len(names) != 3 {
		t.Errorf("namespace has links %v, want exactly lo, gv0, gv1", names)
	}
	// The stock tool sees the same namespace by the same name.
	out, err := exec.Command("ip", "-n", ns, "-br", "link", "show", "gv0").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "gv0@gv1") {
		t.Errorf("ip -n %s link show gv0: %v\n%s", ns, err, out)
	}
}

func TestKernelExtendedAck(t *testing.T) {
	ns := nltest.NetNS(t)
	c := nltest.DialNetNS(t, nl.Route, ns)
	if _, err := c.Execute(newVeth(t, "gv0", "gv1")); err != nil {
		t.Fatal(err)
	}
	_, err := c.Execute(newVeth(t, "gv0", "gv2"))
	if !errors.Is(err, unix.EEXIST) {
		t.Fatalf("second create: %v, want EEXIST", err)
	}
	// An unknown link kind is refused with an extended ack message.
	e := nl.NewAttrEncoder(ifinfomsg(0, 0, 0))
	e.String(unix.IFLA_IFNAME, "bad0")
	e.Nest(unix.IFLA_LINKINFO)
	e.String(unix.IFLA_INFO_KIND, "no-such-kind")
	e.Unnest()
	b, _ := e.Encode()
	_, err = c.Execute(nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK, Flags: nl.Create | nl.Excl}, Data: b})
	var oe *nl.OpError
	if !errors.As(err, &oe) {
		t.Fatalf("err = %v, want *OpError", err)
	}
	if oe.Message != "Unknown device type" || oe.Errno() != unix.EOPNOTSUPP {
		t.Fatalf("OpError = %+v, want the kernel's \"Unknown device type\"", oe)
	}

	// A blackhole route with a gateway: the kernel explains why not.
	r := routeMsg(netip.MustParsePrefix("10.9.0.0/16"), false)
	rb := nl.NewAttrEncoder(r.Data)
	rb.Addr(unix.RTA_GATEWAY, netip.MustParseAddr("192.0.2.1"))
	r.Data, _ = rb.Encode()
	_, err = c.Execute(r)
	const want = "Gateway, device and multipath can not be specified for this route type"
	if !errors.As(err, &oe) || oe.Message != want || !errors.Is(err, unix.EINVAL) {
		t.Fatalf("blackhole route with a gateway: %v, want %q", err, want)
	}
}

// routeMsg builds RTM_NEWROUTE (or RTM_DELROUTE) for a prefix on lo's
// namespace: a blackhole route, which needs no device.
func routeMsg(p netip.Prefix, del bool) nl.Message {
	hdr := make([]byte, unix.SizeofRtMsg)
	hdr[0] = unix.AF_INET
	if p.Addr().Is6() {
		hdr[0] = unix.AF_INET6
	}
	hdr[1] = byte(p.Bits())
	hdr[4] = unix.RT_TABLE_MAIN
	hdr[5] = unix.RTPROT_STATIC
	hdr[6] = unix.RT_SCOPE_UNIVERSE
	hdr[7] = unix.RTN_BLACKHOLE
	e := nl.NewAttrEncoder(hdr)
	e.Addr(unix.RTA_DST, p.Addr())
	b, _ := e.Encode()
	m := nl.Message{Header: nl.Header{Type: unix.RTM_NEWROUTE, Flags: nl.Create | nl.Excl}, Data: b}
	if del {
		m.Header.Type = unix.RTM_DELROUTE
		m.Header.Flags = 0
	}
	return m
}

func prefix(i int) netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}), 32)
}

func countRoutes(t testing.TB, c *nl.Conn) int {
	t.Helper()
	hdr := make([]byte, unix.SizeofRtMsg)
	hdr[0] = unix.AF_INET
	n := 0
	for m, err := range c.Dump(nl.Message{Header: nl.Header{Type: unix.RTM_GETROUTE}, Data: hdr}) {
		if err != nil {
			t.Fatalf("route dump: %v", err)
		}
		if m.Data[4] == unix.RT_TABLE_MAIN {
			n++
		}
	}
	return n
}

func TestKernelBatch10kWithoutOverrun(t *testing.T) {
	ns := nltest.NetNS(t)
	c := nltest.DialNetNS(t, nl.Route, ns)
	const n = 10000
	run := func(del bool) (failed int) {
		b := c.NewBatch(func(i int, err error) {
			if err != nil {
				failed++
				if errors.Is(err, unix.ENOBUFS) {
					t.Fatalf("request %d: %v", i, err)
				}
			}
		})
		for i := range n {
			if err := b.Add(routeMsg(prefix(i), del)); err != nil {
				t.Fatalf("batch add %d: %v", i, err)
			}
		}
		if err := b.Flush(); err != nil {
			t.Fatalf("batch flush: %v", err)
		}
		return failed
	}
	if f := run(false); f != 0 {
		t.Fatalf("%d of %d route adds failed", f, n)
	}
	if got := countRoutes(t, c); got != n {
		t.Fatalf("dump found %d routes, want %d", got, n)
	}
	// The worst case for the receive buffer: every request fails and
	// every failure queues an error. None may be lost.
	if f := run(false); f != n {
		t.Fatalf("adding %d existing routes: %d failures reported, want all", n, f)
	}
	if f := run(true); f != 0 {
		t.Fatalf("%d of %d route deletes failed", f, n)
	}
	if got := countRoutes(t, c); got != 0 {
		t.Fatalf("%d routes left after deleting all", got)
	}
}

func TestKernelBatchReportsEachFailure(t *testing.T) {
	ns := nltest.NetNS(t)
	c := nltest.DialNetNS(t, nl.Route, ns)
	// Pre-create every 10th route so that those adds fail.
	for i := 0; i < 3000; i += 10 {
		if _, err := c.Execute(routeMsg(prefix(i), false)); err != nil {
			t.Fatal(err)
		}
	}
	var bad []int
	b := c.NewBatch(func(i int, err error) {
		if err != nil {
			if !errors.Is(err, unix.EEXIST) {
				t.Errorf("request %d: %v", i, err)
			}
			bad = append(bad, i)
		}
	})
	for i := range 3000 {
		b.Add(routeMsg(prefix(i), false))
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if len(bad) != 300 {
		t.Fatalf("%d failures, want 300", len(bad))
	}
	for j, i := range bad {
		if i != j*10 {
			t.Fatalf("failure %d reported for request %d, want %d", j, i, j*10)
		}
	}
}

func TestKernelMulticastReceive(t *testing.T) {
	ns := nltest.NetNS(t)
	mon, err := nl.Dial(nl.Route, &nl.Config{NetNS: ns, Groups: []uint32{unix.RTNLGRP_LINK}})
	if err != nil {
		t.Fatal(err)
	}
	defer mon.Close()
	c := nltest.DialNetNS(t, nl.Route, ns)
	if _, err := c.Execute(newVeth(t, "mv0", "mv1")); err != nil {
		t.Fatal(err)
	}
	mon.SetReadDeadline(time.Now().Add(5 * time.Second))
	seen := map[string]bool{}
	for !seen["mv0"] || !seen["mv1"] {
		msgs, err := mon.Receive()
		if err != nil {
			t.Fatalf("receive: %v (seen %v)", err, seen)
		}
		for _, m := range msgs {
			if m.Header.Type != unix.RTM_NEWLINK {
				continue
			}
			d := nl.NewAttrDecoder(m.Data[unix.SizeofIfInfomsg:])
			for d.Next() {
				if d.Type() == unix.IFLA_IFNAME {
					seen[d.String()] = true
				}
			}
		}
	}
	// With nothing more to come, the deadline ends the wait.
	mon.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	for {
		_, err := mon.Receive()
		if err != nil {
			if !errors.Is(err, errDeadline) {
				t.Fatalf("waiting past the deadline: %v", err)
			}
			break
		}
	}
}

func TestKernelNetNSLeavesCallerThreadAlone(t *testing.T) {
	ns := nltest.NetNS(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before, err := readlink("/proc/thread-self/ns/net")
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		c, err := nl.Dial(nl.Route, &nl.Config{NetNS: ns})
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	after, _ := readlink("/proc/thread-self/ns/net")
	if before != after {
		t.Fatalf("the caller's thread moved from namespace %s to %s", before, after)
	}
	// A socket opened in the caller's namespace must not see the test
	// namespace's links.
	c, err := nl.Dial(nl.Route, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, ok := linkNames(t, c)["lo"]; !ok {
		t.Fatal("no lo in the caller's namespace")
	}
}

func TestKernelMissingNetNS(t *testing.T) {
	_, err := nl.Dial(nl.Route, &nl.Config{NetNS: "giptest-no-such-namespace"})
	if err == nil || !strings.Contains(err.Error(), `Cannot open network namespace "giptest-no-such-namespace": No such file or directory`) {
		t.Fatalf("err = %v", err)
	}
}

func TestKernelNamedNetNSCreateTwice(t *testing.T) {
	ns := nltest.NetNS(t)
	err := nl.CreateNamedNetNS(ns)
	if err == nil || !errors.Is(err, unix.EEXIST) {
		t.Fatalf("creating %s again: %v", ns, err)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("Cannot create namespace file %q", nl.NetNSPath(ns))) && !strings.Contains(err.Error(), "File exists") {
		t.Fatalf("message: %v", err)
	}
}

var errDeadline = osErrDeadline()

func TestKernelJoinGroupAfterDial(t *testing.T) {
	ns := nltest.NetNS(t)
	mon := nltest.DialNetNS(t, nl.Route, ns)
	if err := mon.JoinGroup(unix.RTNLGRP_LINK); err != nil {
		t.Fatal(err)
	}
	c := nltest.DialNetNS(t, nl.Route, ns)
	if _, err := c.Execute(newVeth(t, "jv0", "jv1")); err != nil {
		t.Fatal(err)
	}
	mon.SetReadDeadline(time.Now().Add(5 * time.Second))
	msgs, err := mon.Receive()
	if err != nil || len(msgs) == 0 || msgs[0].Header.Type != unix.RTM_NEWLINK {
		t.Fatalf("after JoinGroup: %v %v", msgs, err)
	}
	if err := mon.LeaveGroup(unix.RTNLGRP_LINK); err != nil {
		t.Fatal(err)
	}
}
