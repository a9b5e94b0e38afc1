package app

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMonitorNetconfNsidAllNsid watches a namespace whose veth peer is
// in a second one, with ip monitor and gip monitor: netconf and nsid
// events (a third namespace given an id, then deleted), and under
// all-nsid the events of the peer's namespace with their [nsid N]
// prefix. The texts must be the same; gip -j prints envelopes with the
// peer's "nsid".
func TestMonitorNetconfNsidAllNsid(t *testing.T) {
	a, b := testNS(t), testNS(t)
	must(t, "ip", "-n", a, "link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", b)
	must(t, "ip", "-n", a, "link", "set", "v0", "up")
	third := fmt.Sprintf("giptest-%d-third", os.Getpid())
	must(t, "ip", "netns", "add", third)
	t.Cleanup(func() { tool(t, "ip", "netns", "del", third) })

	variants := [][]string{
		{"monitor", "label", "link", "address", "netconf", "nsid"},
		{"monitor", "netconf", "nsid", "address"},
		{"monitor", "all-nsid", "label", "address", "netconf", "nsid"},
		{"monitor", "all-nsid", "address", "dev", "v0"},
	}
	var refs, gots []*watcher
	for _, v := range variants {
		line := append([]string{"-n", a}, v...)
		refs = append(refs, startWatcher(t, false, append([]string{"ip"}, line...)...))
		gots = append(gots, startWatcher(t, true, line...))
	}
	js := startWatcher(t, true, "-n", a, "-j", "monitor", "all-nsid", "address", "netconf", "nsid")
	all := append(append([]*watcher{js}, refs...), gots...)
	syncWatchers(t, a, all...)
	start := map[*watcher]int{}
	for _, w := range all {
		start[w] = len(w.out.String())
	}

	must(t, "ip", "-n", a, "netns", "set", third, "9")
	must(t, "ip", "-n", b, "link", "set", "v1", "up")
	must(t, "ip", "-n", b, "addr", "add", "10.2.0.1/24", "dev", "v1")
	must(t, "ip", "netns", "exec", a, "sysctl", "-qw", "net.ipv4.conf.v0.forwarding=1")
	must(t, "ip", "netns", "exec", a, "sysctl", "-qw", "net.ipv6.conf.v0.forwarding=1")
	must(t, "ip", "netns", "exec", a, "sysctl", "-qw", "net.ipv4.conf.v0.rp_filter=2")
	must(t, "ip", "-n", b, "addr", "del", "10.2.0.1/24", "dev", "v1")
	must(t, "ip", "-n", a, "link", "add", "d0", "type", "veth", "peer", "name", "d1")
	must(t, "ip", "-n", a, "link", "del", "d0")
	must(t, "ip", "netns", "del", third)
	waitFor(t, "Deleted nsid 9", refs[0], gots[0], refs[1], gots[1])
	must(t, "ip", "-n", a, "addr", "add", "10.99.0.1/32", "dev", "v0")
	waitFor(t, "10.99.0.1", all...)
	time.Sleep(200 * time.Millisecond)

	for i, v := range variants {
		want, got := refs[i].out.String()[start[refs[i]]:], gots[i].out.String()[start[gots[i]]:]
		if want != got {
			t.Errorf("ip %s printed\n%s\ngip printed\n%s", strings.Join(v, " "), want, got)
		}
	}
	for _, s := range []string{"[NSID]nsid 9 (iproute2 netns name: " + third + ")", "[NETCONF]inet v0 rp_filter loose",
		"[nsid 0][ADDR]", "[nsid current][NETCONF]", "[NETCONF]Deleted inet d0"} {
		if !strings.Contains(refs[0].out.String()+refs[2].out.String(), s) {
			t.Errorf("ip monitor printed no %q: the test does not exercise what it should", s)
		}
	}
	// JSON: the peer namespace's events carry its nsid, the others none.
	var peers, nsids int
	for _, line := range strings.Split(strings.TrimSpace(js.out.String()[start[js]:]), "\n") {
		var ev struct {
			Object string         `json:"object"`
			NSID   *int           `json:"nsid"`
			Data   map[string]any `json:"data"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("gip -j monitor: not JSON: %s", line)
		}
		// The peer's events carry its id (0 here), ours none.
		peer := ev.NSID != nil
		if peer && *ev.NSID != 0 || !peer && ev.Object == "address" && ev.Data["local"] == "10.2.0.1" {
			t.Errorf("gip -j monitor all-nsid: nsid %v in %s", ev.NSID, line)
		}
		if peer && ev.Object == "address" && ev.Data["local"] == "10.2.0.1" {
			peers++
		}
		if ev.Object == "nsid" && !peer {
			nsids++
			if ev.Data["nsid"] != float64(9) {
				t.Errorf("gip -j monitor: nsid event %s", line)
			}
		}
	}
	if peers != 2 || nsids != 2 {
		t.Errorf("gip -j monitor all-nsid: %d address events of the peer (want 2), %d nsid events (want 2)", peers, nsids)
	}
}
