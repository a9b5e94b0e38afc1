package ipset

import (
	"encoding/hex"
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

// capturedListing returns the datagrams the kernel (Linux 6.18) sent to
// `ipset list`, captured with strace: a protocol reply, then one list
// message per set, then NLMSG_DONE.
func capturedListing(t testing.TB) [][]byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/list-reply.hex")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, line := range strings.Fields(string(raw)) {
		b, err := hex.DecodeString(line)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func TestDecodeCapturedListing(t *testing.T) {
	sets := map[string]*Set{}
	entries := map[string][]*Entry{}
	for _, dg := range capturedListing(t)[1:] {
		msgs, err := nl.ParseMessages(dg)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Header.Type == nl.Done {
				continue
			}
			err := DecodeListMessage(m, func(r Record) bool {
				if r.Set != nil {
					sets[r.Set.Name] = r.Set
				} else {
					entries[r.SetName] = append(entries[r.SetName], r.Entry)
				}
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(sets) != 6 {
		t.Fatalf("decoded %d sets, want 6: %v", len(sets), sets)
	}

	w := sets["w"]
	if w.Type != "hash:ip,port" || w.Revision != 7 || w.Family != FamilyINET || *w.Timeout != 300 ||
		w.Flags != FlagWithCounters|FlagWithComment|FlagWithSkbInfo || *w.HashSize != 1024 || *w.MaxElem != 65536 ||
		*w.BucketSize != 12 || w.InitVal == nil || !w.HasElements || w.Elements != 2 || w.References != 1 {
		t.Errorf("set w = %+v", w)
	}
	var front *Entry
	for _, e := range entries["w"] {
		if e.IP == netip.MustParseAddr("192.0.2.10") {
			front = e
		}
	}
	if front == nil || *front.Port != 80 || *front.Proto != 6 || *front.Packets != 3 || *front.Bytes != 120 ||
		*front.Comment != "frontend" || *front.SkbMark != 5<<32|0xffffffff || front.Timeout == nil {
		t.Errorf("entry 192.0.2.10 = %+v", front)
	}

	n6 := entries["n6"]
	if sets["n6"].Family != FamilyINET6 || len(n6) != 1 || n6[0].IP != netip.MustParseAddr("2001:db8::") ||
		n6[0].CIDR != 32 || n6[0].Flags != FlagNoMatch {
		t.Errorf("n6 = %+v %+v", sets["n6"], n6)
	}
	bp := sets["bp"]
	if *bp.PortFrom != 1 || *bp.PortTo != 1024 || len(entries["bp"]) != 1 || *entries["bp"][0].Port != 22 {
		t.Errorf("bp = %+v %+v", bp, entries["bp"])
	}
	f := entries["f"]
	if len(f) != 1 || f[0].Iface != "eth1" || f[0].Flags != FlagPhysdev || f[0].CIDR != 16 {
		t.Errorf("f = %+v", f)
	}
	if l := entries["l"]; len(l) != 1 || l[0].Name != "w" || *sets["l"].Size != 8 {
		t.Errorf("l = %+v %+v", sets["l"], l)
	}
	bi := sets["bi"]
	if bi.RangeFrom != netip.MustParseAddr("10.0.0.0") || bi.RangeTo != netip.MustParseAddr("10.0.0.255") || len(entries["bi"]) != 0 {
		t.Errorf("bi = %+v", bi)
	}
}

func TestDecodeRejectsMalformed(t *testing.T) {
	e := newEncoder()
	e.Nest(AttrIP)
	e.Bytes(AttrIPAddrIPv4|netOrder, []byte{1, 2, 3}) // 3 bytes: not an address
	e.Unnest()
	b, _ := e.Encode()
	if _, err := DecodeEntry(b); err == nil {
		t.Fatal("a 3-byte IPv4 address decoded without error")
	}
	e = newEncoder()
	e.Bytes(AttrEther, []byte{1, 2, 3})
	b, _ = e.Encode()
	if _, err := DecodeEntry(b); err == nil {
		t.Fatal("a 3-byte MAC address decoded without error")
	}
	e = newEncoder()
	e.Uint16(AttrTimeout|netOrder, 5) // timeouts are 32 bits
	b, _ = e.Encode()
	if _, err := DecodeEntry(b); err == nil {
		t.Fatal("a 16-bit timeout decoded without error")
	}
	msg := nl.Message{Header: nl.Header{Type: 0x607}, Data: []byte{2, 0, 0, 0, 5, 0, 1, 0, 7, 0, 0, 0}}
	if err := DecodeListMessage(msg, func(Record) bool { return true }); err == nil {
		t.Fatal("a list message without a set name decoded without error")
	}
	msg.Data = []byte{2, 0}
	if err := DecodeListMessage(msg, func(Record) bool { return true }); err == nil {
		t.Fatal("a list message shorter than nfgenmsg decoded without error")
	}
}

func TestEntryRoundTrip(t *testing.T) {
	in := Entry{
		IP: netip.MustParseAddr("2001:db8::1"), CIDR: 64, Port: ptr[uint16](443), Proto: ptr[uint8](6),
		IP2: netip.MustParseAddr("2001:db8::2"), CIDR2: 128, Iface: "eth0", Flags: FlagNoMatch,
		Timeout: ptr[uint32](10), Packets: ptr[uint64](1 << 40), Bytes: ptr[uint64](7), Comment: ptr("c"),
		SkbMark: ptr[uint64](1<<32 | 0xff), SkbPrio: ptr[uint32](0x10002), SkbQueue: ptr[uint16](3),
		Mark: ptr[uint32](0xabcd), Name: "n", NameRef: "r", LineNo: 42,
	}
	e := newEncoder()
	in.encodeData(e, true)
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	d := nl.NewAttrDecoderOrder(b, bigEndian)
	if !d.Next() || d.Type() != AttrData {
		t.Fatal("no DATA attribute")
	}
	out, err := DecodeEntry(d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if out.IP != in.IP || out.CIDR != 64 || *out.Port != 443 || *out.Proto != 6 || out.IP2 != in.IP2 ||
		out.Iface != "eth0" || out.Flags != FlagNoMatch || *out.Timeout != 10 || *out.Packets != 1<<40 ||
		*out.Bytes != 7 || *out.Comment != "c" || *out.SkbMark != *in.SkbMark || *out.SkbPrio != 0x10002 ||
		*out.SkbQueue != 3 || *out.Mark != 0xabcd || out.Name != "n" || out.NameRef != "r" || out.LineNo != 42 {
		t.Fatalf("round trip: %+v", out)
	}
}
