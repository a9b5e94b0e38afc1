package qdisc

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// wordsCase is a kind's words (in), what CanonWords writes for them
// (want), which parse back to themselves.
type wordsCase struct {
	class bool
	in    string
	want  string
}

func checkCanonWords(t *testing.T, kind string, cases []wordsCase) {
	t.Helper()
	for _, c := range cases {
		got, err := CanonWords(kind, c.class, "", strings.Fields(c.in))
		checkWords(t, kind+" "+strconv.Quote(c.in), kind, c.class, got, err, c.want)
	}
}

// checkWords checks that words (or err) are want and parse back to
// themselves.
func checkWords(t *testing.T, what, kind string, class bool, got Words, err error, want string) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if s := strings.Join(got.Flat(), " "); s != want {
		t.Errorf("%s:\n got %q\nwant %q", what, s, want)
	}
	again, err := CanonWords(kind, class, "", got.Flat())
	if err != nil || !slices.EqualFunc(again, got, slices.Equal) {
		t.Errorf("%s: words %q parse to %q, %v", what, got.Flat(), again.Flat(), err)
	}
}

// reportCase is options as the kernel reports them, with every default
// it fills in, and their words (or the error that they have none).
type reportCase struct {
	name  string
	class bool
	opts  rtnl.TCOptions
	want  string
	exact bool // false: OptionWords must refuse them
}

func checkReported(t *testing.T, kind string, cases []reportCase) {
	t.Helper()
	for _, c := range cases {
		got, err := OptionWords(kind, c.class, rtnl.OptionsPayload(c.opts))
		if !c.exact {
			var inexact ErrInexact
			if !errors.As(err, &inexact) {
				t.Errorf("%s %s: words %q, %v; want ErrInexact", kind, c.name, got.Flat(), err)
			}
			continue
		}
		checkWords(t, kind+" "+c.name, kind, c.class, got, err, c.want)
	}
}

func someU32(v uint32) rtnl.Opt[uint32] { return rtnl.Some(v) }

func TestWordsCake(t *testing.T) {
	checkCanonWords(t, "cake", []wordsCase{
		{false, "", ""},
		{false, "bandwidth 10mbit rtt 20ms diffserv4 dual-srchost nat wash ingress ack-filter no-split-gso overhead 18 atm mpu 64 memlimit 32mb fwmark 0xff",
			"bandwidth 10Mbit rtt 20ms diffserv4 dual-srchost nat wash ingress ack-filter no-split-gso overhead 18 atm mpu 64 memlimit 32768kb fwmark 0xff"},
		{false, "unlimited autorate-ingress lan raw", "unlimited autorate-ingress rtt 1ms raw noatm"},
		{false, "autorate-ingress bandwidth 1mbit", "bandwidth 1Mbit"},
		{false, "interplanetary besteffort flowblind", "rtt 1000s besteffort flowblind"},
		{false, "conservative", "overhead 48 atm"},
		{false, "pppoe-ptm ether-vlan", "overhead 34 ptm"},
		{false, "ethernet", "overhead 38 mpu 84"},
		{false, "docsis", "overhead 18 noatm mpu 64"},
		{false, "fwmark 0 precedence ack-filter-aggressive", "precedence ack-filter-aggressive"},
		{false, "rtt 1234", "rtt 1234us"},
	})
	// A cake the kernel made with no options: every value reported.
	defaults := &rtnl.Cake{BaseRate: rtnl.Some[uint64](0), Diffserv: someU32(0), ATM: someU32(0), FlowMode: someU32(7),
		Overhead: rtnl.Some[int32](0), MPU: someU32(0), RTT: someU32(100000), Target: someU32(5000), Autorate: someU32(0),
		Memory: someU32(0), Fwmark: someU32(0), NAT: someU32(0), Wash: someU32(0), SplitGSO: someU32(1), Ingress: someU32(0),
		AckFilter: someU32(0), Raw: true}
	set := *defaults
	set.BaseRate, set.Raw, set.Overhead, set.ATM, set.MPU = rtnl.Some[uint64](1250000), false, rtnl.Some[int32](-10), someU32(2), someU32(40)
	set.Memory, set.Fwmark, set.Autorate = someU32(1<<20), someU32(0xf0), someU32(1)
	target := *defaults
	target.Target = someU32(4000)
	rawOverhead := *defaults
	rawOverhead.Overhead = rtnl.Some[int32](8)
	mode := *defaults
	mode.FlowMode = someU32(9)
	checkReported(t, "cake", []reportCase{
		{name: "defaults", opts: defaults, exact: true,
			want: "unlimited rtt 100ms diffserv3 triple-isolate nonat nowash egress no-ack-filter split-gso raw noatm"},
		{name: "set", opts: &set, exact: true,
			want: "bandwidth 10Mbit autorate-ingress rtt 100ms diffserv3 triple-isolate nonat nowash egress no-ack-filter split-gso overhead -10 ptm mpu 40 memlimit 1024kb fwmark 0xf0"},
		{name: "target not rtt/20", opts: &target},
		{name: "raw with an overhead", opts: &rawOverhead},
		{name: "unknown flow mode", opts: &mode},
	})
}

