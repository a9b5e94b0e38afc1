package app

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/testenv"
)

// TestReadmeTour runs the gip transcripts of the README's tour, each in a
// fresh namespace, and holds gip to the output they show.
func TestReadmeTour(t *testing.T) {
	const readme = "../../../../README.md"
	tours, err := testenv.Transcripts(readme, "gip")
	if err != nil {
		t.Fatal(err)
	}
	if len(tours) == 0 {
		t.Fatal("the README has no gip transcript")
	}
	for _, tr := range tours {
		ns := nltest.NetNS(t)
		tr.Check(t, readme, ns, func(args []string) string {
			var out strings.Builder
			Run(args, strings.NewReader(""), &out, &out)
			return out.String()
		}, nil)
	}
}
