package tuntap

import (
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"golang.org/x/sys/unix"
)

// view is one device as ip's tuntap show prints it.
type view struct {
	name         string
	flags        int64 // tun_flags
	owner, group int64 // -1: none
	details      bool  // -d: the attached processes
	procs        []process
}

// flagWords are the flags a device shows, in ip's order; pi and filter
// show where their bit (IFF_NO_PI, IFF_NOFILTER) is clear.
var flagWords = []struct {
	bit     int64
	name    string
	inverse bool
}{
	{unix.IFF_TUN, "tun", false},
	{unix.IFF_TAP, "tap", false},
	{unix.IFF_NO_PI, "pi", true},
	{unix.IFF_ONE_QUEUE, "one_queue", false},
	{unix.IFF_MULTI_QUEUE, "multi_queue", false},
	{unix.IFF_VNET_HDR, "vnet_hdr", false},
	{unix.IFF_PERSIST, "persist", false},
	{unix.IFF_NOFILTER, "filter", true},
}

func (v *view) Fields(f *format.Fields) {
	f.StringColor(format.ColorIfname, "ifname", "%s:", v.name)
	f.OpenArray("flags")
	rest := v.flags
	for _, w := range flagWords {
		if (v.flags&w.bit != 0) != w.inverse {
			f.Element(" %s", w.name)
		}
		rest &^= w.bit
	}
	if rest != 0 {
		f.Element(" %s", "0x"+strconv.FormatUint(uint64(rest), 16))
	}
	f.CloseArray()
	if v.owner != -1 {
		f.Int("user", " user %d", v.owner)
	}
	if v.group != -1 {
		f.Int("group", " group %d", v.group)
	}
	if v.details {
		f.Line()
		f.Literal("\tAttached to processes:")
		f.OpenArray("processes")
		for _, p := range v.procs {
			f.OpenElement()
			f.String("name", "%s", p.name)
			f.Int("pid", "(%d)", int64(p.pid))
			f.Close()
		}
		f.CloseArray()
	}
	f.Literal("\n")
}
