package qdisc

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// TestKindWords: each kind's words, written as the kernel will report
// them (its rounding, clamps and limits), and read back as themselves.
func TestKindWords(t *testing.T) {
	for _, c := range []struct{ kind, in, want string }{
		{"codel", "", ""},
		{"codel", "limit 500 target 4999us interval 30ms ce_threshold 2ms ecn", "limit 500 target 4999us interval 30ms ce_threshold 2ms ecn"},
		{"codel", "target 4998us interval 99999 noecn", "target 4998us interval 99999us noecn"},
		{"codel", "target 4999999", "target 4999999us"}, // kept in 1024 ns units, reported as 4999998us
		{"codel", "ce_threshold 2199023255us", ""},      // the value meaning none
		{"fq_codel", "limit 2000 flows 512 quantum 100 target 3ms interval 50ms memory_limit 8mb noecn ce_threshold 1ms ce_threshold_selector 0x01/0xff drop_batch 0",
			"limit 2000 flows 512 quantum 256 target 3ms interval 50ms ce_threshold 1ms ce_threshold_selector 0x1/0xff memory_limit 8192kb noecn"},
		{"fq_codel", "memory_limit 3gb drop_batch 0 ce_threshold_selector 4/4", "memory_limit 2097152kb"}, // at most 2 GiB; no selector without a threshold
		{"fq_codel", "drop_batch 1 ecn", "ecn drop_batch 1"},
		{"pie", "limit 500 target 20ms tupdate 32ms alpha 3 beta 30 ecn bytemode dq_rate_estimator",
			"limit 500 target 20ms tupdate 32ms alpha 3 beta 30 ecn bytemode dq_rate_estimator"},
		// 20001us is kept 15 ticks (960 ns) above 20ms, and reported as 20ms.
		{"pie", "target 20001us noecn nobytemode no_dq_rate_estimator", "target 20ms noecn nobytemode no_dq_rate_estimator"},
		{"pie", "target 20005", "target 20005us"},
		{"fq_pie", "limit 500 flows 256 target 7ms tupdate 16ms alpha 1 beta 10 quantum 1500 memory_limit 16mb ecn_prob 20 ecn nobytemode",
			"limit 500 target 7ms tupdate 16ms alpha 1 beta 10 flows 256 quantum 1500b memory_limit 16384kb ecn_prob 20 ecn nobytemode"},
		{"fq", "limit 500 flow_limit 50 quantum 3000 initial_quantum 15000 maxrate 100mbit buckets 1000 nopacing refill_delay 40ms low_rate_threshold 1mbit orphan_mask 511 timer_slack 20us ce_threshold 5ms horizon 5s horizon_cap",
			"limit 500 flow_limit 50 buckets 1024 orphan_mask 511 nopacing quantum 3000 initial_quantum 15000 maxrate 100Mbit low_rate_threshold 1Mbit refill_delay 40ms ce_threshold 5ms horizon 5s timer_slack 20us horizon_cap"},
		{"fq", "defrate 1mbit timer_slack 1500 pacing horizon_drop", "pacing timer_slack 1500ns horizon_drop"},
		{"sfq", "", ""},
		{"sfq", "limit 1000 perturb 10 quantum 1600 divisor 512 flows 200 depth 60 headdrop",
			"limit 1000 quantum 1600 divisor 512 flows 200 depth 60 perturb 10 headdrop"},
		{"sfq", "flows 200 divisor 64 depth 500 limit 20000", "limit 8128 divisor 64 flows 64 depth 127 perturb 0"},
		{"sfq", "limit 127 flows 1000", "flows 127 perturb 0"},
		{"sfq", "limit 1000 redflowlimit 100000 min 8000 max 60000 probability 0.2 ecn harddrop",
			"limit 1000 perturb 0 redflowlimit 60000 min 8000 max 60000 avpkt 1000b burst 25 probability 0.2 ecn harddrop"},
		{"red", "limit 400000 min 30000 max 90000 avpkt 1000 burst 55 ecn bandwidth 10Mbit probability 0.02",
			"limit 400000b min 30000b max 90000b avpkt 1000b burst 45 probability 0.02 bandwidth 10Mbit ecn"},
		{"red", "limit 400000 min 30000 max 90000 avpkt 1000 burst 55 adaptive probability 0.3",
			"limit 400000b min 30000b max 90000b avpkt 1000b burst 45 probability 0.343322754 bandwidth 10Mbit adaptive"},
		{"red", "limit 1mb avpkt 1500 harddrop nodrop qevent early_drop block 10 qevent mark block 11",
			"limit 1024kb min 87381b max 256kb avpkt 1500b burst 88 probability 0.02 bandwidth 10Mbit harddrop nodrop qevent early_drop block 10 qevent mark block 11"},
		{"red", "limit 100k min 10k max 30k avpkt 100 bandwidth 1kbit",
			"limit 100kb min 10kb max 30kb avpkt 1000b burst 39 probability 0.02 bandwidth 7192bit"},
		{"netem", "", "limit 1000"},
		{"netem", "delay 100ms 10ms 25% loss 0.3% 25% duplicate 1% corrupt 0.1% reorder 25% 50% gap 5 rate 1mbit -20 48 4 limit 3000 ecn",
			"limit 3000 delay 100ms 10ms 25% loss random 0.3% 25% ecn duplicate 1% reorder 25% 50% gap 5 corrupt 0.1% rate 1Mbit -20 48 4"},
		{"netem", "delay 10ms reorder 10%", "limit 1000 delay 10ms reorder 10% gap 1"},
		{"netem", "delay 10ms loss state 1% 10% 5% 20% 0.5%", "limit 1000 delay 10ms loss state 1% 10% 5% 20% 0.5%"},
		{"netem", "loss state 2", "limit 1000 loss state 2% 98% 0% 100% 0%"},
		{"netem", "loss gemodel 1% 10% 70% 0.1% slot 10ms 20ms packets 5 bytes 3000",
			"limit 1000 loss gemodel 1% 10% 70% 0.1% slot 10ms 20ms packets 5 bytes 3000"},
		{"netem", "loss gemodel 3", "limit 1000 loss gemodel 3% 97% 100% 0%"},
		{"netem", "slot 800us packets 2147483647", "limit 1000 slot 800us 800us"},
		{"netem", "delay 1s 3s", "limit 1000 delay 1s 2147484us"}, // the kernel caps the jitter at 2³¹-1 ns
		{"netem", "delay 0 5ms rate 5gbit 0 100", "limit 1000 delay 0us 5ms rate 5Gbit 0 100"},
	} {
		checkCanonWords(t, c.kind, []wordsCase{{false, c.in, c.want}})
	}
}

