package rtnl

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

func ptr8(v uint8) *uint8 { return &v }

// statsSample has every part of a statistics message.
func statsSample() *IfStats {
	return &IfStats{
		Index:  7,
		Link64: &LinkStats{RxPackets: 1, TxBytes: 2, RxOtherhostDropped: 3},
		XStats: &XStats{Bridge: &BridgeXStats{
			Mcast: &BridgeMcastStats{IGMPv2Queries: [2]uint64{4, 5}, MLDParseErrors: 6, McastPackets: [2]uint64{7, 8}},
			STP:   &BridgeSTPStats{TransitionFwd: 9, TxTCN: 10},
		}},
		XStatsSlave: &XStats{Bond: &BondXStats{LACP: map[Bond3AD]uint64{Bond3ADLACPDURx: 11, Bond3ADMarkerUnknownRx: 12}}},
		Offload: &OffloadStats{
			CPUHit:  &LinkStats{Multicast: 13},
			HWSInfo: &HWStatsInfo{L3: &HWSuiteState{Request: ptr8(1), Used: ptr8(0)}},
			L3Stats: &HWStats{RxBytes: 14, Multicast: 15},
		},
		AFSpec: &AFStats{MPLS: &MPLSStats{Link: &MPLSLinkStats{RxNoroute: 16}}},
	}
}

func TestIfStatsRoundTrip(t *testing.T) {
	s := statsSample()
	m, err := s.Message()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseIfStats(m)
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("got %+v, %v", got, err)
	}
}

func TestIfStatsShortCounters(t *testing.T) {
	// A kernel older than the struct sends fewer counters: those past
	// its payload are zero.
	e := nl.NewAttrEncoder(nil)
	e.Bytes(uint16(StatsLink64), []byte{5, 0, 0, 0, 0, 0, 0, 0})
	attrs, _ := e.Encode()
	s, err := ParseIfStats(nl.Message{Data: append(make([]byte, ifStatsMsgLen), attrs...)})
	if err != nil || s.Link64 == nil || *s.Link64 != (LinkStats{RxPackets: 5}) {
		t.Errorf("got %+v, %v", s, err)
	}
}

func TestStatsRequest(t *testing.T) {
	cases := []struct {
		name  string
		index int32
		pack  func(f *StatsFilter)
		want  []byte
		flags nl.Flags
	}{
		{"link of one device", 3, func(f *StatsFilter) { f.Enable(StatsLink64, 0) },
			[]byte{0, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0}, 0},
		{"every offload subgroup is no filter", 0, func(f *StatsFilter) {
			for s := uint16(1); s <= offloadMax; s++ {
				f.Enable(StatsOffload, s)
			}
		}, []byte{0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0}, nl.Dump},
		{"one offload subgroup", 0, func(f *StatsFilter) { f.Enable(StatsOffload, OffloadCPUHit) },
			[]byte{0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 12, 0, 1, 0x80, 8, 0, 4, 0, 1, 0, 0, 0}, nl.Dump},
	}
	for _, c := range cases {
		f := &StatsFilter{}
		c.pack(f)
		m, err := StatsRequest(c.index, f)
		if err != nil || !reflect.DeepEqual(m.Data, c.want) || m.Header.Flags != c.flags || m.Header.Type != RTMGetStats {
			t.Errorf("%s: %x %v, %v", c.name, m.Data, m.Header.Flags, err)
		}
	}
}

// FuzzParseIfStats: no payload makes the decoder panic, and what it
// reads encodes to a message that reads back the same.
func FuzzParseIfStats(f *testing.F) {
	m, _ := statsSample().Message()
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseIfStats(nl.Message{Header: nl.Header{Type: RTMNewStats}, Data: b})
		if err != nil {
			return
		}
		m, err := s.Message()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseIfStats(m)
		if err != nil || !reflect.DeepEqual(back, s) {
			t.Fatalf("%x: %+v, then %+v, %v", b, s, back, err)
		}
	})
}
