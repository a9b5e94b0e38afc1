package app

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

var srErrors = []string{
	"sr", "sr help", "sr h s", "sr frob", "sr tunsrc", "sr tunsrc frob", "sr hmac frob", "sr hmac help",
	"sr tunsrc set", "sr tunsrc set 192.0.2.1", "sr tunsrc set zz", "sr hmac set", "sr hmac set 0 sha1",
	"sr hmac set 5", "sr hmac set 5 md5", "sr hmac set x sha1", "sr hmac set 4294967296 sha1",
}

// withStdin runs a command line with both tools, on ref and ns, each
// reading stdin: the same exit code, output and errors.
func withStdin(t *testing.T, ref, ns, line, stdin string) {
	t.Helper()
	args := splitArgs(line)
	cmd := execIP(t, append([]string{"-n", ref}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var ipOut, ipErr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &ipOut, &ipErr
	code := 0
	if err := cmd.Run(); err != nil {
		code = cmd.ProcessState.ExitCode()
	}
	var out, errb bytes.Buffer
	got := Run(append([]string{"-n", ns}, args...), strings.NewReader(stdin), &out, &errb)
	if got != code || errb.String() != asGip(ipErr.String()) || out.String() != ipOut.String() {
		t.Errorf("%s <<< %q: ip exit %d %q %q, gip exit %d %q %q", line, stdin, code, ipErr.String(), ipOut.String(), got, errb.String(), out.String())
	}
}

func TestSrMatchesIP(t *testing.T) {
	ref, ns := twinNS(t)
	for _, c := range srErrors {
		compareCommand(t, ref, ns, c)
	}
	shows := []string{"sr tunsrc show", "sr t s", "sr tunsrc show extra"}
	compareListings(t, ref, ns, shows)
	for _, c := range []string{"sr tunsrc set 2001:db8::1", "sr tunsrc set default", "sr tunsrc set fe80::2"} {
		compareCommand(t, ref, ns, c)
		compareListings(t, ref, ns, shows)
	}
	compareBatch(t, ref, ns, "sr tunsrc set 2001:db8::5\nsr tunsrc set zz\nsr tunsrc set 2001:db8::6\n")
	compareBatch(t, ref, ns, "sr tunsrc set 2001:db8::7\nsr tunsrc set 10.0.0.1\n", "-force")
	compareListings(t, ref, ns, shows)
	if out := tool(t, "ip", "-n", ns, "sr", "tunsrc", "show").Stdout; out != "tunsrc addr 2001:db8::7\n" {
		t.Errorf("gip's tunsrc set reads back through ip as %q", out)
	}

	if r := tool(t, "ip", "-n", ns, "sr", "hmac", "show"); r.code != 0 {
		compareCommand(t, ref, ns, "sr hmac show")
		withStdin(t, ref, ns, "sr hmac set 5 sha1", "secret\n")
		testenv.Missing(t, testenv.SEG6HMAC, "%s", strings.TrimSpace(r.Stderr))
	}
	hmacShows := []string{"sr hmac show", "sr hmac s"}
	compareListingsAnyOrder(t, ref, ns, hmacShows)
	for _, c := range []struct{ line, secret string }{
		{"sr hmac set 5 sha256", "sekrit\n"}, {"sr hmac set 0x10 sha1", "0123456789012345678901234567890123456789012345678901234567890123456789"},
		{"sr hmac set 7 sha1", "a\n"}, {"sr hmac set 7 sha1", "\n"}, {"sr hmac set 9 sha1", ""},
	} {
		withStdin(t, ref, ns, c.line, c.secret)
		compareListingsAnyOrder(t, ref, ns, hmacShows)
	}
	if out := tool(t, "ip", "-n", ns, "sr", "hmac", "show").Stdout; !strings.Contains(out, `hmac 5 algo sha256 secret "sekrit"`) {
		t.Errorf("gip's hmac set reads back through ip as %q", out)
	}
}
