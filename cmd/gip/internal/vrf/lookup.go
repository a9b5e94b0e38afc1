package vrf

import (
	"errors"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// mainTable is the table of the "default" VRF (RT_TABLE_MAIN).
const mainTable = unix.RT_TABLE_MAIN

// byName asks the kernel for the link called name; ok is false when
// there is none (missing says the kernel has no such device) or it is
// not a VRF. table is 0 when the VRF has none.
func byName(e *env.Env, name string) (index int32, table uint32, missing, ok bool, err error) {
	c, err := e.Conn()
	if err != nil {
		return 0, 0, false, false, err
	}
	l, err := rtnl.LinkByName(c, name)
	if err != nil {
		// ip takes any refusal for "no such VRF".
		return 0, 0, errors.Is(err, unix.ENODEV), false, nil
	}
	if l.Kind != "vrf" {
		return 0, 0, false, false, nil
	}
	return l.Index, tableOf(l), false, true, nil
}

// tableOf is a VRF's table (IFLA_VRF_TABLE), 0 without one.
func tableOf(l *rtnl.Link) uint32 {
	var v rtnl.Vrf
	if len(l.Data) == 0 || v.Decode(l.Data) != nil {
		return 0
	}
	t, _ := v.Table.Get()
	return t
}
