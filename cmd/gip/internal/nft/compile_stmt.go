package nft

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

func (c *compiler) limit() error {
	p := c.p
	if err := p.expect("rate"); err != nil {
		return err
	}
	x := &nftables.Limit{Type: nftables.LimitPackets, Burst: 5}
	if p.accept("over") {
		x.Flags = nftables.LimitInvert
	}
	t, err := p.word()
	if err != nil {
		return err
	}
	rate, per, ok := strings.Cut(t.s, "/")
	if ok { // 5/second
		n, err := strconv.ParseUint(rate, 10, 64)
		u, known := unitSeconds[per]
		if err != nil || !known {
			return p.errAt(t, "syntax error, unexpected string")
		}
		x.Rate, x.Unit = n, u
	} else { // 10 mbytes/second
		n, err := strconv.ParseUint(t.s, 10, 64)
		ut, werr := p.word()
		if err != nil || werr != nil {
			return p.errAt(t, "syntax error, unexpected string")
		}
		bu, per, _ := strings.Cut(ut.s, "/")
		mult, ok1 := byteUnits[bu]
		u, ok2 := unitSeconds[per]
		if !ok1 || !ok2 {
			return p.errAt(ut, "Wrong rate format")
		}
		x.Type, x.Rate, x.Unit, x.Burst = nftables.LimitBytes, n*mult, u, 0
	}
	if p.accept("burst") {
		n, _, err := c.number(1<<32 - 1)
		if err != nil {
			return err
		}
		unit, err := p.word()
		if err != nil {
			return err
		}
		if x.Type == nftables.LimitPackets {
			if unit.s != "packets" {
				return p.errAt(unit, "syntax error, unexpected string")
			}
			x.Burst = uint32(n)
		} else {
			mult, ok := byteUnits[unit.s]
			if !ok {
				return p.errAt(unit, "syntax error, unexpected string")
			}
			x.Burst = uint32(n * mult)
		}
	}
	c.emit(x)
	return nil
}

func (c *compiler) log() error {
	p := c.p
	x := &nftables.Log{}
	for {
		switch {
		case p.accept("prefix"):
			t, err := p.word()
			if err != nil {
				return err
			}
			x.Prefix = &t.s
		case p.accept("level"):
			t, err := p.word()
			if err != nil {
				return err
			}
			found := false
			for i, l := range logLevels {
				if l == t.s {
					v := uint32(i)
					x.Level, found = &v, true
				}
			}
			if !found {
				return p.errAt(t, "invalid log level")
			}
		case p.accept("group"):
			n, _, err := c.number(65535)
			if err != nil {
				return err
			}
			g := uint16(n)
			x.Group = &g
		case p.accept("snaplen"):
			n, _, err := c.number(1<<32 - 1)
			if err != nil {
				return err
			}
			v := uint32(n)
			x.Snaplen = &v
		case p.accept("flags"):
			f, err := logFlags(p)
			if err != nil {
				return err
			}
			if x.Flags == nil {
				x.Flags = new(uint32)
			}
			*x.Flags |= f
		case p.accept("queue-threshold"):
			n, _, err := c.number(65535)
			if err != nil {
				return err
			}
			v := uint16(n)
			x.QThreshold = &v
		default:
			c.emit(x)
			return nil
		}
	}
}

func (c *compiler) quota() error {
	if c.p.accept("name") {
		return c.objref(nftables.ObjQuota)
	}
	x, err := c.quotaSpec()
	if err != nil {
		return err
	}
	c.emit(x)
	return nil
}

