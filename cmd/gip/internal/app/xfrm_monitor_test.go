package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// xfrmPolicyEvents are policy changes and the events ip xfrm monitor
// prints for them: adds, an update, a delete, a hard expiry (the kernel
// deletes the policy a second after it was added) and flushes.
var xfrmPolicyEvents = []string{
	"xfrm policy add src 10.0.0.1/32 dst 10.0.0.2/32 dir out tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode transport",
	"xfrm policy update src 10.0.0.1/32 dst 10.0.0.2/32 dir out priority 5 tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode transport reqid 3",
	"xfrm policy add src 10.0.0.1/32 dst 10.0.0.3/32 dir fwd mark 7 mask 0xf ptype sub action block if_id 9",
	"-6 xfrm policy add src 2001:db8::/64 dst 2001:db8:1::/64 proto tcp dport 22 dir in flag localok icmp",
	"xfrm policy add src 10.9.0.0/24 dst 10.9.1.0/24 dir in limit time-hard 1",
	"xfrm policy delete src 10.0.0.1/32 dst 10.0.0.2/32 dir out",
	"xfrm policy flush ptype sub",
	"xfrm policy add src 10.8.0.0/24 dst 10.8.1.0/24 proto icmp type 8 dir out",
	"xfrm policy flush",
}

// xfrmMarker adds a policy whose event tells a watcher has seen
// everything before it.
func xfrmMarker(t *testing.T, ns string, n int, ws ...*watcher) {
	t.Helper()
	dst := fmt.Sprintf("10.77.%d.0/24", n)
	must(t, "ip", "-n", ns, "xfrm", "policy", "add", "src", "10.66.0.0/24", "dst", dst, "dir", "in")
	waitFor(t, dst, ws...)
}

// xfrmStateMarker adds a state whose event tells a watcher has seen
// everything before it.
func xfrmStateMarker(t *testing.T, ns string, n int, ws ...*watcher) {
	t.Helper()
	dst := fmt.Sprintf("10.77.%d.1", n)
	must(t, "ip", "-n", ns, "xfrm", "state", "add", "src", "10.66.0.1", "dst", dst, "proto", "comp", "spi", fmt.Sprint(0x7700+n), "comp", "deflate")
	waitFor(t, dst, ws...)
}

// startXfrmWatchers returns once each watcher has seen a first event
// (so each has subscribed): a policy's, or with states a state's.
func startXfrmWatchers(t *testing.T, ns string, states bool, ws ...*watcher) {
	t.Helper()
	obj, sel := []string{"policy"}, []string{"src", "10.55.0.0/24", "dst", "10.55.1.0/24", "dir", "in"}
	if states {
		obj, sel = []string{"state"}, []string{"src", "10.55.0.1", "dst", "10.55.1.0", "proto", "comp", "spi", "0x7000"}
	}
	for i := 0; ; i++ {
		add := append(append([]string{"-n", ns, "xfrm"}, obj...), "add")
		if states {
			add = append(append(add, sel...), "comp", "deflate")
		} else {
			add = append(add, sel...)
		}
		must(t, "ip", add...)
		must(t, "ip", append(append([]string{"-n", ns, "xfrm"}, obj...), append([]string{"delete"}, sel...)...)...)
		time.Sleep(50 * time.Millisecond)
		seen := true
		for _, w := range ws {
			seen = seen && strings.Contains(w.out.String(), "10.55.1.0")
		}
		if seen {
			return
		}
		if i == 100 {
			t.Fatal("the monitors never saw the first event")
		}
	}
}

