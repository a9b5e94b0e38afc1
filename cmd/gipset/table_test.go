package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/format"
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
