package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// tuntapSteps run with ip on one namespace and gip on its twin; their
// messages and exit codes must agree, and so must the listings after.
var tuntapSteps = []string{
	"add dev tap0 mode tap user 1000 group 100 multi_queue vnet_hdr",
	"add tun0 mode tun one_queue pi",
	"add name t2 mode tun user 4294967295 group -1",
	"add mode tap",
	"add dev tap0 mode tap",
	"add dev tap0 mode tun",
	"add dev t3 mode tun vnet_hdr user 7 group 8 one_queue",
	"del dev tap1 mode tap",
	"del dev tap0",
	"del dev t3 mode tun",
	"add", "frob", "help", "h", "add help", "add mode", "add mode foo", "add mode tun mode tap",
	"add mode tap mode tun", "add x mode tap name y", "add mode tap user nosuchuser", "add mode tap group nosuchgroup",
	"add mode tap dev", "add mode tap dev a/b", "add mode tap name", "add mode tap 0123456789abcdefgh",
	"del mode tap user 5", "del dev tap0 mode tun",
	"add dev m0 mode tap multi_queue", "del dev m0 mode tap",
}

func TestTuntapMatchesIP(t *testing.T) {
	if _, err := os.Stat("/dev/net/tun"); err != nil {
		testenv.Missing(t, testenv.Tun, "%v", err)
	}
	ref, ns := testNS(t), testNS(t)
	for _, s := range tuntapSteps {
		args := append([]string{"tuntap"}, splitArgs(s)...)
		want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
		got := gip(t, append([]string{"-n", ns}, args...)...)
		if got.code != want.code || got.Stderr != usageName(gipName(want.Stderr)) || got.Stdout != want.Stdout {
			t.Errorf("tuntap %s: ip exit %d %q %q, gip exit %d %q %q", s, want.code, want.Stderr, want.Stdout, got.code, got.Stderr, got.Stdout)
		}
	}
	compareTuntap(t, ref, ns)
	// What gip made, ip lists as it lists its own.
	for _, args := range [][]string{{"tuntap"}, {"-j", "tuntap"}} {
		a, b := tool(t, "ip", append([]string{"-n", ref}, args...)...), tool(t, "ip", append([]string{"-n", ns}, args...)...)
		if a.Stdout != b.Stdout {
			t.Errorf("ip %v: gip's devices differ from ip's:\n%s", args, firstDifference(a.Stdout, b.Stdout))
		}
	}
	if !strings.Contains(tool(t, "ip", "-n", ns, "tuntap").Stdout, "tap0: tap multi_queue vnet_hdr persist user 1000 group 100") {
		t.Errorf("gip's tap0 is not what was asked for")
	}
}

// compareTuntap compares the listings of gip and ip on both namespaces,
// by `show` and by its other name `list`.
func compareTuntap(t *testing.T, ref, ns string) {
	t.Helper()
	for _, n := range []string{ref, ns} {
		for _, c := range []struct {
			verb string
			opts []string
		}{
			{"show", nil}, {"show", []string{"-j"}}, {"show", []string{"-j", "-p"}}, {"show", []string{"-d"}},
			{"show", []string{"-d", "-o"}}, {"show", []string{"-d", "-j"}}, {"show", []string{"-o"}},
			{"list", nil}, {"lst", []string{"-d"}}, {"list", []string{"-j"}},
		} {
			opts := c.opts
			args := append(append([]string{"-n", n}, opts...), "tuntap", c.verb)
			want := tool(t, "ip", args...)
			got := gip(t, args...)
			if got.code != want.code {
				t.Errorf("%v: ip exit %d, gip exit %d", args, want.code, got.code)
			}
			if slicesContain(opts, "-j") && slicesContain(opts, "-d") {
				// ip's JSON of the processes is not JSON; gip's is.
				if !jsonValid(got.Stdout) {
					t.Errorf("%v: not JSON: %s", args, got.Stdout)
				}
				continue
			}
			if slicesContain(opts, "-j") && !jsonEqual(t, want.Stdout, got.Stdout) {
				t.Errorf("%v: JSON differs:\n ip: %s\ngip: %s", args, want.Stdout, got.Stdout)
			} else if !slicesContain(opts, "-j") {
				compareLines(t, strings.Join(args, " "), want.Stdout, got.Stdout)
			}
		}
	}
}

func slicesContain(s []string, w string) bool { return slices.Contains(s, w) }

// jsonValid reports whether s is one JSON document.
func jsonValid(s string) bool { return json.Valid([]byte(s)) }

