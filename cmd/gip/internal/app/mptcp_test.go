package app

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// mptcpSteps run with ip on one namespace and gip on its twin: changes,
// bad words and kernel refusals.
var mptcpSteps = []string{
	"mptcp endpoint add 10.0.0.1 dev v0 signal id 5", "mptcp endpoint add 10.0.0.1 id 5",
	"mptcp endpoint add 2001:db8::1 subflow backup fullmesh", "mptcp endpoint add 2001:db8::2 subflow fullmesh dev v0",
	"mptcp endpoint add 10.0.0.2 10.0.0.3", "mptcp endpoint add ::ffff:1.2.3.4", "mptcp endpoint add fe80::1 dev v0",
	"mptcp endpoint add 10.0.0.9 id 0x20 subflow", "mptcp endpoint add 10.0.0.10 i 33 backup", "mptcp e a 10.0.0.11 signal",
	"mptcp endpoint add 10.0.0.9 id 300", "mptcp endpoint add 10.0.0.9 id x", "mptcp endpoint add id 3",
	"mptcp endpoint add 10.0.0.9 signal fullmesh", "mptcp endpoint add 10.0.0.9 port 80",
	"mptcp endpoint add 10.0.0.9 dev nosuch", "mptcp endpoint add 10.0.0.9 frob", "mptcp endpoint add 10.0.0.9 implicit",
	"mptcp endpoint add 10.0.0.9 port x signal", "mptcp endpoint add 10.0.0.1/24", "mptcp endpoint add 10.0.0.9 id",
	"mptcp endpoint delete", "mptcp endpoint delete id 5 10.0.0.1", "mptcp endpoint delete id 0", "mptcp endpoint delete id 99",
	"mptcp endpoint change id 5 signal", "mptcp endpoint change id 99 backup", "mptcp endpoint change id 5 port 3 backup",
	"mptcp endpoint change id 5 backup", "mptcp endpoint change 2001:db8::1 nobackup nofullmesh",
	"mptcp endpoint change id 33 fullmesh", "mptcp endpoint show id 99", "mptcp endpoint show frob",
	"mptcp endpoint frob", "mptcp limits set subflows 9", "mptcp limits set subflows x", "mptcp limits set frob 1",
	"mptcp limits set", "mptcp limits set subflows 3 add_addr_accepted 4", "mptcp limits set a 2", "mptcp limits frob",
	"mptcp frob", "mptcp", "mptcp help", "mptcp monitor x", "mptcp endpoint delete id 0x20",
	"mptcp endpoint show 10.0.0.1", "mptcp limits show subflows 3", "mptcp endpoint add 10.0.0.5 port 1234 signal",
	"mptcp endpoint change 10.0.0.3 port 3 backup", "-4 mptcp endpoint add 2001:db8::9 id 40",
	"mptcp endpoint delete id 0 2001:db8::9", "mptcp endpoint add 10.0.0.9 dev", "mptcp endpoint add 10.0.0.9 dev v0 dev lo",
	"mptcp endpoint add 10.0.0.12 subflow backup backup", "mptcp h", "mptcp endpoint delete id 40",
}

// mptcpShows are the listings compared after the changes.
var mptcpShows = []string{"mptcp endpoint show", "mptcp endpoint", "mptcp e s", "mptcp endpoint show id 5",
	"mptcp endpoint show id 6", "mptcp limits show", "mptcp limits", "mptcp l"}

