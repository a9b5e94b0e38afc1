package nft

import (
	"strconv"

	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

func (c *change) addChain(create bool) error {
	p := c.p
	ch := &nftables.Chain{Family: c.family()}
	table, err := p.name()
	if err != nil {
		return err
	}
	name, err := p.name()
	if err != nil {
		return err
	}
	ch.Table, ch.Name = table.s, name.s
	err = c.block(func(w token) error {
		switch w.s {
		case "type":
			typ, err := p.word()
			if err != nil {
				return err
			}
			ch.Type = typ.s
			if err := p.expect("hook"); err != nil {
				return err
			}
			ht, err := p.word()
			if err != nil {
				return err
			}
			num, ok := hookNumber(ch.Family, ht.s)
			if !ok {
				return p.errAt(ht, "unknown chain hook")
			}
			ch.Hook = &nftables.Hook{Num: num}
			if p.accept("device") {
				dev, err := p.word()
				if err != nil {
					return err
				}
				ch.Hook.Devices = []string{dev.s}
			}
			if err := p.expect("priority"); err != nil {
				return err
			}
			prio, err := c.priority(ch.Family, ht.s)
			if err != nil {
				return err
			}
			ch.Hook.Priority = prio
		case "policy":
			pt, err := p.word()
			if err != nil {
				return err
			}
			var v uint32
			switch pt.s {
			case "accept":
				v = uint32(nftables.VerdictAccept)
			case "drop":
				v = uint32(nftables.VerdictDrop)
			default:
				return p.errAt(pt, "syntax error, unexpected "+lexClass(pt)+", expecting accept or drop or '$'")
			}
			ch.Policy = &v
		default:
			return p.errAt(w, "syntax error, unexpected string")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if ch.Policy != nil && ch.Hook == nil {
		return p.errAt(name, "policy requires a base chain")
	}
	if ch.Family == nftables.FamilyNetdev && ch.Hook != nil && len(ch.Hook.Devices) == 0 {
		return p.errAt(name, "Missing `device' in this chain definition")
	}
	if err := c.needTable(ch.Family, table); err != nil {
		return err
	}
	c.tx.AddChain(ch, exclusive(create))
	c.noteAnchor(anchor{def: tokSpan(name), attrs: map[uint16]span{unix.NFTA_CHAIN_TABLE: tokSpan(table)}})
	return c.end()
}

// priority reads a number or a named priority with an optional offset.
func (c *change) priority(f nftables.Family, hook string) (int32, error) {
	t, err := c.p.word()
	if err != nil {
		return 0, err
	}
	if n, err := strconv.ParseInt(t.s, 10, 32); err == nil {
		return int32(n), nil
	}
	base, ok := prioNamed(f, hook, t.s)
	if !ok {
		return 0, c.p.errAt(t, "'"+t.s+"' is invalid priority in this context.")
	}
	if c.p.peekIs("+") || c.p.peekIs("-") {
		sign := c.p.next().s
		nt, err := c.p.word()
		if err != nil {
			return 0, err
		}
		n, perr := strconv.ParseInt(nt.s, 10, 32)
		if perr != nil {
			return 0, c.p.errAt(nt, "syntax error, unexpected string")
		}
		if sign == "-" {
			n = -n
		}
		base += int32(n)
	}
	return base, nil
}