// TestXfrmMonitorMatchesIP watches policy changes with ip xfrm monitor
// and gip's (xfrm monitor, monitor xfrm, an object word, -o, -ts): the
// same text; -j gives one envelope per event whose data is what gip -j
// xfrm policy list printed for the policy.
func TestXfrmMonitorMatchesIP(t *testing.T) {
	ns := testNS(t)
	ref := startWatcher(t, false, "ip", "-n", ns, "xfrm", "monitor")
	got := startWatcher(t, true, "-n", ns, "xfrm", "monitor")
	viaMonitor := startWatcher(t, true, "-n", ns, "monitor", "xfrm")
	refPolicy := startWatcher(t, false, "ip", "-n", ns, "-o", "xfrm", "monitor", "pol")
	gotPolicy := startWatcher(t, true, "-n", ns, "-o", "xfrm", "monitor", "pol")
	refTS := startWatcher(t, false, "ip", "-n", ns, "-ts", "xfrm", "monitor", "all")
	gotTS := startWatcher(t, true, "-n", ns, "-ts", "xfrm", "mon", "all")
	expire := startWatcher(t, true, "-n", ns, "xfrm", "monitor", "expire")
	js := startWatcher(t, true, "-n", ns, "-j", "monitor", "xfrm")
	ws := []*watcher{ref, got, viaMonitor, refPolicy, gotPolicy, refTS, gotTS, js}
	startXfrmWatchers(t, ns, false, ws...)
	xfrmMarker(t, ns, 0, ws...)
	start := map[*watcher]int{}
	for _, w := range append(ws, expire) {
		start[w] = len(w.out.String())
	}
	out := func(w *watcher) string { return w.out.String()[start[w]:] }

	// What gip -j xfrm policy lists after each add or update, by
	// selector and direction.
	key := func(d map[string]any) string { return fmt.Sprint(d["src"], d["dst"], d["dir"]) }
	var listed []map[string]any
	for _, line := range xfrmPolicyEvents {
		must(t, "ip", append([]string{"-n", ns}, splitArgs(line)...)...)
		if strings.Contains(line, " add ") || strings.Contains(line, " update ") {
			byKey := map[string]any{}
			for _, o := range showObjects(t, "-n", ns, "-j", "xfrm", "policy", "list") {
				byKey[key(o.(map[string]any))] = o
			}
			listed = append(listed, byKey)
		}
		if strings.Contains(line, "time-hard") {
			waitFor(t, "Expired src 10.9.0.0/24", ref)
		}
	}
	xfrmMarker(t, ns, 1, ws...)
	want := out(ref)
	for _, w := range []*watcher{got, viaMonitor} {
		if g := out(w); g != want {
			t.Errorf("ip xfrm monitor printed\n%s\n%v printed\n%s", want, w.cmd.Args[1:], g)
		}
	}
	for _, s := range []string{"Updated src 10.0.0.1/32", "Deleted src", "Expired src 10.9.0.0/24", "\thard 1\n", "Flushed policy ptype main \n", "Flushed policy ptype sub \n"} {
		if !strings.Contains(want, s) {
			t.Errorf("ip xfrm monitor printed no %q:\n%s", s, want)
		}
	}
	if g, w := out(gotPolicy), out(refPolicy); g != w {
		t.Errorf("ip -o xfrm monitor pol printed\n%s\ngip printed\n%s\nall %q", w, g, refPolicy.out.String())
	}
	stamps := regexp.MustCompile(`\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\] `)
	if g, w := stamps.ReplaceAllString(out(gotTS), "[T] "), stamps.ReplaceAllString(out(refTS), "[T] "); g != w || !strings.Contains(w, "[T] Flushed") {
		t.Errorf("ip -ts xfrm monitor all printed\n%s\ngip printed\n%s", w, g)
	}
	if e := out(expire); !strings.HasPrefix(e, "Expired src 10.9.0.0/24") || strings.Count(e, "\n") != 3 {
		t.Errorf("gip xfrm monitor expire printed\n%s", e)
	}

	// -j: one envelope per event and line, in the order of the changes.
	type envelope struct {
		Object, Action string
		Data           map[string]any
	}
	var evs []envelope
	for _, line := range strings.Split(strings.TrimSpace(out(js)), "\n") {
		var ev envelope
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("gip -j monitor xfrm: not JSON: %s", line)
		}
		evs = append(evs, ev)
	}
	var actions []string
	adds := 0
	for _, ev := range evs {
		actions = append(actions, ev.Object+" "+ev.Action)
		if (ev.Action == "new" || ev.Action == "update") && adds < len(listed) {
			if l := listed[adds][key(ev.Data)]; !reflect.DeepEqual(any(ev.Data), l) {
				t.Errorf("gip -j monitor xfrm: %s event's data\n%v\nwant what gip -j xfrm policy listed\n%v", ev.Action, ev.Data, l)
			}
			adds++
		}
	}
	wantActions := []string{
		"xfrm-policy new", "xfrm-policy update", "xfrm-policy new", "xfrm-policy new", "xfrm-policy new", "xfrm-policy expire",
		"xfrm-policy del", "xfrm-policy flush", "xfrm-policy new", "xfrm-policy flush", "xfrm-policy new",
	}
	if !reflect.DeepEqual(actions, wantActions) {
		t.Errorf("gip -j monitor xfrm: events %q, want %q", actions, wantActions)
	}
	if len(evs) > 7 && (evs[5].Data["hard"] != float64(1) || evs[7].Data["ptype"] != "sub") {
		t.Errorf("gip -j monitor xfrm: expire %v, flush %v", evs[5].Data, evs[7].Data)
	}
}

