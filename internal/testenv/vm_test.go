package testenv

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests check the promises of the vm tier itself (scripts/vmtest):
// the modules the suite needs are loaded and a new namespace holds nothing
// but lo. They run only there.

func needVM(t *testing.T) {
	t.Helper()
	if !Strict() {
		t.Skip("skipped: checks the vm tier's own setup; runs under make vmtest")
	}
	NeedRoot(t)
}

// vmModules reads scripts/vm/modules: the module names, without options.
func vmModules(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "scripts", "vm", "modules"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if fields := strings.Fields(line); len(fields) > 0 {
			names = append(names, fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("scripts/vm/modules lists no module")
	}
	return names
}

func TestVMModulesLoaded(t *testing.T) {
	needVM(t)
	loaded := map[string]bool{}
	procModules, err := os.ReadFile("/proc/modules")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(procModules), "\n") {
		if name, _, ok := strings.Cut(line, " "); ok {
			loaded[name] = true
		}
	}
	uname, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := os.ReadFile(filepath.Join("/lib/modules", strings.TrimSpace(string(uname)), "modules.builtin"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(builtin), "\n") {
		loaded[strings.TrimSuffix(filepath.Base(line), ".ko")] = true
	}
	for _, m := range vmModules(t) {
		// /proc/modules spells every module with underscores.
		if !loaded[strings.ReplaceAll(m, "-", "_")] {
			t.Errorf("module %s from scripts/vm/modules is neither loaded nor built in", m)
		}
	}
}

func TestVMNewNamespaceHasOnlyLoopback(t *testing.T) {
	needVM(t)
	NeedTools(t, "ip")
	if b, err := os.ReadFile("/proc/sys/net/core/fb_tunnels_only_for_init_net"); err != nil || strings.TrimSpace(string(b)) != "2" {
		t.Errorf("net.core.fb_tunnels_only_for_init_net = %q (%v), want 2", b, err)
	}
	ns := fmt.Sprintf("gip-vmcheck-%d", os.Getpid())
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add %s: %v: %s", ns, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("ip", "netns", "del", ns).CombinedOutput(); err != nil {
			t.Errorf("ip netns del %s: %v: %s", ns, err, out)
		}
	})
	out, err := exec.Command("ip", "-n", ns, "-o", "link", "show").CombinedOutput()
	if err != nil {
		t.Fatalf("ip -n %s link show: %v: %s", ns, err, out)
	}
	var links []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		// "1: lo: <LOOPBACK> mtu ..."
		if f := strings.Fields(line); len(f) > 1 {
			links = append(links, strings.TrimSuffix(strings.SplitN(f[1], "@", 2)[0], ":"))
		}
	}
	if strings.Join(links, " ") != "lo" {
		t.Errorf("a new namespace has links %v, want only lo (fallback tunnels or default devices leaked in)", links)
	}
}
