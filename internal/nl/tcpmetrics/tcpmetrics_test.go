package tcpmetrics

import (
	"net/netip"
	"reflect"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func TestEntryRoundTrip(t *testing.T) {
	e := &Entry{
		Dst: netip.MustParseAddr("192.0.2.1"), Src: netip.MustParseAddr("192.0.2.9"),
		AgeMs: ptr(uint64(1500)), TWTSVal: ptr(uint32(7)), TWTSStamp: ptr(int32(-3)),
		Metrics:  map[Metric]uint32{MetricRTTUs: 800, MetricRTTVarUs: 400, MetricCwnd: 10},
		FopenMSS: ptr(uint16(1460)), FopenSynDrops: ptr(uint16(2)), FopenSynDropTSMs: ptr(uint64(99)),
		FopenCookie: []byte{1, 2, 3, 4, 5, 6, 7, 8},
	}
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(b)
	if err != nil || !reflect.DeepEqual(got, e) {
		t.Errorf("got %+v, %v", got, err)
	}
}

func TestSelector(t *testing.T) {
	cases := []struct {
		dst, src string
		want     []byte
	}{
		{"192.0.2.1", "", []byte{8, 0, 1, 0, 192, 0, 2, 1}},
		{"192.0.2.1", "198.51.100.1", []byte{8, 0, 1, 0, 192, 0, 2, 1, 8, 0, 11, 0, 198, 51, 100, 1}},
		{"::1", "", []byte{20, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
		{"", "", nil},
	}
	for _, c := range cases {
		var dst, src netip.Addr
		if c.dst != "" {
			dst = netip.MustParseAddr(c.dst)
		}
		if c.src != "" {
			src = netip.MustParseAddr(c.src)
		}
		if got := Selector(dst, src); !reflect.DeepEqual(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("%s %s: %v, want %v", c.dst, c.src, got, c.want)
		}
	}
}

func TestParseWrongAddressLength(t *testing.T) {
	e, err := Parse([]byte{7, 0, 1, 0, 1, 2, 3, 0})
	if err != nil || e.Dst.IsValid() {
		t.Errorf("a 3-byte IPv4 address: %+v, %v", e, err)
	}
}

// FuzzParse: no payload makes the decoder panic, and what it reads
// encodes to attributes that read back the same.
func FuzzParse(f *testing.F) {
	b, _ := (&Entry{Dst: netip.MustParseAddr("::1"), AgeMs: ptr(uint64(5)), Metrics: map[Metric]uint32{MetricSSThresh: 3}}).Encode()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := Parse(b)
		if err != nil {
			return
		}
		enc, err := e.Encode()
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(enc)
		if err != nil || !reflect.DeepEqual(back, e) {
			t.Fatalf("%x: %+v, then %+v, %v", b, e, back, err)
		}
	})
}
