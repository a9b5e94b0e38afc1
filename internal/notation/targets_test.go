package notation

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/ipaddress"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
)

// These tests hand the notations to the programs that read them: ipset
// restore and nft -f in a namespace of the test's own (sets are per network
// namespace), BIRD's configuration check.

// runTool runs a program, inside namespace ns unless ns is "", and returns
// its output; a run that outlasts a minute fails the test.
func runTool(t *testing.T, ns, stdin, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if ns != "" {
		args = append([]string{"--net=/run/netns/" + ns, name}, args...)
		name = "nsenter"
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %q did not finish within a minute", name, args)
	}
	return out.String(), err
}

// mustRender is render that fails the test on an error.
func mustRender(t *testing.T, o Options, items ...string) string {
	t.Helper()
	out, err := render(o, items...)
	if err != nil {
		t.Fatalf("%+v: %v", o, err)
	}
	return out
}

// sampleLists are the lists every target must accept: both families with
// /0s and hosts, one family, nothing.
var sampleLists = [][]string{
	both,
	{"10.0.0.0/24", "10.0.1.5/32", "2001:db8::/32", "2001:db9::1/128"},
	{"192.0.2.0/24", "198.51.100.7", "203.0.113.128/25"},
	{"2001:db8::/48", "2001:db8:1::1"},
	nil,
}

// members reads the "add SET MEMBER" lines of ipset save output (or of our
// restore lines) as SET MEMBER/LEN, sorted.
func members(save string) []string {
	var m []string
	for _, line := range strings.Split(save, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || f[0] != "add" {
			continue
		}
		p := f[2]
		if !strings.Contains(p, "/") {
			p = ipaddress.MustParseNetwork(p).String()
		}
		m = append(m, f[1]+" "+p)
	}
	slices.Sort(m)
	return m
}

func TestIpsetRestoreAccepts(t *testing.T) {
	testenv.NeedTools(t, "ipset", "nsenter")
	ns := nltest.NetNS(t)
	long := make([]string, 70000)
	for i := range long {
		long[i] = fmt.Sprintf("10.%d.%d.%d/30", i>>14, i>>6&255, i&63<<2)
	}
	for i, items := range append(sampleLists, long) {
		name := fmt.Sprintf("gcalc%d", i)
		restore := mustRender(t, Options{Notation: Ipset, Name: name}, items...)
		if out, err := runTool(t, ns, restore, "ipset", "restore"); err != nil {
			t.Fatalf("ipset restore of\n%s: %v: %s", head(restore), err, out)
		}
		save, err := runTool(t, ns, "", "ipset", "save")
		if err != nil {
			t.Fatalf("ipset save: %v: %s", err, save)
		}
		var ours []string
		for _, m := range members(save) {
			if strings.HasPrefix(m, name+" ") || strings.HasPrefix(m, name+"6 ") {
				ours = append(ours, m)
			}
		}
		if want := members(restore); !slices.Equal(ours, want) {
			t.Errorf("list %d: the sets hold %d members, want %d:\n%q\nwant\n%q", i, len(ours), len(want), head(strings.Join(ours, "\n")), head(strings.Join(want, "\n")))
		}
		if len(items) == len(long) && !strings.Contains(save, "create "+name+" hash:net family inet hashsize") {
			t.Errorf("no IPv4 set %s in\n%s", name, head(save))
		}
	}
}

// A list longer than the Writer holds gets the largest maxelem, which
// ipset takes.
func TestIpsetRestoreAcceptsUnknownSize(t *testing.T) {
	testenv.NeedTools(t, "ipset", "nsenter")
	ns := nltest.NetNS(t)
	defer func(n int) { holdLimit = n }(holdLimit)
	holdLimit = 10
	restore := mustRender(t, Options{Notation: Ipset, Name: "big"}, "10.0.0.0/24", "10.0.1.0/24")
	if !strings.HasPrefix(restore, "create big hash:net family inet maxelem 4294967295\n") {
		t.Fatalf("header:\n%s", restore)
	}
	if out, err := runTool(t, ns, restore, "ipset", "restore"); err != nil {
		t.Fatalf("ipset restore of\n%s: %v: %s", restore, err, out)
	}
	if out, _ := runTool(t, ns, "", "ipset", "list", "big"); !strings.Contains(out, "maxelem 4294967295") {
		t.Errorf("ipset list big:\n%s", out)
	}
}

// head is the start of a long text, for messages.
func head(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}

