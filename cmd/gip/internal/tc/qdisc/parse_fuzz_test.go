package qdisc

import (
	"io"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl"
)

// FuzzParseModify reads arbitrary words as tc qdisc add's (without a
// device, so nothing asks the kernel): never a panic, and what parses
// encodes.
func FuzzParseModify(f *testing.F) {
	for _, s := range []string{
		"root handle 1: htb default 10 r2q 5", "root tbf rate 1mbit burst 32k latency 400ms",
		"root stab linklayer atm overhead 20 mpu 64 htb", "parent 1:10 handle 10: pfifo limit 100",
		"root netem delay 10ms 2ms 25% loss 1% duplicate 1% reorder 5% 50% rate 1mbit",
		"root fq_codel limit 100 flows 64 target 5ms interval 100ms ecn", "root cake bandwidth 10mbit besteffort",
		"root prio bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1", "clsact", "ingress", "root hfsc default 1",
		"root ets bands 4 strict 2 quanta 1000 2000", "root mqprio num_tc 2 map 0 1 queues 1@0 1@1 hw 0",
		"root red limit 400000 min 30000 max 90000 avpkt 1000 burst 55 probability 0.02 bandwidth 10mbit",
		"root estimator 1s 8s sfq perturb 10", "root fq maxrate 1gbit flow_limit 100 quantum 3028",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := &env.Env{G: &env.Global{}, Stdout: io.Discard, Stderr: io.Discard}
		r, err := parseModify(e, strings.Fields(s))
		if err != nil {
			return
		}
		_, _ = r.spec.Message(rtmNewQdisc, nl.Create|nl.Excl)
	})
}
