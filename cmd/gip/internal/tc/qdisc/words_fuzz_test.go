package qdisc

import (
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// FuzzWords reads words as a kind's grammar does: what parses writes as
// words that parse back to themselves, and what the encoder sends, as
// the kernel keeps it, decodes to the same words (the kernel's answer,
// as gip state reads it).
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"htb|0|default 10 r2q 5 direct_qlen 30", "htb|1|rate 1mbit ceil 2mbit burst 15k prio 3 quantum 1500",
		"htb|1|rate 3mbit overhead 8 mpu 64 linklayer atm", "htb|1|rate 10gbit ceil 40gbit",
		"tbf|0|rate 1mbit burst 10k latency 50ms", "tbf|0|rate 2mbit burst 4k limit 30000 peakrate 3mbit mtu 1600",
		"pfifo|0|limit 50", "bfifo|0|limit 30000", "clsact|0|", "ingress|0|",
		"codel|0|limit 500 target 4999us interval 30ms ce_threshold 2ms ecn",
		"fq_codel|0|limit 2000 flows 512 quantum 100 target 3ms memory_limit 8mb noecn ce_threshold 1ms ce_threshold_selector 1/0xff",
		"pie|0|limit 500 target 20001us tupdate 32ms alpha 3 beta 30 ecn bytemode dq_rate_estimator",
		"fq_pie|0|flows 256 target 7ms quantum 1500 memory_limit 16mb ecn_prob 20 ecn nobytemode",
		"fq|0|limit 500 flow_limit 50 maxrate 100mbit buckets 1000 nopacing low_rate_threshold 1mbit timer_slack 1500 horizon 5s horizon_cap",
		"sfq|0|limit 1000 perturb 10 quantum 1600 divisor 512 flows 200 depth 60 headdrop",
		"sfq|0|limit 1000 redflowlimit 100000 min 8000 max 60000 probability 0.2 ecn harddrop",
		"red|0|limit 400000 min 30000 max 90000 avpkt 1000 burst 55 ecn adaptive bandwidth 10Mbit",
		"red|0|limit 1mb avpkt 1500 harddrop nodrop qevent early_drop block 10 qevent mark block 11",
		"netem|0|delay 100ms 10ms 25% loss 0.3% 25% duplicate 1% corrupt 0.1% reorder 25% 50% gap 5 rate 1mbit -20 48 4 ecn",
		"netem|0|delay 10ms loss state 1% 10% 5% 20% 0.5% slot 10ms 20ms packets 5 bytes 3000",
		"netem|0|loss gemodel 1% 10% 70% 0.1% delay 1s 3s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := strings.SplitN(s, "|", 3)
		if len(parts) != 3 {
			return
		}
		kind, class, words := parts[0], parts[1] == "1", strings.Fields(parts[2])
		w, err := CanonWords(kind, class, "", words)
		if err != nil {
			return
		}
		// (That w reads back as w, CanonWords checks itself: readBack.)
		// Sent and read back: the options' encoding decodes to the
		// same words, but for what the kernel computes itself (tbf's
		// buckets in bytes, which FuzzWords cannot).
		newFn, _, _ := wordsOf(kind, class)
		o := newFn()
		if parseWords(kind, class, "", words, o) != nil {
			t.Fatalf("%s %q parsed once, not twice", kind, words)
		}
		keptOptions(kind, class, o) // what the kernel keeps and reports
		payload := rtnl.OptionsPayload(o)
		if kind == "tbf" || payload == nil {
			return
		}
		got, err := OptionWords(kind, class, payload)
		if err != nil || !slices.EqualFunc(got, w, slices.Equal) {
			t.Fatalf("%s %q: sent as %q, read back as %q, %v", kind, words, w.Flat(), got.Flat(), err)
		}
	})
}
