package app

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
)

// completions runs `gip __complete WORDS...` and returns the words offered.
func completions(t *testing.T, words ...string) []string {
	t.Helper()
	var out strings.Builder
	e := &env.Env{G: &env.Global{}, Stdout: &out, Stderr: io.Discard}
	if err := complete(e, words); err != nil {
		t.Fatalf("complete %q: %v", words, err)
	}
	return strings.Fields(out.String())
}

// checkOffers fails unless completing words offers every word of want and
// none of not.
func checkOffers(t *testing.T, words, want, not []string) {
	t.Helper()
	got := completions(t, words...)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("complete %q = %q, lacks %q", words, got, w)
		}
	}
	for _, w := range not {
		if slices.Contains(got, w) {
			t.Errorf("complete %q = %q, offers %q", words, got, w)
		}
	}
}

// TestCompleteKeywords checks the keywords and choices completion reads
// from the objects' usage texts, verb by verb, where no kernel is asked.
func TestCompleteKeywords(t *testing.T) {
	cases := []struct {
		words     []string
		want, not []string
	}{
		{[]string{"link", "add", ""}, []string{"mtu", "txqueuelen", "type", "netns", "numtxqueues"}, []string{"arp", "nomaster", "add"}},
		{[]string{"link", "set", "dev", "x", ""}, []string{"up", "down", "mtu", "master", "nomaster", "arp", "addrgenmode"}, []string{"numtxqueues", "on", "off"}},
		{[]string{"link", "set", "dev", "x", "arp", ""}, []string{"on", "off"}, []string{"mtu"}},
		{[]string{"link", "set", "dev", "x", "addrgenmode", ""}, []string{"eui64", "none", "stable_secret", "random"}, []string{"mtu"}},
		{[]string{"link", "add", "x", "type", "v"}, []string{"veth", "vlan", "vxlan", "vrf", "vti6"}, []string{"mtu", "bridge"}},
		{[]string{"route", "add", "10.0.0.0/8", ""}, []string{"via", "dev", "table", "proto", "metric", "mtu", "nexthop", "onlink", "blackhole"}, []string{"root", "exact", "add"}},
		{[]string{"route", "show", ""}, []string{"root", "match", "exact", "table", "proto", "scope"}, []string{"via", "weight"}},
		{[]string{"route", "add", "10.0.0.0/8", "ttl-propagate", ""}, []string{"enabled", "disabled"}, []string{"via"}},
		{[]string{"route", "add", "10.0.0.0/8", "pref", ""}, []string{"low", "medium", "high"}, nil},
		{[]string{"address", "add", "10.0.0.1/24", ""}, []string{"dev", "scope", "label", "valid_lft", "preferred_lft", "noprefixroute", "nodad"}, []string{"to", "up"}},
		{[]string{"address", "add", "10.0.0.1/24", "scope", ""}, []string{"host", "link", "global", "site"}, []string{"dev"}},
		{[]string{"neigh", "add", ""}, []string{"lladdr", "nud", "dev", "proxy"}, nil},
		{[]string{"tunnel", "add", "t0", "mode", ""}, []string{"gre", "ipip", "sit", "vti"}, []string{"ttl"}},
		{[]string{"xfrm", "state", "add", ""}, []string{"spi", "reqid", "mode", "replay-window", "enc", "auth"}, []string{"add", "update"}},
		{[]string{"tc", "qdisc", ""}, []string{"add", "change", "delete", "show", "help"}, []string{"dev"}},
		{[]string{"tc", "qdisc", "add", ""}, []string{"dev", "handle", "parent", "root", "ingress", "clsact", "estimator"}, []string{"add", "try", "tc"}},
		{[]string{"-j", "r", "add", "x", "proto", ""}, []string{"static", "kernel", "boot"}, []string{"via"}},
		{[]string{"bridge", "fdb", "add", ""}, []string{"dev", "dst", "vlan", "self", "master", "sticky"}, []string{"add", "append", "br", "brport"}},
		{[]string{"bridge", "fdb", "show", ""}, []string{"br", "brport", "vlan", "state"}, []string{"add", "sticky"}},
		{[]string{"bridge", "link", "set", "dev", "x", "hwmode", ""}, []string{"vepa", "veb"}, []string{"dev"}},
		{[]string{"link", "property", "add", ""}, []string{"dev", "altname"}, []string{"del"}},
	}
	for _, c := range cases {
		checkOffers(t, c.words, c.want, c.not)
	}
}

