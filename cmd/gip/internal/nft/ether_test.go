package nft

import (
	"bytes"
	"net"
	"testing"
)

// parseEther reads what net.ParseMAC reads, as 6 bytes.
func TestParseEther(t *testing.T) {
	for _, s := range []string{
		"00:00:5e:00:53:01", "00-00-5E-00-53-01", "0000.5e00.5301", "aA:bB:cC:dD:eE:fF",
		"", "00:00:5e:00:53", "00:00:5e:00:53:01:02", "00:00-5e:00:53:01", "00:00:5e:00:53:0g",
		"0000.5e00.530", "0000:5e00:5301", "00:00:5e:00:53:01:02:03", "0:00:5e:00:53:01",
		"00:00:5e:00:53:1", "00.00.5e.00.53.01", "+0:00:5e:00:53:01", "00005e005301", "00005e00530g",
		"00:0:5e005301",
	} {
		checkEther(t, s)
	}
}

func FuzzParseEther(f *testing.F) {
	f.Add("00:00:5e:00:53:01")
	f.Add("0000.5e00.5301")
	f.Fuzz(checkEther)
}

func checkEther(t *testing.T, s string) {
	want, err := net.ParseMAC(s)
	wantOK := err == nil && len(want) == 6
	got, ok := parseEther(s)
	if ok != wantOK || ok && !bytes.Equal(got, want) {
		t.Errorf("parseEther(%q) = %x, %v; net.ParseMAC: %x, %v", s, got, ok, []byte(want), err)
	}
}
