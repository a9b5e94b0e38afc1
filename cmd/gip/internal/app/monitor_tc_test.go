package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestMonitorTCObjects watches traffic control with tc monitor and gip
// monitor's tc objects: gip monitor tc prints what tc monitor prints;
// label and the object words select and mark the events; all tc adds
// ip monitor's objects; -j gives envelopes whose data is what gip tc -j
// monitor prints.
func TestMonitorTCObjects(t *testing.T) {
	ns := tcNS(t)
	ref := startWatcher(t, false, "tc", "-n", ns, "monitor")
	got := startWatcher(t, true, "-n", ns, "monitor", "tc")
	labelled := startWatcher(t, true, "-n", ns, "monitor", "label", "qdisc", "class")
	everything := startWatcher(t, true, "-n", ns, "monitor", "all", "tc")
	tcjs := startWatcher(t, true, "tc", "-n", ns, "-j", "monitor")
	js := startWatcher(t, true, "-n", ns, "-j", "monitor", "tc", "dev", "v0")
	ws := []*watcher{ref, got, labelled, everything, tcjs, js}
	for i := 0; ; i++ {
		must(t, "tc", "-n", ns, "qdisc", "replace", "dev", "v0", "root", "pfifo", "limit", "10")
		time.Sleep(50 * time.Millisecond)
		seen := true
		for _, w := range ws {
			seen = seen && strings.Contains(w.out.String(), "pfifo")
		}
		if seen {
			break
		}
		if i == 100 {
			t.Fatal("the monitors never saw the first event")
		}
	}
	time.Sleep(100 * time.Millisecond)
	start := map[*watcher]int{}
	for _, w := range ws {
		start[w] = len(w.out.String())
	}
	for _, line := range []string{
		"qdisc del dev v0 root",
		"qdisc add dev v0 root handle 1: htb",
		"class add dev v0 parent 1: classid 1:1 htb rate 1mbit",
		"qdisc add dev v0 parent 1:1 handle 10: pfifo limit 50",
		"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1",
		"chain add dev v0 parent 1: chain 3",
		"qdisc add dev v2 root handle 7: tbf rate 1mbit burst 10k latency 50ms",
		"filter del dev v0 parent 1: prio 1",
		"chain del dev v0 parent 1: chain 3",
		"qdisc del dev v0 parent 1:1 handle 10:",
		"class del dev v0 classid 1:1",
		"qdisc del dev v0 root",
		"qdisc add dev v4 root handle 9: tbf rate 1mbit burst 10k latency 50ms",
	} {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	must(t, "ip", "-n", ns, "link", "set", "v4", "mtu", "1400")
	waitFor(t, "qdisc tbf 9:", ref, got, labelled, everything)
	waitFor(t, "mtu 1400", everything)
	waitFor(t, `"handle":"9:"`, tcjs)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "5:", "pfifo")
	waitFor(t, `"handle":"5:"`, js)
	time.Sleep(100 * time.Millisecond)
	out := func(w *watcher) string { return w.out.String()[start[w]:] }

	want := out(ref)
	if g := out(got); g != want {
		t.Errorf("tc monitor printed\n%s\ngip monitor tc printed\n%s", want, g)
	}
	// label qdisc class: tc's qdisc and class lines, each labelled.
	var wantLabelled strings.Builder
	for _, line := range strings.SplitAfter(want, "\n") {
		w := strings.Fields(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(line, "added "), "deleted "), "replaced "))
		if len(w) > 0 && (w[0] == "qdisc" || w[0] == "class") {
			wantLabelled.WriteString("[" + strings.ToUpper(w[0]) + "]" + line)
		}
	}
	if g := out(labelled); g != wantLabelled.String() {
		t.Errorf("gip monitor label qdisc class printed\n%s\nwant\n%s", g, wantLabelled.String())
	}
	// all tc: the link's change too, labelled, and tc's events.
	e := out(everything)
	if !strings.Contains(e, "[LINK]") || !strings.Contains(e, "[FILTER]added filter dev v0 parent 1: protocol ip pref 1 u32") ||
		!strings.Contains(e, "[CHAIN]deleted chain dev v0 parent 1: chain 3") {
		t.Errorf("gip monitor all tc printed\n%s", e)
	}
	// -j dev v0: gip tc -j monitor's objects of v0, in envelopes.
	var wantJS []string
	for _, line := range strings.Split(strings.TrimSpace(out(tcjs)), "\n") {
		if strings.Contains(line, `"dev":"v0"`) && !strings.Contains(line, `"handle":"5:"`) {
			wantJS = append(wantJS, line)
		}
	}
	var gotJS []string
	for _, line := range strings.Split(strings.TrimSpace(out(js)), "\n") {
		var ev struct{ Object, Action string }
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("gip -j monitor tc: not JSON: %s", line)
		}
		if strings.Contains(line, `"handle":"5:"`) {
			continue
		}
		gotJS = append(gotJS, line)
	}
	if len(wantJS) < 8 || strings.Join(gotJS, "\n") != strings.Join(wantJS, "\n") {
		t.Errorf("gip -j monitor tc dev v0 printed\n%s\ngip tc -j monitor printed of v0\n%s", strings.Join(gotJS, "\n"), strings.Join(wantJS, "\n"))
	}
}