// TestCompleteNameDatabases checks that table, proto, scope and realms
// complete with the names of iproute2's databases: built in, in the
// system's directory, in the distribution's (read when the system has no
// such file) and in FILE.d of both.
func TestCompleteNameDatabases(t *testing.T) {
	etc, usr := t.TempDir(), t.TempDir()
	write := func(path, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(etc, "rt_tables"), "# tables\n255 local\n254 main\n100 uplink\n")
	write(filepath.Join(usr, "rt_tables"), "200 shadowed\n")
	write(filepath.Join(etc, "rt_tables.d", "vpn.conf"), "101 vpn\n")
	write(filepath.Join(usr, "rt_tables.d", "lab.conf"), "102 lab\n")
	write(filepath.Join(usr, "rt_protos"), "99 ourproto\n")
	write(filepath.Join(etc, "rt_realms"), "7 campus\n")
	oldEtc, oldUsr := env.Iproute2ConfDir, env.Iproute2UsrDir
	env.Iproute2ConfDir, env.Iproute2UsrDir = etc, usr
	t.Cleanup(func() { env.Iproute2ConfDir, env.Iproute2UsrDir = oldEtc, oldUsr })

	tables := []string{"default", "main", "local", "uplink", "vpn", "lab"}
	checkOffers(t, []string{"route", "show", "table", ""}, tables, []string{"shadowed", "via"})
	checkOffers(t, []string{"rule", "add", "lookup", ""}, tables, nil)
	checkOffers(t, []string{"route", "add", "10.0.0.0/8", "proto", ""}, []string{"static", "kernel", "bird", "ourproto"}, nil)
	checkOffers(t, []string{"route", "add", "10.0.0.0/8", "realms", ""}, []string{"campus"}, nil)
	checkOffers(t, []string{"route", "add", "10.0.0.0/8", "scope", ""}, []string{"host", "link", "global", "site", "nowhere"}, nil)
}

// TestCompleteLiveNames checks the device and namespace names completion
// reads from the kernel: the links of the namespace -n names (and not
// the caller's), and named namespaces after netns, -n and gip netns.
func TestCompleteLiveNames(t *testing.T) {
	ns := testNS(t)
	must(t, "ip", "-n", ns, "link", "add", "gcomp0", "type", "veth", "peer", "name", "gcomp1")
	must(t, "ip", "-n", ns, "link", "add", "gcbr0", "type", "bridge")
	var wantLinks []string // as ip lists them: the kernel may add its own (ifb0)
	for _, l := range strings.Split(strings.TrimSpace(tool(t, "ip", "-n", ns, "-br", "link", "show").Stdout), "\n") {
		name, _, _ := strings.Cut(strings.Fields(l)[0], "@")
		wantLinks = append(wantLinks, name)
	}
	slices.Sort(wantLinks)
	if !slices.Contains(wantLinks, "gcomp1") || len(wantLinks) < 4 {
		t.Fatalf("ip lists %q", wantLinks)
	}

	for _, words := range [][]string{
		{"-n", ns, "link", "set", "dev", ""},
		{"-netns", ns, "address", "add", "10.0.0.1/24", "dev", ""},
		{"-n", ns, "link", "set", "dev", "gcomp0", "master", ""},
		{"-n", ns, "route", "get", "10.0.0.1", "oif", ""},
	} {
		if got := completions(t, words...); !slices.Equal(got, wantLinks) {
			t.Errorf("complete %q = %q, want the namespace's links %q", words, got, wantLinks)
		}
	}
	// A device may stand alone: the links come with the keywords.
	checkOffers(t, []string{"-n", ns, "link", "set", ""}, []string{"gcomp0", "lo", "mtu", "dev"}, nil)
	checkOffers(t, []string{"-n", ns, "link", "set", "dev", "gcomp"}, []string{"gcomp0", "gcomp1"}, []string{"lo", "gcbr0"})

	checkOffers(t, []string{"-n", ""}, []string{ns}, nil)
	checkOffers(t, []string{"netns", "exec", ""}, []string{ns}, nil)
	checkOffers(t, []string{"-n", ns, "link", "set", "dev", "gcomp0", "netns", ""}, []string{ns}, []string{"gcomp0"})
	checkOffers(t, []string{"link", "add", "v0", "type", "veth", "peer", "name", "v1", "netns", ""}, []string{ns}, nil)
}

