package app

import (
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkShow runs a show command in-process against the namespace
// named by $GIP_BENCH_NS (bench/run.sh makes one with 2000 links); it is
// skipped without it.
func BenchmarkShow(b *testing.B) {
	ns := os.Getenv("GIP_BENCH_NS")
	if ns == "" {
		b.Skip("set GIP_BENCH_NS to a populated namespace")
	}
	for _, c := range []string{"-br link", "link show", "-j addr show"} {
		b.Run(c, func(b *testing.B) {
			args := append([]string{"-n", ns}, strings.Fields(c)...)
			for b.Loop() {
				if code := Run(args, nil, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
