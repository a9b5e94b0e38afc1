package app

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/internal/nl/nltest"
)

// routeNS makes a namespace with two links, addresses of both families
// and nexthop objects, the way the reference samples were captured.
func routeNS(t *testing.T) string {
	t.Helper()
	ns := nltest.NetNS(t)
	ip := func(cmds ...[]string) {
		for _, c := range cmds {
			must(t, "ip", append([]string{"-n", ns}, c...)...)
		}
	}
	ip([]string{"link", "set", "lo", "up"},
		[]string{"link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		// No link-local addresses: they appear at their own pace and would
		// race the comparisons.
		[]string{"link", "set", "veth0", "addrgenmode", "none"}, []string{"link", "set", "veth1", "addrgenmode", "none"},
		[]string{"link", "add", "br0", "type", "bridge"},
		[]string{"link", "set", "br0", "addrgenmode", "none"},
		[]string{"link", "set", "veth1", "master", "br0"},
		[]string{"link", "set", "veth0", "up"}, []string{"link", "set", "veth1", "up"}, []string{"link", "set", "br0", "up"})
	waitCarrier(t, ns, "veth0", "veth1", "br0") // a nexthop needs its device's
	ip([]string{"addr", "add", "192.0.2.1/24", "dev", "veth0"},
		[]string{"addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"},
		[]string{"addr", "add", "198.51.100.1/24", "dev", "br0"},
		[]string{"addr", "add", "2001:db8:1::1/64", "dev", "br0", "nodad"},
		[]string{"nexthop", "add", "id", "1", "via", "192.0.2.2", "dev", "veth0"},
		[]string{"nexthop", "add", "id", "2", "via", "198.51.100.2", "dev", "br0"},
		[]string{"nexthop", "add", "id", "10", "group", "1/2"})
	return ns
}

// waitCarrier waits (up to 5 s) until each of devs has its carrier: the
// kernel's link watch brings it a moment after the link is set up.
func waitCarrier(t *testing.T, ns string, devs ...string) {
	t.Helper()
	for i := 0; ; i++ {
		links := tool(t, "ip", "-n", ns, "-br", "link", "show").Stdout
		up := true
		for _, d := range devs {
			up = up && regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(d)+`(@\S+)?\s.*LOWER_UP`).MatchString(links)
		}
		if up {
			return
		}
		if i == 100 {
			t.Fatalf("no carrier on %v after 5 s:\n%s", devs, links)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// routesToAdd are added with gip, so adding is tested by every comparison.
var routesToAdd = [][]string{
	{"10.1.0.0/16", "via", "192.0.2.2", "dev", "veth0", "metric", "100"},
	{"10.2.0.0/16", "via", "192.0.2.2", "proto", "static", "mtu", "1400"},
	{"10.3.0.0/16", "nexthop", "via", "192.0.2.2", "weight", "1", "nexthop", "via", "198.51.100.2", "weight", "2"},
	{"2001:db8:200::/48", "nexthop", "via", "2001:db8::2", "nexthop", "via", "2001:db8:1::2"},
	{"default", "via", "192.0.2.254"},
	{"10.9.0.0/16", "via", "192.0.2.2", "table", "100"},
	{"10.10.0.0/16", "via", "192.0.2.2", "table", "1000", "proto", "bird"},
	{"blackhole", "10.66.0.0/16"},
	{"unreachable", "10.67.0.0/16"},
	{"prohibit", "10.68.0.0/16", "metric", "7"},
	{"throw", "10.69.0.0/16", "table", "100"},
	{"local", "10.70.0.1", "dev", "veth0"},
	{"broadcast", "10.71.255.255", "dev", "veth0"},
	{"10.4.0.0/16", "nhid", "10"},
	{"10.5.0.0/16", "via", "inet6", "fe80::1", "dev", "veth0", "rtt", "10", "rttvar", "2s", "initcwnd", "10",
		"window", "lock", "5", "congctl", "cubic", "quickack", "1", "features", "ecn", "realms", "3/4", "advmss", "1300",
		"hoplimit", "9", "ssthresh", "7", "cwnd", "3", "initrwnd", "4", "reordering", "3", "fastopen_no_cookie", "1"},
	{"10.6.0.0/16", "dev", "veth0", "src", "192.0.2.1", "scope", "link", "tos", "0x10"},
	{"10.7.0.0/16", "via", "10.200.0.1", "dev", "veth0", "onlink"},
	{"2001:db8:5::/64", "dev", "veth0", "pref", "high", "metric", "5"},
	{"2001:db8:6::/64", "via", "2001:db8::5", "table", "100", "mtu", "lock", "1300"},
	{"2001:db8:7::/64", "from", "2001:db8:8::/64", "dev", "veth0"},
}

// routeShows are compared line for line (text) and byte for byte (JSON).
var routeShows = [][]string{
	{"route"}, {"route", "show", "table", "all"}, {"-6", "route"}, {"-6", "route", "show", "table", "all"},
	{"-4", "route", "show", "table", "all"}, {"-d", "route"}, {"-N", "route", "show", "table", "all"},
	{"route", "show", "table", "100"}, {"route", "show", "table", "1000"}, {"-6", "route", "show", "table", "100"},
	{"route", "show", "table", "local"}, {"route", "show", "proto", "static"}, {"route", "show", "proto", "kernel"},
	{"route", "show", "dev", "veth0"}, {"route", "show", "scope", "link"}, {"route", "show", "type", "blackhole"},
	{"route", "show", "table", "all", "type", "local"}, {"route", "show", "root", "10.0.0.0/8"},
	{"route", "show", "match", "10.3.1.1"}, {"route", "show", "exact", "10.3.0.0/16"}, {"route", "show", "10.3.0.0/16"},
	{"route", "show", "via", "192.0.2.2"}, {"route", "show", "default"}, {"route", "show", "metric", "100"},
	{"route", "show", "src", "192.0.2.1"}, {"route", "show", "tos", "0x10"}, {"r"}, {"ro", "li"}, {"route", "lst"},
	{"-o", "-6", "route"}, {"route", "get", "10.3.1.1"}, {"route", "get", "192.0.2.77"},
	{"-6", "route", "get", "2001:db8:200::1"}, {"route", "get", "10.1.2.3", "from", "192.0.2.1"},
	{"route", "get", "fibmatch", "10.3.1.1"}, {"route", "get", "10.9.9.9", "mark", "5"},
	{"route", "get", "192.0.2.9", "oif", "veth0"}, {"-6", "route", "show", "2001:db8:7::/64", "from", "2001:db8:8::/64"},
}

func TestRouteShowMatchesIP(t *testing.T) {
	ns := routeNS(t)
	for _, r := range routesToAdd {
		mustGip(t, append([]string{"-n", ns, "route", "add"}, r...)...)
	}
	for _, args := range routeShows {
		for _, opts := range [][]string{nil, {"-j"}, {"-j", "-p"}, {"-c=always"}} {
			full := append(append([]string{"-n", ns}, opts...), args...)
			want := tool(t, "ip", full...)
			got := gip(t, full...)
			if got != want {
				t.Errorf("%s: ip exit %d, gip exit %d\n%s", strings.Join(full, " "), want.code, got.code,
					firstDifference(want.Stdout+want.Stderr, got.Stdout+got.Stderr))
			}
		}
	}
}

// routeErrorCases are command lines both tools refuse; stderr and the exit
// code must be ip's.
var routeErrorCases = [][]string{
	{"route", "add", "10.1.0.0/16", "via", "192.0.2.2", "dev", "veth0", "metric", "100"},
	{"route", "del", "10.99.0.0/16"},
	{"route", "add", "10.99.0.0/16", "via", "172.16.0.1"},
	{"route", "add", "10.99.0.0/16", "nhid", "999"},
	{"route", "add", "10.99.0.0/16", "via", "192.0.2.2", "garbage"},
	{"route", "add", "300.1.1.1/24", "dev", "veth0"},
	{"route", "add", "10.99.0.0/33", "dev", "veth0"},
	{"route", "add", "10.99.0.0/16", "dev", "nosuch"},
	{"route", "add", "10.99.0.0/16", "via", "192.0.2.2", "via", "192.0.2.3"},
	{"route", "add", "10.99.0.0/16", "via", "2001:db8::1"},
	{"route", "add", "10.99.0.0/16", "via"},
	{"route", "add", "10.99.0.0/16", "metric", "x"},
	{"route", "add", "10.99.0.0/16", "table", "nosuchtable", "dev", "veth0"},
	{"route", "add", "10.99.0.0/16", "nexthop", "via", "192.0.2.2", "weight", "0"},
	{"route", "add", "10.99.0.0/16", "nexthop", "via", "192.0.2.2", "bogus"},
	{"route", "add", "10.99.0.0/16", "nexthop"},
	{"route", "add", "10.99.0.0/16", "quickack", "2"},
	{"route", "add", "10.99.0.0/16", "dev", "veth0", "scope", "nowhere-ish"},
	{"route", "show", "table", "999"},
	{"route", "show", "table", "bogus"},
	{"route", "show", "dev", "nosuch"},
	{"route", "show", "proto", "nosuch"},
	{"route", "get"},
	{"route", "get", "10.1.1.1", "iif", "nosuch"},
	{"route", "flush"},
	{"route", "frob"},
}

func TestRouteErrorsMatchIP(t *testing.T) {
	ns := routeNS(t)
	mustGip(t, "-n", ns, "route", "add", "10.1.0.0/16", "via", "192.0.2.2", "dev", "veth0", "metric", "100")
	for _, args := range routeErrorCases {
		full := append([]string{"-n", ns}, args...)
		want := tool(t, "ip", full...)
		got := gip(t, full...)
		// ip names itself in a few messages; gip names itself.
		wantErr := strings.ReplaceAll(want.Stderr, "\"ip ", "\""+command.Prog+" ")
		if got.code != want.code || got.Stderr != wantErr || got.Stdout != "" {
			t.Errorf("%s:\nip: exit %d stderr %q\ngip: exit %d stderr %q stdout %q", strings.Join(args, " "),
				want.code, want.Stderr, got.code, got.Stderr, got.Stdout)
		}
	}
}

func TestRouteModifyVerbs(t *testing.T) {
	ns := routeNS(t)
	ref := routeNS(t)
	steps := [][]string{
		{"add", "10.20.0.0/16", "via", "192.0.2.2"},
		{"change", "10.20.0.0/16", "via", "192.0.2.3"},
		{"replace", "10.20.0.0/16", "via", "192.0.2.4", "metric", "0"},
		{"append", "10.20.0.0/16", "via", "192.0.2.5", "metric", "0"},
		{"prepend", "2001:db8:20::/64", "via", "2001:db8::9"},
		{"append", "2001:db8:20::/64", "via", "2001:db8::8"},
		{"replace", "10.21.0.0/16", "dev", "veth0", "table", "200"},
		{"del", "10.21.0.0/16", "table", "200"},
		{"test", "10.22.0.0/16", "dev", "veth0"},
		{"del", "10.20.0.0/16", "via", "192.0.2.5"},
	}
	for _, s := range steps {
		want := tool(t, "ip", append([]string{"-n", ref, "route"}, s...)...)
		got := gip(t, append([]string{"-n", ns, "route"}, s...)...)
		if got.code != want.code || got.Stderr != want.Stderr {
			t.Errorf("route %s: ip exit %d %q, gip exit %d %q", strings.Join(s, " "), want.code, want.Stderr, got.code, got.Stderr)
		}
	}
	for _, show := range [][]string{{"-j", "route", "show", "table", "all"}} {
		want := tool(t, "ip", append([]string{"-n", ref}, show...)...)
		got := tool(t, "ip", append([]string{"-n", ns}, show...)...)
		if !jsonSetEqual(t, want.Stdout, got.Stdout) {
			t.Errorf("tables differ after the same changes:\nip:  %s\ngip: %s", want.Stdout, got.Stdout)
		}
	}
}

func TestRouteFlushAndSaveRestore(t *testing.T) {
	src := routeNS(t)
	dst := routeNS(t)
	for _, r := range routesToAdd {
		mustGip(t, append([]string{"-n", src, "route", "add"}, r...)...)
	}
	var saved, errb bytes.Buffer
	if code := Run([]string{"-n", src, "route", "save", "table", "all"}, strings.NewReader(""), &saved, &errb); code != 0 {
		t.Fatalf("save: exit %d: %s", code, errb.String())
	}
	// ip reads gip's save: the format is ip's.
	var ipShow bytes.Buffer
	cmd := execIP(t, "-n", src, "route", "showdump")
	cmd.Stdin, cmd.Stdout = bytes.NewReader(saved.Bytes()), &ipShow
	if err := cmd.Run(); err != nil {
		t.Fatalf("ip route showdump of gip's save: %v", err)
	}
	var gipShow bytes.Buffer
	if code := Run([]string{"-n", src, "route", "showdump"}, bytes.NewReader(saved.Bytes()), &gipShow, &errb); code != 0 {
		t.Fatalf("showdump: exit %d: %s", code, errb.String())
	}
	if ipShow.String() != gipShow.String() {
		t.Errorf("showdump differs:\nip:\n%s\ngip:\n%s", ipShow.String(), gipShow.String())
	}
	// Everything outside the local table comes back as it was. (ip's own
	// restore stops at the route through nexthop object 10: it sends the
	// paths the kernel expanded beside the id, which the kernel refuses.)
	if code := Run([]string{"-n", dst, "route", "restore"}, bytes.NewReader(saved.Bytes()), &bytes.Buffer{}, &errb); code != 0 {
		t.Fatalf("restore: exit %d: %s", code, errb.String())
	}
	a := withoutLocal(tool(t, "ip", "-n", src, "route", "show", "table", "all").Stdout)
	b := withoutLocal(tool(t, "ip", "-n", dst, "route", "show", "table", "all").Stdout)
	if a != b {
		t.Errorf("tables after restore differ:\n%s", firstDifference(a, b))
	}
	// flush leaves only what the selector does not match.
	mustGip(t, "-n", dst, "route", "flush", "proto", "boot")
	if out := tool(t, "ip", "-n", dst, "route", "show", "proto", "boot").Stdout; out != "" {
		t.Errorf("routes left after flush proto boot:\n%s", out)
	}
	if out := tool(t, "ip", "-n", dst, "route", "show", "proto", "static").Stdout; out == "" {
		t.Error("flush proto boot removed the proto static route too")
	}
}

// batchFile is run by ip and gip on twin namespaces; their stderr, exit
// codes and final tables must agree.
const batchFile = `# a comment
route add 10.77.0.0/16 via 192.0.2.2
route add 10.78.0.0/16 via 192.0.2.2  # a trailing comment

route add 10.77.0.0/16 via 192.0.2.2
route add 10.79.0.0/16 via 192.0.2.2
link set nosuch up
route add 10.80.0.0/16 \
    via 192.0.2.2
frob
route add 10.81.0.0/16 via 172.16.0.1
route del 10.99.0.0/16
route replace 10.78.0.0/16 dev veth0
"route" 'add' 10.82.0.0/16 dev veth0
route show
route append 10.83.0.0/16 dev veth0 table 100
`

func TestBatchMatchesIP(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "routes.batch")
	if err := os.WriteFile(file, []byte(batchFile), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, opts := range [][]string{nil, {"-force"}, {"-j", "-force"}} {
		ref, ns := routeNS(t), routeNS(t)
		args := append(append([]string{}, opts...), "-batch", file)
		want := tool(t, "ip", append([]string{"-n", ref}, args...)...)
		got := gip(t, append([]string{"-n", ns}, args...)...)
		wantErr := strings.ReplaceAll(want.Stderr, "try \"ip help\"", "try \""+command.Prog+" help\"")
		if got.code != want.code || got.Stderr != wantErr || got.Stdout != want.Stdout {
			t.Errorf("%v -batch: ip exit %d\n%s%s\ngip exit %d\n%s%s", opts, want.code, want.Stdout, want.Stderr,
				got.code, got.Stdout, got.Stderr)
		}
		a := withoutLocal(tool(t, "ip", "-n", ref, "route", "show", "table", "all").Stdout)
		b := withoutLocal(tool(t, "ip", "-n", ns, "route", "show", "table", "all").Stdout)
		if a != b {
			t.Errorf("%v: tables differ after the batch:\n%s", opts, firstDifference(a, b))
		}
	}
}

func TestBatchStdinAndFatalErrors(t *testing.T) {
	for _, tc := range []struct {
		Name, input string
	}{
		{"stops at a kernel error", "route add 10.1.0.0/16 dev veth0\nroute add 10.1.0.0/16 dev veth0\nroute add 10.2.0.0/16 dev veth0\n"},
		{"exits at once on a bad argument", "route add 10.1.0.0/16 dev veth0\nroute add 10.2.0.0/16 via 192.0.2.2 garbage\nroute add 10.3.0.0/16 dev veth0\n"},
		{"exits at once on a bad prefix", "route add 10.1.0.0/16 dev veth0\nroute add 300.2.0.0/16 dev veth0\nroute add 10.3.0.0/16 dev veth0\n"},
		{"unterminated quote", "route add 10.1.0.0/16 dev veth0\nroute add \"10.2.0.0/16 dev veth0\n"},
		{"undo after a failure in the middle of a window", strings.Repeat("route add 10.5.0.0/16 dev veth0\n", 1) +
			"route add 10.6.0.0/16 dev veth0\nroute add 10.5.0.0/16 dev veth0\nroute add 10.7.0.0/16 dev veth0\nroute add 10.8.0.0/16 dev veth0\n"},
	} {
		for _, force := range []bool{false, true} {
			ref, ns := routeNS(t), routeNS(t)
			args := []string{"-batch", "-"}
			if force {
				args = append([]string{"-force"}, args...)
			}
			cmd := execIP(t, append([]string{"-n", ref}, args...)...)
			var wout, werr bytes.Buffer
			cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(tc.input), &wout, &werr
			wcode := 0
			if err := cmd.Run(); err != nil {
				wcode = cmd.ProcessState.ExitCode()
			}
			var gout, gerr bytes.Buffer
			gcode := Run(append([]string{"-n", ns}, args...), strings.NewReader(tc.input), &gout, &gerr)
			if gcode != wcode || gerr.String() != werr.String() || gout.String() != wout.String() {
				t.Errorf("%s (force %v): ip exit %d %q, gip exit %d %q", tc.Name, force, wcode, werr.String(), gcode, gerr.String())
			}
			a := tool(t, "ip", "-n", ref, "route")
			b := tool(t, "ip", "-n", ns, "route")
			if a.Stdout != b.Stdout {
				t.Errorf("%s (force %v): tables differ:\nip:\n%s\ngip:\n%s", tc.Name, force, a.Stdout, b.Stdout)
			}
		}
	}
}

func TestBatchJSONPerCommandAndNoStateLeak(t *testing.T) {
	ns := routeNS(t)
	input := "route show table 100\n-6 route\nroute show dev veth0\nroute show\n"
	// ip's batch lines have no options of their own: "-6 route" is an
	// unknown object for both.
	var out, errb bytes.Buffer
	code := Run([]string{"-n", ns, "-j", "-force", "-batch", "-"}, strings.NewReader(input), &out, &errb)
	cmd := execIP(t, "-n", ns, "-j", "-force", "-batch", "-")
	var wout, werr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(input), &wout, &werr
	wcode := 0
	if err := cmd.Run(); err != nil {
		wcode = cmd.ProcessState.ExitCode()
	}
	if code != wcode || out.String() != wout.String() {
		t.Errorf("ip exit %d\n%s%s\ngip exit %d\n%s%s", wcode, wout.String(), werr.String(), code, out.String(), errb.String())
	}
	// After a filtered show, an unfiltered one prints everything: no
	// filter survives its line.
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[2], `"dev":"veth0"`) {
		t.Errorf("the last show lost fields a previous line filtered:\n%s", out.String())
	}
}

func execIP(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	path, err := exec.LookPath("ip")
	if err != nil {
		t.Skip("skipped: ip (iproute2) is not installed; it is the reference these tests compare with")
	}
	return exec.Command(path, args...)
}

// firstDifference shows the first line where two outputs differ.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  ip:  %q\n  gip: %q", i+1, a, b)
		}
	}
	return "(same lines)"
}

// withoutLocal drops the lines of fe80:: routes, whose addresses differ
// between namespaces, and of the local table, which the kernel fills.
func withoutLocal(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, "fe80::") && !strings.Contains(l, "table local") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