// TestKindWordsKernelDefaults reads what the kernel (Linux 6.1, a veth's
// MTU, HZ 250) reports for each kind made without options: every
// default as words, which parse back to themselves.
func TestKindWordsKernelDefaults(t *testing.T) {
	u := rtnl.Some[uint32]
	for _, c := range []struct {
		kind string
		o    rtnl.TCOptions
		want string
	}{
		{"codel", &rtnl.Codel{Target: u(4999), Limit: u(1000), Interval: u(99999), ECN: u(0)},
			"limit 1000 target 5ms interval 100ms noecn"},
		{"fq_codel", &rtnl.FqCodel{Target: u(4999), Limit: u(10240), Interval: u(99999), ECN: u(1), Quantum: u(1514),
			DropBatchSize: u(64), MemoryLimit: u(32 << 20), Flows: u(1024)},
			"limit 10240 flows 1024 quantum 1514 target 5ms interval 100ms memory_limit 32768kb ecn drop_batch 64"},
		{"fq_codel", &rtnl.FqCodel{Target: u(4999), Limit: u(10240), Interval: u(99999), ECN: u(1), Quantum: u(1514),
			DropBatchSize: u(64), MemoryLimit: u(32 << 20), Flows: u(1024), CEThreshold: u(999),
			CESelector: rtnl.Some[uint8](0), CEMask: rtnl.Some[uint8](0)},
			"limit 10240 flows 1024 quantum 1514 target 5ms interval 100ms ce_threshold 1ms memory_limit 32768kb ecn drop_batch 64"},
		{"pie", &rtnl.Pie{Target: u(15000), Limit: u(1000), Tupdate: u(16000), Alpha: u(2), Beta: u(20), ECN: u(0),
			Bytemode: u(0), DQRateEstimator: u(0)},
			"limit 1000 target 15ms tupdate 16ms alpha 2 beta 20 noecn nobytemode no_dq_rate_estimator"},
		{"fq_pie", &rtnl.FqPie{Limit: u(10240), Flows: u(1024), Target: u(15000), Tupdate: u(16000), Alpha: u(2), Beta: u(20),
			Quantum: u(1514), MemoryLimit: u(32 << 20), ECNProb: u(10), ECN: u(0), Bytemode: u(0), DQRateEstimator: u(0)},
			"limit 10240 target 15ms tupdate 16ms alpha 2 beta 20 flows 1024 quantum 1514b memory_limit 32768kb ecn_prob 10 noecn nobytemode no_dq_rate_estimator"},
		{"fq", &rtnl.Fq{Plimit: u(10000), FlowPlimit: u(100), Quantum: u(3028), InitialQuantum: u(15140), RateEnable: u(1),
			MaxRate: u(1<<32 - 1), RefillDelay: u(40000), OrphanMask: u(1023), LowRateThreshold: u(68750),
			CEThreshold: u(1<<32 - 1), BucketsLog: u(10), TimerSlack: u(10000), Horizon: u(10000000), HorizonDrop: rtnl.Some[uint8](1)},
			"limit 10000 flow_limit 100 buckets 1024 orphan_mask 1023 pacing quantum 3028 initial_quantum 15140 low_rate_threshold 550Kbit refill_delay 40ms horizon 10s timer_slack 10us horizon_drop"},
		{"sfq", &rtnl.SFQ{Qopt: rtnl.Some(rtnl.SFQQopt{Quantum: 1514, Limit: 127, Divisor: 1024, Flows: 128}),
			V1: rtnl.Some(rtnl.SFQV1{Depth: 127})},
			"quantum 1514 divisor 1024 flows 128 depth 127 perturb 0"}, // a limit of 127 would make 127 flows
		{"netem", &rtnl.Netem{Qopt: rtnl.NetemQopt{Limit: 1000}, Latency64: rtnl.Some[int64](0), Jitter64: rtnl.Some[int64](0),
			Corr: rtnl.Some(rtnl.NetemCorr{}), Reorder: rtnl.Some(rtnl.NetemProb{}), Corrupt: rtnl.Some(rtnl.NetemProb{}),
			Rate: rtnl.Some(rtnl.NetemRate{})}, "limit 1000"},
		{"netem", &rtnl.Netem{Qopt: rtnl.NetemQopt{Limit: 1000, Latency: 156250, Jitter: 1<<32 - 1}, Latency64: rtnl.Some[int64](10_000_000),
			Jitter64: rtnl.Some[int64](1<<31 - 1), Rate: rtnl.Some(rtnl.NetemRate{Rate: 1<<32 - 1}), Rate64: rtnl.Some[uint64](5e9 / 8 * 8),
			Slot: rtnl.Some(rtnl.NetemSlot{MinDelay: 1000, MaxDelay: 2_000_000})},
			"limit 1000 delay 10ms 2147484us rate 40Gbit slot 1us 2ms"},
	} {
		checkReported(t, c.kind, []reportCase{{name: "made without options", opts: c.o, want: c.want, exact: true}})
	}
}

