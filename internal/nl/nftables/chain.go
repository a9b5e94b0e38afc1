package nftables

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Chain is a chain of a table. A base chain has a Hook and a Type; a
// regular chain (a jump target) has neither.
type Chain struct {
	Family Family
	Table  string
	Name   string
	Handle uint64
	Hook   *Hook
	Type   string  // filter, nat, route
	Policy *uint32 // VerdictAccept or VerdictDrop, base chains only
	Flags  uint32
	Use    uint32 // references to the chain (read only)
}

// Hook is where a base chain is attached and with what priority.
type Hook struct {
	Num      uint32
	Priority int32
	Devices  []string // netdev family: the devices, one or more
}

func (c *Chain) encode(e *nl.AttrEncoder) {
	e.String(unix.NFTA_CHAIN_TABLE, c.Table)
	if c.Name != "" {
		e.String(unix.NFTA_CHAIN_NAME, c.Name)
	}
	if c.Handle != 0 {
		e.Uint64(unix.NFTA_CHAIN_HANDLE, c.Handle)
	}
	if c.Hook != nil {
		e.Nest(unix.NFTA_CHAIN_HOOK)
		e.Uint32(unix.NFTA_HOOK_HOOKNUM, c.Hook.Num)
		e.Uint32(unix.NFTA_HOOK_PRIORITY, uint32(c.Hook.Priority))
		switch len(c.Hook.Devices) {
		case 0:
		case 1:
			e.String(unix.NFTA_HOOK_DEV, c.Hook.Devices[0])
		default:
			e.Nest(attrHookDevs)
			for _, dev := range c.Hook.Devices {
				e.String(attrDeviceName, dev)
			}
			e.Unnest()
		}
		e.Unnest()
	}
	if c.Policy != nil {
		e.Uint32(unix.NFTA_CHAIN_POLICY, *c.Policy)
	}
	if c.Type != "" {
		e.String(unix.NFTA_CHAIN_TYPE, c.Type)
	}
}

func decodeChain(f Family, b []byte) (Chain, error) {
	c := Chain{Family: f}
	d := newDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_CHAIN_TABLE:
			c.Table = d.String()
		case unix.NFTA_CHAIN_NAME:
			c.Name = d.String()
		case unix.NFTA_CHAIN_HANDLE:
			c.Handle = d.Uint64()
		case unix.NFTA_CHAIN_TYPE:
			c.Type = d.String()
		case unix.NFTA_CHAIN_POLICY:
			p := d.Uint32()
			c.Policy = &p
		case unix.NFTA_CHAIN_USE:
			c.Use = d.Uint32()
		case attrChainFlags:
			c.Flags = d.Uint32()
		case unix.NFTA_CHAIN_HOOK:
			h := &Hook{}
			d.Decode(func(n *nl.AttrDecoder) error {
				for n.Next() {
					switch n.Type() {
					case unix.NFTA_HOOK_HOOKNUM:
						h.Num = n.Uint32()
					case unix.NFTA_HOOK_PRIORITY:
						h.Priority = n.Int32()
					case unix.NFTA_HOOK_DEV:
						if len(h.Devices) == 0 {
							h.Devices = append(h.Devices, n.String())
						}
					case attrHookDevs:
						// The list repeats NFTA_HOOK_DEV when there is
						// one device: the list is the whole truth.
						h.Devices = h.Devices[:0]
						n.Decode(func(dn *nl.AttrDecoder) error {
							for dn.Next() {
								h.Devices = append(h.Devices, dn.String())
							}
							return nil
						})
					}
				}
				return nil
			})
			c.Hook = h
		}
	}
	return c, d.Err()
}
