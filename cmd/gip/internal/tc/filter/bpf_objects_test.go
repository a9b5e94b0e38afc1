package filter

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBPFObjectsMatchSources re-assembles each testdata/bpf/*.s with
// llvm-mc and checks the committed object is what it makes.
func TestBPFObjectsMatchSources(t *testing.T) {
	mc, err := exec.LookPath("llvm-mc")
	if err != nil {
		t.Skip("skipped: llvm-mc (llvm) is not installed; the committed testdata/bpf/*.o are used as they are")
	}
	srcs, _ := filepath.Glob("testdata/bpf/*.s")
	if len(srcs) == 0 {
		t.Fatal("no testdata/bpf/*.s")
	}
	dir := t.TempDir()
	for _, s := range srcs {
		obj := strings.TrimSuffix(s, ".s") + ".o"
		out := filepath.Join(dir, filepath.Base(obj))
		if b, err := exec.Command(mc, "-triple", "bpf", "-filetype=obj", "-o", out, s).CombinedOutput(); err != nil {
			t.Fatalf("llvm-mc %s: %v\n%s", s, err, b)
		}
		want, err := os.ReadFile(obj)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(out)
		if !bytes.Equal(want, got) {
			t.Errorf("%s is not what llvm-mc makes of %s: run llvm-mc -triple bpf -filetype=obj -o %s %s", obj, s, obj, s)
		}
	}
}