// quotaSpec reads a quota: [over] N UNIT [used N UNIT].
func (c *compiler) quotaSpec() (*nftables.Quota, error) {
	p := c.p
	x := &nftables.Quota{}
	if p.accept("over") {
		x.Flags = nftables.QuotaInvert
	}
	var err error
	if x.Bytes, err = c.byteAmount(); err != nil {
		return nil, err
	}
	if p.accept("used") {
		if x.Consumed, err = c.byteAmount(); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// byteAmount reads N UNIT: bytes, kbytes, mbytes or gbytes.
func (c *compiler) byteAmount() (uint64, error) {
	n, t, err := c.number(1<<63 - 1)
	if err != nil {
		return 0, err
	}
	ut, err := c.p.word()
	if err != nil {
		return 0, err
	}
	mult, ok := map[string]uint64{"bytes": 1, "kbytes": 1 << 10, "mbytes": 1 << 20, "gbytes": 1 << 30}[ut.s]
	if !ok {
		return 0, c.p.errAt(t, "Wrong rate format")
	}
	return n * mult, nil
}

// objref compiles the use of a named object: TYPE name NAME.
func (c *compiler) objref(typ uint32) error {
	t, err := c.p.word()
	if err != nil {
		return err
	}
	c.cur = tokSpan(t) // the kernel's refusal: no such object
	c.emit(&nftables.Objref{Type: typ, Name: t.s})
	return nil
}

func (c *compiler) reject() error {
	p := c.p
	x := &nftables.Reject{}
	switch c.family {
	case nftables.FamilyIP:
		x.Type, x.Code = nftables.RejectICMPUnreach, 3
	case nftables.FamilyIP6:
		x.Type, x.Code = nftables.RejectICMPUnreach, 4
	default:
		x.Type, x.Code = nftables.RejectICMPXUnreach, 1
		switch c.netProto {
		case "ip":
			x.Type, x.Code = nftables.RejectICMPUnreach, 3
		case "ip6":
			x.Type, x.Code = nftables.RejectICMPUnreach, 4
		}
	}
	if p.accept("with") {
		kt, err := p.word()
		if err != nil {
			return err
		}
		switch kt.s {
		case "tcp":
			if err := p.expect("reset"); err != nil {
				return err
			}
			if c.l4 != "tcp" {
				if c.l4 != "" {
					return p.errAt(kt, "conflicting protocols specified: "+c.l4+" vs. tcp")
				}
				c.prepend(&nftables.Meta{Key: unix.NFT_META_L4PROTO, DReg: nftables.Reg1},
					&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: []byte{unix.IPPROTO_TCP}})
				c.l4 = "tcp"
			}
			x.Type, x.Code = nftables.RejectTCPReset, 0
		case "icmp", "icmpv6", "icmpx":
			p.accept("type")
			ct, err := p.word()
			if err != nil {
				return err
			}
			codeType := map[string]*dtype{"icmp": tICMPCode, "icmpv6": tICMPv6Code, "icmpx": tICMPXCode}[kt.s]
			v, ok := codeType.symbol(ct.s)
			if !ok {
				return p.errAt(ct, "Could not parse "+codeType.name)
			}
			x.Code = uint8(v)
			x.Type = nftables.RejectICMPUnreach
			if kt.s == "icmpx" {
				x.Type = nftables.RejectICMPXUnreach
			} else if c.family == nftables.FamilyINet || c.family == nftables.FamilyBridge || c.family == nftables.FamilyNetdev {
				want := map[string]string{"icmp": "ip", "icmpv6": "ip6"}[kt.s]
				if c.netProto == "" {
					nfproto := byte(unix.NFPROTO_IPV4)
					if want == "ip6" {
						nfproto = unix.NFPROTO_IPV6
					}
					c.prepend(&nftables.Meta{Key: unix.NFT_META_NFPROTO, DReg: nftables.Reg1},
						&nftables.Cmp{SReg: nftables.Reg1, Op: nftables.CmpEq, Data: []byte{nfproto}})
					c.netProto = want
				}
			}
		default:
			return p.errAt(kt, "syntax error, unexpected string")
		}
	}
	c.emit(x)
	c.verdict = true
	return nil
}

// logFlags reads the words after "flags" of a log statement.
func logFlags(p *parser) (uint32, error) {
	t, err := p.word()
	if err != nil {
		return 0, err
	}
	switch t.s {
	case "all":
		return logAll, nil
	case "skuid":
		return logUID, nil
	case "ether":
		return logMAC, nil
	case "ip":
		if err := p.expect("options"); err != nil {
			return 0, err
		}
		return logIPOpt, nil
	case "tcp":
		w, err := p.word()
		if err != nil {
			return 0, err
		}
		var f uint32
		for _, o := range strings.Split(w.s, ",") {
			switch o {
			case "sequence":
				f |= logTCPSeq
			case "options":
				f |= logTCPOpt
			default:
				return 0, p.errAt(w, "syntax error, unexpected string")
			}
		}
		return f, nil
	}
	return 0, p.errAt(t, "syntax error, unexpected string")
}
