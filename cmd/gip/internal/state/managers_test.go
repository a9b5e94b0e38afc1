package state

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestManagersRunning finds network managers by their processes' names
// in a made-up /proc.
func TestManagersRunning(t *testing.T) {
	proc := t.TempDir()
	for pid, comm := range map[string]string{"1": "systemd\n", "42": "NetworkManager\n", "43": "systemd-network\n", "44": "sshd\n", "self": "NetworkManager\n"} {
		if err := os.MkdirAll(filepath.Join(proc, pid), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(proc, pid, "comm"), []byte(comm), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := managersRunning(proc), []string{"NetworkManager", "systemd-networkd"}; !slices.Equal(got, want) {
		t.Errorf("managersRunning = %q, want %q", got, want)
	}
	if got := managersRunning(filepath.Join(proc, "none")); got != nil {
		t.Errorf("managersRunning of no /proc = %q", got)
	}
	if !sameFile("/proc/self/ns/net", "/proc/self/ns/net") || sameFile(proc, "/") {
		t.Errorf("sameFile")
	}
}
