package app

import (
	"encoding/binary"
	"encoding/json"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// sendRA sends one router advertisement from namespace ns out of dev to
// ff02::1, with a prefix information option for 2001:db8:7::/64 (on-link,
// autonomous, valid 3600 s, preferred 1800 s) and a router lifetime of 0.
// It fails while dev has no link-local address yet.
func sendRA(ns, dev string) error {
	errc := make(chan error, 1)
	go func() {
		// The thread enters the namespace and dies with the goroutine.
		runtime.LockOSThread()
		errc <- func() error {
			f, err := os.Open("/run/netns/" + ns)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
				return err
			}
			ifi, err := net.InterfaceByName(dev)
			if err != nil {
				return err
			}
			fd, err := unix.Socket(unix.AF_INET6, unix.SOCK_RAW, unix.IPPROTO_ICMPV6)
			if err != nil {
				return err
			}
			defer unix.Close(fd)
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_HOPS, 255)
			unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_MULTICAST_IF, ifi.Index)
			ra := []byte{134, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
			opt := []byte{3, 4, 64, 0xc0}
			opt = binary.BigEndian.AppendUint32(opt, 3600)
			opt = binary.BigEndian.AppendUint32(opt, 1800)
			opt = append(opt, 0, 0, 0, 0)
			opt = append(opt, net.ParseIP("2001:db8:7::")...)
			to := &unix.SockaddrInet6{ZoneId: uint32(ifi.Index)}
			copy(to.Addr[:], net.ParseIP("ff02::1"))
			return unix.Sendto(fd, append(ra, opt...), 0, to)
		}()
	}()
	return <-errc
}

// TestMonitorPrefix has a router advertisement reach a namespace: ip
// monitor and gip monitor print the same prefix event (plain, label, and
// with the other objects); gip -j prints it as an envelope.
func TestMonitorPrefix(t *testing.T) {
	a, b := testNS(t), testNS(t)
	must(t, "ip", "-n", a, "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", b)
	must(t, "ip", "netns", "exec", b, "sysctl", "-qw", "net.ipv6.conf.v1.accept_dad=0")
	must(t, "ip", "netns", "exec", a, "sysctl", "-qw", "net.ipv6.conf.v0.accept_dad=0")
	must(t, "ip", "-n", a, "link", "set", "v0", "up")
	must(t, "ip", "-n", b, "link", "set", "v1", "up")
	variants := [][]string{{"monitor", "prefix"}, {"monitor", "label", "prefix", "address"}, {"-6", "monitor", "prefix"}}
	var refs, gots []*watcher
	for _, v := range variants {
		line := append([]string{"-n", a}, v...)
		refs = append(refs, startWatcher(t, false, append([]string{"ip"}, line...)...))
		gots = append(gots, startWatcher(t, true, line...))
	}
	js := startWatcher(t, true, "-n", a, "-j", "monitor", "prefix")
	all := append(append([]*watcher{js}, refs...), gots...)
	// The watchers have subscribed once a first advertisement shows.
	for i := 0; ; i++ {
		err := sendRA(b, "v1")
		time.Sleep(100 * time.Millisecond)
		seen := true
		for _, w := range all {
			seen = seen && strings.Contains(w.out.String(), "2001:db8:7::")
		}
		if seen {
			break
		}
		if i == 50 {
			t.Fatalf("no prefix event after 5 s (%v): ip printed %q", err, refs[0].out.String())
		}
	}
	time.Sleep(200 * time.Millisecond)
	start := map[*watcher]int{}
	for _, w := range all {
		start[w] = len(w.out.String())
	}
	if err := sendRA(b, "v1"); err != nil {
		t.Fatalf("sending a router advertisement: %v", err)
	}
	for _, w := range all {
		for i := 0; len(w.out.String()) == start[w]; i++ {
			if i == 100 {
				t.Fatalf("%v printed nothing of the second advertisement", w.cmd.Args)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	time.Sleep(200 * time.Millisecond)
	for i, v := range variants {
		want, got := refs[i].out.String()[start[refs[i]]:], gots[i].out.String()[start[gots[i]]:]
		if want != got || want == "" {
			t.Errorf("ip %s printed\n%s\ngip printed\n%s", strings.Join(v, " "), want, got)
		}
	}
	if !strings.Contains(refs[0].out.String(), "prefix 2001:db8:7::/64dev v0 ") || !strings.Contains(refs[0].out.String(), "valid 3600 preferred 1800") {
		t.Errorf("ip monitor prefix printed %q", refs[0].out.String())
	}
	evs := parseEvents(t, js.out.String()[start[js]:])
	var d struct {
		Prefix, Dev      string
		Flags            []string
		Valid, Preferred int
	}
	if len(evs) >= 1 {
		json.Unmarshal(evs[0].Data, &d)
	}
	if len(evs) < 1 || evs[0].Object != "prefix" || evs[0].Action != "new" || d.Prefix != "2001:db8:7::/64" || d.Dev != "v0" ||
		d.Flags == nil || d.Valid != 3600 || d.Preferred != 1800 {
		t.Errorf("gip -j monitor prefix printed %s", js.out.String())
	}
}
