package main

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/ipset"
)

// FuzzParseElem runs the element parser of every set type, in both
// families, over arbitrary input: it returns an entry or a short error,
// never panics, and what it accepts can be printed.
func FuzzParseElem(f *testing.F) {
	for _, s := range []string{
		"192.0.2.1", "10.0.0.0/8", "10.0.0.1-10.0.0.9", "2001:db8::1", "2001:db8::/32",
		"1.2.3.4,tcp:80", "1.2.3.4,udp:53-54", "1.2.3.4,icmp:ping", "1.2.3.4,icmp:3/1", "::1,icmpv6:1/0",
		"1.2.3.4,80,5.6.7.8", "10.0.0.0/8,physdev:eth0", "1.2.3.4,aa:bb:cc:dd:ee:ff", "1.2.3.4,0x10",
		"tcp:22", "20-23", "setname", "1.2", "0x0a000001", ",", "1.2.3.4,", ",,,", "[::1]", "1.2.3.4/",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	names := ipset.TypeNames()
	f.Fuzz(func(t *testing.T, s string, pick uint8) {
		ti, _ := ipset.LookupType(names[int(pick)%len(names)])
		family := uint8(ipset.FamilyINET)
		if pick&0x80 != 0 {
			family = ipset.FamilyINET6
		}
		en, err := parseElem(ti, family, s)
		if err != nil {
			// ipset's messages take at most three lines (a port's).
			if msg := err.Error(); msg == "" || strings.Count(msg, "\n") > 2+3*strings.Count(s, "\n") {
				t.Fatalf("error %q for %q", msg, s)
			}
			return
		}
		formatElem(ti, en)
		entryOptions(ti, en)
	})
}

// FuzzRestoreLine parses arbitrary restore input as the restore reader
// does: words, command line, element and options, never panicking.
func FuzzRestoreLine(f *testing.F) {
	for _, s := range []string{
		"add s 1.2.3.4 timeout 5 comment \"a b\"", "create s hash:ip family inet6 netmask 64",
		"-exist add s 1.2.3.4", "COMMIT", "# x", "add s \"open", "create s bitmap:port range 1-10",
		"add s 1.2.3.4 skbmark 0x1/0x2 skbprio 1:2", "create s list:set size 4", "add s x before y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		err := readLines(strings.NewReader(line), nil, func(l restoreLine) error {
			if l.inv == nil {
				return nil
			}
			inv := l.inv
			switch inv.cmd {
			case "add", "del", "test":
				for _, name := range ipset.TypeNames() {
					ti, _ := ipset.LookupType(name)
					hdr := &ipset.Set{Name: inv.args[0], Type: name, Revision: ti.Revision, Family: ipset.FamilyINET}
					if en, ti, err := parseEntry(hdr, adtCmd(inv.cmd), inv.args[1], inv.args[2:]); err == nil {
						formatElem(ti, en)
					}
				}
			case "create":
				if ti, ok := ipset.LookupType(inv.args[1]); ok {
					s := &ipset.Set{Name: inv.args[0], Type: ti.Name}
					if parseCreateOptions(ti, ti.Revision, inv.args[2:], s) == nil {
						headerOptions(ti, s)
					}
				}
			}
			return nil
		})
		_ = err
	})
}
