package tuntap

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/format"
)

// FuzzParseArgs parses arbitrary words of add and del: refused or read,
// never a panic, and a request read always names a mode.
func FuzzParseArgs(f *testing.F) {
	for _, s := range []string{
		"dev tap0 mode tap user 1000 group 100 multi_queue vnet_hdr", "tun0 mode tun one_queue pi",
		"name t2 mode tun user -1", "mode tap user 99999999999999999999", "mode", "help", "x name y",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, line string, owner bool) {
		r, err := parseArgs(strings.Fields(line), owner)
		if err != nil {
			return
		}
		if r.flags&typeMask == 0 {
			t.Fatalf("%q: no mode", line)
		}
	})
}

func TestLookupIDLikeStrtol(t *testing.T) {
	none := func(string) (string, error) { return "", errNoName }
	for s, want := range map[string]uint32{
		"1000": 1000, "-1": unset, "4294967295": unset, "4294967296": 0, "-2": 4294967294,
		"99999999999999999999": unset, "-99999999999999999999": 0, " 12": 12, "+7": 7,
	} {
		if got, err := lookupID(s, none); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", s, got, err, want)
		}
	}
	if _, err := lookupID("12x", none); err == nil {
		t.Errorf("12x read as a number")
	}
}

type nameError struct{}

func (nameError) Error() string { return "no such name" }

var errNoName = nameError{}

func TestViewFlags(t *testing.T) {
	var text format.Text
	v := &view{name: "t0", flags: 0x0001 | 0x40, owner: -1, group: 5}
	v.Fields(format.NewTextFields(&text))
	if got, want := string(*text.Bytes()), "t0: tun pi filter 0x40 group 5\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
