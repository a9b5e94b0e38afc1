package app

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// flowDelay matches what moves between two listings of queued flows: how
// long their head packet has waited.
var flowDelay = regexp.MustCompile(`(ldelay |"ldelay":)[0-9.]+(us|ms|s)?`)

// TestTCFlowClasses lists the flows fq_codel and sfq hold as classes
// ("class show" of a device whose classless qdisc has packets queued),
// with tc and gip tc on one namespace: a tbf at 8bit/s over each lets the
// first packets go and keeps the rest, spread over flows by their ports.
func TestTCFlowClasses(t *testing.T) {
	for _, c := range []struct {
		kind    string
		feature testenv.Feature
		qdisc   string
	}{
		{"fq_codel", testenv.QdiscFqCodel, "fq_codel"},
		{"sfq", testenv.QdiscSFQ, "sfq perturb 0"},
	} {
		t.Run(c.kind, func(t *testing.T) {
			ns := tcNS(t)
			// no IPv6 on the link: its own packets would make new flows
			// between two listings
			for _, dev := range []string{"v0", "v1"} {
				must(t, "ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf."+dev+".disable_ipv6=1")
			}
			must(t, "ip", "-n", ns, "addr", "add", "10.9.0.1/24", "dev", "v0")
			must(t, "ip", "-n", ns, "link", "set", "v0", "up")
			must(t, "ip", "-n", ns, "link", "set", "v1", "up")
			// a neighbour of its own: nothing waits for ARP
			must(t, "ip", "-n", ns, "neigh", "add", "10.9.0.2", "lladdr", "02:00:00:00:00:02", "dev", "v0")
			must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "1:", "tbf", "rate", "8bit", "burst", "1600", "limit", "100000")
			if r := tool(t, "tc", append([]string{"-n", ns, "qdisc", "add", "dev", "v0", "parent", "1:1", "handle", "10:"}, strings.Fields(c.qdisc)...)...); r.code != 0 {
				testenv.Missing(t, c.feature, "%s", r.Stderr)
			}
			err := inNetNS(ns, func() error {
				fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
				if err != nil {
					return err
				}
				defer unix.Close(fd)
				for port := range 80 {
					if err := unix.Sendto(fd, []byte("gip"), 0, &unix.SockaddrInet4{Port: 2000 + port, Addr: [4]byte{10, 9, 0, 2}}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatalf("sending: %v", err)
			}
			for _, line := range []string{"class show dev v0", "class show dev v0 parent 10:", "-s class show dev v0", "-s -d class show dev v0 parent 10:"} {
				w := strings.Fields(line)
				ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
				got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
				if got.code != ref.code || got.Stderr != ref.Stderr {
					t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
				}
				compareLines(t, "tc "+line, flowDelay.ReplaceAllString(ref.Stdout, "${1}T"), flowDelay.ReplaceAllString(got.Stdout, "${1}T"))
			}
			text := tool(t, "tc", "-n", ns, "class", "show", "dev", "v0", "parent", "10:").Stdout
			flows := strings.Count(text, "class "+c.kind+" ")
			if flows < 2 {
				t.Fatalf("tc class show dev v0 parent 10: lists %d flows, want several:\n%s", flows, text)
			}
			// tc 6.1 prints its text under -j; gip's JSON has every flow.
			r := gip(t, "tc", "-n", ns, "-j", "-s", "class", "show", "dev", "v0", "parent", "10:")
			var v []map[string]any
			if err := json.Unmarshal([]byte(r.Stdout), &v); err != nil || len(v) != flows {
				t.Errorf("gip tc -j -s class show dev v0 parent 10: %d objects (%v), want %d:\n%s", len(v), err, flows, r.Stdout)
			}
			for _, o := range v {
				if o["class"] != c.kind || o["parent"] != "10:" {
					t.Errorf("flow %v: want class %s, parent 10:", o, c.kind)
				}
			}
		})
	}
}
