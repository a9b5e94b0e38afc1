package app

import (
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestTCBPFActionTraffic attaches the bpf action to a veth's ingress with
// gip tc and sends datagrams through the pair: the program of section
// "ok" lets them in, the one of section "action" drops them, and the
// action's statistics count what it dropped.
func TestTCBPFActionTraffic(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("skipped: needs root")
	}
	a, b := testNS(t), testNS(t)
	must(t, "ip", "-n", a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b)
	must(t, "ip", "-n", a, "addr", "add", "10.199.1.1/24", "dev", "va")
	must(t, "ip", "-n", b, "addr", "add", "10.199.1.2/24", "dev", "vb")
	must(t, "ip", "-n", a, "link", "set", "va", "up")
	must(t, "ip", "-n", b, "link", "set", "vb", "up")
	must(t, "tc", "-n", b, "qdisc", "add", "dev", "vb", "clsact")
	dst := [4]byte{10, 199, 1, 2}
	fd := udpListener(t, b, dst, 9)

	attach := func(verb string, sec ...string) {
		t.Helper()
		w := append([]string{"tc", "-n", b, "filter", verb, "dev", "vb", "ingress", "prio", "1", "handle", "1",
			"matchall", "action", "bpf", "obj", bpfObjects + "action.o"}, sec...)
		r := gip(t, w...)
		switch {
		case strings.Contains(r.Stderr, "Failed to load TC action module"):
			testenv.Missing(t, testenv.ActBpf, "%s", strings.TrimSpace(r.Stderr))
		case strings.Contains(r.Stderr, "TC classifier not found"):
			testenv.Missing(t, testenv.FilterMatchall, "%s", strings.TrimSpace(r.Stderr))
		case r.code != 0:
			t.Fatalf("gip %s: exit %d %s", strings.Join(w, " "), r.code, r.Stderr)
		}
	}

	// Let through first, which also settles a's neighbour entry for b.
	attach("add", "sec", "ok")
	sendUDP(t, a, dst, 3)
	if n := drain(fd); n == 0 {
		t.Fatalf("with the program of section ok, no datagram arrived")
	}
	show := gip(t, "tc", "-n", b, "filter", "show", "dev", "vb", "ingress")
	if !regexp.MustCompile(`bpf action\.o:\[ok\] id [0-9]+ name act_ok tag [0-9a-f]{16} (jited )?default-action pipe`).MatchString(show.Stdout) {
		t.Errorf("gip tc filter show:\n%s", show.Stdout)
	}

	// matchall has no replace: the filter goes and comes back.
	must(t, "tc", "-n", b, "filter", "del", "dev", "vb", "ingress", "prio", "1")
	attach("add")
	sendUDP(t, a, dst, 3)
	if n := drain(fd); n != 0 {
		t.Errorf("with the program of section action (drop), %d datagrams arrived", n)
	}
	stats := gip(t, "tc", "-s", "-n", b, "filter", "show", "dev", "vb", "ingress")
	m := regexp.MustCompile(`bpf action\.o:\[action\] id [0-9]+ name act_drop[^\n]*\n(?:[^\n]*\n)*?\s*Sent [0-9]+ bytes ([0-9]+) pkt \(dropped ([0-9]+),`).FindStringSubmatch(stats.Stdout)
	if m == nil {
		t.Fatalf("gip tc -s filter show:\n%s", stats.Stdout)
	}
	if pkts, _ := strconv.Atoi(m[1]); pkts < 3 || m[1] != m[2] {
		t.Errorf("the drop action saw %s packets and dropped %s:\n%s", m[1], m[2], stats.Stdout)
	}
}

// udpListener opens a non-blocking UDP socket in namespace ns bound to
// addr:port; it is closed when the test ends.
func udpListener(t *testing.T, ns string, addr [4]byte, port int) int {
	t.Helper()
	type res struct {
		fd  int
		err error
	}
	c := make(chan res, 1)
	go func() {
		runtime.LockOSThread()
		fd, err := func() (int, error) {
			self, err := os.Open("/proc/thread-self/ns/net")
			if err != nil {
				return -1, err
			}
			defer self.Close()
			target, err := os.Open("/run/netns/" + ns)
			if err != nil {
				return -1, err
			}
			defer target.Close()
			if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
				return -1, err
			}
			fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
			if err == nil {
				if err = unix.Bind(fd, &unix.SockaddrInet4{Port: port, Addr: addr}); err != nil {
					unix.Close(fd)
					fd = -1
				}
			}
			if unix.Setns(int(self.Fd()), unix.CLONE_NEWNET) == nil {
				runtime.UnlockOSThread() // else the thread ends with the goroutine
			}
			return fd, err
		}()
		c <- res{fd, err}
	}()
	r := <-c
	if r.err != nil {
		t.Fatalf("listening in %s: %v", ns, r.err)
	}
	t.Cleanup(func() { unix.Close(r.fd) })
	return r.fd
}

// drain counts the datagrams waiting on fd, after a moment for those on
// their way.
func drain(fd int) int {
	time.Sleep(200 * time.Millisecond)
	buf := make([]byte, 64)
	n := 0
	for {
		if _, _, err := unix.Recvfrom(fd, buf, 0); err != nil {
			return n
		}
		n++
	}
}
