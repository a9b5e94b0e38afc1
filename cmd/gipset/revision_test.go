package main

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/ipset"
	"github.com/gip-suite/gip/internal/nl/ipset/ipsettest"
	"github.com/gip-suite/gip/internal/nl/nfnl"
)

// behind is ipset's message for an option of a later type revision than
// the kernel's.
func behind(opt, typ string, since, have int) string {
	return fmt.Sprintf("gipset: Argument `%s' is supported in the kernel module of the set type %s starting from the revision %d and you have installed revision %d only. Your kernel is behind your ipset utility.\nTry `gipset help' for more information.\n",
		opt, typ, since, have)
}

// TestOlderKernelRevisions runs command lines against a fake kernel with
// Linux 6.1's revisions of hash:ip (0-5) and hash:ip,port (1-6), and an
// old hash:net (0-1): options of later revisions are refused before
// anything is sent, with ipset's messages and exit codes (checked against
// ipset 7.17 on Linux 6.1 by TestScriptMatchesIpset in make vmtest).
func TestOlderKernelRevisions(t *testing.T) {
	f := newFake(t)
	f.k.Revisions = map[string][2]uint8{"hash:ip": {0, 5}, "hash:ip,port": {1, 6}, "hash:net": {0, 1}}
	tests := []struct {
		args   string
		stderr string
		status int
	}{
		{"create bm hash:ip bitmask 255.255.0.0", behind("bitmask", "hash:ip", 6, 5), 2},
		{"create bm6 hash:ip family inet6 bitmask ffff:ffff::", behind("bitmask", "hash:ip", 6, 5), 2},
		// The revision is checked before the exclusion of the two masks.
		{"create bmx hash:ip netmask 24 bitmask 255.0.0.0", behind("bitmask", "hash:ip", 6, 5), 2},
		{"create bmx hash:ip bitmask 255.0.0.0 netmask 24", behind("bitmask", "hash:ip", 6, 5), 2},
		{"create hipn hash:ip,port netmask 24", behind("netmask", "hash:ip,port", 7, 6), 2},
		{"create hipn iphash bogus", "gipset: Unknown argument: `bogus'\nTry `gipset help' for more information.\n", 2},
		{"create n hash:net counters", behind("counters", "hash:net", 3, 1), 2},
		{"create n hash:net timeout 5 bogus", "gipset: Unknown argument: `bogus'\nTry `gipset help' for more information.\n", 2},
		{"create n hash:net timeout", "gipset: Missing mandatory argument of option `timeout'\nTry `gipset help' for more information.\n", 2},
		{"create s hash:ip family inet6 netmask 64 bucketsize 4", "", 0},
		{"create n hash:net", "", 0},
		{"add n 10.0.0.0/8", "", 0},
		{"add n 10.1.0.0/16 nomatch", behind("nomatch", "hash:net", 2, 1), 2},
		{"add n 10.1.0.0/16 packets 1", behind("packets", "hash:net", 3, 1), 2},
		// Revision 1 of hash:net takes no keyword at test: ipset does not
		// look further.
		{"test n 10.0.0.0/8 nomatch", "gipset: Unknown argument: `nomatch'\nTry `gipset help' for more information.\n", 2},
		// No revision takes nomatch at del.
		{"del n 10.0.0.0/8 nomatch", "gipset: Unknown argument: `nomatch'\nTry `gipset help' for more information.\n", 2},
	}
	for _, tt := range tests {
		before := len(f.k.Requests())
		r := f.run("", strings.Fields(tt.args)...)
		if r.stderr != tt.stderr || r.status != tt.status {
			t.Errorf("%q: exit %d stderr %q; want %d %q", tt.args, r.status, r.stderr, tt.status, tt.stderr)
		}
		if tt.status == 2 {
			for _, m := range f.k.Requests()[before:] {
				if c := ipset.Cmd(nfnl.MsgOf(m.Header.Type)); c == ipset.CmdCreate || c == ipset.CmdAdd || c == ipset.CmdDel || c == ipset.CmdTest {
					t.Errorf("%q: sent a %s request", tt.args, c)
				}
			}
		}
	}
	revs := map[string]uint8{}
	for _, s := range f.k.Sets() {
		revs[s.Name] = s.Revision
	}
	if revs["s"] != 5 || revs["n"] != 1 {
		t.Errorf("revisions created: %v, want s 5 and n 1", revs)
	}
}

