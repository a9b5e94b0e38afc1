package bpfprog

import (
	"encoding/hex"

	"github.com/cilium/ebpf"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// PrintProgInfo prints the program with the kernel's id as tc's
// bpf_dump_prog_info does (a "prog" object in JSON): id, then what the
// kernel tells of it by id (name, tag, jited; load time, creator and BTF
// with details). ok says the kernel told.
func PrintProgInfo(f *format.Fields, id uint32, details bool) (ok bool) {
	f.Open("prog")
	defer f.Close()
	f.Uint("id", "id %u ", uint64(id))
	p, err := ebpf.NewProgramFromID(ebpf.ProgramID(id))
	if err != nil {
		return false
	}
	defer p.Close()
	info, err := p.Info()
	if err != nil {
		return false
	}
	f.String("name", "name %s ", info.Name)
	f.String("tag", "tag %s ", info.Tag)
	jited := uint64(0)
	if n, err := info.JitedSize(); err == nil && n > 0 {
		jited = 1
	}
	f.Uint("jited", "", jited)
	if jited == 1 {
		f.Literal("jited ")
	}
	if details {
		if lt, ok := info.LoadTime(); ok {
			f.Uint("load_time", "load_time %u ", uint64(lt))
			uid, _ := info.CreatedByUID()
			f.Uint("created_by_uid", "created_by_uid %u ", uint64(uid))
		}
		if b, ok := info.BTFID(); ok {
			f.Uint("btf_id", "btf_id %u ", uint64(b))
		}
	}
	return true
}

// PrintTag prints a program's tag as tc does when the kernel cannot
// tell more of it.
func PrintTag(f *format.Fields, tag []byte) {
	f.String("tag", "tag %s ", hex.EncodeToString(tag))
}

// PrintOps prints classic bytecode as tc's bpf_print_ops does:
// bytecode 'N,c t f k,...' (a "bytecode" object in JSON).
func PrintOps(f *format.Fields, ops []rtnl.SockFilter) {
	if len(ops) == 0 {
		return
	}
	f.Open("bytecode")
	f.Uint("length", "bytecode '%u,", uint64(len(ops)))
	f.OpenArray("insns")
	for i, o := range ops {
		f.OpenElement()
		f.Uint("code", "%u ", uint64(o.Code))
		f.Uint("jt", "%u ", uint64(o.Jt))
		f.Uint("jf", "%u ", uint64(o.Jf))
		if i == len(ops)-1 {
			f.Uint("k", "%u'", uint64(o.K))
		} else {
			f.Uint("k", "%u,", uint64(o.K))
		}
		f.Close()
	}
	f.CloseArray()
	f.Close()
}
