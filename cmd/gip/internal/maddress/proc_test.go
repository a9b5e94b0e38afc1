package maddress

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/format"
)

var sample = tables{
	devMcast: []byte("2    v0              1     0     333300000001\n2    v0              2     1     01005e010203\n1    lo              1     0     0\n"),
	igmp: []byte("Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n" +
		"1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n" +
		"2\tverylongname:     2      V3\n\t\t\t\t010101EF     3 0:00000000\t\t0\n"),
	igmp6: []byte("1    lo              ff020000000000000000000000000001     1 0000000C 0\n" +
		"2    v0              ff050000000000000000000000010003     1 00000004 0\n"),
}

func TestGroupsInIPOrder(t *testing.T) {
	var text format.Text
	for _, d := range devices(sample.groups(""), false) {
		d.Fields(format.NewTextFields(&text))
	}
	want := "1:\tlo\n\tinet  224.0.0.1\n\tinet6 ff02::1\n" +
		"2:\tv0\n\tlink  33:33:00:00:00:01\n\tlink  01:00:5e:01:02:03 users 2 static\n\tinet  239.1.1.1 users 3\n\tinet6 ff05::1:3\n"
	if got := string(*text.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if gs := sample.groups("verylongname"); len(gs) != 1 || gs[0].addr.String() != "239.1.1.1" {
		t.Errorf("a long device name: %+v", gs)
	}
}

// FuzzGroups reads arbitrary tables: never a panic.
func FuzzGroups(f *testing.F) {
	f.Add(string(sample.devMcast), string(sample.igmp), string(sample.igmp6), "")
	f.Add("1 x 1 1 0", "h\n1 x:\n\tzz 1\n", "1 x ff 1", "x")
	f.Fuzz(func(t *testing.T, a, b, c, dev string) {
		tb := tables{[]byte(a), []byte(b), []byte(c)}
		for _, d := range devices(tb.groups(dev), len(dev)%2 == 0) {
			var text format.Text
			d.Fields(format.NewTextFields(&text))
		}
	})
}

// FuzzLLAddr reads arbitrary addresses as ip's ll_addr_a2n: never a
// panic, never more than one byte past the buffer's size.
func FuzzLLAddr(f *testing.F) {
	for _, s := range []string{"01:00:5e:01:02:03", "1g:0x2", "1.2.3.4", "zz", strings.Repeat("1:", 20)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b [saDataLen]byte
		n, err := llAddr(b[:], s)
		if err == nil && (n < 1 || n > saDataLen+1) {
			t.Fatalf("%q: %d bytes", s, n)
		}
	})
}
