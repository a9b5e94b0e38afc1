package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// routeListing is every route of the namespace, IPv4 and IPv6, as gip -j
// route show table all lists them, each as a canonical JSON string.
func routeListing(t *testing.T, ns string) map[string]bool {
	t.Helper()
	all := map[string]bool{}
	for _, fam := range []string{"-4", "-6"} {
		for _, o := range showObjects(t, "-n", ns, "-j", fam, "route", "show", "table", "all") {
			all[canon(o)] = true
		}
	}
	return all
}

// routeConsumer is what a consumer of gip -j monitor route knows: the
// routes it was given at the start, then each event applied; a resync
// replaces the view with what stands between its markers.
type routeConsumer struct {
	view        map[string]bool
	synthesized int // deletions and additions the kernel did not send
	overruns    int
	resyncing   map[string]bool
}

func (c *routeConsumer) apply(t *testing.T, evs []monitorEvent) {
	t.Helper()
	for _, ev := range evs {
		if ev.Object == "monitor" {
			switch ev.Action {
			case "overrun":
				c.overruns++
			case "resync-begin":
				c.resyncing = map[string]bool{}
			case "resync-end":
				c.view, c.resyncing = c.resyncing, nil
			}
			continue
		}
		if ev.Object != "route" {
			t.Fatalf("gip -j monitor route printed a %s event", ev.Object)
		}
		var d any
		if err := json.Unmarshal(ev.Data, &d); err != nil {
			t.Fatalf("data is not JSON: %s", ev.Data)
		}
		if ev.Synthesized {
			c.synthesized++
		}
		view := c.view
		if c.resyncing != nil {
			view = c.resyncing
		}
		if ev.Action == "del" {
			delete(view, canon(d))
		} else {
			view[canon(d)] = true
		}
	}
}

// compare fails the test where the consumer's view and the listing
// differ.
func (c *routeConsumer) compare(t *testing.T, ns string) {
	t.Helper()
	want := routeListing(t, ns)
	var missing, extra []string
	for k := range want {
		if !c.view[k] {
			missing = append(missing, k)
		}
	}
	for k := range c.view {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	if len(missing)+len(extra) > 0 {
		t.Errorf("the view rebuilt from gip -j monitor differs from gip -j route show table all (%d listed): missing %d %.600q, extra %d %.600q",
			len(want), len(missing), missing, len(extra), extra)
	}
}

// waitQuiet waits until the watchers have printed nothing for 300 ms and
// each output ends with a whole line: the checks after the last changes
// (and their thousands of events) may come after the end mark.
func waitQuiet(t *testing.T, ws ...*watcher) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for _, w := range ws {
		for n := -1; ; {
			out := w.out.String()
			if n == len(out) && (out == "" || strings.HasSuffix(out, "\n")) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%v still printing after 20 s", w.cmd.Args)
			}
			n = len(out)
			time.Sleep(300 * time.Millisecond)
		}
	}
}

// silentNS is a namespace with a veth pair v0/v1 up, addresses on both,
// IPv6 duplicate address detection done, and the route batch applied.
func silentNS(t *testing.T, batch string) string {
	ns := monitorNS(t)
	must(t, "ip", "-n", ns, "addr", "add", "10.0.0.1/16", "dev", "v0")
	must(t, "ip", "-n", ns, "addr", "add", "10.1.0.1/16", "dev", "v1")
	must(t, "ip", "-n", ns, "addr", "add", "2001:db8::1/64", "dev", "v0", "nodad")
	settleIPv6(t, ns, "v0", "v1")
	if batch != "" {
		ipBatch(t, ns, batch)
	}
	return ns
}

// ipBatch gives lines to ip -batch.
func ipBatch(t *testing.T, ns, lines string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(f, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, "ip", "-n", ns, "-batch", f)
}

