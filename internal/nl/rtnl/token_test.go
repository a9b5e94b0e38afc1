package rtnl

import (
	"net/netip"
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

func TestTokenMessage(t *testing.T) {
	cases := []struct {
		name string
		tok  Token
		want []byte // the attributes after struct ifinfomsg
	}{
		{"address", Token{Index: 3, Token: netip.MustParseAddr("::1:2")},
			[]byte{0x1c, 0, 0x1a, 0x80, 0x18, 0, 0x0a, 0x80, 0x14, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2}},
		{"empty", Token{Index: 3, Raw: []byte{}},
			[]byte{0x0c, 0, 0x1a, 0x80, 0x08, 0, 0x0a, 0x80, 0x04, 0, 7, 0}},
	}
	for _, c := range cases {
		m, err := c.tok.Message()
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Type != unix.RTM_SETLINK || m.Data[0] != unix.AF_INET6 || ne.Uint32(m.Data[4:]) != 3 {
			t.Errorf("%s: header %v %x", c.name, m.Header, m.Data[:IfInfoLen])
		}
		if got := m.Data[IfInfoLen:]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: attributes %x, want %x", c.name, got, c.want)
		}
		back, err := ParseToken(m)
		if err != nil || back.Index != 3 || back.Token != c.tok.Token {
			t.Errorf("%s: read back %+v, %v", c.name, back, err)
		}
	}
}

func TestParseTokenOfDump(t *testing.T) {
	e := nl.NewAttrEncoder(nil)
	e.String(unix.IFLA_IFNAME, "v0")
	e.NestPlain(unix.IFLA_PROTINFO)
	e.Uint32(unix.IFLA_INET6_FLAGS, 0x80000000)
	e.Addr(unix.IFLA_INET6_TOKEN, netip.MustParseAddr("::42"))
	e.Unnest()
	m, err := request(unix.RTM_NEWLINK, 0, ifInfo(unix.AF_INET6, 7, unix.IFF_UP, 0), e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseToken(m)
	want := &Token{Index: 7, Flags: unix.IFF_UP, Name: "v0", Token: netip.MustParseAddr("::42"), Raw: netip.MustParseAddr("::42").AsSlice()}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, %v", got, err)
	}
	if _, err := ParseToken(nl.Message{Data: []byte{10, 0}}); err != ErrShortHeader {
		t.Errorf("short header: %v", err)
	}
}

// FuzzParseToken: no payload makes the decoder panic, and the request made
// from what it reads reads back the same token.
func FuzzParseToken(f *testing.F) {
	m, _ := (&Token{Index: 2, Token: netip.MustParseAddr("::1")}).Message()
	f.Add(m.Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		tok, err := ParseToken(nl.Message{Header: nl.Header{Type: unix.RTM_NEWLINK}, Data: b})
		if err != nil {
			return
		}
		tok.Flags, tok.Name = 0, "" // a request carries neither
		m, err := tok.Message()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseToken(m)
		if err != nil || !reflect.DeepEqual(back, tok) {
			t.Fatalf("%x: %+v, then %+v, %v", b, tok, back, err)
		}
	})
}
