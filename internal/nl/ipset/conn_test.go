package ipset_test

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/ipset"
	"github.com/gip-suite/gip/internal/nl/ipset/ipsettest"
)

func TestProtocolNegotiation(t *testing.T) {
	c, _ := ipsettest.Dial(t)
	if v := c.ProtocolVersion(); v != 7 {
		t.Fatalf("negotiated %d, want 7", v)
	}
	k := &ipsettest.Kernel{ProtocolMax: 5, ProtocolMin: 3}
	if _, err := k.Dial(t); !errors.Is(err, ipset.ErrProtocolVersion) {
		t.Fatalf("kernel speaking 3-5: err = %v, want ErrProtocolVersion", err)
	}
	k = &ipsettest.Kernel{ProtocolMax: 6}
	c, err := k.Dial(t)
	if err != nil || c.ProtocolVersion() != 6 {
		t.Fatalf("kernel speaking 6: %v, version %d", err, c.ProtocolVersion())
	}
}

func TestCreateAddTestDel(t *testing.T) {
	c, k := ipsettest.Dial(t)
	maxRev, _, err := c.TypeRevisions("hash:ip", ipset.FamilyINET)
	if err != nil || maxRev != 6 {
		t.Fatalf("TypeRevisions = %d, %v", maxRev, err)
	}
	s := &ipset.Set{Name: "s", Type: "hash:ip", Revision: maxRev, Family: ipset.FamilyINET}
	if err := c.Create(s, false); err != nil {
		t.Fatal(err)
	}
	if err := c.Create(s, false); !ipset.IsExist(err) || err.Error() != "Set cannot be created: set with the same name already exists" {
		t.Fatalf("second create: %v", err)
	}
	if err := c.Create(s, true); err != nil {
		t.Fatalf("create with exist: %v", err)
	}
	en := &ipset.Entry{IP: netip.MustParseAddr("192.0.2.1")}
	if err := c.Add("s", "hash:ip", en, false); err != nil {
		t.Fatal(err)
	}
	if err := c.Add("s", "hash:ip", en, false); err == nil || err.Error() != "Element cannot be added to the set: it's already added" {
		t.Fatalf("duplicate add: %v", err)
	}
	if in, err := c.Test("s", "hash:ip", en); !in || err != nil {
		t.Fatalf("Test = %v, %v", in, err)
	}
	if err := c.Del("s", "hash:ip", en, false); err != nil {
		t.Fatal(err)
	}
	if in, err := c.Test("s", "hash:ip", en); in || err != nil {
		t.Fatalf("Test after del = %v, %v", in, err)
	}
	h, err := c.Header("s")
	if err != nil || h.Type != "hash:ip" || h.Family != ipset.FamilyINET {
		t.Fatalf("Header = %+v, %v", h, err)
	}
	if _, err := c.Header("nosuch"); !ipset.IsNotFound(err) {
		t.Fatalf("Header(nosuch) = %v", err)
	}
	if n := len(k.Sets()); n != 1 {
		t.Fatalf("%d sets", n)
	}
}

func TestADTBufferReportsFailingLine(t *testing.T) {
	c, _ := ipsettest.Dial(t)
	if err := c.Create(&ipset.Set{Name: "s", Type: "hash:ip", Family: ipset.FamilyINET}, false); err != nil {
		t.Fatal(err)
	}
	b := c.NewADTBuffer(ipset.CmdAdd, "s", false)
	for i, ip := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.3"} {
		if err := b.Add(&ipset.Entry{IP: netip.MustParseAddr(ip), LineNo: uint32(10 + i)}); err != nil {
			t.Fatal(err)
		}
	}
	if b.Len() != 4 || b.First() != 10 {
		t.Fatalf("Len %d First %d", b.Len(), b.First())
	}
	err := b.Exec("hash:ip")
	line, ok := ipset.FailedLine(err)
	if !ok || line != 12 {
		t.Fatalf("FailedLine(%v) = %d, %v; want 12", err, line, ok)
	}
	var op *nl.OpError
	if !errors.As(err, &op) || op.Errno() != ipset.ErrExist {
		t.Fatalf("err = %v", err)
	}
	if _, ok := ipset.FailedLine(errors.New("other")); ok {
		t.Fatal("FailedLine of a plain error")
	}
}

func TestListStreamsRecords(t *testing.T) {
	c, _ := ipsettest.Dial(t)
	for _, name := range []string{"a", "b"} {
		if err := c.Create(&ipset.Set{Name: name, Type: "hash:net", Family: ipset.FamilyINET6}, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"2001:db8::/32", "2001:db8:1::/48"} {
		pf := netip.MustParsePrefix(p)
		if err := c.Add("b", "hash:net", &ipset.Entry{IP: pf.Addr(), CIDR: uint8(pf.Bits())}, false); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for r, err := range c.List("", 0, false) {
		if err != nil {
			t.Fatal(err)
		}
		if r.Set != nil {
			got = append(got, "set "+r.Set.Name+" "+r.Set.Type)
		} else {
			got = append(got, "entry "+r.SetName+" "+netip.PrefixFrom(r.Entry.IP, int(r.Entry.CIDR)).String())
		}
	}
	want := []string{"set a hash:net", "set b hash:net", "entry b 2001:db8::/32", "entry b 2001:db8:1::/48"}
	if len(got) != len(want) {
		t.Fatalf("records %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("records %q, want %q", got, want)
		}
	}
	for _, err := range c.List("nosuch", 0, false) {
		if !ipset.IsNotFound(err) {
			t.Fatalf("List(nosuch) error = %v", err)
		}
	}
}