// TestTuntapAttachedProcesses holds a queue of a device in a child
// process: -d names it as ip does, and -j -d gives it as an object.
func TestTuntapAttachedProcesses(t *testing.T) {
	if _, err := os.Stat("/dev/net/tun"); err != nil {
		testenv.Missing(t, testenv.Tun, "%v", err)
	}
	ns := testNS(t)
	mustGip(t, "-n", ns, "tuntap", "add", "dev", "tq0", "mode", "tap")
	var fd int
	err := nl.InNetNS(ns, func() error {
		var err error
		fd, err = unix.Open("/dev/net/tun", unix.O_RDWR, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ifr, _ := unix.NewIfreq("tq0")
	ifr.SetUint16(unix.IFF_TAP | unix.IFF_NO_PI)
	if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
		t.Fatal(err)
	}
	f := os.NewFile(uintptr(fd), "/dev/net/tun")
	cmd := exec.Command("sleep", "30")
	cmd.ExtraFiles = []*os.File{f}
	if err := cmd.Start(); err != nil {
		t.Skipf("skipped: cannot start sleep: %v", err)
	}
	f.Close()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	want := tool(t, "ip", "-n", ns, "-d", "tuntap")
	got := gip(t, "-n", ns, "-d", "tuntap")
	compareLines(t, "-d tuntap", want.Stdout, got.Stdout)
	if !strings.Contains(got.Stdout, "Attached to processes:sleep(") {
		t.Errorf("the holder is not listed:\n%s", got.Stdout)
	}
	j := gip(t, "-n", ns, "-d", "-j", "tuntap")
	if !jsonValid(j.Stdout) || !strings.Contains(j.Stdout, `"processes":[{"name":"sleep","pid":`) {
		t.Errorf("-d -j: %s", j.Stdout)
	}
}

// usageName rewrites ip's name in a usage text to gip's.
func usageName(s string) string { return usageLine.ReplaceAllString(s, "${1}gip ") }

var usageLine = regexp.MustCompile(`(?m)^(Usage: +| +)ip `)

// tuntapBatch deletes devices in runs, between lines that must see them
// gone: the same device deleted twice, deleted then added again, listed,
// looked up as a link; a delete the kernel refuses.
const tuntapBatch = `tuntap add dev a0 mode tap
tuntap add dev a1 mode tun
tuntap add dev a2 mode tap
tuntap add dev a3 mode tap
tuntap del dev a0 mode tap
tuntap del dev a1 mode tun
tuntap del dev a1 mode tun
tuntap add dev a0 mode tun
tuntap show
tuntap del dev a2 mode tap
tuntap del dev a3 mode tun
link show a2
tuntap del dev a3 mode tap
tuntap del dev a0 mode tun
tuntap add dev a4 mode tap
tuntap del dev a4 mode tap
`

// TestTuntapBatchMatchesIP runs tuntapBatch with ip -batch -force and gip
// -batch -force: the same output, errors and exit code, and the same
// devices left (gip's deletes close their devices together).
func TestTuntapBatchMatchesIP(t *testing.T) {
	if _, err := os.Stat("/dev/net/tun"); err != nil {
		testenv.Missing(t, testenv.Tun, "%v", err)
	}
	ref, ns := testNS(t), testNS(t)
	cmd := execIP(t, "-n", ref, "-force", "-batch", "-")
	cmd.Stdin = strings.NewReader(tuntapBatch)
	var ipOut, ipErr strings.Builder
	cmd.Stdout, cmd.Stderr = &ipOut, &ipErr
	ipCode := 0
	if err := cmd.Run(); err != nil {
		ipCode = cmd.ProcessState.ExitCode()
	}
	var out, errb strings.Builder
	code := Run([]string{"-n", ns, "-force", "-batch", "-"}, strings.NewReader(tuntapBatch), &out, &errb)
	if code != ipCode || errb.String() != ipErr.String() || out.String() != ipOut.String() {
		t.Errorf("ip -batch: exit %d\n%s%s\ngip -batch: exit %d\n%s%s", ipCode, ipOut.String(), ipErr.String(), code, out.String(), errb.String())
	}
	if !strings.Contains(ipErr.String(), `Device "a2" does not exist.`) || !strings.Contains(ipOut.String(), "a0: tun") {
		t.Errorf("ip -batch printed\n%s%s", ipOut.String(), ipErr.String())
	}
	if a, b := tool(t, "ip", "-n", ref, "link").Stdout, tool(t, "ip", "-n", ns, "link").Stdout; a != b {
		t.Errorf("devices left differ:\n%s", firstDifference(a, b))
	}
}