func TestWordsETS(t *testing.T) {
	checkCanonWords(t, "ets", []wordsCase{
		{false, "bands 4 strict 1 quanta 1000 2000", "bands 4 strict 1 quanta 1000 2000 priomap 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3"},
		{false, "quanta 1000 2000 priomap 1 0", "bands 2 quanta 1000 2000 priomap 1 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1"},
		{false, "strict 3 priomap 2 1 0", "bands 3 strict 3 priomap 2 1 0 2 2 2 2 2 2 2 2 2 2 2 2 2"},
		{true, "quantum 300", "quantum 300"},
		{true, "", ""},
	})
	// What the kernel reports: every band's quantum (an MTU where the
	// words gave none) and the whole priomap.
	o := &rtnl.ETS{NBands: rtnl.Some[uint8](3), NStrict: rtnl.Some[uint8](1), HasQuanta: true, NQuanta: 2,
		HasPriomap: true, NPrio: 16}
	o.Quanta[0], o.Quanta[1] = 3000, 1514
	o.Priomap = [16]uint8{0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}
	checkReported(t, "ets", []reportCase{
		{name: "strict and quanta", opts: o, exact: true,
			want: "bands 3 strict 1 quanta 3000 1514 priomap 0 1 2 2 2 2 2 2 2 2 2 2 2 2 2 2"},
		{name: "class", class: true, opts: &rtnl.ETSClass{Quantum: someU32(2500)}, exact: true, want: "quantum 2500"},
	})
}

func TestWordsPrio(t *testing.T) {
	checkCanonWords(t, "prio", []wordsCase{
		{false, "", "bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1"},
		// multiqueue: the kernel ignores it and never reports it.
		{false, "bands 5 priomap 4 3 2 1 0 multiqueue", "bands 5 priomap 4 3 2 1 0 2 0 0 1 1 1 1 1 1 1 1"},
	})
	checkCanonWords(t, "pfifo_fast", []wordsCase{{false, "", ""}})
	if _, err := CanonWords("pfifo_fast", false, "", []string{"bands", "3"}); err == nil {
		t.Errorf("pfifo_fast took words")
	}
	checkReported(t, "pfifo_fast", []reportCase{
		{name: "fixed", opts: &rtnl.Prio{Bands: 3, Priomap: defaultPriomap}, exact: true, want: ""},
	})
	checkReported(t, "prio", []reportCase{
		{name: "two bands", opts: &rtnl.Prio{Bands: 2, Priomap: [16]uint8{1, 1, 0}}, exact: true,
			want: "bands 2 priomap 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0"},
	})
}

func TestWordsDRR(t *testing.T) {
	checkCanonWords(t, "drr", []wordsCase{
		{false, "", ""},
		{true, "", ""},
		{true, "quantum 3000", "quantum 3000b"},
		{true, "quantum 1k quantum 4k", "quantum 4kb"},
	})
	checkReported(t, "drr", []reportCase{
		{name: "qdisc", opts: &rtnl.DRR{}, exact: true, want: ""},
		{name: "class's MTU", class: true, opts: &rtnl.DRRClass{Quantum: someU32(1514)}, exact: true, want: "quantum 1514b"},
	})
}