// TestMonitorTCOverrunResyncs overruns gip -j monitor qdisc class (a 4 KiB
// receive buffer, thousands of classes added and deleted at once): after
// the overrun the resync lists the qdiscs and classes, and the view a
// consumer rebuilds (keyed by object, device and handle) holds what gip
// tc -j qdisc show and class show list.
func TestMonitorTCOverrunResyncs(t *testing.T) {
	ns := tcNS(t)
	// tbf's inner class comes without an event of its own: made before
	// the monitor starts, only the resync lists it.
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v4", "root", "handle", "9:", "tbf", "rate", "1mbit", "burst", "10k", "latency", "50ms")
	js := startWatcher(t, true, "-n", ns, "-j", "-rcvbuf", "4096", "monitor", "qdisc", "class")
	for i := 0; !strings.Contains(js.out.String(), "pfifo"); i++ {
		must(t, "tc", "-n", ns, "qdisc", "replace", "dev", "v2", "root", "pfifo", "limit", "10")
		time.Sleep(50 * time.Millisecond)
		if i == 100 {
			t.Fatal("the monitor never saw the first event")
		}
	}
	var b strings.Builder
	b.WriteString("qdisc add dev v0 root handle 1: htb\n")
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&b, "class add dev v0 parent 1: classid 1:%x htb rate %dkbit\n", i, 100+i)
	}
	for i := 1; i <= 3000; i += 3 {
		fmt.Fprintf(&b, "class del dev v0 classid 1:%x\n", i)
	}
	f := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, "tc", "-n", ns, "-batch", f)
	must(t, "tc", "-n", ns, "qdisc", "replace", "dev", "v2", "root", "handle", "5:", "pfifo")
	waitFor(t, `"handle":"5:"`, js)
	time.Sleep(300 * time.Millisecond)

	type key struct{ object, dev, handle string }
	view := map[key]bool{}
	var resync map[key]bool
	overruns := 0
	for _, line := range strings.Split(strings.TrimSpace(js.out.String()), "\n") {
		var ev struct {
			Object, Action string
			Data           struct{ Dev, Handle string }
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("gip -j monitor: not JSON: %s", line)
		}
		switch {
		case ev.Object == "monitor" && ev.Action == "overrun":
			overruns++
		case ev.Object == "monitor" && ev.Action == "resync-begin":
			resync = map[key]bool{}
		case ev.Object == "monitor" && ev.Action == "resync-end":
			view, resync = resync, nil
		default:
			v := view
			if resync != nil {
				v = resync
			}
			k := key{ev.Object, ev.Data.Dev, ev.Data.Handle}
			if ev.Action == "del" {
				delete(v, k)
			} else {
				v[k] = true
			}
		}
	}
	if overruns == 0 {
		t.Fatal("no overrun after thousands of events into 4 KiB")
	}
	want := map[key]bool{}
	for _, o := range showObjects(t, "-n", ns, "-j", "tc", "qdisc", "show") {
		d := o.(map[string]any)
		want[key{"qdisc", d["dev"].(string), d["handle"].(string)}] = true
	}
	for _, dev := range []string{"v0", "v1", "v2", "v3", "v4", "v5"} {
		for _, o := range showObjects(t, "-n", ns, "-j", "tc", "class", "show", "dev", dev) {
			want[key{"class", dev, o.(map[string]any)["handle"].(string)}] = true
		}
	}
	var missing, extra []key
	for k := range want {
		if !view[k] {
			missing = append(missing, k)
		}
	}
	for k := range view {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	if len(want) < 2000 || len(missing)+len(extra) > 0 {
		t.Errorf("the rebuilt view differs from the listings (%d listed): missing %v, extra %v", len(want), missing, extra)
	}
}

