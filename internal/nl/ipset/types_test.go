package ipset

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ipsetTypeTable is ipset 7.17's type table (lib/ipset_*.c) as far as
// gipset speaks it: per type, the revisions userspace knows and, per
// command, each keyword with the first revision that takes it. (ipset's
// old create syntax, from/to/network, is left out: gipset has none.)
var ipsetTypeTable = []string{
	`list:set 0-3 | create: size:0 timeout:0 counters:1 comment:2 skbinfo:3 | add: timeout:0 before:0 after:0 packets:1 bytes:1 comment:2 skbmark:3 skbprio:3 skbqueue:3 | del: before:0 after:0 | test: before:0 after:0`,
	`hash:mac 0-1 | create: hashsize:0 maxelem:0 timeout:0 counters:0 comment:0 forceadd:0 skbinfo:0 bucketsize:1 initval:1 | add: timeout:0 packets:0 bytes:0 comment:0 skbmark:0 skbprio:0 skbqueue:0 | del:  | test: `,
	`hash:ip,mac 0-1 | create: family:0 hashsize:0 maxelem:0 timeout:0 counters:0 comment:0 forceadd:0 skbinfo:0 bucketsize:1 initval:1 | add: timeout:0 packets:0 bytes:0 comment:0 skbmark:0 skbprio:0 skbqueue:0 | del:  | test: `,
	`hash:net,iface 0-8 | create: family:0 hashsize:0 maxelem:0 timeout:0 counters:3 comment:4 forceadd:5 skbinfo:6 bucketsize:8 initval:8 | add: timeout:0 nomatch:1 packets:3 bytes:3 comment:4 skbmark:6 skbprio:6 skbqueue:6 wildcard:7 | del:  | test: nomatch:1`,
	`hash:net,port 1-8 | create: family:1 hashsize:1 maxelem:1 timeout:1 counters:4 comment:5 forceadd:6 skbinfo:7 bucketsize:8 initval:8 | add: timeout:1 nomatch:3 packets:4 bytes:4 comment:5 skbmark:7 skbprio:7 skbqueue:7 | del:  | test: nomatch:3`,
	`hash:net,port,net 0-3 | create: family:0 hashsize:0 maxelem:0 timeout:0 counters:0 comment:0 forceadd:1 skbinfo:2 bucketsize:3 initval:3 | add: timeout:0 nomatch:0 packets:0 bytes:0 comment:0 skbmark:2 skbprio:2 skbqueue:2 | del:  | test: nomatch:0`,
	`hash:net,net 0-4 | create: family:0 hashsize:0 maxelem:0 timeout:0 counters:0 comment:0 forceadd:1 skbinfo:2 bucketsize:3 initval:3 bitmask:4 netmask:4 | add: timeout:0 nomatch:0 packets:0 bytes:0 comment:0 skbmark:2 skbprio:2 skbqueue:2 | del:  | test: nomatch:0`,
	`hash:net 0-7 | create: family:0 hashsize:0 maxelem:0 timeout:0 probes:0 resize:0 counters:3 comment:4 forceadd:5 skbinfo:6 bucketsize:7 initval:7 | add: timeout:0 nomatch:2 packets:3 bytes:3 comment:4 skbmark:6 skbprio:6 skbqueue:6 | del:  | test: nomatch:2`,
	`hash:ip,port,net 1-8 | create: family:1 hashsize:1 maxelem:1 timeout:1 probes:1 resize:1 counters:4 comment:5 forceadd:6 skbinfo:7 bucketsize:8 initval:8 | add: timeout:1 nomatch:3 packets:4 bytes:4 comment:5 skbmark:7 skbprio:7 skbqueue:7 | del:  | test: nomatch:3`,
	`hash:ip,port,ip 1-6 | create: family:1 hashsize:1 maxelem:1 timeout:1 probes:1 resize:1 counters:2 comment:3 forceadd:4 skbinfo:5 bucketsize:6 initval:6 | add: timeout:1 packets:2 bytes:2 comment:3 skbmark:5 skbprio:5 skbqueue:5 | del:  | test: `,
	`hash:ip,mark 0-3 | create: family:0 markmask:0 hashsize:0 maxelem:0 timeout:0 counters:0 comment:0 probes:0 resize:0 forceadd:1 skbinfo:2 bucketsize:3 initval:3 | add: timeout:0 packets:0 bytes:0 comment:0 skbmark:2 skbprio:2 skbqueue:2 | del:  | test: `,
	`hash:ip,port 1-7 | create: family:1 hashsize:1 maxelem:1 timeout:1 probes:1 resize:1 counters:2 comment:3 forceadd:4 skbinfo:5 bucketsize:6 initval:6 netmask:7 bitmask:7 | add: timeout:1 packets:2 bytes:2 comment:3 skbmark:5 skbprio:5 skbqueue:5 | del:  | test: `,
	`hash:ip 0-6 | create: family:0 hashsize:0 maxelem:0 netmask:0 timeout:0 probes:0 resize:0 gc:0 counters:1 comment:2 forceadd:3 skbinfo:4 bucketsize:5 initval:5 bitmask:6 | add: timeout:0 packets:1 bytes:1 comment:2 skbmark:4 skbprio:4 skbqueue:4 | del:  | test: `,
	`bitmap:port 0-3 | create: range:0 timeout:0 counters:1 comment:2 skbinfo:3 | add: timeout:0 packets:1 bytes:1 comment:2 skbmark:3 skbprio:3 skbqueue:3 | del:  | test: `,
	`bitmap:ip,mac 0-3 | create: range:0 timeout:0 counters:1 comment:2 skbinfo:3 | add: timeout:0 packets:1 bytes:1 comment:2 skbmark:3 skbprio:3 skbqueue:3 | del:  | test: `,
	`bitmap:ip 0-3 | create: range:0 netmask:0 timeout:0 counters:1 comment:2 skbinfo:3 | add: timeout:0 packets:1 bytes:1 comment:2 skbmark:3 skbprio:3 skbqueue:3 | del:  | test: `,
}

