package app

import (
	"encoding/json"
	"errors"
	"net"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/internal/testenv"
)

// TestTCShowDeviceTCX attaches two programs to a device's tcx ingress hook
// and one to its egress (with cilium/ebpf, on the test's own thread in the
// namespace) and checks that gip tc show dev lists them, in order, in
// text and JSON. tcx came with Linux 6.6: older kernels skip.
func TestTCShowDeviceTCX(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("skipped: needs root")
	}
	ns := tcNS(t)
	var links []link.Link
	var ids []uint32
	t.Cleanup(func() {
		for _, l := range links {
			l.Close()
		}
	})
	err := inNetNS(ns, func() error {
		iface, err := net.InterfaceByName("v0")
		if err != nil {
			return err
		}
		for i, attach := range []ebpf.AttachType{ebpf.AttachTCXIngress, ebpf.AttachTCXIngress, ebpf.AttachTCXEgress} {
			prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
				Name: []string{"gip_tcx_a", "gip_tcx_b", "gip_tcx_c"}[i], Type: ebpf.SchedCLS, License: "GPL",
				Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, -1), asm.Return()}, // TCX_NEXT
			})
			if err != nil {
				return err
			}
			l, err := link.AttachTCX(link.TCXOptions{Interface: iface.Index, Program: prog, Attach: attach})
			info, ierr := prog.Info()
			prog.Close()
			if err != nil {
				return err
			}
			links = append(links, l)
			if id, ok := info.ID(); ierr == nil && ok {
				ids = append(ids, uint32(id))
			}
		}
		return nil
	})
	if errors.Is(err, unix.EINVAL) || errors.Is(err, ebpf.ErrNotSupported) {
		testenv.Missing(t, testenv.TCX, "%v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	r := gip(t, "tc", "-n", ns, "show", "dev", "v0")
	want := regexp.MustCompile(`(?s)tcx ingress\n id [0-9]+ name gip_tcx_a tag [0-9a-f]{16} (jited )?\n id [0-9]+ name gip_tcx_b .*\ntcx egress\n id [0-9]+ name gip_tcx_c `)
	if r.code != 0 || !want.MatchString(r.Stdout) {
		t.Errorf("gip tc show dev v0: exit %d %s\n%s", r.code, r.Stderr, r.Stdout)
	}
	r = gip(t, "tc", "-n", ns, "-j", "show", "dev", "v0")
	var doc struct {
		TCX []struct {
			Hook string
			Prog struct {
				ID   uint32
				Name string
			}
		}
	}
	if err := json.Unmarshal([]byte(r.Stdout), &doc); err != nil || len(doc.TCX) != 3 {
		t.Fatalf("gip tc -j show dev v0: %v\n%s", err, r.Stdout)
	}
	for i, p := range doc.TCX {
		hook := []string{"ingress", "ingress", "egress"}[i]
		if p.Hook != hook || !strings.HasPrefix(p.Prog.Name, "gip_tcx_") || len(ids) == 3 && p.Prog.ID != ids[i] {
			t.Errorf("tcx[%d] = %+v, want hook %s, program id %v", i, p, hook, ids)
		}
	}
}

// inNetNS runs fn on a thread of its own in the named namespace.
func inNetNS(ns string, fn func() error) error {
	c := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // the thread ends with the goroutine, never back in use
		target, err := os.Open("/run/netns/" + ns)
		if err != nil {
			c <- err
			return
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			c <- err
			return
		}
		c <- fn()
	}()
	return <-c
}