// TestKindWordsRefused: values the kernel may hold that no words make
// are errors, never other words.
func TestKindWordsRefused(t *testing.T) {
	u := rtnl.Some[uint32]
	for _, c := range []struct {
		kind string
		o    rtnl.TCOptions
		want string
	}{
		{"netem", &rtnl.Netem{Qopt: rtnl.NetemQopt{Limit: 1000}, Latency64: rtnl.Some[int64](1000), Jitter64: rtnl.Some[int64](0)},
			"netem: a delay of 1000ns is no whole number of scheduler ticks"},
		{"netem", &rtnl.Netem{Qopt: rtnl.NetemQopt{Limit: 1000}, Slot: rtnl.Some(rtnl.NetemSlot{DistDelay: 1e6, DistJitter: 1e5})},
			"netem: the kernel does not report a slot distribution's table"},
		{"netem", &rtnl.Netem{Qopt: rtnl.NetemQopt{Limit: 1000, Latency: 15625, Jitter: 1562}, DelayDist: "\x00\x01"},
			"netem: the kernel does not report a delay distribution's table"},
		{"netem", &rtnl.Netem{Qopt: rtnl.NetemQopt{Limit: 1000}, Corr: rtnl.Some(rtnl.NetemCorr{Loss: 5})},
			"netem: a loss correlation without a probability cannot be written"},
		{"netem", &rtnl.Netem{Qopt: rtnl.NetemQopt{Limit: 1000, Latency: 15625}, Corr: rtnl.Some(rtnl.NetemCorr{Delay: 5})},
			"netem: a delay correlation without jitter cannot be written"},
		{"pie", &rtnl.Pie{Alpha: u(40)}, "pie: alpha 40 is above the 32 tc takes"},
		{"pie", &rtnl.Pie{ECN: u(2)}, "pie: ecn is 2, which no word sends"},
		{"fq_pie", &rtnl.FqPie{ECNProb: u(100)}, "fq_pie: ecn_prob 100 is above the 99 tc takes"},
		{"codel", &rtnl.Codel{Target: u(4294967295)}, "codel: no target the kernel takes is reported as 4294967295us"},
		{"fq", &rtnl.Fq{BucketsLog: u(40)}, "fq: 40 buckets' log is more than 32 bits hold"},
		{"sfq", &rtnl.SFQ{Qopt: rtnl.Some(rtnl.SFQQopt{Limit: 127}), V1: rtnl.Some(rtnl.SFQV1{Flags: rtnl.REDECN})},
			"sfq: RED flags 0x1 without RED cannot be written"},
		{"sfq", &rtnl.SFQ{Qopt: rtnl.Some(rtnl.SFQQopt{Limit: 100, Flows: 128}), V1: rtnl.Some(rtnl.SFQV1{})},
			"sfq: 128 flows over a limit of 100 packets cannot be made"},
		{"red", &rtnl.RED{Parms: rtnl.Some(rtnl.REDQopt{Limit: 1000, QthMin: 100, QthMax: 300, Wlog: 9, Plog: 2}), MaxP: u(1 << 30)},
			"red: the probability 0.25 does not give the probability log 2"},
	} {
		_, err := OptionWords(c.kind, false, rtnl.OptionsPayload(c.o))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s %+v: %v, want %q", c.kind, c.o, err, c.want)
		}
	}
}