// TestXfrmMonitorStates watches state changes (the vm tier: the host
// kernel has no ESP): adds, update, delete, a hard expiry and a flush,
// printed as ip xfrm monitor prints them; nokeys, as in ip 6.1, hides
// the keys of reports only.
func TestXfrmMonitorStates(t *testing.T) {
	ns := testNS(t)
	probe := tool(t, "ip", "-n", ns, "xfrm", "state", "add", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp", "spi", "1",
		"enc", "cbc(aes)", "0x00112233445566778899aabbccddeeff")
	if probe.code != 0 {
		testenv.Missing(t, testenv.XfrmESP, "ip xfrm state add ... proto esp: %s", probe.Stderr)
	}
	must(t, "ip", "-n", ns, "xfrm", "state", "flush")
	ref := startWatcher(t, false, "ip", "-n", ns, "xfrm", "monitor")
	got := startWatcher(t, true, "-n", ns, "xfrm", "monitor")
	refSA := startWatcher(t, false, "ip", "-n", ns, "xfrm", "monitor", "nokeys", "SA", "expire", "acquire")
	gotSA := startWatcher(t, true, "-n", ns, "xfrm", "monitor", "nokeys", "SA", "expire", "acq")
	js := startWatcher(t, true, "-n", ns, "-j", "xfrm", "monitor")
	ws := []*watcher{ref, got, refSA, gotSA, js}
	startXfrmWatchers(t, ns, true, ws...)
	xfrmStateMarker(t, ns, 0, ws...)
	start := map[*watcher]int{}
	for _, w := range ws {
		start[w] = len(w.out.String())
	}
	out := func(w *watcher) string { return w.out.String()[start[w]:] }
	for _, line := range []string{
		"xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x100 reqid 4 mode tunnel enc cbc(aes) 0x00112233445566778899aabbccddeeff auth-trunc hmac(sha256) 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 128 sel src 10.1.0.0/16 dst 10.2.0.0/16",
		"xfrm state update src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x100 reqid 4 mode tunnel enc cbc(aes) 0x00112233445566778899aabbccddeeff auth-trunc hmac(sha256) 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 128 sel src 10.1.0.0/16 dst 10.2.0.0/16 limit time-soft 50",
		"xfrm state add src 10.0.0.1 dst 10.0.0.3 proto ah spi 0x101 auth hmac(sha1) 0x0102030405060708090a0b0c0d0e0f1011121314 mark 3 mask 0xff",
		"xfrm state add src 10.0.0.1 dst 10.0.0.4 proto comp spi 0x102 comp deflate",
		"xfrm state add src 10.0.0.1 dst 10.0.0.5 proto esp spi 0x103 enc cbc(aes) 0x00112233445566778899aabbccddeeff limit time-hard 1",
		"xfrm state delete src 10.0.0.1 dst 10.0.0.3 proto ah spi 0x101 mark 3 mask 0xff",
		"xfrm policy add src 10.0.0.1/32 dst 10.0.0.9/32 proto udp dir out tmpl src 10.0.0.1 dst 10.0.0.9 proto esp mode transport",
	} {
		must(t, "ip", append([]string{"-n", ns}, splitArgs(line)...)...)
	}
	waitFor(t, "Expired src 10.0.0.1 dst 10.0.0.5", ref)
	must(t, "ip", "-n", ns, "xfrm", "state", "flush", "proto", "comp")
	must(t, "ip", "-n", ns, "xfrm", "state", "flush")
	xfrmStateMarker(t, ns, 1, ws...)
	time.Sleep(200 * time.Millisecond)
	if g, w := out(got), out(ref); g != w {
		t.Errorf("ip xfrm monitor printed\n%s\ngip printed\n%s", w, g)
	}
	if g, w := out(gotSA), out(refSA); g != w {
		t.Errorf("ip xfrm monitor nokeys SA expire acquire printed\n%s\ngip printed\n%s", w, g)
	}
	for _, s := range []string{"Updated src 10.0.0.1 dst 10.0.0.2", "Deleted src 10.0.0.1 dst 10.0.0.3", "Expired src 10.0.0.1 dst 10.0.0.5"} {
		if !strings.Contains(out(ref), s) {
			t.Errorf("ip xfrm monitor printed no %q:\n%s", s, out(ref))
		}
	}
	for _, s := range []string{`"object":"xfrm-state","action":"update"`, `"object":"xfrm-state","action":"expire"`,
		`"object":"xfrm-state","action":"del"`, `"object":"xfrm-state","action":"flush","data":{"proto":"comp"}`} {
		if !strings.Contains(out(js), s) {
			t.Errorf("gip -j xfrm monitor printed no %s:\n%s", s, out(js))
		}
	}
}

