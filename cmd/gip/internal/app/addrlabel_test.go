package app

import (
	"bytes"
	"strings"
	"testing"
)

// addrlabelSteps run with ip on one namespace and gip on its twin.
var addrlabelSteps = []string{
	"addrlabel add prefix 2001:db8::/32 label 100", "addrlabel add prefix 2001:db8::/32 label 100",
	"addrlabel add prefix 2001:db9::/32 dev lo label 101", "addrlabel add prefix 2001:dba::/32",
	"addrlabel add label 5", "addrlabel add prefix 10.0.0.0/8 label 5", "-4 addrlabel add prefix 10.0.0.0/8 label 5",
	"addrlabel add prefix zz label 5", "addrlabel add prefix 2001:dbb::/32 label 0xffffffff",
	"addrlabel add prefix 2001:dbb::/32 label x", "addrlabel add prefix 2001:dbb::/32 dev nosuch label 3",
	"addrlabel add prefix 2001:dbb::/32 label 3 frob", "addrlabel add prefix 2001:dbc::1 label 0x10",
	"addrlabel add prefix 2001:dbd::/48 prefix 2001:dbe::/48 label 1 label 2 dev v0",
	"addrlabel del prefix 2001:db8::/32 label 100", "addrlabel del prefix 2001:db8::/32 label 100",
	"addrlabel del prefix 2001:db8::/32", "addrlabel show x", "addrlabel flush x", "addrlabel frob",
	"addrlabel help", "addrlabel h", "addrlabel add prefix", "addrlabel add prefix default label 9",
	"-6 addrlabel add prefix default label 9", "addrlabel add prefix ::/0 dev v0 label 9",
	"addrlabel add prefix 2001:dbf::/129 label 1", "-4 addrlabel", "-0 addrlabel", "-4 addrlabel flush",
	"addrlabel add dev label 4", "addrlabel a prefix 2001:dc0::/32 label 44", "addrlabel d prefix 2001:dc0::/32 label 44",
}

var addrlabelShows = []string{"addrlabel", "addrlabel list", "addrlabel lst", "addrlabel s", "-6 addrlabel", "-o addrlabel"}

func TestAddrlabelMatchesIP(t *testing.T) {
	ref, ns := testNS(t), testNS(t)
	for _, n := range []string{ref, ns} {
		must(t, "ip", "-n", n, "link", "add", "v0", "type", "veth", "peer", "name", "v1")
	}
	for _, s := range addrlabelSteps {
		args := splitArgs(s)
		want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
		got := gip(t, append([]string{"-n", ns}, args...)...)
		if got.code != want.code || got.Stderr != usageName(gipName(want.Stderr)) || got.Stdout != want.Stdout {
			t.Errorf("%s: ip exit %d %q %q, gip exit %d %q %q", s, want.code, want.Stderr, want.Stdout, got.code, got.Stderr, got.Stdout)
		}
	}
	compareAddrlabels(t, ref, ns)
	if !strings.Contains(tool(t, "ip", "-n", ns, "addrlabel").Stdout, "prefix 2001:db9::/32 dev lo label 101 \n") {
		t.Errorf("gip's label is not in ip's list")
	}
	for _, s := range []string{"addrlabel flush", "addrlabel flush"} {
		want, got := tool(t, "ip", "-n", ref, "addrlabel", "flush"), gip(t, "-n", ns, "addrlabel", "flush")
		if got != want {
			t.Errorf("%s: ip %+v, gip %+v", s, want, got)
		}
		compareAddrlabels(t, ref, ns)
	}
	if out := tool(t, "ip", "-n", ns, "addrlabel").Stdout; out != "" {
		t.Errorf("labels left after gip's flush:\n%s", out)
	}
	// Planned adds in a batch, with and without -force.
	batch := "addrlabel add prefix 2001:ee::/32 label 7\naddrlabel add prefix 2001:ee::/32 label 7\naddrlabel add prefix 2001:ef::/32 label 8\n"
	for _, force := range [][]string{nil, {"-force"}} {
		cmd := execIP(t, append(append([]string{"-n", ref}, force...), "-batch", "-")...)
		cmd.Stdin = strings.NewReader(batch)
		var ipErr bytes.Buffer
		cmd.Stderr = &ipErr
		ipErrCode := 0
		if err := cmd.Run(); err != nil {
			ipErrCode = cmd.ProcessState.ExitCode()
		}
		var out, errb bytes.Buffer
		code := Run(append(append([]string{"-n", ns}, force...), "-batch", "-"), strings.NewReader(batch), &out, &errb)
		if code != ipErrCode || errb.String() != ipErr.String() {
			t.Errorf("batch %v: ip exit %d %q, gip exit %d %q", force, ipErrCode, ipErr.String(), code, errb.String())
		}
		compareAddrlabels(t, ref, ns)
	}
}

// compareAddrlabels compares both tools' listings on both namespaces.
func compareAddrlabels(t *testing.T, ref, ns string) {
	t.Helper()
	for _, c := range addrlabelShows {
		for _, n := range []string{ref, ns} {
			for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
				args := append(append([]string{"-n", n}, opts...), splitArgs(c)...)
				want, got := tool(t, "ip", args...), gip(t, args...)
				if got.code != want.code || got.Stderr != want.Stderr {
					t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
				}
				if opts == nil {
					compareLines(t, strings.Join(args, " "), want.Stdout, got.Stdout)
				} else if !jsonEqual(t, want.Stdout, got.Stdout) {
					t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
				}
			}
		}
	}
	a, b := tool(t, "ip", "-n", ref, "addrlabel").Stdout, tool(t, "ip", "-n", ns, "addrlabel").Stdout
	compareLines(t, "the tables made by ip and by gip", a, b)
}
