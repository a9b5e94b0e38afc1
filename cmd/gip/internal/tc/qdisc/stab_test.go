package qdisc

import (
	"encoding/hex"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
)

// TestStabMatchesTC checks size tables against the TCA_STAB attributes tc
// 6.1 sent for the same words (captured with strace).
func TestStabMatchesTC(t *testing.T) {
	for _, c := range []struct {
		words []string
		tc    string
	}{{
		[]string{"linklayer", "atm", "overhead", "20", "mpu", "64", "tsize", "40", "mtu", "1600"},
		"740008001c0001000600ffff1400000002000000400000004006000028000000540002006a009f00d4003e017301a80112024702" +
			"7c02e6021b035003ba03ef0324048e04c304f80462059705cc0536066b06a0060a073f077407de0713084808b208e7081c09" +
			"8609bb09f0095a0a8f0ac40a2e0b",
	}, {
		[]string{"overhead", "-3", "linklayer", "eth"},
		"200008001c00010000000000fdffffff01000000000000000000000000000000",
	}} {
		a := grammar.NewArgs(append([]string{"stab"}, c.words...))
		a.Next()
		tab, err := parseStab(a)
		if err != nil {
			t.Fatalf("%q: %v", c.words, err)
		}
		e := nl.NewAttrEncoder(nil)
		tab.Encode(e)
		got, _ := e.Encode()
		if h := hex.EncodeToString(got); h != c.tc {
			t.Errorf("%q:\n got %s\nwant %s", c.words, h, c.tc)
		}
	}
}
