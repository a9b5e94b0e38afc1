package nft

import (
	"strings"

	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

// natTarget reads ADDR, ADDR:PORT, :PORT, [ADDR6]:PORT and ranges of each.
func (c *compiler) natTarget(fam string, t token) (addrLo, addrHi, portLo, portHi []byte, err error) {
	s := t.s
	at := tIPv4
	if fam == "ip6" {
		at = tIPv6
	}
	var addrPart, portPart string
	switch {
	case strings.HasPrefix(s, ":"):
		portPart = s[1:]
	case strings.HasPrefix(s, "["):
		end := strings.LastIndex(s, "]")
		if end < 0 {
			return nil, nil, nil, nil, c.p.errAt(t, "syntax error, unexpected string")
		}
		addrPart = strings.ReplaceAll(strings.ReplaceAll(s[:end+1], "[", ""), "]", "")
		if rest := s[end+1:]; strings.HasPrefix(rest, ":") {
			portPart = rest[1:]
		}
	case at == tIPv4 && strings.Contains(s, ":"):
		addrPart, portPart, _ = strings.Cut(s, ":")
	default:
		addrPart = s
	}
	parseRange := func(t *dtype, v string) ([]byte, []byte, error) {
		a, b, isRange := strings.Cut(v, "-")
		lo, err := parseValue(t, a)
		if err != nil || !isRange {
			return lo, nil, err
		}
		hi, err := parseValue(t, b)
		return lo, hi, err
	}
	if addrPart != "" {
		if addrLo, addrHi, err = parseRange(at, addrPart); err != nil {
			return nil, nil, nil, nil, c.p.errAt(t, err.Error())
		}
	}
	if portPart != "" {
		if c.l4 == "" {
			return nil, nil, nil, nil, c.p.errAt(t, "transport protocol mapping is only valid after transport protocol match")
		}
		if portLo, portHi, err = parseRange(tService, portPart); err != nil {
			return nil, nil, nil, nil, c.p.errAt(t, err.Error())
		}
	}
	return addrLo, addrHi, portLo, portHi, nil
}

func (c *compiler) nat(kind token) error {
	p := c.p
	x := &nftables.NAT{Type: nftables.NATSnat}
	if kind.s == "dnat" {
		x.Type = nftables.NATDnat
	}
	fam := "ip"
	switch c.family {
	case nftables.FamilyIP6:
		fam = "ip6"
	case nftables.FamilyINet:
		fam = c.netProto
	}
	if p.peekIs("ip") || p.peekIs("ip6") {
		fam = p.next().s
	}
	if fam == "" {
		return p.errAt(kind, "specify `"+kind.s+" ip' or '"+kind.s+" ip6' in inet table to disambiguate")
	}
	x.Family = unix.NFPROTO_IPV4
	if fam == "ip6" {
		x.Family = unix.NFPROTO_IPV6
	}
	if err := p.expect("to"); err != nil {
		return err
	}
	t, err := p.word()
	if err != nil {
		return err
	}
	alo, ahi, plo, phi, err := c.natTarget(fam, t)
	if err != nil {
		return err
	}
	if alo != nil {
		c.emit(&nftables.Immediate{DReg: nftables.Reg1, Data: nftables.Data{Value: alo}})
		x.RegAddrMin, x.RegAddrMax = nftables.Reg1, nftables.Reg1
		x.Flags |= natMapIPs
		if ahi != nil {
			c.emit(&nftables.Immediate{DReg: reg2, Data: nftables.Data{Value: ahi}})
			x.RegAddrMax = reg2
		}
	}
	if plo != nil {
		r := uint32(reg2)
		if ahi != nil {
			r = 3
		}
		c.emit(&nftables.Immediate{DReg: r, Data: nftables.Data{Value: plo}})
		x.RegProtoMin, x.RegProtoMax = r, r
		x.Flags |= natProtoSpec
		if phi != nil {
			c.emit(&nftables.Immediate{DReg: r + 1, Data: nftables.Data{Value: phi}})
			x.RegProtoMax = r + 1
		}
	}
	x.Flags |= c.natFlags()
	c.emit(x)
	c.verdict = true
	return nil
}

func (c *compiler) natFlags() uint32 {
	var f uint32
	if c.p.done() {
		return 0
	}
	for _, w := range strings.Split(c.p.peek(), ",") {
		switch w {
		case "random":
			f |= natRandom
		case "fully-random":
			f |= natFullyRandom
		case "persistent":
			f |= natPersistent
		default:
			return 0
		}
	}
	c.p.next()
	return f
}

func (c *compiler) portNAT(kind token) error {
	p := c.p
	var flags, lo, hi uint32
	if p.accept("to") {
		t, err := p.word()
		if err != nil {
			return err
		}
		if !strings.HasPrefix(t.s, ":") {
			return p.errAt(t, "syntax error, unexpected string")
		}
		_, _, plo, phi, err := c.natTarget("ip", t)
		if err != nil {
			return err
		}
		c.emit(&nftables.Immediate{DReg: nftables.Reg1, Data: nftables.Data{Value: plo}})
		lo, hi = nftables.Reg1, nftables.Reg1
		flags |= natProtoSpec
		if phi != nil {
			c.emit(&nftables.Immediate{DReg: reg2, Data: nftables.Data{Value: phi}})
			hi = reg2
		}
	}
	flags |= c.natFlags()
	if kind.s == "masquerade" {
		c.emit(&nftables.Masq{Flags: flags, RegProtoMin: lo, RegProtoMax: hi})
	} else {
		c.emit(&nftables.Redir{Flags: flags, RegProtoMin: lo, RegProtoMax: hi})
	}
	c.verdict = true
	return nil
}
