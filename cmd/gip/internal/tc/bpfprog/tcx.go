package bpfprog

import (
	"errors"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The bpf(2) command and attach types of a tcx query (the kernel's
// BPF_PROG_QUERY, BPF_TCX_INGRESS and BPF_TCX_EGRESS; Linux 6.6 and later).
const (
	bpfProgQuery  = 16
	bpfTCXIngress = 46
	bpfTCXEgress  = 47
)

// progQueryAttr is union bpf_attr as BPF_PROG_QUERY reads and writes it.
type progQueryAttr struct {
	targetIfindex   uint32
	attachType      uint32
	queryFlags      uint32
	attachFlags     uint32
	progIDs         uint64 // a pointer to count uint32s
	count           uint32
	_               uint32
	progAttachFlags uint64
	linkIDs         uint64
	linkAttachFlags uint64
	revision        uint64
}

// ErrNoTCX says the kernel has no tcx hooks (before Linux 6.6).
var ErrNoTCX = errors.New("the kernel has no tcx")

// TCXPrograms lists the ids of the programs attached to the device's tcx
// ingress or egress hook, in the order they run.
func TCXPrograms(ifindex int32, egress bool) ([]uint32, error) {
	typ := uint32(bpfTCXIngress)
	if egress {
		typ = bpfTCXEgress
	}
	ids := make([]uint32, 16)
	for {
		attr := progQueryAttr{targetIfindex: uint32(ifindex), attachType: typ, count: uint32(len(ids))}
		attr.progIDs = uint64(uintptr(unsafe.Pointer(&ids[0])))
		_, _, errno := unix.Syscall(unix.SYS_BPF, bpfProgQuery, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
		runtime.KeepAlive(ids)
		switch errno {
		case 0:
			return ids[:min(int(attr.count), len(ids))], nil
		case unix.ENOSPC:
			ids = make([]uint32, max(int(attr.count), 2*len(ids)))
		case unix.EINVAL:
			return nil, ErrNoTCX
		default:
			return nil, errno
		}
	}
}
