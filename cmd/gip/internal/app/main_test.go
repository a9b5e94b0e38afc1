package app

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// asMainEnv makes the test binary run Main on its arguments instead of the
// tests, so that TestMainEntersNetNS can run gip as a process of its own:
// Main moves the whole process into -n's namespace, which a test must
// never do to itself.
const asMainEnv = "GIP_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		os.Exit(Main(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// gipProcess runs gip as a separate process through Main.
func gipProcess(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asMainEnv+"=1")
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// TestMainEntersNetNS runs -n the way the binary does (the process enters
// the namespace) and compares it with ip, for a show, a change, a batch
// and a namespace that does not exist.
func TestMainEntersNetNS(t *testing.T) {
	ns := testNS(t)
	if r := gipProcess(t, "-n", ns, "link", "add", "m0", "type", "veth", "peer", "name", "m1"); r.code != 0 {
		t.Fatalf("gip -n %s link add: exit %d: %s", ns, r.code, r.Stderr)
	}
	for _, args := range [][]string{{"-br", "link"}, {"-j", "link", "show", "m0"}, {"-d", "link", "show", "m1"}} {
		want := tool(t, "ip", append([]string{"-n", ns}, args...)...)
		got := gipProcess(t, append([]string{"-n", ns}, args...)...)
		if got.code != 0 || got.Stdout != want.Stdout {
			t.Errorf("gip -n %s %s: exit %d\n%s\nip:\n%s", ns, strings.Join(args, " "), got.code, got.Stdout+got.Stderr, want.Stdout)
		}
	}
	batch := strings.NewReader("link set m0 up\naddr add 192.0.2.1/24 dev m0\n")
	cmd := exec.Command(os.Args[0], "-n", ns, "-batch", "-")
	cmd.Env = append(os.Environ(), asMainEnv+"=1")
	cmd.Stdin = batch
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gip -n %s -batch -: %v: %s", ns, err, out)
	}
	if r := tool(t, "ip", "-n", ns, "-br", "addr", "show", "m0"); !strings.Contains(r.Stdout, "192.0.2.1/24") {
		t.Errorf("the batch's address is not in %s: %q", ns, r.Stdout)
	}
	want := tool(t, "ip", "-n", "gip-no-such-ns", "link")
	got := gipProcess(t, "-n", "gip-no-such-ns", "link")
	if got.code != want.code || got.Stderr != want.Stderr {
		t.Errorf("-n of a missing namespace: gip exit %d %q, ip exit %d %q", got.code, got.Stderr, want.code, want.Stderr)
	}
}
