package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
)

// TestReadmeTour runs the gipset transcripts of the README's tour in a
// fresh namespace and holds gipset to the output they show, but for the
// hash seed, the memory size and the set type's revision.
func TestReadmeTour(t *testing.T) {
	const readme = "../../README.md"
	tours, err := testenv.Transcripts(readme, "gipset")
	if err != nil {
		t.Fatal(err)
	}
	if len(tours) == 0 {
		t.Fatal("the README has no gipset transcript")
	}
	// The hash seed and memory size change from run to run, the type's
	// revision from kernel to kernel.
	volatile := regexp.MustCompile(`(initval"?:? ?"?)0x[0-9a-f]+|(Size in memory: |"memsize":|Revision: |"revision":)[0-9]+`)
	mask := func(s string) string { return volatile.ReplaceAllString(s, "$1$2…") }
	for _, tr := range tours {
		ns := nltest.NetNS(t)
		tr.Check(t, readme, ns, func(args []string) string {
			var out strings.Builder
			run(args, strings.NewReader(""), &out, &out)
			return out.String()
		}, mask)
	}
}
