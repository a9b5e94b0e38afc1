package rtnl

import (
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// prefixMessage is an RTM_NEWPREFIX as the kernel sends it.
func prefixMessage(ifindex int32, addr string, plen, flags uint8, cache bool) nl.Message {
	b := []byte{unix.AF_INET6, 0, 0, 0}
	b = ne.AppendUint32(b, uint32(ifindex))
	b = append(b, 3, plen, flags, 0)
	e := nl.NewAttrEncoder(b)
	e.Addr(unix.PREFIX_ADDRESS, netip.MustParseAddr(addr))
	if cache {
		e.Bytes(unix.PREFIX_CACHEINFO, ne.AppendUint32(ne.AppendUint32(nil, 600), 3600))
	}
	data, _ := e.Encode()
	return nl.Message{Header: nl.Header{Type: unix.RTM_NEWPREFIX}, Data: data}
}

func TestParsePrefix(t *testing.T) {
	p, err := ParsePrefix(prefixMessage(7, "2001:db8:1::", 64, PrefixOnlink|PrefixAutoconf, true))
	if err != nil {
		t.Fatal(err)
	}
	want := Prefix{Family: unix.AF_INET6, Ifindex: 7, Type: 3, Len: 64, Flags: PrefixOnlink | PrefixAutoconf, Addr: netip.MustParseAddr("2001:db8:1::")}
	if p.Cache == nil || *p.Cache != (PrefixCacheInfo{Preferred: 600, Valid: 3600}) {
		t.Errorf("cache info %+v, want preferred 600 valid 3600", p.Cache)
	}
	p.Cache = nil
	if *p != want {
		t.Errorf("got %+v, want %+v", *p, want)
	}
	if _, err := ParsePrefix(nl.Message{Data: make([]byte, 11)}); err == nil {
		t.Error("a short header parsed")
	}
}

func FuzzParsePrefix(f *testing.F) {
	f.Add(prefixMessage(7, "2001:db8:1::", 64, 3, true).Data)
	f.Add(prefixMessage(2, "fd00::", 48, 1, false).Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		ParsePrefix(nl.Message{Header: nl.Header{Type: unix.RTM_NEWPREFIX}, Data: b})
	})
}

// nsidMessage is an RTM_NEWNSID or RTM_DELNSID.
func nsidMessage(typ uint16, nsid int32, current *int32) nl.Message {
	e := nl.NewAttrEncoder(make([]byte, rtgenLen))
	e.Int32(unix.NETNSA_NSID, nsid)
	if current != nil {
		e.Int32(unix.NETNSA_CURRENT_NSID, *current)
	}
	data, _ := e.Encode()
	return nl.Message{Header: nl.Header{Type: typ}, Data: data}
}

func TestParseNSIDEvent(t *testing.T) {
	cur := int32(-1)
	for _, c := range []struct {
		m    nl.Message
		want NSIDEvent
	}{
		{nsidMessage(unix.RTM_NEWNSID, 4, nil), NSIDEvent{NSID: 4}},
		{nsidMessage(unix.RTM_DELNSID, 4, nil), NSIDEvent{NSID: 4, Deleted: true}},
		{nsidMessage(unix.RTM_NEWNSID, 2, &cur), NSIDEvent{NSID: 2, Current: &cur}},
	} {
		got, err := ParseNSIDEvent(c.m)
		if err != nil {
			t.Fatal(err)
		}
		if got.NSID != c.want.NSID || got.Deleted != c.want.Deleted || (got.Current == nil) != (c.want.Current == nil) {
			t.Errorf("got %+v, want %+v", got, c.want)
		}
	}
	if _, err := ParseNSIDEvent(nl.Message{Data: make([]byte, rtgenLen)}); err == nil {
		t.Error("a notification without NETNSA_NSID parsed")
	}
}

func FuzzParseNSIDEvent(f *testing.F) {
	cur := int32(3)
	f.Add(nsidMessage(unix.RTM_NEWNSID, 4, nil).Data)
	f.Add(nsidMessage(unix.RTM_DELNSID, 1, &cur).Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		ParseNSIDEvent(nl.Message{Header: nl.Header{Type: unix.RTM_NEWNSID}, Data: b})
	})
}
