package netconf

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// runShow is show [ dev DEV ]. As ip, it reads only "dev" and skips any
// other word. With a family (-4, -6, -f) and a device it asks the kernel
// for that one entry and prints nothing when there is none; otherwise it
// dumps the family (every family without one) and keeps the device's
// entries.
func runShow(e *env.Env, args []string) error {
	var index int32
	a := grammar.NewArgs(args)
	for a.More() {
		if a.Next() != "dev" {
			continue
		}
		dev, err := a.Value()
		if err != nil {
			return err
		}
		i, err := e.Links().Index(dev)
		if err != nil || i <= 0 {
			return fail.Localf("Device %q does not exist.", dev)
		}
		index = i
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	family := e.G.Family
	p := e.Printer()
	links := e.Links()
	if index != 0 && family != unix.AF_UNSPEC {
		n, err := rtnl.NetconfGet(conn, family, index)
		if err != nil {
			// ip prints nothing for an entry the kernel does not have.
			return p.Close()
		}
		if err := p.Print(&view{n: n, links: links}); err != nil {
			return err
		}
		return p.Close()
	}
	// Entries are held until the dump ends, then their devices are
	// named from one dump of the links (not one request per device).
	var entries []*rtnl.Netconf
	dump := func(f uint8) error {
		for n, err := range rtnl.Netconfs(conn, f) {
			if err != nil {
				return err
			}
			if family != unix.AF_UNSPEC && n.Family != family {
				continue
			}
			if index != 0 && (n.Index == nil || *n.Index != index) {
				continue
			}
			entries = append(entries, n)
		}
		return nil
	}
	err = dump(family)
	if errors.Is(err, unix.EOPNOTSUPP) && family == unix.AF_UNSPEC {
		// A kernel without a dump of every family: ask IPv4, then IPv6.
		if err = dump(unix.AF_INET); err == nil {
			err = dump(unix.AF_INET6)
		}
	}
	if err != nil {
		return &fail.Error{Code: fail.ExitLocal, Msg: "RTNETLINK answers: " + fail.Strerror(err) + "\nDump terminated", Err: err}
	}
	if len(entries) > 1 {
		if err := links.Preload(); err != nil {
			return err
		}
	}
	for _, n := range entries {
		if err := p.Print(&view{n: n, links: links}); err != nil {
			return err
		}
	}
	return p.Close()
}
