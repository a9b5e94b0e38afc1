package maddress

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// saDataLen is the room for an address in struct sockaddr (sa_data).
const saDataLen = 14

// ifreqHw is struct ifreq with the hardware address member.
type ifreqHw struct {
	name   [unix.IFNAMSIZ]byte
	family uint16
	data   [saDataLen]byte
	_      [8]byte // the rest of the union
}

// runModify is add or del: ADDR dev DEV, sent as ioctl req
// (SIOCADDMULTI, SIOCDELMULTI) on a socket in the namespace of -n.
func runModify(e *env.Env, args []string, req uint) error {
	var ifr ifreqHw
	dev := ""
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if w == "dev" {
			v, err := a.Value()
			if err != nil {
				return err
			}
			if dev != "" {
				return fail.Duplicate("dev", v)
			}
			if !grammar.ValidIfName(v) {
				return fail.Invalid(`"dev" not a valid ifname`, v)
			}
			dev = v
			copy(ifr.name[:], v)
			continue
		}
		if grammar.Matches(w, "address") {
			v, err := a.Value()
			if err != nil {
				return err
			}
			w = v
		}
		if grammar.Matches(w, "help") {
			return fail.Usagef("%s", usageText())
		}
		if ifr.data[0] != 0 {
			return fail.Duplicate("address", w)
		}
		n, err := llAddr(ifr.data[:], w)
		if err != nil {
			return err
		}
		if n != 6 {
			return fail.Fatal(fail.ExitLocal, "Error: Invalid address length "+strconv.Itoa(n)+" - must be 6 bytes")
		}
	}
	if dev == "" {
		return fail.Usagef(`Not enough information: "dev" is required.`)
	}
	family := e.G.Family
	switch family {
	case unix.AF_INET, unix.AF_INET6, unix.AF_PACKET:
	default:
		family = unix.AF_INET
	}
	fd := -1
	err := nl.InNetNS(e.G.NetNS, func() error {
		var err error
		fd, err = unix.Socket(int(family), unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		return err
	})
	if err != nil {
		if _, ok := err.(unix.Errno); ok {
			return fail.Fatal(fail.ExitLocal, "Cannot create socket: "+fail.Strerror(err))
		}
		return err
	}
	defer unix.Close(fd)
	if _, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), uintptr(req), uintptr(unsafe.Pointer(&ifr))); errno != 0 {
		return fail.Fatal(fail.ExitLocal, "ioctl: "+fail.Strerror(errno))
	}
	return nil
}

// llAddr is ip's ll_addr_a2n: an address with a dot is an IPv4 address
// (4 bytes); else bytes in hex separated by colons, each read as scanf's
// %x reads (a prefix of the segment), into b. It returns how many bytes
// it read (one more than b holds when there are more segments than
// that), or ip's error.
func llAddr(b []byte, s string) (int, error) {
	if strings.Contains(s, ".") {
		a, ok := grammar.ParseIPv4(s)
		if !ok {
			return 0, fail.Fatal(fail.ExitLocal, `"`+s+`" is invalid lladdr.`)
		}
		v := a.As4()
		copy(b, v[:])
		return 4, nil
	}
	for i := range b {
		seg, rest, more := strings.Cut(s, ":")
		v, n, overflow := grammar.Strtoul(seg, 16)
		if n == 0 || overflow || v > 255 {
			return 0, fail.Fatal(fail.ExitLocal, `"`+seg+`" is invalid lladdr.`)
		}
		b[i] = byte(v)
		if !more {
			return i + 1, nil
		}
		s = rest
	}
	return len(b) + 1, nil
}