func TestMptcpMatchesIP(t *testing.T) {
	ref, ns := testNS(t), testNS(t)
	for _, n := range []string{ref, ns} {
		must(t, "ip", "-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	}
	for _, s := range mptcpSteps {
		args := splitArgs(s)
		want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
		got := gip(t, append([]string{"-n", ns}, args...)...)
		wantErr := strings.ReplaceAll(gipName(want.Stderr), "\tip mptcp", "\tgip mptcp")
		if got.code != want.code || got.Stderr != wantErr || got.Stdout != want.Stdout {
			t.Errorf("%s: ip exit %d %q %q, gip exit %d %q %q", s, want.code, want.Stderr, want.Stdout, got.code, got.Stderr, got.Stdout)
		}
	}
	compareMptcp(t, ref, ns)
	// What gip set up, ip reads back.
	if out := tool(t, "ip", "-n", ns, "mptcp", "endpoint").Stdout; !strings.Contains(out, "10.0.0.1 id 5 signal backup dev v0 \n") ||
		!strings.Contains(out, "2001:db8::1 id 6 subflow \n") {
		t.Errorf("ip does not read gip's endpoints back:\n%s", out)
	}
	if out := tool(t, "ip", "-n", ns, "mptcp", "limits").Stdout; out != "add_addr_accepted 2 subflows 3 \n" {
		t.Errorf("ip reads gip's limits as %q", out)
	}
	// limits show -j: a JSON object where ip prints text.
	for _, opts := range [][]string{{"-j"}, {"-j", "-p"}} {
		r := gip(t, append(append([]string{"-n", ns}, opts...), "mptcp", "limits", "show")...)
		if !jsonEqual(t, r.Stdout, `{"add_addr_accepted":2,"subflows":3}`) || r.code != 0 {
			t.Errorf("%v limits show: exit %d %q", opts, r.code, r.Stdout)
		}
	}
	if want, got := tool(t, "ip", "-n", ref, "mptcp", "endpoint", "flush"), gip(t, "-n", ns, "mptcp", "endpoint", "flush"); got != want {
		t.Errorf("flush: ip %+v, gip %+v", want, got)
	}
	compareMptcp(t, ref, ns)
	if out := tool(t, "ip", "-n", ns, "mptcp", "endpoint").Stdout; out != "" {
		t.Errorf("endpoints left after gip's flush:\n%s", out)
	}
	// Planned changes in a batch, with and without -force: the second
	// line fails (a duplicate), the third runs only under -force.
	batch := "mptcp endpoint add 10.1.0.1 id 1 signal\nmptcp endpoint add 10.1.0.1 id 1\nmptcp limits set subflows 5\n" +
		"mptcp endpoint change id 1 backup\n"
	for _, force := range [][]string{nil, {"-force"}} {
		for _, n := range []string{ref, ns} {
			must(t, "ip", "-n", n, "mptcp", "endpoint", "flush")
			must(t, "ip", "-n", n, "mptcp", "limits", "set", "subflows", "2")
		}
		cmd := execIP(t, append(append([]string{"-n", ref}, force...), "-batch", "-")...)
		cmd.Stdin = strings.NewReader(batch)
		var ipErr bytes.Buffer
		cmd.Stderr = &ipErr
		ipCode := 0
		if err := cmd.Run(); err != nil {
			ipCode = cmd.ProcessState.ExitCode()
		}
		var out, errb bytes.Buffer
		code := Run(append(append([]string{"-n", ns}, force...), "-batch", "-"), strings.NewReader(batch), &out, &errb)
		if code != ipCode || errb.String() != ipErr.String() {
			t.Errorf("batch %v: ip exit %d %q, gip exit %d %q", force, ipCode, ipErr.String(), code, errb.String())
		}
		compareMptcp(t, ref, ns)
	}
}

// compareMptcp compares both tools' listings of both namespaces.
func compareMptcp(t *testing.T, ref, ns string) {
	t.Helper()
	for _, c := range mptcpShows {
		jsonOK := !strings.HasPrefix(c, "mptcp l") // ip prints text under -j there
		for _, n := range []string{ref, ns} {
			for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
				if opts != nil && !jsonOK {
					continue
				}
				args := append(append([]string{"-n", n}, opts...), splitArgs(c)...)
				want, got := tool(t, "ip", args...), gip(t, args...)
				if got.code != want.code || got.Stderr != want.Stderr {
					t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
				}
				if opts == nil {
					if got.Stdout != want.Stdout {
						t.Errorf("%v: ip %q, gip %q", args, want.Stdout, got.Stdout)
					}
				} else if want.Stdout == "" && got.Stdout != "" || want.Stdout != "" && !jsonEqual(t, want.Stdout, got.Stdout) {
					t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
				}
			}
		}
	}
	a, b := tool(t, "ip", "-n", ref, "mptcp", "endpoint").Stdout, tool(t, "ip", "-n", ns, "mptcp", "endpoint").Stdout
	if a != b {
		t.Errorf("the endpoints made by ip and by gip differ:\n%s\n%s", a, b)
	}
	a, b = tool(t, "ip", "-n", ref, "mptcp", "limits").Stdout, tool(t, "ip", "-n", ns, "mptcp", "limits").Stdout
	if a != b {
		t.Errorf("the limits set by ip and by gip differ: %q %q", a, b)
	}
}

// mptcpExchange opens an MPTCP listener and connection on loopback in
// namespace ns, exchanges a byte and closes them: the path manager
// reports the connection's life. The sockets are made on a thread that
// entered the namespace and dies with its goroutine.
func mptcpExchange(t *testing.T, ns string) {
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
		errc <- exchangeOnLoopback()
	}()
	if err := <-errc; err != nil {
		t.Fatalf("MPTCP exchange in %s: %v", ns, err)
	}
}

