package app

import (
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/testenv"
)

// TestEveryListingHasTable runs each listing with -table and with -j on a
// namespace holding something of every kind: a listing with records must
// print a table (borders, a header, a row per record) holding every value
// of the JSON records' top-level members, unless its object draws a table
// of its own choosing (links, addresses: a row per address).
func TestEveryListingHasTable(t *testing.T) {
	ns := testNS(t)
	for _, line := range []string{
		"link add v0 type veth peer name v1", "link add br0 type bridge", "link set v1 master br0",
		"link set v0 up", "link set v1 up", "link set br0 up",
		"addr add 10.0.0.1/24 dev v0", "addr add 2001:db8::1/64 dev v0 nodad",
		"route add 10.5.0.0/16 via 10.0.0.2 metric 7", "route add 10.6.0.0/16 via 10.0.0.2 table 100",
		"route add 2001:db8:5::/48 via 2001:db8::2", "rule add from 1.2.3.4 lookup 100 pref 100",
		"nexthop add id 5 via 10.0.0.3 dev v0", "nexthop add id 6 group 5",
		"neigh add 10.0.0.9 lladdr 00:11:22:33:44:55 dev v0", "addrlabel add prefix 2001:db8:7::/48 label 99",
		"tuntap add dev tap0 mode tap",
	} {
		must(t, "ip", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	for _, line := range []string{"qdisc add dev v0 root handle 1: htb", "class add dev v0 parent 1: classid 1:1 htb rate 1mbit",
		"filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 1.1.1.1 flowid 1:1"} {
		must(t, "tc", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	for _, listing := range []string{
		"link", "-br link", "-s link", "addr", "-br addr", "route", "route show table all", "-6 route", "rule", "-6 rule",
		"nexthop", "neigh", "netconf", "addrlabel", "maddress", "tuntap", "bridge link", "bridge fdb",
		"tc qdisc", "tc -s qdisc", "tc class show dev v0", "tc filter show dev v0",
	} {
		w := strings.Fields(listing)
		j := gip(t, append([]string{"-n", ns, "-j"}, w...)...)
		var records []map[string]any
		if err := json.Unmarshal([]byte(j.Stdout), &records); err != nil || j.code != 0 {
			t.Errorf("gip -j %s: exit %d, %v\n%s%s", listing, j.code, err, j.Stdout, j.Stderr)
			continue
		}
		if len(records) == 0 {
			t.Errorf("gip -j %s lists nothing: the test's namespace should hold something to list", listing)
			continue
		}
		got := gip(t, append([]string{"-n", ns, "-table"}, w...)...)
		lines := strings.Split(strings.TrimSuffix(got.Stdout, "\n"), "\n")
		rules := 0
		for _, l := range lines {
			if strings.HasPrefix(l, "+-") {
				rules++
			}
		}
		if got.code != 0 || rules != 3 || !strings.HasPrefix(got.Stdout, "+-") {
			t.Errorf("gip -table %s: exit %d, not a table:\n%s%s", listing, got.code, got.Stdout, got.Stderr)
			continue
		}
		if ownTable[w[len(w)-1]] {
			continue
		}
		if len(lines) < len(records)+4 {
			t.Errorf("gip -table %s: not a row for each of %d records:\n%s", listing, len(records), got.Stdout)
		}
		for _, r := range records {
			for k, v := range r {
				for _, s := range scalars(v) {
					if !strings.Contains(got.Stdout, s) {
						t.Errorf("gip -table %s lacks %s's value %q:\n%s", listing, k, s, got.Stdout)
					}
				}
			}
		}
	}
}

// ownTable is the listings whose objects draw tables of their own choosing.
var ownTable = map[string]bool{"link": true, "addr": true}

// scalars are the texts of a top-level JSON value as a table cell holds
// them: a scalar, or the scalars of a list of scalars.
func scalars(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case bool, float64:
		b, _ := json.Marshal(v)
		return []string{string(b)}
	case []any:
		var out []string
		for _, x := range v {
			if _, ok := x.(map[string]any); !ok {
				out = append(out, scalars(x)...)
			}
		}
		return out
	}
	return nil
}

// TestTableColors checks -c with -table: interface names, addresses by
// family, link-layer addresses and the states UP and DOWN in the colours
// ip -c gives the same fields in text, the table otherwise the same as
// without -c; -c=never and -c=auto off a terminal or with NO_COLOR set on
// one draw no colour, -c=auto on a terminal does.
func TestTableColors(t *testing.T) {
	ns := testNS(t)
	for _, line := range []string{
		"link add v0 type veth peer name v1", "link add v2 type veth peer name v3", "link set v0 up", "link set v1 up",
		"addr add 10.0.0.1/24 dev v0", "addr add 2001:db8::1/64 dev v0 nodad",
		"route add 10.5.0.0/16 via 10.0.0.2", "route add 2001:db8:5::/48 via 2001:db8::2",
	} {
		must(t, "ip", append([]string{"-n", ns}, strings.Fields(line)...)...)
	}
	// The colours ip itself gives the fields (no COLORFGBG: the default
	// palette).
	t.Setenv("COLORFGBG", "")
	ref := tool(t, "ip", "-c=always", "-n", ns, "addr", "show", "dev", "v0").Stdout
	for _, want := range []string{format.ColorIfname + "v0", format.ColorInet + "10.0.0.1", format.ColorInet6 + "2001:db8::1",
		format.ColorUp + "UP", format.ColorMAC} {
		if !strings.Contains(ref, want) {
			t.Fatalf("ip -c addr does not colour as the test expects (%q):\n%q", want, ref)
		}
	}
	cell := func(color, s string) string { return color + s + "\x1b[0m" }
	for _, c := range []struct {
		listing string
		want    []string
	}{
		{"link", []string{cell(format.ColorIfname, "v0@v1"), cell(format.ColorUp, "UP"), cell(format.ColorDown, "DOWN")}},
		{"addr", []string{cell(format.ColorIfname, "v0"), cell(format.ColorInet, "10.0.0.1/24"), cell(format.ColorInet6, "2001:db8::1/64")}},
		{"route", []string{cell(format.ColorInet, "10.5.0.0/16"), cell(format.ColorInet, "10.0.0.2"), cell(format.ColorIfname, "v0")}},
		{"-6 route", []string{cell(format.ColorInet6, "2001:db8:5::/48"), cell(format.ColorInet6, "2001:db8::2")}},
		{"neigh", nil},
	} {
		w := strings.Fields(c.listing)
		plain := gip(t, append([]string{"-n", ns, "-table"}, w...)...)
		colored := gip(t, append([]string{"-n", ns, "-c", "-table"}, w...)...)
		if plain.code != 0 || colored.code != 0 || strings.Contains(plain.Stdout, "\x1b") {
			t.Fatalf("-table %s: %+v %+v", c.listing, plain, colored)
		}
		for _, want := range c.want {
			if !strings.Contains(colored.Stdout, want) {
				t.Errorf("gip -c -table %s lacks %q:\n%q", c.listing, want, colored.Stdout)
			}
		}
		if got := ansiColor.ReplaceAllString(colored.Stdout, ""); got != plain.Stdout {
			t.Errorf("gip -c -table %s, colours taken out, differs:\n%s\n%s", c.listing, plain.Stdout, got)
		}
		if r := gip(t, append([]string{"-n", ns, "-c=never", "-table"}, w...)...); r.Stdout != plain.Stdout {
			t.Errorf("gip -c=never -table %s = %q", c.listing, r.Stdout)
		}
		if r := gip(t, append([]string{"-n", ns, "-c=auto", "-table"}, w...)...); r.Stdout != plain.Stdout {
			t.Errorf("gip -c=auto -table %s, not on a terminal = %q", c.listing, r.Stdout)
		}
	}
	onTerminal := func() string {
		master, term := testenv.OpenPTY(t)
		screen := testenv.Screen(master, term)
		if code := Run([]string{"-n", ns, "-c=auto", "-table", "addr"}, strings.NewReader(""), term, io.Discard); code != 0 {
			t.Errorf("-c=auto on a terminal: exit %d", code)
		}
		return screen()
	}
	if got := onTerminal(); !strings.Contains(got, cell(format.ColorInet, "10.0.0.1/24")) {
		t.Errorf("gip -c=auto -table addr on a terminal: %q", got)
	}
	t.Setenv("NO_COLOR", "1")
	if got := onTerminal(); strings.Contains(got, "\x1b[") {
		t.Errorf("gip -c=auto -table addr on a terminal with NO_COLOR set: %q", got)
	}
}

// ansiColor matches a colour sequence.
var ansiColor = regexp.MustCompile("\x1b\\[[0-9;]*m")