// TestCompleteEveryVerb completes after every verb of every object (and
// after the first keyword offered): it must not fail, and every word
// offered must be one the object's usage writes.
func TestCompleteEveryVerb(t *testing.T) {
	for _, o := range registry() {
		for _, v := range o.Verbs {
			words := []string{o.Name, v.Name(), ""}
			got := completions(t, words...)
			if v.Sub != nil { // tc qdisc, xfrm state: the object's verbs
				if want := slices.Sorted(slices.Values(verbNames(v.Sub))); !slices.Equal(got, slices.Compact(want)) {
					t.Errorf("complete %q = %q, want %s's verbs %q", words, got, v.Name(), want)
				}
				continue
			}
			for _, w := range got {
				if !strings.Contains(o.UsageText(), w) && !isLiveName(w) && w != "help" {
					t.Errorf("complete %q offers %q, which its usage does not name", words, w)
				}
			}
			if len(got) > 0 {
				completions(t, o.Name, v.Name(), got[0], "")
			}
		}
	}
}

// isLiveName reports whether name is a link of the namespace the test
// runs in, which completion offers where a usage lets a device stand
// alone, or a named namespace, which it offers for gip netns.
func isLiveName(name string) bool {
	for _, dir := range []string{"/sys/class/net", "/run/netns"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// TestParseUsage checks how a usage text is read: verbs in braces,
// continuation lines, definitions naming themselves, brackets glued to
// words, remarks.
func TestParseUsage(t *testing.T) {
	const usage = `Usage: gip thing { add | del } NAME [ mode MODE ] [ size NUMBER[k|m] ]
                  [ FLAG-LIST ] (the same as gip other thing)
       gip thing show [ dev DEV ] [ kind [p|b]fifo ]
MODE := { fast | slow }
FLAG-LIST := [ FLAG-LIST ] FLAG
FLAG := [ loud | quiet ]
OPTIONS := ... try gip thing add help`
	o := &command.Object{Name: "thing", Match: [][2]string{{"add", "add"}, {"delete", "delete"}, {"show", "show"}},
		Verbs: []command.Verb{{Use: "add"}, {Use: "delete"}, {Use: "show"}}}
	g := parseUsage(usage)
	add := g.words(o, 1, "add", "")
	if got := slices.Sorted(maps.Keys(add.keywords)); !slices.Equal(got, []string{"loud", "mode", "quiet", "size"}) {
		t.Errorf("add's keywords: %q", got)
	}
	if got := add.values["mode"]; !slices.Equal(got, []string{"fast", "slow"}) {
		t.Errorf("add's values of mode: %q", got)
	}
	if add.device {
		t.Error("add: a device may stand alone")
	}
	del := g.words(o, 1, "delete", "")
	if !del.keywords["mode"] || del.keywords["dev"] {
		t.Errorf("del's keywords: %v", del.keywords)
	}
	show := g.words(o, 1, "show", "")
	if got := slices.Sorted(maps.Keys(show.keywords)); !slices.Equal(got, []string{"dev", "fifo", "kind"}) || show.device {
		t.Errorf("show's keywords: %q, device %v", got, show.device)
	}
}
