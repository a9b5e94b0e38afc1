package vrf

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// boundDevIf is the offset of bound_dev_if in struct bpf_sock.
const boundDevIf = 0

// bindProgram is ip's socket program: it sets every new socket's bound
// device to the VRF's index and lets the socket be made.
func bindProgram(index int32) asm.Instructions {
	return asm.Instructions{
		asm.Mov.Reg(asm.R6, asm.R1),
		asm.Mov.Imm(asm.R3, index),
		asm.Mov.Imm(asm.R2, boundDevIf),
		asm.StoreMem(asm.R1, boundDevIf, asm.R3, asm.Word),
		asm.Mov.Imm(asm.R0, 1),
		asm.Return(),
	}
}

// bindSockets loads the program for the VRF of index and attaches it to
// the cgroup dir as its socket-create hook (replacing the one there), as
// ip's vrf_configure_cgroup does, with ip's messages when the kernel
// refuses.
func bindSockets(dir string, index int32) error {
	cg, err := os.Open(dir)
	if err != nil {
		return fail.Localf("Failed to open cgroup path: '%s'", fail.Strerror(pathErr(err)))
	}
	defer cg.Close()
	prog, err := ebpf.NewProgramWithOptions(&ebpf.ProgramSpec{
		Type:         ebpf.CGroupSock,
		AttachType:   ebpf.AttachCGroupInetSockCreate,
		Instructions: bindProgram(index),
		License:      "GPL",
	}, ebpf.ProgramOptions{LogDisabled: true})
	if err != nil {
		msg := fmt.Sprintf("Failed to load BPF prog: '%s'\n", fail.Strerror(errnoOf(err)))
		if !errors.Is(err, unix.EPERM) {
			msg += "Kernel compiled with CGROUP_BPF enabled?"
		}
		return fail.Localf("%s", msg)
	}
	defer prog.Close()
	if err := attachProgram(cg, prog, ebpf.AttachCGroupInetSockCreate); err != nil {
		return fail.Localf("Failed to attach prog to cgroup: '%s'", fail.Strerror(err))
	}
	return nil
}

// progAttachAttr is union bpf_attr as BPF_PROG_ATTACH reads it, up to
// the fields an attachment without flags uses.
type progAttachAttr struct {
	targetFD    uint32
	attachBPFFD uint32
	attachType  uint32
	attachFlags uint32
}

// attachProgram attaches prog to the cgroup dir as its hook of type at
// (BPF_PROG_ATTACH without flags: it replaces the program there). It is
// the one bpf(2) command gip makes itself: cilium/ebpf's link package,
// which has it too, costs every start-up of gip its feature probes'
// initialisation.
func attachProgram(dir *os.File, prog *ebpf.Program, at ebpf.AttachType) error {
	attr := progAttachAttr{targetFD: uint32(dir.Fd()), attachBPFFD: uint32(prog.FD()), attachType: uint32(at)}
	_, _, errno := unix.Syscall(unix.SYS_BPF, unix.BPF_PROG_ATTACH, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
	runtime.KeepAlive(dir)
	runtime.KeepAlive(prog)
	if errno != 0 {
		return errno
	}
	return nil
}

// errnoOf is the errno under an error of cilium/ebpf (or err itself).
func errnoOf(err error) error {
	var errno unix.Errno
	if errors.As(err, &errno) {
		return errno
	}
	if errors.Is(err, ebpf.ErrNotSupported) {
		return unix.EOPNOTSUPP
	}
	return err
}

// pathErr is the errno of a failed file operation.
func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
