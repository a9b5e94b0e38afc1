package app

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
)

// ruleSteps run with ip on one namespace and gip on its twin.
var ruleSteps = [][]string{
	{"add", "from", "10.0.0.0/8", "table", "100", "pref", "1000"},
	{"add", "not", "to", "192.0.2.0/24", "fwmark", "0x10/0xff", "table", "1000", "pref", "1001"},
	{"add", "iif", "lo", "ipproto", "tcp", "dport", "80-90", "blackhole", "pref", "1002"},
	{"add", "uidrange", "1000-2000", "table", "200", "suppress_prefixlength", "0", "pref", "1003"},
	{"add", "fwmark", "5", "goto", "1003", "pref", "1004"},
	{"add", "oif", "lo", "tos", "0x10", "sport", "53", "prohibit", "pref", "1005"},
	{"add", "from", "10.1.0.0/16", "lookup", "main", "protocol", "static", "realms", "2/3", "pref", "1006"},
	{"add", "to", "10.2.0.0/16", "nop", "pref", "1007"},
	{"add", "from", "all", "table", "300", "suppress_ifgroup", "5", "pref", "1008"},
	{"add", "pref", "1009", "unreachable"},
	{"add", "tun_id", "7", "table", "5", "pref", "1010"},
	{"add", "from", "10.0.0.0/8", "table", "100", "pref", "1000"},
	{"add", "from", "10.0.0.0/8", "frob"},
	{"add", "fwmark", "x"},
	{"add", "iif", "a b"},
	{"del", "pref", "1009"},
	{"del", "pref", "5555"},
	{"add", "l3mdev", "pref", "1011"},
}

var ruleShows = [][]string{
	{"rule"}, {"-6", "rule"}, {"rule", "show", "table", "100"}, {"rule", "show", "pref", "1001"},
	{"rule", "list", "not"}, {"rule", "show", "fwmark", "0x10/0xff"}, {"rule", "show", "from", "10.0.0.0/8"},
	{"rule", "show", "iif", "lo"}, {"-d", "rule"}, {"-N", "rule"}, {"rule", "show", "to", "10.2.0.0/16"},
	{"rule", "show", "uidrange", "1000-2000"}, {"rule", "show", "dport", "80-90"}, {"rule", "show", "ipproto", "tcp"},
}

func TestRuleMatchesIP(t *testing.T) {
	ref, ns := nltest.NetNS(t), nltest.NetNS(t)
	for _, s := range append(ruleSteps, []string{"-6", "rule", "add", "from", "2001:db8::/32", "table", "100", "pref", "2000"}) {
		args := append([]string{"rule"}, s...)
		if s[0] == "-6" {
			args = s
		}
		want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
		got := gip(t, append([]string{"-n", ns}, args...)...)
		if got.code != want.code || got.Stderr != want.Stderr {
			t.Errorf("%s: ip exit %d %q, gip exit %d %q", strings.Join(args, " "), want.code, want.Stderr, got.code, got.Stderr)
		}
	}
	for _, args := range ruleShows {
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
			full := append(append([]string{}, opts...), args...)
			want := tool(t, "ip", append([]string{"-n", ref}, full...)...)
			got := gip(t, append([]string{"-n", ns}, full...)...)
			if got != want {
				t.Errorf("%s: ip exit %d, gip exit %d\n%s", strings.Join(full, " "), want.code, got.code,
					firstDifference(want.Stdout+want.Stderr, got.Stdout+got.Stderr))
			}
		}
	}
	// A save restores as ip restores it.
	var saved, errb bytes.Buffer
	if code := Run([]string{"-n", ns, "rule", "save"}, strings.NewReader(""), &saved, &errb); code != 0 {
		t.Fatalf("rule save: exit %d: %s", code, errb.String())
	}
	viaIP, viaGip := nltest.NetNS(t), nltest.NetNS(t)
	cmd := execIP(t, "-n", viaIP, "rule", "restore")
	cmd.Stdin = bytes.NewReader(saved.Bytes())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ip rule restore of gip's save: %v: %s", err, out)
	}
	if code := Run([]string{"-n", viaGip, "rule", "restore"}, bytes.NewReader(saved.Bytes()), &bytes.Buffer{}, &errb); code != 0 {
		t.Fatalf("rule restore: exit %d: %s", code, errb.String())
	}
	if a, b := tool(t, "ip", "-n", viaIP, "rule").Stdout, tool(t, "ip", "-n", viaGip, "rule").Stdout; a != b {
		t.Errorf("restored rules differ:\n%s", firstDifference(a, b))
	}
	for _, flush := range [][]string{{"rule", "flush", "table", "100"}, {"rule", "flush"}} {
		want := tool(t, "ip", append([]string{"-n", ref}, flush...)...)
		got := gip(t, append([]string{"-n", ns}, flush...)...)
		if got.code != want.code {
			t.Errorf("%v: ip exit %d, gip exit %d", flush, want.code, got.code)
		}
		if a, b := tool(t, "ip", "-n", ref, "rule").Stdout, tool(t, "ip", "-n", ns, "rule").Stdout; a != b {
			t.Errorf("after %v:\n%s", flush, firstDifference(a, b))
		}
	}
}