func TestTypeRevisionsMatchIpset(t *testing.T) {
	cmds := map[string]Cmd{"create": CmdCreate, "add": CmdAdd, "del": CmdDel, "test": CmdTest}
	for _, line := range ipsetTypeTable {
		parts := strings.Split(line, " | ")
		name, revs, _ := strings.Cut(parts[0], " ")
		ti, ok := LookupType(name)
		if !ok {
			t.Errorf("type %s unknown", name)
			continue
		}
		lo, hi, _ := strings.Cut(revs, "-")
		if strconv.Itoa(int(ti.MinRevision)) != lo || strconv.Itoa(int(ti.Revision)) != hi {
			t.Errorf("%s: revisions %d-%d, ipset's %s", name, ti.MinRevision, ti.Revision, revs)
		}
		for _, p := range parts[1:] {
			cmdName, words, _ := strings.Cut(p, ":")
			cmd := cmds[cmdName]
			var want []Option
			for _, w := range strings.Fields(words) {
				kw, rev, _ := strings.Cut(w, ":")
				o := Option(kw)
				want = append(want, o)
				r, ok := ti.Since(cmd, o)
				if !ok || strconv.Itoa(int(r)) != rev {
					t.Errorf("%s %s %s: since %d (%v), ipset's %s", name, cmdName, kw, r, ok, rev)
				}
			}
			got := slices.Clone(ti.Keywords(cmd))
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: keywords %q, ipset's %q", name, cmdName, got, want)
			}
		}
	}
	if len(ipsetTypeTable) != len(types) {
		t.Errorf("%d types, ipset has %d", len(types), len(ipsetTypeTable))
	}
}

func TestChooseRevision(t *testing.T) {
	hashIP, _ := LookupType("hash:ip")
	hashIPPort, _ := LookupType("hash:ip,port")
	for _, tt := range []struct {
		t          *TypeInfo
		kmin, kmax uint8
		want       uint8
		err        string
	}{
		{hashIP, 0, 6, 6, ""},
		{hashIP, 0, 5, 5, ""}, // Linux 6.1
		{hashIP, 2, 9, 6, ""}, // a kernel newer than ipset 7.17
		{hashIP, 7, 9, 0, "Kernel supports iphash type, family INET with minimal revision 7 while ipset program with maximal revision 6.\nYou need to upgrade your ipset program."},
		{hashIPPort, 0, 0, 0, "Kernel supports iphash type, family INET with maximal revision 0 while ipset program with minimal revision 1.\nYou need to upgrade your kernel."},
		{hashIPPort, 0, 1, 1, ""},
	} {
		got, err := tt.t.ChooseRevision("iphash", FamilyINET, tt.kmin, tt.kmax)
		var re *RevisionError
		switch {
		case tt.err != "" && (!errors.As(err, &re) || err.Error() != tt.err):
			t.Errorf("%s %d-%d: %v, want %q", tt.t.Name, tt.kmin, tt.kmax, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%s %d-%d: %d, %v; want %d", tt.t.Name, tt.kmin, tt.kmax, got, err, tt.want)
		}
	}
}
