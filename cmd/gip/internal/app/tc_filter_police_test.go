package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// tcFilterPolice is the policers filters carry themselves (their
// TCA_<KIND>_POLICE, the "police" word outside an action list), which
// the kernel builds from the police action's module. BPFC in a line is
// replaced by a bytecode file.
var tcFilterPolice = tcActionCase{
	kind: "filter-police", feature: testenv.ActPolice,
	setup: []string{
		"filter add dev v0 ingress prio 1 protocol ip u32 match ip src 10.0.0.1/32 police rate 1mbit burst 10k drop flowid :1",
		"filter add dev v0 ingress prio 2 protocol ip u32 match u32 0 0 police rate 2mbit burst 20k mtu 2k peakrate 3mbit conform-exceed drop/pipe",
		"filter add dev v0 ingress prio 3 protocol ip u32 match u32 0 0 police rate 1mbit burst 10k index 40 action drop",
		"filter add dev v0 ingress prio 4 basic police rate 1mbit burst 10k overhead 20 linklayer atm mpu 64 conform-exceed goto chain 3",
		"filter add dev v0 egress prio 5 handle 5 fw police avrate 1mbit drop classid 1:5",
		"filter add dev v0 egress prio 6 route to 5 police rate 1mbit burst 10k pass classid 1:1",
		"filter add dev v0 egress prio 7 flow map key mark police pkts_rate 1000 pkts_burst 100 conform-exceed reclassify/pass",
		"filter add dev v0 egress prio 8 bpf bcf BPFC police rate 1mbit burst 10k/8 mtu 1500 pass classid 1:2",
		"filter replace dev v0 ingress prio 1 protocol ip u32 match ip src 10.0.0.1/32 police rate 5mbit burst 50k drop flowid :1",
	},
	shows: []string{
		"filter show dev v0 ingress", "filter show dev v0 egress", "-s filter show dev v0 ingress",
		"-s filter show dev v0 egress", "-d filter show dev v0 egress", "-iec -r filter show dev v0 ingress",
		"-j filter show dev v0 ingress",
	},
	// tc prints the statistics of a filter's policer as text inside its
	// JSON, and fw's, route's and flow's options as text.
	gipJSON: []string{"-j -s filter show dev v0 ingress", "-j -s -d filter show dev v0 egress"},
	errors: []string{
		"filter add dev v0 ingress prio 9 u32 match u32 0 0 police",
		"filter add dev v0 ingress prio 9 u32 match u32 0 0 police foo",
		"filter add dev v0 ingress prio 9 u32 match u32 0 0 police rate 1mbit",
		"filter add dev v0 ingress prio 9 u32 match u32 0 0 police rate x burst 1k",
		"filter add dev v0 ingress prio 9 fw police rate 1mbit burst 1k avrate 1mbit",
		"filter add dev v0 ingress prio 9 basic police help",
		"filter add dev v0 ingress prio 9 route police pkts_rate 5",
		"filter add dev v0 ingress prio 9 flow map key mark police conform-exceed foo",
		"filter add dev v0 ingress prio 9 bpf bytecode 1,6~0~0~0 police rate 1mbit burst 1k peakrate 2mbit",
	},
}

// TestTCFilterPoliceMatchesTC builds filters with policers of their own
// with tc and with gip tc and compares the listings of both tools.
func TestTCFilterPoliceMatchesTC(t *testing.T) {
	bcf := filepath.Join(t.TempDir(), "prog.bc")
	if err := os.WriteFile(bcf, []byte("1,6 0 0 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := tcFilterPolice
	c.setup = nil
	for _, line := range tcFilterPolice.setup {
		c.setup = append(c.setup, strings.ReplaceAll(line, "BPFC", bcf))
	}
	runActionCase(t, c)
}

// TestTCFilterPoliceErrorsMatchTC checks that bad policers of filters
// fail as tc's do (tc parses before it asks the kernel); a tilde
// in a line is a space within a word.
func TestTCFilterPoliceErrorsMatchTC(t *testing.T) {
	ns := tcNS(t)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "clsact")
	for _, line := range tcFilterPolice.errors {
		w := strings.Fields(line)
		for i := range w {
			w[i] = strings.ReplaceAll(w[i], "~", " ") // bytecode's spaces
		}
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
			t.Errorf("tc %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
				line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
		}
	}
}
