package nexthop

import (
	"github.com/gip-suite/gip/internal/format"
	"golang.org/x/sys/unix"
)

// flagWords are the route and nexthop flag words, in print_rt_flags order.
var flagWords = []struct {
	bit  uint32
	word string
}{
	{unix.RTNH_F_DEAD, "dead"},
	{unix.RTNH_F_ONLINK, "onlink"},
	{unix.RTNH_F_PERVASIVE, "pervasive"},
	{unix.RTNH_F_OFFLOAD, "offload"},
	{unix.RTNH_F_TRAP, "trap"},
	{unix.RTM_F_NOTIFY, "notify"},
	{unix.RTNH_F_LINKDOWN, "linkdown"},
	{unix.RTNH_F_UNRESOLVED, "unresolved"},
	{unix.RTM_F_OFFLOAD, "rt_offload"},
	{unix.RTM_F_TRAP, "rt_trap"},
	{unix.RTM_F_OFFLOAD_FAILED, "rt_offload_failed"},
}

// FlagFields prints the flags of a route or nexthop: words in text,
// "flags": [ ... ] in JSON (always there, empty when none are set).
func FlagFields(f *format.Fields, flags uint32) {
	if flags == 0 && !f.JSON() {
		return
	}
	f.OpenArray("flags")
	for _, fw := range flagWords {
		if flags&fw.bit != 0 {
			f.Element("%s ", fw.word)
		}
	}
	f.CloseArray()
}
