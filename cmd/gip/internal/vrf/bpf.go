package vrf

import (
	"errors"
	"fmt"
	"os"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
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
	err = link.RawAttachProgram(link.RawAttachProgramOptions{
		Target:  int(cg.Fd()),
		Program: prog,
		Attach:  ebpf.AttachCGroupInetSockCreate,
	})
	if err != nil {
		return fail.Localf("Failed to attach prog to cgroup: '%s'", fail.Strerror(errnoOf(err)))
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
