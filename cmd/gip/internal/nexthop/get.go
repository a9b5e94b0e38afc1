package nexthop

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// runGet is nexthop get: one object, asked for by id and printed.
func runGet(e *env.Env, args []string) error {
	id, err := parseIDOnly(args, true)
	if err != nil {
		return err
	}
	return show(e, id)
}

// show prints the object id as the kernel returns it.
func show(e *env.Env, id uint32) error {
	get := rtnl.NexthopObject{ID: id}
	m, err := get.MessageAsIs(rtnl.NexthopGet)
	if err != nil {
		return err
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	replies, err := c.Execute(m)
	if err != nil {
		return err
	}
	if err := e.Links().Preload(); err != nil {
		return err
	}
	p := e.Printer()
	for _, r := range replies {
		if r.Header.Type != unix.RTM_NEWNEXTHOP {
			continue
		}
		obj, err := rtnl.DecodeNexthop(r)
		if err != nil {
			return err
		}
		p.Print(record{View{Env: e, Nexthop: &obj}})
	}
	return p.Close()
}
