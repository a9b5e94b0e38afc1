package action

import (
	"math/bits"
	"net/netip"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const natUsage = "Usage: ... nat NAT\n" +
	"NAT := DIRECTION OLD NEW\n" +
	"DIRECTION := { ingress | egress }\n" +
	"OLD := PREFIX\n" +
	"NEW := ADDRESS\n"

// natKind is nat: stateless translation of a prefix to an address.
func natKind() *Kind {
	k := &Kind{Name: "nat", Usage: natUsage}
	k.New, k.Parse, k.Print = typed(parseNat, printNat)
	return k
}

func parseNat(p *Parser, o *rtnl.Nat) error {
	usage := trimNL(natUsage)
	ok := false
	for p.More() {
		w := p.Peek()
		if !grammar.Matches(w, "nat") {
			if grammar.Matches(w, "help") {
				return fail.Fatal(fail.ExitUsage, usage)
			}
			break
		}
		if _, err := p.value(); err != nil {
			return err
		}
		if err := parseNatArgs(p, o); err != nil {
			return err
		}
		ok = true
	}
	if !ok {
		return p.Fail(usage)
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActOK)
	_, err := p.IndexTail(`Nat: Illegal "index"`, &o.Parms.Index)
	return err
}

// parseNatArgs reads DIRECTION OLD[/LEN] NEW, as tc's parse_nat_args.
func parseNatArgs(p *Parser, o *rtnl.Nat) error {
	// tc names the word after "nat" whichever word was wrong.
	first := p.Peek()
	bad := func() error { return p.Fail("Illegal nat construct ("+first+")", trimNL(natUsage)) }
	switch w := p.Peek(); {
	case grammar.Matches(w, "egress"):
		o.Flags |= rtnl.NatEgress
	case !grammar.Matches(w, "ingress"):
		return bad()
	}
	if _, err := p.value(); err != nil {
		return err
	}
	old, err := grammar.ParsePrefix(p.Peek(), unix.AF_INET)
	if err != nil {
		return bad()
	}
	o.OldAddr = addr4(old)
	// tc shifts ~0 by 32 - LEN, which x86 does modulo 32: /0 is /32.
	m := ^uint32(0) << (uint(32-old.Bits) % 32)
	o.Mask = [4]byte{byte(m >> 24), byte(m >> 16), byte(m >> 8), byte(m)}
	if _, err := p.value(); err != nil {
		return err
	}
	nw, err := grammar.ParsePrefix(p.Peek(), unix.AF_INET)
	if err != nil {
		return bad()
	}
	o.NewAddr = addr4(nw)
	p.Next()
	return nil
}

func addr4(p grammar.Prefix) [4]byte {
	if p.Addr.Is4() {
		return p.Addr.As4()
	}
	return [4]byte{}
}

func printNat(f *format.Fields, o *rtnl.Nat, v *View) {
	f.String("type", " %s ", "nat")
	// tc finds the prefix length from the first set bit of the mask as
	// the machine reads its four bytes (little-endian here).
	m := uint32(o.Mask[0]) | uint32(o.Mask[1])<<8 | uint32(o.Mask[2])<<16 | uint32(o.Mask[3])<<24
	n := 0
	if m != 0 {
		n = 33 - (bits.TrailingZeros32(m) + 1)
	}
	dir := "ingress"
	if o.Flags&rtnl.NatEgress != 0 {
		dir = "egress"
	}
	f.String("direction", "%s", dir)
	f.String("old_addr", " %s", netip.AddrFrom4(o.OldAddr).String()+"/"+strconv.Itoa(n))
	f.String("new_addr", " %s", netip.AddrFrom4(o.NewAddr).String())
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}