func exchangeOnLoopback() error {
	var lc net.ListenConfig
	lc.SetMultipathTCP(true)
	ln, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	var d net.Dialer
	d.SetMultipathTCP(true)
	c, err := d.Dial("tcp", ln.Addr().String())
	if err != nil {
		return err
	}
	s, err := ln.Accept()
	if err != nil {
		c.Close()
		return err
	}
	if _, err := c.Write([]byte("x")); err != nil {
		return err
	}
	if _, err := s.Read(make([]byte, 1)); err != nil {
		return err
	}
	time.Sleep(300 * time.Millisecond) // the extra subflow comes up
	c.Close()
	s.Close()
	return nil
}

// TestMptcpMonitorMatchesIP watches a namespace with ip mptcp monitor and
// gip mptcp monitor (text and -j) while an MPTCP connection with an extra
// subflow comes and goes, and compares what they print.
func TestMptcpMonitorMatchesIP(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "set", "lo", "up")
	must(t, "ip", "-n", ns, "mptcp", "limits", "set", "subflows", "2", "add_addr_accepted", "2")
	must(t, "ip", "-n", ns, "mptcp", "endpoint", "add", "127.0.0.2", "subflow")
	ref := startWatcher(t, false, "ip", "-n", ns, "mptcp", "monitor")
	got := startWatcher(t, true, "-n", ns, "mptcp", "monitor")
	js := startWatcher(t, true, "-n", ns, "-j", "mptcp", "monitor")
	// The watchers have subscribed once they report a connection.
	for i := 0; !strings.Contains(ref.out.String(), "CLOSED") || !strings.Contains(got.out.String(), "CLOSED") ||
		!strings.Contains(js.out.String(), `"CLOSED"`); i++ {
		if i == 50 {
			t.Fatalf("no events:\n%s\n%s\n%s", ref.out.String(), got.out.String(), js.out.String())
		}
		mptcpExchange(t, ns)
		time.Sleep(100 * time.Millisecond)
	}
	// The extra subflow may not come up within the exchange on a loaded
	// machine: exchange again until one did.
	var start []int
	var want, have string
	for attempt := 0; attempt < 5 && !strings.Contains(want, "[SF_ESTABLISHED]"); attempt++ {
		start = []int{len(ref.out.String()), len(got.out.String()), len(js.out.String())}
		mptcpExchange(t, ns)
		time.Sleep(500 * time.Millisecond)
		want, have = ref.out.String()[start[0]:], got.out.String()[start[1]:]
	}
	if want != have || !strings.Contains(want, "ESTABLISHED] token=") || !strings.Contains(want, "[SF_ESTABLISHED]") {
		t.Errorf("ip mptcp monitor printed\n%s\ngip\n%s", want, have)
	}
	// The JSON lines say the same as the text, event by event, and name
	// the listener events ip's text leaves unknown.
	var lines []string
	for line := range strings.Lines(js.out.String()[start[2]:]) {
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		lines = append(lines, ev["event"].(string))
	}
	var names []string
	for line := range strings.Lines(want) {
		name := strings.TrimSpace(line[1:strings.IndexByte(line, ']')])
		if n, ok := map[string]string{"UNKNOWN 15": "LISTENER_CREATED", "UNKNOWN 16": "LISTENER_CLOSED"}[name]; ok {
			name = n
		}
		names = append(names, name)
	}
	if strings.Join(lines, " ") != strings.Join(names, " ") {
		t.Errorf("JSON events %v, text events %v", lines, names)
	}
}