// TestXfrmMonitorOverrunResyncs overruns gip -j monitor xfrm (a 4 KiB
// receive buffer, thousands of policies at once): the view a consumer
// rebuilds from the events and the resync holds what gip -j xfrm policy
// lists.
func TestXfrmMonitorOverrunResyncs(t *testing.T) {
	ns := testNS(t)
	js := startWatcher(t, true, "-n", ns, "-j", "-rcvbuf", "4096", "monitor", "xfrm")
	startXfrmWatchers(t, ns, false, js)
	var b strings.Builder
	for i := range 1500 {
		fmt.Fprintf(&b, "xfrm policy add src 10.1.0.0/16 dst 10.%d.%d.0/24 dir out\n", 100+i/256, i%256)
	}
	for i := 0; i < 1500; i += 3 {
		fmt.Fprintf(&b, "xfrm policy delete src 10.1.0.0/16 dst 10.%d.%d.0/24 dir out\n", 100+i/256, i%256)
	}
	f := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, "ip", "-n", ns, "-batch", f)
	xfrmMarker(t, ns, 0, js)
	time.Sleep(300 * time.Millisecond)

	key := func(d map[string]any) string { return fmt.Sprint(d["src"], d["dst"], d["dir"]) }
	view := map[string]bool{}
	var resync map[string]bool
	overruns := 0
	for _, line := range strings.Split(strings.TrimSpace(js.out.String()), "\n") {
		var ev struct {
			Object, Action string
			Data           map[string]any
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("gip -j monitor xfrm: not JSON: %s", line)
		}
		v := view
		if resync != nil {
			v = resync
		}
		switch {
		case ev.Object == "monitor" && ev.Action == "overrun":
			overruns++
		case ev.Object == "monitor" && ev.Action == "resync-begin":
			resync = map[string]bool{}
		case ev.Object == "monitor" && ev.Action == "resync-end":
			view, resync = resync, nil
		case ev.Action == "del":
			delete(v, key(ev.Data))
		case ev.Action == "flush":
			clear(v)
		default:
			v[key(ev.Data)] = true
		}
	}
	if overruns == 0 {
		t.Fatal("no overrun after thousands of events into 4 KiB")
	}
	want := map[string]bool{}
	for _, o := range showObjects(t, "-n", ns, "-j", "xfrm", "policy", "list") {
		want[key(o.(map[string]any))] = true
	}
	if len(want) != 1001 || !reflect.DeepEqual(view, want) {
		var diff []string
		for k := range view {
			if !want[k] {
				diff = append(diff, "+"+k)
			}
		}
		for k := range want {
			if !view[k] {
				diff = append(diff, "-"+k)
			}
		}
		t.Errorf("the view rebuilt from the events has %d policies, gip xfrm policy lists %d (the marker's too): %q", len(view), len(want), diff)
	}
}

