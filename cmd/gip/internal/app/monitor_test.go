package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// monitorNS is a namespace with a veth pair v0/v1, both up.
func monitorNS(t *testing.T) string {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	must(t, "ip", "-n", ns, "link", "set", "v0", "up")
	must(t, "ip", "-n", ns, "link", "set", "v1", "up")
	return ns
}

// settleIPv6 waits until each of devs has its link-local address and no
// IPv6 address is tentative: the kernel adds the routes of link-local
// addresses once duplicate address detection ends, the carrier comes up
// through its link watch (up to a second late), and an address whose
// detection a later carrier loss interrupts leaves with its routes.
func settleIPv6(t *testing.T, ns string, devs ...string) {
	t.Helper()
	for i := 0; ; i++ {
		tentative := tool(t, "ip", "-n", ns, "-6", "addr", "show", "tentative").Stdout
		settled := tentative == ""
		for _, dev := range devs {
			settled = settled && strings.Contains(tool(t, "ip", "-n", ns, "-6", "addr", "show", "dev", dev, "scope", "link").Stdout, "fe80::")
		}
		if settled {
			return
		}
		if i == 100 {
			t.Fatalf("IPv6 link-local addresses of %v missing or tentative after 10 s: %s", devs, tentative)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// syncWatchers adds addresses to v0 until every watcher has printed one:
// then all have subscribed. It returns where each watcher's output stands.
func syncWatchers(t *testing.T, ns string, ws ...*watcher) []int {
	t.Helper()
	for i := 0; ; i++ {
		must(t, "ip", "-n", ns, "addr", "add", fmt.Sprintf("10.98.0.%d/32", i+1), "dev", "v0")
		must(t, "ip", "-n", ns, "addr", "add", fmt.Sprintf("2001:db8:98::%d/128", i+1), "dev", "v0", "nodad")
		time.Sleep(50 * time.Millisecond)
		all := true
		for _, w := range ws {
			out := w.out.String()
			all = all && (strings.Contains(out, "10.98.0.") || strings.Contains(out, "2001:db8:98::"))
		}
		if all {
			break
		}
		if i == 100 {
			t.Fatal("the monitors never saw the first event")
		}
	}
	time.Sleep(100 * time.Millisecond)
	var at []int
	for _, w := range ws {
		at = append(at, len(w.out.String()))
	}
	return at
}

// monitorChanges are changes to every object gip monitor watches.
var monitorChanges = []string{
	"addr add 10.0.0.1/24 dev v0",
	"addr add 2001:db8::1/64 dev v0 nodad",
	"addr add 10.1.0.1/24 dev v1",
	"route add 10.9.0.0/16 via 10.0.0.2",
	"route add 10.8.0.0/16 via 10.1.0.2 table 100",
	"route add 2001:db8:5::/48 via 2001:db8::2 metric 5",
	"rule add pref 100 from 1.2.3.4 lookup 100",
	"-6 rule add pref 101 to 2001:db8::/32 lookup 100",
	"nexthop add id 5 via 10.0.0.3 dev v0",
	"nexthop add id 6 group 5",
	"route add 10.7.0.0/16 nhid 6",
	"neigh add 10.0.0.5 lladdr 00:11:22:33:44:55 dev v0",
	"neigh add 10.1.0.5 lladdr 00:11:22:33:44:57 dev v1",
	"neigh add 2001:db8::5 lladdr 00:11:22:33:44:56 dev v0",
	"link set v1 mtu 1400",
	"link set v1 alias foo",
	"link add d0 type veth peer name d1",
	"link set d0 up",
	"link del d0",
	"neigh del 10.1.0.5 dev v1",
	"route del 10.8.0.0/16 table 100",
	"rule del pref 100",
	"addr del 10.1.0.1/24 dev v1",
}

// applyChanges makes monitorChanges, then a last rule as an end mark.
func applyChanges(t *testing.T, ns string) {
	t.Helper()
	for _, line := range monitorChanges {
		w := strings.Fields(line)
		if w[0] == "-6" {
			must(t, "ip", append([]string{"-6", "-n", ns}, w[1:]...)...)
			continue
		}
		must(t, "ip", append([]string{"-n", ns}, w...)...)
	}
	must(t, "ip", "-n", ns, "rule", "add", "pref", "30000", "table", "4343")
}

// TestMonitorMatchesIP watches one namespace with ip monitor and gip
// monitor (the objects named, label, -4, -6, dev, -t, -ts) while every
// object kind comes and goes: the texts must be the same (timestamps
// aside).
func TestMonitorMatchesIP(t *testing.T) {
	ns := monitorNS(t)
	const objs = "link address route rule neigh nexthop"
	variants := []string{
		objs,
		"label " + objs,
		"-4 " + objs + " label",
		"-6 " + objs,
		"address route neigh dev v0",
		"-t " + objs,
		"-ts " + objs,
	}
	var refs, gots []*watcher
	for _, v := range variants {
		var global, args []string
		for _, w := range strings.Fields(v) {
			if strings.HasPrefix(w, "-") {
				global = append(global, w)
			} else {
				args = append(args, w)
			}
		}
		line := append(append(append([]string{"-n", ns}, global...), "monitor"), args...)
		refs = append(refs, startWatcher(t, false, append([]string{"ip"}, line...)...))
		gots = append(gots, startWatcher(t, true, line...))
	}
	syncWatchers(t, ns, append(append([]*watcher{}, refs...), gots...)...)
	start := make(map[*watcher]int)
	for _, w := range append(append([]*watcher{}, refs...), gots...) {
		start[w] = len(w.out.String())
	}
	applyChanges(t, ns)
	must(t, "ip", "-n", ns, "addr", "add", "10.99.0.1/32", "dev", "v0")
	must(t, "ip", "-n", ns, "addr", "add", "2001:db8:99::1/128", "dev", "v0", "nodad")
	for i, v := range variants {
		end := "2001:db8:99::1"
		if strings.HasPrefix(v, "-4") {
			end = "10.99.0.1"
		}
		waitFor(t, end, refs[i], gots[i])
	}
	// Late events (a link-local address whose DAD ends) may reach one
	// watcher before the other: compare once the two agree, or after 3 s.
	for i, v := range variants {
		outputs := func() (string, string) {
			want, got := refs[i].out.String()[start[refs[i]]:], gots[i].out.String()[start[gots[i]]:]
			if strings.HasPrefix(v, "-t") {
				want, got = stripTimestamps(want), stripTimestamps(got)
			}
			return want, got
		}
		want, got := outputs()
		for deadline := time.Now().Add(3 * time.Second); want != got && time.Now().Before(deadline); {
			time.Sleep(50 * time.Millisecond)
			want, got = outputs()
		}
		if want != got {
			t.Errorf("ip monitor %s printed\n%s\ngip monitor printed\n%s", v, want, got)
		}
		if len(want) < 200 {
			t.Errorf("ip monitor %s printed too little to compare: %q", v, want)
		}
	}
}

// stripTimestamps drops -t's lines and -ts's prefixes.
func stripTimestamps(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(line, "Timestamp: ") {
			continue
		}
		if strings.HasPrefix(line, "[20") {
			if i := strings.Index(line, "] "); i > 0 {
				line = line[i+2:]
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// monitorEvent is one line of gip -j monitor.
type monitorEvent struct {
	Timestamp string `json:"timestamp"`
	Object    string `json:"object"`
	Action    string `json:"action"`
	Resync    bool   `json:"resync"`
	// Synthesized is an event the kernel did not send.
	Synthesized bool            `json:"synthesized"`
	Data        json.RawMessage `json:"data"`
}

// parseEvents reads gip -j monitor's lines; every one must be an event.
func parseEvents(t *testing.T, out string) []monitorEvent {
	t.Helper()
	var evs []monitorEvent
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var ev monitorEvent
		if err := json.Unmarshal([]byte(line), &ev); err != nil || ev.Object == "" || ev.Action == "" {
			t.Errorf("gip -j monitor: a line is not an event (%v): %s", err, line)
			continue
		}
		if ev.Object != "monitor" && len(ev.Data) == 0 {
			t.Errorf("gip -j monitor: an event without data: %s", line)
		}
		evs = append(evs, ev)
	}
	return evs
}

// showObjects is gip -j's listing of an object kind, as a list of values.
func showObjects(t *testing.T, args ...string) []any {
	t.Helper()
	r := gip(t, args...)
	if r.code != 0 {
		t.Fatalf("gip %s: exit %d: %s", strings.Join(args, " "), r.code, r.Stderr)
	}
	var v []any
	if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil {
		t.Fatalf("gip %s: not JSON: %v", strings.Join(args, " "), err)
	}
	return v
}

// canon is a JSON value as a comparable string.
func canon(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestMonitorJSON watches the changes with gip -j monitor (and -j -t): one
// envelope per line, in the order and of the kinds of ip monitor's events,
// and the data of the objects that stay equal to what gip -j OBJECT show
// prints for them.
func TestMonitorJSON(t *testing.T) {
	ns := monitorNS(t)
	js := startWatcher(t, true, "-n", ns, "-j", "monitor")
	jts := startWatcher(t, true, "-n", ns, "-j", "-t", "monitor", "link", "address", "route", "rule", "neigh", "nexthop")
	at := syncWatchers(t, ns, js, jts)
	applyChanges(t, ns)
	waitFor(t, "4343", js, jts)
	time.Sleep(200 * time.Millisecond)
	evs := parseEvents(t, js.out.String()[at[0]:])
	if len(evs) < 30 {
		t.Fatalf("gip -j monitor printed %d events", len(evs))
	}
	for _, ev := range parseEvents(t, jts.out.String()[at[1]:]) {
		if ts, err := time.Parse(time.RFC3339Nano, ev.Timestamp); err != nil || !strings.HasSuffix(ev.Timestamp, "Z") || ts.Nanosecond()%1000 != 0 {
			t.Errorf("gip -j -t monitor: timestamp %q is not RFC 3339 UTC in microseconds", ev.Timestamp)
		}
	}
	// The last event of each object that stays is what show prints.
	last := map[string]map[string]any{}
	key := func(obj string, d map[string]any) string {
		words := func(keys ...string) string {
			var w []string
			for _, k := range keys {
				w = append(w, fmt.Sprint(d[k]))
			}
			return strings.Join(w, " ")
		}
		switch obj {
		case "link":
			return fmt.Sprint(d["ifname"])
		case "address":
			return words("dev", "local", "prefixlen")
		case "route":
			return words("type", "dst", "table", "metric")
		case "rule":
			return fmt.Sprint(d["priority"])
		case "nexthop":
			return fmt.Sprint(d["id"])
		case "neigh":
			return words("dst", "dev")
		}
		return ""
	}
	for _, ev := range evs {
		var d map[string]any
		if err := json.Unmarshal(ev.Data, &d); err != nil {
			t.Fatalf("data is not an object: %s", ev.Data)
		}
		if last[ev.Object] == nil {
			last[ev.Object] = map[string]any{}
		}
		last[ev.Object][key(ev.Object, d)] = d
		if ev.Action == "del" {
			delete(last[ev.Object], key(ev.Object, d))
		}
	}
	checks := []struct {
		object string
		show   []string
		want   []string // keys of objects that stay
	}{
		{"route", []string{"route", "show", "table", "all"}, []string{"<nil> 10.9.0.0/16 <nil> <nil>", "<nil> 10.7.0.0/16 <nil> <nil>"}},
		{"route", []string{"-6", "route", "show"}, []string{"<nil> 2001:db8:5::/48 <nil> 5"}},
		{"rule", []string{"-6", "rule", "show"}, []string{"101"}},
		{"nexthop", []string{"nexthop", "show"}, []string{"5", "6"}},
		{"neigh", []string{"neigh", "show"}, []string{"10.0.0.5 v0", "2001:db8::5 v0"}},
		{"link", []string{"link", "show"}, []string{"v1"}},
	}
	for _, c := range checks {
		listed := map[string]string{}
		for _, o := range showObjects(t, append([]string{"-n", ns, "-j"}, c.show...)...) {
			d := o.(map[string]any)
			listed[key(c.object, d)] = canon(d)
		}
		for _, k := range c.want {
			got, ok := last[c.object][k]
			if !ok {
				t.Errorf("gip -j monitor: no event for %s %q in %v", c.object, k, last[c.object])
				continue
			}
			if canon(got) != listed[k] {
				t.Errorf("gip -j monitor's %s %q:\n%s\ngip -j %s:\n%s", c.object, k, canon(got), strings.Join(c.show, " "), listed[k])
			}
		}
	}
	// An address's data is an element of gip -j -o addr's addr_info.
	listed := map[string]string{}
	for _, o := range showObjects(t, "-n", ns, "-j", "-o", "addr", "show") {
		for _, a := range o.(map[string]any)["addr_info"].([]any) {
			d := a.(map[string]any)
			listed[key("address", d)] = canon(d)
		}
	}
	for _, k := range []string{"v0 10.0.0.1 24", "v0 2001:db8::1 64"} {
		if got := canon(last["address"][k]); got != listed[k] {
			t.Errorf("gip -j monitor's address %q:\n%s\ngip -j -o addr show:\n%s", k, got, listed[k])
		}
	}
}

// TestMonitorOverrunResyncs starts gip -j monitor with a tiny receive
// buffer (ip's -rcvbuf) and adds thousands of routes and neighbours at
// once: the kernel drops events, and the monitor must say so and print
// the whole state between resync markers, so that the view rebuilt from
// the last resync and the events after it equals what gip -j show lists.
func TestMonitorOverrunResyncs(t *testing.T) {
	ns := monitorNS(t)
	must(t, "ip", "-n", ns, "addr", "add", "10.0.0.1/16", "dev", "v0")
	settleIPv6(t, ns, "v0", "v1")
	js := startWatcher(t, true, "-n", ns, "-j", "-rcvbuf", "4096", "monitor", "route", "neigh", "rule")
	text := startWatcher(t, true, "-n", ns, "-rcvbuf", "4096", "monitor", "route", "neigh", "rule")
	at := syncWatchers(t, ns, js, text)
	var b strings.Builder
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&b, "route add 10.%d.%d.0/24 via 10.0.0.2\n", 100+i/250, i%250)
	}
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "neigh add 10.0.%d.%d lladdr 02:00:00:00:%02x:%02x dev v0\n", 10+i/250, 1+i%250, i/256, i%256)
	}
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "route del 10.%d.%d.0/24\n", 100+i/250, i%250)
	}
	batch := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(batch, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, "ip", "-n", ns, "-batch", batch)
	must(t, "ip", "-n", ns, "rule", "add", "pref", "30000", "table", "4343")
	waitFor(t, "4343", js, text)
	// The resync may still be printing after the rule's event: a loaded
	// machine can stall it longer than any fixed pause.
	waitQuiet(t, js, text)
	out := js.out.String()[at[0]:]
	if !strings.Contains(out, `{"object":"monitor","action":"overrun"}`+"\n"+`{"object":"monitor","action":"resync-begin"}`) {
		t.Fatalf("gip -j monitor: no overrun then resync-begin after a burst into 4 KiB")
	}
	evs := parseEvents(t, out)
	// The view: the state of the last resync, then the events after it.
	begin, end := -1, -1
	for i, ev := range evs {
		switch {
		case ev.Object == "monitor" && ev.Action == "resync-begin":
			begin = i
		case ev.Object == "monitor" && ev.Action == "resync-end":
			end = i
		}
	}
	if begin < 0 || end < begin {
		t.Fatalf("no complete resync: begin at %d, end at %d", begin, end)
	}
	view := map[string]map[string]bool{"route": {}, "neigh": {}, "rule": {}}
	for i, ev := range evs[begin+1:] {
		if ev.Object == "monitor" {
			if begin+1+i != end {
				t.Fatalf("a monitor notice inside the resync: %+v", ev)
			}
			continue
		}
		if begin+1+i < end != ev.Resync {
			t.Errorf("resync is %v for an event %s the markers: %s", ev.Resync, map[bool]string{true: "between", false: "after"}[begin+1+i < end], ev.Data)
		}
		var d any
		json.Unmarshal(ev.Data, &d)
		if ev.Action == "del" {
			delete(view[ev.Object], canon(d))
		} else {
			view[ev.Object][canon(d)] = true
		}
	}
	for object, shows := range map[string][][]string{
		"route": {{"route", "show", "table", "all"}, {"-6", "route", "show", "table", "all"}},
		"neigh": {{"neigh", "show", "nud", "all"}},
		"rule":  {{"rule", "show"}, {"-6", "rule", "show"}},
	} {
		want := map[string]bool{}
		for _, s := range shows {
			for _, o := range showObjects(t, append([]string{"-n", ns, "-j"}, s...)...) {
				want[canon(o)] = true
			}
		}
		if object == "neigh" {
			// Entries the kernel made in passing may differ in state.
			for k := range view[object] {
				if !strings.Contains(k, "PERMANENT") {
					delete(view[object], k)
				}
			}
			for k := range want {
				if !strings.Contains(k, "PERMANENT") {
					delete(want, k)
				}
			}
		}
		var missing, extra []string
		for k := range want {
			if !view[object][k] {
				missing = append(missing, k)
			}
		}
		for k := range view[object] {
			if !want[k] {
				extra = append(extra, k)
			}
		}
		if len(missing)+len(extra) > 0 || len(want) < map[string]int{"route": 3000, "neigh": 1000, "rule": 3}[object] {
			t.Errorf("%s: the rebuilt view differs from gip -j show (%d listed): missing %d %.300q, extra %d %.300q", object, len(want), len(missing), missing, len(extra), extra)
		}
	}
	// Text: ip's line on standard error, the state between markers.
	tout := text.out.String()[at[1]:]
	if !strings.Contains(tout, "netlink receive error No buffer space available (105)\n") ||
		!strings.Contains(tout, "[RESYNC BEGIN]\n") || !strings.Contains(tout, "[RESYNC END]\n") {
		t.Errorf("gip monitor (text): no overrun line or resync markers after the burst")
	}
}

// TestMonitorBadArguments compares what ip and gip say of command lines
// they refuse.
func TestMonitorBadArguments(t *testing.T) {
	ns := monitorNS(t)
	for _, line := range []string{
		"monitor foo",
		"monitor route foo",
		"monitor help",
		"monitor dev",
		"monitor dev nosuch",
		"monitor link dev nosuch",
	} {
		args := append([]string{"-n", ns}, strings.Fields(line)...)
		want := tool(t, "ip", args...)
		got := gipProcess(t, args...)
		if got.code != want.code || got.Stderr != usageName(want.Stderr) || got.Stdout != want.Stdout {
			t.Errorf("%s: ip exit %d %q %q, gip exit %d %q %q", line, want.code, want.Stdout, want.Stderr, got.code, got.Stdout, got.Stderr)
		}
	}
}
