package grammar

import (
	"strconv"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

func TestTunnelKey(t *testing.T) {
	for s, want := range map[string]uint32{"5": 5, "0x10": 16, "010": 8, "1.2.3.4": 0x01020304, "1.2.3": 0x01020300, "4294967295": 1<<32 - 1} {
		if k, err := TunnelKey("key", s); err != nil || k != want {
			t.Errorf("%q: %d, %v; want %d", s, k, err, want)
		}
	}
	for s, want := range map[string]string{
		"-1":  `invalid value for "ikey": "-1"; it should be an unsigned integer`,
		"1.x": `Error: an IP address is expected rather than "1.x"`,
		"1e3": `invalid value for "ikey": "1e3"; it should be an unsigned integer`,
	} {
		if _, err := TunnelKey("ikey", s); err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", s, err, want)
		}
	}
}

// FuzzTunnelKey reads arbitrary GRE keys: a number or an address, or an
// error with an exit status, never a panic; a plain decimal reads as
// itself.
func FuzzTunnelKey(f *testing.F) {
	for _, s := range []string{"5", "0x10", "1.2.3.4", "1.2.3", "-1", "4294967296", "abc", "", "077"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := TunnelKey("key", s)
		if err != nil {
			if fail.ExitCode(err) == 0 {
				t.Fatalf("%q: error with exit status 0", s)
			}
			return
		}
		if n, perr := strconv.ParseUint(s, 10, 32); perr == nil && (s[0] != '0' || len(s) == 1) && uint32(n) != k {
			t.Fatalf("%q: %d", s, k)
		}
	})
}
