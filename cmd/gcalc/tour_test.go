package main

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestReadmeTour runs the gcalc transcripts of the README's tour and holds
// gcalc to the output they show.
func TestReadmeTour(t *testing.T) {
	const readme = "../../README.md"
	tours, err := testenv.Transcripts(readme, "gcalc")
	if err != nil {
		t.Fatal(err)
	}
	if len(tours) == 0 {
		t.Fatal("the README has no gcalc transcript")
	}
	for _, tr := range tours {
		tr.Check(t, readme, "", func(args []string) string {
			var out strings.Builder
			run(args, strings.NewReader(""), &out, &out)
			return out.String()
		}, nil)
	}
}
