package app

import (
	"bytes"
	"strings"
	"testing"
)

// twinNS makes two namespaces and runs the same setup commands of ip in
// both: ip changes the first (ref), gip its twin (ns).
func twinNS(t *testing.T, setup ...string) (ref, ns string) {
	t.Helper()
	ref, ns = testNS(t), testNS(t)
	for _, n := range []string{ref, ns} {
		for _, s := range setup {
			must(t, "ip", append([]string{"-n", n}, splitArgs(s)...)...)
		}
	}
	return ref, ns
}

// compareCommand runs line with ip on ref and with gip on ns: the same
// exit code, standard output and error (ip's name in its messages read
// as gip's).
func compareCommand(t *testing.T, ref, ns, line string) {
	t.Helper()
	args := splitArgs(line)
	want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
	got := gip(t, append([]string{"-n", ns}, args...)...)
	if got.code != want.code || got.Stderr != asGip(want.Stderr) || got.Stdout != want.Stdout {
		t.Errorf("%s: ip exit %d %q %q, gip exit %d %q %q", line, want.code, want.Stderr, want.Stdout, got.code, got.Stderr, got.Stdout)
	}
}

// compareBatch runs batch through ip -batch on ref and gip -batch on ns,
// with opts (-force) before -batch: the same exit code and errors.
func compareBatch(t *testing.T, ref, ns, batch string, opts ...string) {
	t.Helper()
	cmd := execIP(t, append(append([]string{"-n", ref}, opts...), "-batch", "-")...)
	cmd.Stdin = strings.NewReader(batch)
	var ipOut, ipErr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &ipOut, &ipErr
	ipCode := 0
	if err := cmd.Run(); err != nil {
		ipCode = cmd.ProcessState.ExitCode()
	}
	var out, errb bytes.Buffer
	code := Run(append(append([]string{"-n", ns}, opts...), "-batch", "-"), strings.NewReader(batch), &out, &errb)
	if code != ipCode || errb.String() != asGip(ipErr.String()) || out.String() != ipOut.String() {
		t.Errorf("batch %v %q: ip exit %d %q %q, gip exit %d %q %q", opts, batch, ipCode, ipErr.String(), ipOut.String(), code, errb.String(), out.String())
	}
}

// compareListings runs each show line with both tools on both namespaces,
// as text, -j and -j -p (JSON compared by value), then compares ip's
// listings of the two namespaces: what gip changed reads back through ip
// as what ip changed.
func compareListings(t *testing.T, ref, ns string, shows []string) {
	t.Helper()
	compareTwinListings(t, ref, ns, shows, false)
}

// compareListingsAnyOrder is compareListings for objects the kernel keeps
// in a hash table seeded per namespace (sr's HMAC keys): the twins may
// list them in different orders, so their lines are compared sorted.
func compareListingsAnyOrder(t *testing.T, ref, ns string, shows []string) {
	t.Helper()
	compareTwinListings(t, ref, ns, shows, true)
}

func compareTwinListings(t *testing.T, ref, ns string, shows []string, anyOrder bool) {
	t.Helper()
	for _, c := range shows {
		for _, n := range []string{ref, ns} {
			for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}} {
				args := append(append([]string{"-n", n}, opts...), splitArgs(c)...)
				want, got := tool(t, "ip", args...), gip(t, args...)
				if got.code != want.code || got.Stderr != asGip(want.Stderr) {
					t.Errorf("%v: ip exit %d %q, gip exit %d %q", args, want.code, want.Stderr, got.code, got.Stderr)
				}
				if opts == nil {
					compareLines(t, strings.Join(args, " "), want.Stdout, got.Stdout)
				} else if !jsonEqual(t, want.Stdout, got.Stdout) {
					t.Errorf("%v: JSON differs\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
				}
			}
		}
		a := tool(t, "ip", append([]string{"-n", ref}, splitArgs(c)...)...).Stdout
		b := tool(t, "ip", append([]string{"-n", ns}, splitArgs(c)...)...).Stdout
		if anyOrder {
			a, b = sortedLines(a), sortedLines(b)
		}
		compareLines(t, c+": what ip made and what gip made, as ip lists them", a, b)
	}
}

// asGip is a message of ip's read as gip's: its name in messages and in
// usage lines (indented by spaces or tabs).
func asGip(s string) string {
	return usageName(gipName(strings.ReplaceAll(s, "\tip ", "\tgip ")))
}
