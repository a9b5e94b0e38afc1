package tuntap

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// runShow lists the tun devices of the namespace (ip reads no
// arguments here and neither does gip): the links of kind tun from the
// kernel, each with its flags, owner and group from sysfs; with -d the
// processes attached to it.
func runShow(e *env.Env, _ []string) error {
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	var names []string
	for l, err := range rtnl.Links(conn, unix.AF_UNSPEC, rtnl.ExtFilterSkipStats) {
		if err != nil {
			return fail.DumpError(err, "Dump terminated")
		}
		if l.Kind != "tun" || l.Name == "" || (l.Type != unix.ARPHRD_NONE && l.Type != unix.ARPHRD_ETHER) {
			continue
		}
		names = append(names, l.Name)
	}
	var views []*view
	err = inSysfs(e.G.NetNS, func() error {
		for _, name := range names {
			flags, ok1 := readProp(name, "tun_flags")
			owner, ok2 := readProp(name, "owner")
			group, ok3 := readProp(name, "group")
			if !ok1 || !ok2 || !ok3 {
				continue // gone meanwhile
			}
			views = append(views, &view{name: name, flags: flags, owner: owner, group: group, details: e.G.Details > 0})
		}
		return nil
	})
	if err != nil {
		return err
	}
	p := e.Printer()
	for _, v := range views {
		if v.details {
			v.procs = queueHolders(v.name)
		}
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}