func TestWordsHFSC(t *testing.T) {
	checkCanonWords(t, "hfsc", []wordsCase{
		{false, "", "default 0"},
		{false, "default 1a", "default 1a"},
		{true, "sc rate 1mbit ul m2 2mbit", "rt m2 1Mbit ls m2 1Mbit ul m2 2Mbit"},
		{true, "rt m1 2mbit d 10ms m2 1mbit ls umax 1500 dmax 20ms rate 500kbit",
			"rt m1 2Mbit d 10ms m2 1Mbit ls m1 600Kbit d 20ms m2 500Kbit"},
		{true, "ls umax 1500 dmax 50ms rate 1mbit", "ls m1 0bit d 38ms m2 1Mbit"},
		{true, "ls m2 12345bit", "ls m2 12344bit"},
	})
	checkReported(t, "hfsc", []reportCase{
		{name: "class", class: true, exact: true, opts: &rtnl.HFSCClass{
			RSC: rtnl.Some(rtnl.ServiceCurve{M1: 250000, D: 5000, M2: 125000}),
			FSC: rtnl.Some(rtnl.ServiceCurve{M2: 62500})},
			want: "rt m1 2Mbit d 5ms m2 1Mbit ls m2 500Kbit"},
	})
}

func TestWordsMQPrio(t *testing.T) {
	checkCanonWords(t, "mqprio", []wordsCase{
		{false, "num_tc 2 map 0 1 queues 1@0 1@1 hw 0",
			"num_tc 2 map 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 queues 1@0 1@1 hw 0"},
		{false, "num_tc 2 map 0 1 queues 2@0 2@2 mode channel shaper bw_rlimit min_rate 1mbit 2mbit max_rate 5mbit 6mbit",
			"num_tc 2 map 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 queues 2@0 2@2 hw 1 mode channel shaper bw_rlimit min_rate 1Mbit 2Mbit max_rate 5Mbit 6Mbit"},
		{false, "", "num_tc 8 map 0 1 2 3 4 5 6 7 0 1 1 1 3 3 3 3 queues 0@0 0@0 0@0 0@0 0@0 0@0 0@0 0@0 hw 1"},
	})
	q := rtnl.MQPrioQopt{NumTC: 2, PrioTCMap: [16]uint8{1, 0}, HW: 0}
	q.Count[0], q.Count[1], q.Offset[1] = 3, 1, 3
	dcb := &rtnl.MQPrio{Qopt: q, Mode: rtnl.Some[uint16](rtnl.MQPrioModeDCB)}
	dcb.Qopt.HW = 1
	checkReported(t, "mqprio", []reportCase{
		{name: "hw 0", opts: &rtnl.MQPrio{Qopt: q}, exact: true,
			want: "num_tc 2 map 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 queues 3@0 1@3 hw 0"},
		{name: "mode dcb set", opts: dcb},
	})
}

// TestWordsReadBack: options whose words would not parse back to them
// are refused, not written.
func TestWordsReadBack(t *testing.T) {
	for _, c := range []struct {
		kind  string
		class bool
		in    string
	}{
		{"tbf", false, "rate 1gbit burst 1 limit 1"},         // a bucket of 0 ticks: burst 0b
		{"htb", true, "rate 1000000000000000000"},            // a bucket beyond 32 bits
		{"prio", false, "bands 0"},                           // a priomap beyond the bands
		{"cake", false, "bandwidth 99999999999999999999bit"}, // beyond a float64's precision
	} {
		w, err := CanonWords(c.kind, c.class, "", strings.Fields(c.in))
		var inexact ErrInexact
		if !errors.As(err, &inexact) {
			t.Errorf("%s %q: %q, %v; want ErrInexact", c.kind, c.in, w.Flat(), err)
		}
	}
}
