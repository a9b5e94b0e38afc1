package notation

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/ipaddress"
)

// FuzzWriter writes arbitrary lists in arbitrary notations with arbitrary
// names and actions: New refuses or the Writer writes, never a panic, and
// what it writes keeps the notation's line shapes.
func FuzzWriter(f *testing.F) {
	for _, seed := range []struct{ notation, name, action, items string }{
		{Plain, "", "", "10.0.0.0/24 10.0.0.1"},
		{Cisco, "PL", "deny", "0.0.0.0/0 ::/0 2001:db8::1"},
		{CiscoACL, "10", "", "10.0.0.0/8 fe80::%eth0/64"},
		{Juniper, "B", "", ""},
		{Iptables, "IN", "DROP", "192.0.2.1"},
		{Nft, "inet filter S", "", "10.0.0.0/8 2001:db8::/32"},
		{Nft, "S", "", "::/0"},
		{Ipset, "S", "", "0.0.0.0/0 ::/0"},
		{Bird, "S", "", "10.0.0.0/8"},
		{JSON, "", "", `fe80::%a"b/64`},
	} {
		f.Add(seed.notation, seed.name, seed.action, seed.items)
	}
	f.Fuzz(func(t *testing.T, not, name, action, items string) {
		var b strings.Builder
		w, err := New(&b, Options{Notation: not, Name: name, Action: action})
		if err != nil {
			return
		}
		for _, s := range strings.Fields(items) {
			if n, err := ipaddress.ParseNetwork(s, false); err == nil {
				w.Network(n)
			}
		}
		if err := w.End(); err != nil {
			t.Fatal(err)
		}
		if not == Ipset {
			for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				if !strings.HasPrefix(line, "create ") && !strings.HasPrefix(line, "add ") {
					t.Fatalf("ipset line %q", line)
				}
			}
		}
	})
}