func TestNftAccepts(t *testing.T) {
	testenv.NeedTools(t, "nft", "nsenter")
	ns := nltest.NetNS(t)
	dir := t.TempDir()
	for i, items := range sampleLists {
		// A set definition inside a table, then add element lines for a
		// second definition of the same sets (adding what is there is no
		// error).
		text := fmt.Sprintf("table inet gcalc%d {\n%s%s}\n%s", i,
			mustRender(t, Options{Notation: Nft, Name: "S"}, items...),
			mustRender(t, Options{Notation: Nft, Name: "T"}, items...),
			mustRender(t, Options{Notation: Nft, Name: fmt.Sprintf("inet gcalc%d T", i)}, items...))
		file := filepath.Join(dir, fmt.Sprintf("list%d.nft", i))
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := runTool(t, ns, "", "nft", "-c", "-f", file); err != nil {
			t.Fatalf("nft -c -f of\n%s: %v: %s", text, err, out)
		}
		if out, err := runTool(t, ns, "", "nft", "-f", file); err != nil {
			t.Fatalf("nft -f of\n%s: %v: %s", text, err, out)
		}
		// Read back: every network is in its set. A list whose networks
		// overlap is merged by auto-merge, and kernels differ in what get
		// element finds in merged intervals; collapsed lists never overlap.
		if overlapping(items) {
			continue
		}
		for _, item := range items {
			n := ipaddress.MustParseNetwork(item)
			set := "S"
			if n.Version() == 6 && slices.ContainsFunc(items, func(s string) bool { return !strings.Contains(s, ":") }) {
				set = "S6"
			}
			elem := string(appendNftElement(nil, n))
			if out, err := runTool(t, ns, "", "nft", "get", "element", "inet", fmt.Sprintf("gcalc%d", i), set, "{ "+elem+" }"); err != nil {
				t.Errorf("list %d: %s is not in set %s: %v: %s", i, elem, set, err, out)
			}
		}
	}
	// The check is a real one: nft refuses an IPv6 network in an IPv4 set.
	bad := "table inet bad {\n" + strings.Replace(mustRender(t, Options{Notation: Nft, Name: "S"}, "10.0.0.0/8"), "10.0.0.0/8", "2001:db8::/32", 1) + "}\n"
	file := filepath.Join(dir, "bad.nft")
	os.WriteFile(file, []byte(bad), 0o644)
	if out, err := runTool(t, ns, "", "nft", "-c", "-f", file); err == nil {
		t.Errorf("nft -c accepted\n%s%s", bad, out)
	}
}

// overlapping reports whether two networks of a list share an address.
func overlapping(items []string) bool {
	for i, a := range items {
		for _, b := range items[:i] {
			if ipaddress.MustParseNetwork(a).Overlaps(ipaddress.MustParseNetwork(b)) {
				return true
			}
		}
	}
	return false
}

func TestBirdAccepts(t *testing.T) {
	testenv.NeedTools(t, "bird")
	dir := t.TempDir()
	check := func(text string) (string, error) {
		file := filepath.Join(dir, "bird.conf")
		if err := os.WriteFile(file, []byte("protocol device {}\n"+text), 0o644); err != nil {
			t.Fatal(err)
		}
		return runTool(t, "", "", "bird", "-p", "-c", file)
	}
	for _, items := range sampleLists {
		text := mustRender(t, Options{Notation: Bird, Name: "S"}, items...)
		if out, err := check(text); err != nil {
			t.Errorf("bird -p refused\n%s: %v: %s", text, err, out)
		}
	}
	// The check is a real one: BIRD refuses a prefix set of both families.
	mixed := strings.Replace(mustRender(t, Options{Notation: Bird, Name: "S"}, "10.0.0.0/8", "10.1.0.0/16"), "10.1.0.0/16", "2001:db8::/32", 1)
	if out, err := check(mixed); err == nil || !strings.Contains(out, "Mixed IPv4/IPv6") {
		t.Errorf("bird -p accepted\n%s: %s", mixed, out)
	}
}

// iptables-restore (ip6tables-restore for IPv6) loads the rules of
// -o iptables --name into a chain, and iptables -S lists them as written.
func TestIptablesRestoreAccepts(t *testing.T) {
	testenv.NeedTools(t, "iptables-restore", "ip6tables-restore", "nsenter")
	ns := nltest.NetNS(t)
	for _, tc := range []struct {
		restore, list string
		items         []string
	}{
		{"iptables-restore", "iptables", []string{"10.0.0.0/24", "10.0.1.5/32", "192.0.2.128/25"}},
		{"ip6tables-restore", "ip6tables", []string{"2001:db8::/32", "2001:db9::1/128"}},
	} {
		rules := mustRender(t, Options{Notation: Iptables, Name: "GCALC", Action: "DROP"}, tc.items...)
		table := "*filter\n:GCALC - [0:0]\n" + rules + "COMMIT\n"
		if out, err := runTool(t, ns, table, tc.restore, "--test"); err != nil {
			t.Fatalf("%s --test of\n%s: %v: %s", tc.restore, table, err, out)
		}
		if out, err := runTool(t, ns, table, tc.restore); err != nil {
			t.Fatalf("%s of\n%s: %v: %s", tc.restore, table, err, out)
		}
		out, err := runTool(t, ns, "", tc.list, "-S", "GCALC")
		if err != nil {
			t.Fatalf("%s -S: %v: %s", tc.list, err, out)
		}
		if want := "-N GCALC\n" + rules; out != want {
			t.Errorf("%s -S GCALC:\n%s\nwant\n%s", tc.list, out, want)
		}
	}
}