// TestXfrmMonitorErrors: ip's usage and complaints.
func TestXfrmMonitorErrors(t *testing.T) {
	for _, args := range [][]string{{"xfrm", "monitor", "frob"}, {"xfrm", "monitor", "help"}, {"xfrm", "monitor", "sa"}} {
		want := tool(t, "ip", args...)
		got := gip(t, args...)
		if got.code != want.code || got.Stderr != usageName(gipName(want.Stderr)) {
			t.Errorf("%q: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
		}
	}
	if r := gip(t, "monitor", "xfrm", "link"); r.code != 255 || !strings.Contains(r.Stderr, "takes no other object") {
		t.Errorf("gip monitor xfrm link: exit %d %q", r.code, r.Stderr)
	}
}

// TestXfrmMonitorAcquire sends a datagram that a policy wants protected
// by a state that does not exist (through a veth: the loopback device
// bypasses xfrm): the kernel asks for one, and ip and gip print the
// acquire alike, with and without -s; -j gives an xfrm-acquire.
func TestXfrmMonitorAcquire(t *testing.T) {
	ns := testNS(t)
	for _, c := range [][]string{
		{"link", "add", "v0", "type", "veth", "peer", "name", "v1"}, {"link", "set", "v0", "up"}, {"link", "set", "v1", "up"},
		{"addr", "add", "10.0.0.1/24", "dev", "v0"},
		{"xfrm", "policy", "add", "src", "10.0.0.1/32", "dst", "10.0.0.9/32", "proto", "udp", "dir", "out",
			"tmpl", "src", "10.0.0.1", "dst", "10.0.0.9", "proto", "esp", "mode", "transport"},
	} {
		must(t, "ip", append([]string{"-n", ns}, c...)...)
	}
	ref := startWatcher(t, false, "ip", "-n", ns, "xfrm", "monitor")
	got := startWatcher(t, true, "-n", ns, "xfrm", "monitor")
	refS := startWatcher(t, false, "ip", "-n", ns, "-s", "xfrm", "monitor")
	gotS := startWatcher(t, true, "-n", ns, "-s", "monitor", "xfrm")
	js := startWatcher(t, true, "-n", ns, "-j", "xfrm", "monitor")
	ws := []*watcher{ref, got, refS, gotS, js}
	startXfrmWatchers(t, ns, false, ws...)
	xfrmMarker(t, ns, 0, ws...)
	start := map[*watcher]int{}
	for _, w := range ws {
		start[w] = len(w.out.String())
	}
	// The kernel asks once per template while its request is pending.
	err := nl.InNetNS(ns, func() error {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		if err := unix.Bind(fd, &unix.SockaddrInet4{Port: 40000, Addr: [4]byte{10, 0, 0, 1}}); err != nil {
			return err
		}
		// The send fails or not as the kernel's larval-drop setting
		// says: the acquire is what counts.
		unix.Sendto(fd, []byte("x"), 0, &unix.SockaddrInet4{Port: 9, Addr: [4]byte{10, 0, 0, 9}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "40000", ws...)
	time.Sleep(100 * time.Millisecond)
	out := func(w *watcher) string { return w.out.String()[start[w]:] }
	if g, w := out(got), out(ref); g != w || !strings.HasPrefix(w, "acquire proto esp \n  sel src 10.0.0.1/32 dst 10.0.0.9/32 proto udp sport 40000 dport 9 dev v0 \n  policy src 10.0.0.1/32") {
		t.Errorf("ip xfrm monitor printed\n%s\ngip printed\n%s", w, g)
	}
	if g, w := out(gotS), out(refS); g != w || !strings.Contains(w, "enc-mask") {
		t.Errorf("ip -s xfrm monitor printed\n%s\ngip -s monitor xfrm printed\n%s", w, g)
	}
	line, _, _ := strings.Cut(out(js), "\n")
	var ev struct {
		Object, Action string
		Data           struct {
			Proto  string
			Sel    map[string]any
			Policy map[string]any
		}
	}
	if err := json.Unmarshal([]byte(line), &ev); err != nil || ev.Object != "xfrm-acquire" || ev.Action != "new" || ev.Data.Proto != "esp" ||
		ev.Data.Sel["dst"] != "10.0.0.9/32" || ev.Data.Sel["sport"] != float64(40000) || ev.Data.Policy["dir"] != "out" {
		t.Errorf("gip -j xfrm monitor acq: %s (%v)", line, err)
	}
}