// TestMonitorTCResyncListsBlocks overruns gip -j monitor filter class with
// filters in shared blocks made before it started: the resync lists each
// block's filters once, by block, though three hooks share block 22,
// beside a device's own filters.
func TestMonitorTCResyncListsBlocks(t *testing.T) {
	ns := tcNS(t)
	for _, line := range []string{
		"qdisc add dev v0 ingress_block 22 clsact",
		"qdisc add dev v2 ingress_block 22 egress_block 23 clsact",
		"qdisc add dev v3 ingress_block 23 egress_block 22 clsact",
		"qdisc add dev v4 clsact",
		"filter add block 22 protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1",
		"filter add block 22 protocol ip prio 2 u32 match ip src 2.2.2.2 flowid 1:2",
		"filter add block 23 protocol ip prio 1 u32 match ip dst 3.3.3.3 flowid 1:3",
		"filter add dev v4 ingress protocol ip prio 1 u32 match ip dst 4.4.4.4 flowid 1:4",
		"qdisc add dev v1 root handle 1: htb",
	} {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	js := startWatcher(t, true, "-n", ns, "-j", "-rcvbuf", "4096", "monitor", "filter", "class")
	for i := 0; !strings.Contains(js.out.String(), `"class"`); i++ {
		must(t, "tc", "-n", ns, "class", "replace", "dev", "v1", "parent", "1:", "classid", "1:ffff", "htb", "rate", "1mbit")
		time.Sleep(50 * time.Millisecond)
		if i == 100 {
			t.Fatal("the monitor never saw the first event")
		}
	}
	var b strings.Builder
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&b, "class add dev v1 parent 1: classid 1:%x htb rate %dkbit\n", i, 100+i)
	}
	f := filepath.Join(t.TempDir(), "batch")
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, "tc", "-n", ns, "-batch", f)
	waitFor(t, `"resync-end"`, js)

	var lines []string
	for _, line := range strings.Split(js.out.String(), "\n") {
		switch {
		case strings.Contains(line, `"resync-begin"`):
			lines = nil
		case strings.Contains(line, `"resync-end"`):
			goto listed
		case strings.Contains(line, `"object":"filter"`):
			lines = append(lines, line)
		}
	}
listed:
	got := map[string]int{}
	seen := map[string]bool{}
	for _, line := range lines {
		var ev struct{ Data map[string]any }
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("gip -j monitor: not JSON: %s", line)
		}
		if seen[line] {
			t.Errorf("the resync lists a filter twice: %s", line)
		}
		seen[line] = true
		where := fmt.Sprint(ev.Data["dev"])
		if blk, ok := ev.Data["block"]; ok {
			where = fmt.Sprint("block ", blk)
		}
		got[where]++
	}
	want := map[string]int{
		"block 22": len(showObjects(t, "-n", ns, "-j", "tc", "filter", "show", "block", "22")),
		"block 23": len(showObjects(t, "-n", ns, "-j", "tc", "filter", "show", "block", "23")),
		"v4":       len(showObjects(t, "-n", ns, "-j", "tc", "filter", "show", "dev", "v4", "ingress")),
	}
	if !reflect.DeepEqual(got, want) || want["block 22"] != 6 {
		t.Errorf("the resync lists filters %v, want %v:\n%s", got, want, strings.Join(lines, "\n"))
	}
}
