package rtnl

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func TestNeighTableRoundTrip(t *testing.T) {
	u32 := func(v uint32) *uint32 { return &v }
	u64 := func(v uint64) *uint64 { return &v }
	tbl := &NeighTable{
		Family: unix.AF_INET, Name: "arp_cache", Thresh1: u32(128), Thresh3: u32(1024), GCInterval: u64(30000),
		Config: &NeighTableConfig{KeyLen: 4, EntrySize: 336, Entries: 8, LastFlush: 1, LastRand: 2, HashRnd: 3, HashMask: 0x7fff, HashChainGC: 4, ProxyQlen: 5},
		Parms:  &NeighTableParms{Ifindex: u32(2), QueueLen: u32(101), RetransTime: u64(1000), Locktime: u64(16), IntervalProbeTime: u64(5)},
		Stats:  &NeighTableStats{Allocs: 1, Destroys: 2, HashGrows: 3, ResFailed: 4, Lookups: 5, Hits: 6, RcvProbesMcast: 7, RcvProbesUcast: 8, PeriodicGCRuns: 9, ForcedGCRuns: 10, TableFulls: 11},
	}
	m, err := tbl.Message(unix.RTM_SETNEIGHTBL, nl.Replace)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseNeighTable(m)
	if err != nil || !reflect.DeepEqual(got, tbl) {
		t.Errorf("got %+v, %v", got, err)
	}
}

func TestNeighTableChangeRequest(t *testing.T) {
	q := uint32(5)
	m, err := (&NeighTable{Name: "arp_cache", Parms: &NeighTableParms{QueueLen: &q}}).Message(unix.RTM_SETNEIGHTBL, nl.Replace)
	if err != nil {
		t.Fatal(err)
	}
	// ndtmsg, NDTA_NAME "arp_cache\0", NDTA_PARMS { NDTPA_QUEUE_LEN 5 }
	want := []byte{0, 0, 0, 0, 14, 0, 1, 0, 'a', 'r', 'p', '_', 'c', 'a', 'c', 'h', 'e', 0, 0, 0, 12, 0, 6, 0, 8, 0, 8, 0, 5, 0, 0, 0}
	if !reflect.DeepEqual(m.Data, want) || m.Header.Type != unix.RTM_SETNEIGHTBL {
		t.Errorf("request %v\n   want %v", m.Data, want)
	}
}

// FuzzParseNeighTable: no payload makes the decoder panic, and what it
// reads encodes to a message that reads back the same.
func FuzzParseNeighTable(f *testing.F) {
	q := uint32(5)
	m, _ := (&NeighTable{Family: unix.AF_INET6, Name: "ndisc_cache", Parms: &NeighTableParms{QueueLen: &q}}).Message(unix.RTM_NEWNEIGHTBL, 0)
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		tbl, err := ParseNeighTable(nl.Message{Data: b})
		if err != nil {
			return
		}
		m, err := tbl.Message(unix.RTM_NEWNEIGHTBL, 0)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseNeighTable(m)
		if err != nil || !reflect.DeepEqual(back, tbl) {
			t.Fatalf("%x: %+v, then %+v, %v", b, tbl, back, err)
		}
	})
}
