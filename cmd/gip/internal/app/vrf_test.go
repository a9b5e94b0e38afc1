package app

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

var vrfErrors = []string{
	"vrf", "vrf show", "vrf lst", "vrf list", "vrf show nosuch", "vrf show a b", "vrf show v0", "vrf show default",
	"vrf identify x", "vrf identify 1 2", "vrf identify 999999999", "vrf identify 1", "vrf pids", "vrf pids v0",
	"vrf pids a b", "vrf exec", "vrf exec v0", "vrf exec v0 true", "vrf exec nosuch true", "vrf frob", "vrf help",
	"vrf exec default false", "vrf exec default /nonexistent", "vrf exec default true", "vrf exec default sh -c exit\\ 3",
	"-j vrf", "-j vrf show",
}

// vrfHelperEnv makes TestVrfHelperProcess report the socket it opens:
// the command a test runs through vrf exec.
const vrfHelperEnv = "GIP_VRF_HELPER"

// TestVrfHelperProcess is not a test of its own: run by vrf exec with
// vrfHelperEnv set to an address, it opens a UDP socket, prints the
// device the kernel bound it to (SO_BINDTOIFINDEX) and whether the
// socket can reach the address (a route only the VRF's table has).
func TestVrfHelperProcess(t *testing.T) {
	dst := os.Getenv(vrfHelperEnv)
	if dst == "" {
		return
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	if err != nil {
		fmt.Println("socket:", err)
		os.Exit(1)
	}
	bound, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_BINDTOIFINDEX)
	reach := "reachable"
	if err := unix.Connect(fd, &unix.SockaddrInet4{Port: 9, Addr: [4]byte(net.ParseIP(dst).To4())}); err != nil {
		reach = err.Error()
	}
	fmt.Printf("bound to %d (%v), %s %s\n", bound, err, dst, reach)
	os.Exit(0)
}

// vrfCgroups removes the cgroups vrf exec made for namespace ns (under
// any cgroup v2 mount), once their processes are gone.
func vrfCgroups(t *testing.T, ns string) {
	t.Cleanup(func() {
		mounts, _ := os.ReadFile("/proc/mounts")
		for line := range strings.SplitSeq(string(mounts), "\n") {
			f := strings.Fields(line)
			if len(f) < 3 || f[2] != "cgroup2" {
				continue
			}
			dirs, _ := filepath.Glob(filepath.Join(f[1], "*", ns+"-ns"))
			top, _ := filepath.Glob(filepath.Join(f[1], ns+"-ns"))
			for _, d := range append(top, dirs...) {
				subs, _ := filepath.Glob(filepath.Join(d, "vrf", "*"))
				for _, s := range subs {
					if fi, err := os.Stat(s); err == nil && fi.IsDir() {
						_ = unix.Rmdir(s)
					}
				}
				_ = unix.Rmdir(filepath.Join(d, "vrf"))
				_ = unix.Rmdir(d)
			}
		}
	})
}

func TestVrfMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link add v0 type veth peer name v1")
	vrfCgroups(t, ref)
	vrfCgroups(t, ns)
	for _, c := range vrfErrors {
		compareCommand(t, ref, ns, c)
	}
	if r := tool(t, "ip", "-n", ns, "link", "add", "vrf10", "type", "vrf", "table", "10"); r.code != 0 {
		testenv.Missing(t, testenv.LinkVRF, "%s", strings.TrimSpace(r.Stderr))
	}
	for _, n := range []string{ref, ns} {
		for _, s := range []string{
			"link add vrf10 type vrf table 10", "link add blue type vrf table 1000", "link set v0 master vrf10",
			"addr add 10.1.0.1/24 dev v0", "link set v0 up", "link set vrf10 up",
		} {
			if n == ns && s == "link add vrf10 type vrf table 10" {
				continue
			}
			must(t, "ip", append([]string{"-n", n}, splitArgs(s)...)...)
		}
	}
	compareListings(t, ref, ns, []string{"vrf", "vrf show", "vrf lst"})
	for _, c := range []string{"vrf show vrf10", "vrf show blue", "vrf pids vrf10", "vrf pids blue", "vrf exec blue true"} {
		compareCommand(t, ref, ns, c)
	}
	if got := gip(t, "-n", ns, "-j", "vrf", "show", "blue"); !jsonEqual(t, `{"name":"blue","table":1000}`, got.Stdout) {
		t.Errorf("gip -j vrf show blue: %q", got.Stdout)
	}

	// A command run by vrf exec opens sockets bound to the VRF, and
	// reaches what only the VRF's table routes.
	peer := testNS(t)
	must(t, "ip", "-n", ns, "link", "set", "v1", "netns", peer)
	must(t, "ip", "-n", peer, "addr", "add", "10.1.0.2/24", "dev", "v1")
	must(t, "ip", "-n", peer, "link", "set", "v1", "up")
	index := jsonField(t, tool(t, "ip", "-n", ns, "-j", "link", "show", "vrf10").Stdout, "ifindex")
	t.Setenv(vrfHelperEnv, "10.1.0.2")
	helper := []string{os.Args[0], "-test.run=^TestVrfHelperProcess$"}
	want := fmt.Sprintf("bound to %s (<nil>), 10.1.0.2 reachable\n", index)
	viaIP := tool(t, "ip", append([]string{"-n", ns, "vrf", "exec", "vrf10"}, helper...)...)
	viaGip := gip(t, append([]string{"-n", ns, "vrf", "exec", "vrf10"}, helper...)...)
	if !strings.HasPrefix(viaIP.Stdout, want) || viaGip.code != 0 || viaGip.Stdout != viaIP.Stdout {
		t.Errorf("vrf exec: ip exit %d %q, gip exit %d %q %q; want %q first", viaIP.code, viaIP.Stdout, viaGip.code, viaGip.Stdout, viaGip.Stderr, want)
	}
	outside := gip(t, append([]string{"-n", ns, "vrf", "exec", "default"}, helper...)...)
	if !strings.HasPrefix(outside.Stdout, "bound to 0 (<nil>), 10.1.0.2 network is unreachable") {
		t.Errorf("vrf exec default: exit %d %q %q", outside.code, outside.Stdout, outside.Stderr)
	}
	t.Setenv(vrfHelperEnv, "")

	// identify and pids read back the cgroup of a process gip bound.
	sleeper := exec.Command(os.Args[0], "-n", ns, "vrf", "exec", "vrf10", "sleep", "30")
	sleeper.Env = append(os.Environ(), asMainEnv+"=1")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() })
	var pids result
	for range 100 {
		if pids = tool(t, "ip", "-n", ns, "vrf", "pids", "vrf10"); strings.Contains(pids.Stdout, "sleep") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := gip(t, "-n", ns, "vrf", "pids", "vrf10"); got.Stdout != pids.Stdout || !strings.Contains(pids.Stdout, "  sleep\n") {
		t.Errorf("vrf pids: ip %q, gip %q %q", pids.Stdout, got.Stdout, got.Stderr)
	}
	pid := strings.Fields(pids.Stdout)[0]
	for _, args := range [][]string{{"vrf", "identify", pid}, {"vrf", "pids", "blue"}} {
		want, got := tool(t, "ip", args...), gip(t, args...)
		if got.Stdout != want.Stdout || got.code != want.code {
			t.Errorf("%v: ip %q, gip %q", args, want.Stdout, got.Stdout)
		}
	}
	if out := tool(t, "ip", "vrf", "identify", pid).Stdout; out != "vrf10\n" {
		t.Errorf("ip vrf identify %s: %q", pid, out)
	}
	// gip's own process, run by ip vrf exec, identifies its VRF.
	self := tool(t, "ip", "-n", ns, "vrf", "exec", "vrf10", "env", asMainEnv+"=1", os.Args[0], "vrf", "identify")
	if self.Stdout != "vrf10\n" {
		t.Errorf("gip vrf identify under ip vrf exec: %q %q", self.Stdout, self.Stderr)
	}
}

// jsonField is one field of the first object of a JSON array, as text.
func jsonField(t *testing.T, doc, key string) string {
	t.Helper()
	var v []map[string]any
	if err := json.Unmarshal([]byte(doc), &v); err != nil || len(v) == 0 {
		t.Fatalf("%q: %v", doc, err)
	}
	return fmt.Sprint(v[0][key])
}