// TestMonitorSynthesizesSilentDeletions deletes a nexthop object routes
// use and the last address of a link, then downs a link with 10,000 IPv4
// routes: the kernel removes their routes without an event (ip monitor
// prints none), yet the view a consumer rebuilds from gip -j monitor route
// equals gip -j route show table all, and gip's text prints the Deleted
// lines ip monitor leaves out.
func TestMonitorSynthesizesSilentDeletions(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&b, "route add 10.%d.%d.0/24 via 10.0.0.2\n", 100+i/250, i%250)
	}
	b.WriteString("route add 10.50.0.0/16 nexthop via 10.0.0.2 nexthop via 10.1.0.2\n")
	b.WriteString("route add 10.51.0.0/16 via 10.1.0.2 src 10.0.0.1 table 7\n")
	b.WriteString("nexthop add id 5 via 10.1.0.3 dev v1\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "route add 10.60.%d.0/24 nhid 5\n", i)
	}
	b.WriteString("route add 2001:db8:5::/48 via 2001:db8::2\n")
	ns := silentNS(t, b.String())

	js := startWatcher(t, true, "-n", ns, "-j", "monitor", "route")
	text := startWatcher(t, true, "-n", ns, "monitor", "route")
	ref := startWatcher(t, false, "ip", "-n", ns, "monitor", "route")
	at := syncWatchers(t, ns, js, text, ref)
	c := &routeConsumer{view: routeListing(t, ns)}

	must(t, "ip", "-n", ns, "nexthop", "del", "id", "5")
	must(t, "ip", "-n", ns, "addr", "del", "10.1.0.1/16", "dev", "v1")
	must(t, "ip", "-n", ns, "link", "set", "v0", "down")
	must(t, "ip", "-n", ns, "route", "add", "blackhole", "10.250.0.0/16")
	waitFor(t, "10.250.0.0/16", js, text, ref)
	waitQuiet(t, js, text, ref)

	c.apply(t, parseEvents(t, js.out.String()[at[0]:]))
	c.compare(t, ns)
	if c.synthesized < 10100 {
		t.Errorf("gip -j monitor synthesized %d events, want the 10,000 routes via v0 and the 100 via nexthop 5 at least", c.synthesized)
	}
	// Text: every line ip printed, in its order, and the deletions it
	// left out.
	want, got := ref.out.String()[at[2]:], text.out.String()[at[1]:]
	if strings.Contains(want, "Deleted 10.100.0.0/24") {
		t.Fatalf("ip monitor printed the deletion of an IPv4 route of a link going down: the kernel is not silent here")
	}
	rest := got
	for _, line := range strings.SplitAfter(want, "\n") {
		i := strings.Index(rest, line)
		if i < 0 {
			t.Fatalf("gip monitor route lacks ip's line %q (or has it out of order)", line)
		}
		rest = rest[i+len(line):]
	}
	for _, line := range []string{
		"Deleted 10.100.0.0/24 via 10.0.0.2 dev v0 \n",
		"Deleted 10.139.249.0/24 via 10.0.0.2 dev v0 \n",
		"Deleted 10.60.99.0/24 nhid 5 via 10.1.0.3 dev v1 \n",
		"Deleted 10.51.0.0/16 via 10.1.0.2 dev v1 table 7 src 10.0.0.1 \n",
	} {
		if !strings.Contains(got, line) {
			t.Errorf("gip monitor route: no %q", line)
		}
	}
}

// TestMonitorStoppedReaderResyncs stops gip -j monitor route (SIGSTOP)
// while 40,000 routes are added, 20,000 removed and a link with 10,000
// goes down,
// then lets it go on: it must report the overrun, resync, and the view a
// consumer rebuilds equals gip -j route show table all.
func TestMonitorStoppedReaderResyncs(t *testing.T) {
	ns := silentNS(t, "")
	// ip's own receive buffer, 1 MiB: the burst overruns it.
	js := startWatcher(t, true, "-n", ns, "-j", "-rcvbuf", "1048576", "monitor", "route")
	at := syncWatchers(t, ns, js)
	c := &routeConsumer{view: routeListing(t, ns)}
	if err := js.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; i < 40000; i++ {
		dev := []string{"10.0.0.2", "10.1.0.2"}[i%2]
		fmt.Fprintf(&b, "route add 172.%d.%d.0/24 via %s\n", 16+i/250, i%250, dev)
	}
	for i := 0; i < 40000; i++ {
		if i%4 < 2 {
			fmt.Fprintf(&b, "route del 172.%d.%d.0/24\n", 16+i/250, i%250)
		}
	}
	ipBatch(t, ns, b.String())
	must(t, "ip", "-n", ns, "link", "set", "v1", "down")
	if err := js.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	must(t, "ip", "-n", ns, "route", "add", "blackhole", "10.250.0.0/16")
	waitFor(t, "10.250.0.0/16", js)
	waitQuiet(t, js)
	c.apply(t, parseEvents(t, js.out.String()[at[0]:]))
	if c.overruns == 0 {
		t.Fatalf("no overrun reported after 80,000 changes into a stopped reader's 1 MiB")
	}
	c.compare(t, ns)
	if len(c.view) < 10000 {
		t.Errorf("the rebuilt view has %d routes, want the 10,000 via v0 and more", len(c.view))
	}
}