// TestTypeRequest checks what create asks the kernel before creating: the
// type's revisions for its default family, whatever family the set gets,
// as ipset asks.
func TestTypeRequest(t *testing.T) {
	for _, tt := range []struct {
		args   string
		family uint8
	}{
		{"create s hash:ip family inet6", ipset.FamilyINET},
		{"create s hash:net,port -6", ipset.FamilyINET},
		{"create s bitmap:ip range 10.0.0.0/24", ipset.FamilyINET},
		{"create s hash:mac", ipset.FamilyUnspec},
		{"create s list:set", ipset.FamilyUnspec},
	} {
		f := newFake(t)
		if r := f.run("", strings.Fields(tt.args)...); r.status != 0 {
			t.Fatalf("%q: exit %d: %s", tt.args, r.status, r.stderr)
		}
		var typeReqs []uint8
		for _, m := range f.k.Requests() {
			if ipset.Cmd(nfnl.MsgOf(m.Header.Type)) != ipset.CmdType {
				continue
			}
			_, attrs, err := nfnl.Parse(m.Data)
			if err != nil {
				t.Fatal(err)
			}
			d := nl.NewAttrDecoderOrder(attrs, binary.BigEndian)
			for d.Next() {
				if d.Type() == ipset.AttrFamily {
					typeReqs = append(typeReqs, d.Uint8())
				}
			}
		}
		if len(typeReqs) != 1 || typeReqs[0] != tt.family {
			t.Errorf("%q: type requests with families %v, want one with %d", tt.args, typeReqs, tt.family)
		}
	}
}

// TestNoCommonRevision: a kernel whose revisions of a type are all newer,
// or all older, than ipset 7.17's gets ipset's refusal.
func TestNoCommonRevision(t *testing.T) {
	k := &ipsettest.Kernel{ProtocolMax: 7, ProtocolMin: 6, Revisions: map[string][2]uint8{"hash:ip": {7, 9}, "hash:ip,port": {0, 0}}}
	f := &fakeRun{t: t, k: k}
	for args, want := range map[string]string{
		"create s iphash":          "gipset: Kernel supports iphash type, family INET with minimal revision 7 while ipset program with maximal revision 6.\nYou need to upgrade your ipset program.\n",
		"create s hash:ip,port -6": "gipset: Kernel supports hash:ip,port type, family INET with maximal revision 0 while ipset program with minimal revision 1.\nYou need to upgrade your kernel.\n",
	} {
		if r := f.run("", strings.Fields(args)...); r.status != 1 || r.stderr != want {
			t.Errorf("%q: exit %d stderr %q; want 1 %q", args, r.status, r.stderr, want)
		}
	}
	if len(k.Sets()) != 0 {
		t.Errorf("sets created: %v", k.Sets())
	}
}

// TestUnknownSetRevision: add, del and test of a set whose revision ipset
// 7.17 does not know (made by a newer ipset) are refused as ipset refuses
// them, before anything is sent.
func TestUnknownSetRevision(t *testing.T) {
	k := &ipsettest.Kernel{ProtocolMax: 7, ProtocolMin: 6, Revisions: map[string][2]uint8{"hash:ip": {0, 9}}}
	c, err := k.Dial(t)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Create(&ipset.Set{Name: "s", Type: "hash:ip", Revision: 9, Family: ipset.FamilyINET6}, false); err != nil {
		t.Fatal(err)
	}
	f := &fakeRun{t: t, k: k}
	for _, cmd := range []string{"add", "del", "test"} {
		before := len(k.Requests())
		r := f.run("", cmd, "s", "2001:db8::1")
		want := "gipset: Kernel-library incompatibility: set s in kernel has got settype hash:ip with family inet6 and revision 9 while ipset library does not support the settype with that family and revision.\n"
		if r.status != 1 || r.stderr != want {
			t.Errorf("%s: exit %d stderr %q; want 1 %q", cmd, r.status, r.stderr, want)
		}
		for _, m := range k.Requests()[before:] {
			if c := ipset.Cmd(nfnl.MsgOf(m.Header.Type)); c != ipset.CmdProtocol && c != ipset.CmdHeader {
				t.Errorf("%s: sent a %s request", cmd, c)
			}
		}
	}
}
