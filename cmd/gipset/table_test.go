package main

import (
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
)

// TestTableMatchesIpsetHeaders checks gipset -o table (and -table) against
// ipset -t list of sets of every type: a row per set with the name, type,
// family, entries, maxelem, timeout, size in memory and references ipset
// prints, and its other header words as options; -n gives the names.
func TestTableMatchesIpsetHeaders(t *testing.T) {
	t.Parallel()
	needIpset(t)
	ns := buildSets(t, "gipset")
	ref := ipsetIn(t, ns, "", "list", "-t")
	if ref.status != 0 {
		t.Fatalf("ipset list -t: exit %d: %s", ref.status, ref.stderr)
	}
	var rows, names [][]string
	for block := range strings.SplitSeq(strings.TrimSpace(ref.stdout), "\n\n") {
		fields := map[string]string{}
		for line := range strings.Lines(block) {
			k, v, _ := strings.Cut(strings.TrimRight(line, "\n"), ": ")
			fields[k] = v
		}
		row := []string{fields["Name"], fields["Type"], "", fields["Number of entries"], "", "", fields["Size in memory"], fields["References"], ""}
		words := strings.Fields(fields["Header"])
		for i := 0; i < len(words); i++ {
			if col := slices.Index([]string{"family", "maxelem", "timeout"}, words[i]); col >= 0 && i+1 < len(words) {
				row[[]int{2, 4, 5}[col]] = words[i+1]
				words = slices.Delete(words, i, i+2)
				i--
			}
		}
		row[8] = strings.Join(words, " ")
		rows, names = append(rows, row), append(names, []string{fields["Name"]})
	}
	if len(rows) < 10 {
		t.Fatalf("only %d sets listed:\n%s", len(rows), ref.stdout)
	}
	var want, wantNames strings.Builder
	format.WriteTable(&want, tableHeader, rows)
	format.WriteTable(&wantNames, tableHeader[:1], names)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", "table", "list"}, want.String()},
		{[]string{"-table", "list"}, want.String()},
		{[]string{"-table", "-n", "list"}, wantNames.String()},
	} {
		got := gipsetIn(ns, "", c.args...)
		if got.status != 0 || got.stderr != "" {
			t.Fatalf("gipset %q: exit %d: %s", c.args, got.status, got.stderr)
		}
		if got.stdout != c.want {
			t.Errorf("gipset %q differs:\n%s", c.args, lineDiff(c.want, got.stdout))
		}
	}
	if got := gipsetIn(ns, "", "-table", "list", "nosuch"); got.status == 0 || got.stdout != "" {
		t.Errorf("-table list nosuch: exit %d, stdout %q", got.status, got.stdout)
	}
}

// TestTableColors checks -c with -table: the family of each set in the
// colour of its addresses (as gip -c colours addresses), the table
// otherwise the same; -c=never, -c=auto off a terminal, and -c=auto on a
// terminal with NO_COLOR set draw no colour; -c=auto on a terminal does.
func TestTableColors(t *testing.T) {
	ns := nltest.NetNS(t)
	for _, line := range []string{"create four hash:ip family inet", "create six hash:net family inet6", "create ports bitmap:port range 1-100"} {
		if r := gipsetIn(ns, "", strings.Fields(line)...); r.status != 0 {
			t.Fatalf("%s: exit %d: %s", line, r.status, r.stderr)
		}
	}
	plain := gipsetIn(ns, "", "-table", "list")
	colored := gipsetIn(ns, "", "-c", "-table", "list")
	if plain.status != 0 || colored.status != 0 || strings.Contains(plain.stdout, "\x1b") {
		t.Fatalf("list: %+v %+v", plain, colored)
	}
	for _, want := range []string{"| " + format.ColorInet + "inet\x1b[0m   |", "| " + format.ColorInet6 + "inet6\x1b[0m  |"} {
		if !strings.Contains(colored.stdout, want) {
			t.Errorf("-c -table list lacks %q:\n%q", want, colored.stdout)
		}
	}
	if got := ansi.ReplaceAllString(colored.stdout, ""); got != plain.stdout {
		t.Errorf("-c -table list, colours taken out, differs:\n%s", lineDiff(plain.stdout, got))
	}
	for _, opt := range []string{"-color=never", "-color=auto"} {
		if r := gipsetIn(ns, "", opt, "-table", "list"); r.stdout != plain.stdout {
			t.Errorf("%s -table list (piped) = %q", opt, r.stdout)
		}
	}
	onTerminal := func() string {
		master, term := testenv.OpenPTY(t)
		screen := testenv.Screen(master, term)
		if status := run([]string{"-netns", ns, "-color=auto", "-table", "list"}, strings.NewReader(""), term, io.Discard); status != 0 {
			t.Errorf("-color=auto on a terminal: exit %d", status)
		}
		return screen()
	}
	if got := onTerminal(); !strings.Contains(got, format.ColorInet6+"inet6") {
		t.Errorf("-color=auto on a terminal: %q", got)
	}
	t.Setenv("NO_COLOR", "1")
	if got := onTerminal(); strings.Contains(got, "\x1b[") {
		t.Errorf("-color=auto on a terminal with NO_COLOR set: %q", got)
	}
}

// ansi matches a colour sequence.
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")