// TestChangeWords: what the kernel takes only when it makes a qdisc
// (fq_codel's and fq_pie's flows) is left out of a change that keeps it,
// and makes the qdisc again when it changes; sfq is always made again;
// netem's change sends what the words leave out as it is.
func TestChangeWords(t *testing.T) {
	cur := Words{{"limit", "1000"}, {"flows", "1024"}, {"target", "5ms"}}
	for _, c := range []struct {
		kind string
		want Words
		out  string
		ok   bool
	}{
		{"fq_codel", Words{{"flows", "1024"}, {"target", "10ms"}}, "target 10ms", true},
		{"fq_pie", Words{{"limit", "50"}}, "limit 50", true},
		{"fq_codel", Words{{"flows", "512"}, {"target", "10ms"}}, "", false},
		{"sfq", Words{{"limit", "50"}}, "", false},
		{"netem", Words{{"limit", "50"}, {"delay", "10ms"}}, "flows 1024 target 5ms limit 50 delay 10ms", true},
		{"codel", Words{{"limit", "50"}}, "limit 50", true},
	} {
		w, ok := ChangeWords(c.kind, cur, c.want)
		if ok != c.ok || strings.Join(w.Flat(), " ") != c.out {
			t.Errorf("%s %q: %q %v, want %q %v", c.kind, c.want.Flat(), w.Flat(), ok, c.out, c.ok)
		}
	}
}