// TestMonitorSynthesizesNexthopDeletions downs the peer of a link with
// nexthop objects (a gateway, a device, a group of both): the kernel
// removes them without an event (ip monitor nexthop prints nothing), yet
// the view a consumer rebuilds from gip -j monitor nexthop equals gip -j
// nexthop show, and gip's text prints their deletions.
func TestMonitorSynthesizesNexthopDeletions(t *testing.T) {
	ns := silentNS(t, "")
	must(t, "ip", "-n", ns, "link", "set", "lo", "up") // blackhole nexthops use lo
	for _, line := range []string{"id 5 via 10.1.0.3 dev v1", "id 6 dev v1", "id 7 group 5/6", "id 8 blackhole", "id 9 via 10.0.0.3 dev v0"} {
		must(t, "ip", append([]string{"-n", ns, "nexthop", "add"}, strings.Fields(line)...)...)
	}
	js := startWatcher(t, true, "-n", ns, "-j", "monitor", "nexthop", "address")
	text := startWatcher(t, true, "-n", ns, "monitor", "nexthop")
	ref := startWatcher(t, false, "ip", "-n", ns, "monitor", "nexthop")
	for i := 0; !strings.Contains(js.out.String()+text.out.String()+ref.out.String(), "id 10") || !strings.Contains(text.out.String(), "id 10") ||
		!strings.Contains(ref.out.String(), "id 10") || !strings.Contains(js.out.String(), `"id":10`); i++ {
		tool(t, "ip", "-n", ns, "nexthop", "replace", "id", "10", "blackhole")
		time.Sleep(50 * time.Millisecond)
		if i == 100 {
			t.Fatal("the monitors never saw the first event")
		}
	}
	time.Sleep(100 * time.Millisecond)
	at := []int{len(js.out.String()), len(text.out.String()), len(ref.out.String())}
	view := map[string]bool{}
	for _, o := range showObjects(t, "-n", ns, "-j", "nexthop", "show") {
		view[canon(o)] = true
	}
	must(t, "ip", "-n", ns, "link", "set", "v0", "down")
	must(t, "ip", "-n", ns, "nexthop", "add", "id", "11", "blackhole")
	waitFor(t, "id 11", text, ref)
	waitQuiet(t, js, text, ref)
	for _, ev := range parseEvents(t, js.out.String()[at[0]:]) {
		if ev.Object != "nexthop" {
			continue
		}
		var d any
		json.Unmarshal(ev.Data, &d)
		if ev.Action == "del" {
			delete(view, canon(d))
		} else {
			view[canon(d)] = true
		}
	}
	want := map[string]bool{}
	for _, o := range showObjects(t, "-n", ns, "-j", "nexthop", "show") {
		want[canon(o)] = true
	}
	if canon(view) != canon(want) || len(want) != 3 {
		t.Errorf("the nexthops rebuilt from gip -j monitor nexthop\n%v\ngip -j nexthop show\n%v", view, want)
	}
	if got := ref.out.String()[at[2]:]; strings.Contains(got, "Deleted") {
		t.Fatalf("ip monitor printed a deletion: the kernel is not silent here: %s", got)
	}
	got := text.out.String()[at[1]:]
	for _, line := range []string{"Deleted id 5 via 10.1.0.3 dev v1 scope link \n", "Deleted id 7 group 5/6 \n", "Deleted id 9 via 10.0.0.3 dev v0 scope link \n"} {
		if !strings.Contains(got, line) {
			t.Errorf("gip monitor nexthop: no %q in\n%s", line, got)
		}
	}
}
