package grammar

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

func TestAppendLLAddr(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []byte
		ok   bool
	}{
		{"02:00:00:00:00:0a", []byte{2, 0, 0, 0, 0, 10}, true},
		{"2:0:a:B:c:ff", []byte{2, 0, 10, 11, 12, 255}, true},
		{"00ff:1", []byte{255, 1}, true},
		{"1", []byte{1}, true},
		{"", nil, false},
		{"1::2", nil, false},
		{"1:", nil, false},
		{":1", nil, false},
		{"100", nil, false},
		{"zz", nil, false},
		{"0x1", nil, false},
		{"1-2", nil, false},
	} {
		got, ok := AppendLLAddr(nil, c.in)
		if ok != c.ok || !bytes.Equal(got, c.want) {
			t.Errorf("%q: %x %v, want %x %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// llaReference is the parse AppendLLAddr must agree with: colon-separated
// parts, each a hexadecimal byte.
func llaReference(s string) ([]byte, bool) {
	var out []byte
	for _, part := range strings.Split(s, ":") {
		n, err := strconv.ParseUint(part, 16, 8)
		if err != nil {
			return nil, false
		}
		out = append(out, byte(n))
	}
	return out, true
}

func FuzzAppendLLAddr(f *testing.F) {
	for _, s := range []string{"02:00:00:00:00:0a", "1", "", "1::2", "100", "0x1", "_1", "+1", "00000000000ff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prefix := []byte{9}
		got, ok := AppendLLAddr(prefix, s)
		want, wok := llaReference(s)
		if ok != wok {
			t.Fatalf("%q: ok %v, reference %v", s, ok, wok)
		}
		if ok && !bytes.Equal(got[1:], want) || got[0] != 9 || !ok && len(got) != 1 {
			t.Fatalf("%q: %x, reference %x", s, got, want)
		}
	})
}

// TestLLAddrA2N checks the reading bridge and ip give link-layer
// addresses, complaints and all (checked against bridge mdb add).
func TestLLAddrA2N(t *testing.T) {
	for _, c := range []struct {
		in        string
		n         int
		complaint string
		shown     string
	}{
		{"01:00:5e:01:02:03", 6, "", "01"},
		{"1:2:3", 3, "", "1"},
		{"01:00:5e:01:02:03:04", 7, "", "01"},
		{"g1:00:5e:01:02:03", -1, `"g1" is invalid lladdr.`, "g1"},
		{"100:00:5e:01:02:03", -1, `"100" is invalid lladdr.`, "100"},
		{"01::5e:01:02:03", -1, `"" is invalid lladdr.`, "01"},
		{"zz", -1, `"zz" is invalid lladdr.`, "zz"},
		{"0x1f: 2:+3:4:5:6", 6, "", "0x1f"},
		{"300.1.1.1", -1, `"300.1.1.1" is invalid lladdr.`, "300.1.1.1"},
		{"1.2.3", 4, "", "1.2.3"},
	} {
		_, n, complaint := LLAddrA2N(c.in, 6)
		if n != c.n || complaint != c.complaint || LLAddrShown(c.in) != c.shown {
			t.Errorf("%q: %d %q %q, want %d %q %q", c.in, n, complaint, LLAddrShown(c.in), c.n, c.complaint, c.shown)
		}
	}
}

func TestScanMAC(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []byte
	}{
		{"00:11:22:33:44:55", []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55}},
		{"0x1:2:3:4:5:6zz", []byte{1, 2, 3, 4, 5, 6}},
		{"1ff:2:3:4:5: 6", []byte{0xff, 2, 3, 4, 5, 6}},
		{"00:11:22:33:44", nil},
		{"00:11:22:33:44:", nil},
		{"zz:11:22:33:44:55", nil},
		{"00-11-22-33-44-55", nil},
	} {
		got, ok := ScanMAC(c.in)
		if ok != (c.want != nil) || (ok && !bytes.Equal(got[:], c.want)) {
			t.Errorf("%q: %x %v, want %x", c.in, got, ok, c.want)
		}
	}
}
