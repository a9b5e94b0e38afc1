package filter

import (
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// parseSelector reads "u32|u16|u8|ip|ip6|udp|tcp|icmp|mark|ether ...".
func parseSelector(p *Parser, s *rtnl.U32Sel, o *rtnl.U32Filter) error {
	w := p.Next()
	if !p.More() {
		return fail.Incomplete()
	}
	switch {
	case grammar.Matches(w, "u32"):
		return parseUint(p, s, 32, 0, 0)
	case grammar.Matches(w, "u16"):
		return parseUint(p, s, 16, 0, 0)
	case grammar.Matches(w, "u8"):
		return parseUint(p, s, 8, 0, 0)
	case grammar.Matches(w, "ip"):
		return parseIPField(p, s)
	case grammar.Matches(w, "ip6"):
		return parseIP6Field(p, s)
	case grammar.Matches(w, "udp"), grammar.Matches(w, "tcp"):
		return parsePorts(p, s)
	case grammar.Matches(w, "icmp"):
		return parseICMP(p, s)
	case grammar.Matches(w, "mark"):
		return parseMark(p, o)
	case grammar.Matches(w, "ether"):
		return parseEther(p, s)
	}
	return errSelector
}

// parseUint reads "VALUE MASK [at [nexthdr+]OFF]" and packs a key of the
// given width at off.
func parseUint(p *Parser, s *rtnl.U32Sel, width int, off, offmask int32) error {
	if p.Left() < 2 {
		return errSelector
	}
	key, ok := grammar.ParseCUint(p.Next(), 32)
	if !ok {
		return errSelector
	}
	mask, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(p.Next(), "0x"), "0X"), 16, 32)
	if err != nil {
		return errSelector
	}
	if err := parseAt(p, &off, &offmask); err != nil {
		return err
	}
	return packKeyWidth(s, uint32(key), uint32(mask), width, off, offmask)
}

// parseAt reads an optional "at [nexthdr+]OFF".
func parseAt(p *Parser, off, offmask *int32) error {
	if !p.More() || p.Peek() != "at" {
		return nil
	}
	p.Next()
	if !p.More() {
		return fail.Incomplete()
	}
	w := p.Next()
	switch {
	case len(w) > len("nexthdr+") && strings.HasPrefix(w, "nexthdr+"):
		*offmask, w = -1, w[len("nexthdr+"):]
	case grammar.Matches(w, "nexthdr+"):
		if !p.More() {
			return fail.Incomplete()
		}
		*offmask, w = -1, p.Next()
	}
	v, err := strconv.ParseInt(w, 0, 32)
	if err != nil {
		return errSelector
	}
	*off = int32(v)
	return nil
}

// packKeyWidth packs a key of width bits at off (a 16- or 8-bit key is
// moved into its 32-bit word).
func packKeyWidth(s *rtnl.U32Sel, key, mask uint32, width int, off, offmask int32) error {
	switch width {
	case 16:
		if key > 0xFFFF || mask > 0xFFFF {
			return errSelector
		}
		if off&3 == 0 {
			key, mask = key<<16, mask<<16
		}
		off &^= 3
	case 8:
		if key > 0xFF || mask > 0xFF {
			return errSelector
		}
		shift := 24 - 8*uint(off&3)
		key, mask = key<<shift, mask<<shift
		off &^= 3
	}
	return packKey(s, key, mask, off, offmask)
}

// packKey adds key/mask (host order) at off to the selector, merging it
// into a key at the same offset as tc does.
func packKey(s *rtnl.U32Sel, key, mask uint32, off, offmask int32) error {
	key &= mask
	for i := range s.Keys {
		k := &s.Keys[i]
		if k.Off == off && k.OffMask == offmask {
			if (key^k.Val)&(mask&k.Mask) != 0 {
				return errSelector
			}
			k.Val |= key
			k.Mask |= mask
			return nil
		}
	}
	if len(s.Keys) >= rtnl.U32MaxKeys || off%4 != 0 {
		return errSelector
	}
	s.Keys = append(s.Keys, rtnl.U32Key{Mask: mask, Val: key, Off: off, OffMask: offmask})
	return nil
}

// parseIPAddr reads an IPv4 prefix and packs it at off.
func parseIPAddr(p *Parser, s *rtnl.U32Sel, off int32) error {
	a, plen, ok := prefixBytes(p.Next(), unix.AF_INET)
	if !ok {
		return errSelector
	}
	var offmask int32
	if err := parseAt(p, &off, &offmask); err != nil {
		return err
	}
	var mask uint32
	if plen > 0 {
		mask = 0xFFFFFFFF << (32 - plen)
	}
	return packKey(s, binary.BigEndian.Uint32(a[:4]), mask, off, offmask)
}

// prefixBytes reads a prefix of family as tc's get_prefix_1: its address
// bytes (zero for default, any and all) and length.
func prefixBytes(s string, family uint8) ([16]byte, int, bool) {
	var b [16]byte
	pfx, err := grammar.ParsePrefix(s, family)
	if err != nil {
		return b, 0, false
	}
	if pfx.Addr.IsValid() {
		if pfx.Addr.Is4() {
			a := pfx.Addr.As4()
			copy(b[:], a[:])
		} else {
			b = pfx.Addr.As16()
		}
	}
	return b, pfx.Bits, true
}

// parseIPField reads the word after "match ip".
func parseIPField(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	w := p.Next()
	switch {
	case w == "src":
		return parseIPAddr(p, s, 12)
	case w == "dst":
		return parseIPAddr(p, s, 16)
	case w == "tos" || grammar.Matches(w, "dsfield") || grammar.Matches(w, "precedence"):
		return parseUint(p, s, 8, 1, 0)
	case w == "ihl":
		return parseUint(p, s, 8, 0, 0)
	case w == "protocol":
		return parseUint(p, s, 8, 9, 0)
	case w == "nofrag":
		return packKeyWidth(s, 0, 0x3FFF, 16, 6, 0)
	case w == "firstfrag":
		return packKeyWidth(s, 0x2000, 0x3FFF, 16, 6, 0)
	case w == "df":
		return packKeyWidth(s, 0x4000, 0x4000, 16, 6, 0)
	case w == "mf":
		return packKeyWidth(s, 0x2000, 0x2000, 16, 6, 0)
	case w == "dport":
		return parseUint(p, s, 16, 22, 0)
	case w == "sport":
		return parseUint(p, s, 16, 20, 0)
	case w == "icmp_type":
		return parseUint(p, s, 8, 20, 0)
	case w == "icmp_code":
		return parseUint(p, s, 8, 21, 0)
	}
	return errSelector
}

// parseIP6Field reads the word after "match ip6".
func parseIP6Field(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	switch w := p.Next(); w {
	case "src", "dst":
		off := int32(8)
		if w == "dst" {
			off = 24
		}
		a, plen, ok := prefixBytes(p.Next(), unix.AF_INET6)
		if !ok {
			return errSelector
		}
		var offmask int32
		if err := parseAt(p, &off, &offmask); err != nil {
			return err
		}
		for i := 0; i < plen; i += 32 {
			mask := uint32(0xFFFFFFFF)
			if rest := plen - i; rest < 32 {
				mask <<= 32 - rest
			}
			if err := packKey(s, binary.BigEndian.Uint32(a[i/8:]), mask, off+int32(i/8), offmask); err != nil {
				return err
			}
		}
		return nil
	case "priority":
		if p.Left() < 2 {
			return errSelector
		}
		key, ok := grammar.ParseCUint(p.Next(), 32)
		mask, err := strconv.ParseUint(strings.TrimPrefix(p.Next(), "0x"), 16, 32)
		if !ok || err != nil || key > 0xFF || mask > 0xFF {
			return errSelector
		}
		return packKey(s, uint32(key)<<20, uint32(mask)<<20, 0, 0)
	case "protocol":
		return parseUint(p, s, 8, 6, 0)
	case "flowlabel":
		return parseUint(p, s, 32, 0, 0)
	case "dport":
		return parseUint(p, s, 16, 42, 0)
	case "sport":
		return parseUint(p, s, 16, 40, 0)
	case "icmp_type":
		return parseUint(p, s, 8, 40, 0)
	case "icmp_code":
		return parseUint(p, s, 8, 41, 1)
	}
	return errSelector
}

// parsePorts reads "src|dst PORT MASK" of tcp or udp, relative to the next
// header.
func parsePorts(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	switch p.Next() {
	case "src":
		return parseUint(p, s, 16, 0, -1)
	case "dst":
		return parseUint(p, s, 16, 2, -1)
	}
	return errSelector
}

// parseICMP reads "type|code VALUE MASK", relative to the next header.
func parseICMP(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	switch p.Next() {
	case "type":
		return parseUint(p, s, 8, 0, -1)
	case "code":
		return parseUint(p, s, 8, 1, -1)
	}
	return errSelector
}

// parseMark reads "mark VALUE MASK", a firewall mark the filter matches.
func parseMark(p *Parser, o *rtnl.U32Filter) error {
	if p.Left() < 2 {
		return errSelector
	}
	val, ok := grammar.ParseCUint(p.Next(), 32)
	if !ok {
		return selectorError(`Illegal "mark" value`)
	}
	mask, ok := grammar.ParseCUint(p.Next(), 32)
	if !ok {
		return selectorError(`Illegal "mark" mask`)
	}
	if !p.More() {
		return fail.Incomplete()
	}
	if val&mask != val {
		return selectorError(`Illegal "mark" (impossible combination)`)
	}
	o.Mark = rtnl.Some(rtnl.U32Mark{Val: uint32(val), Mask: uint32(mask)})
	return nil
}

// parseEther reads "src|dst MAC [at OFF]", before the network header.
func parseEther(p *Parser, s *rtnl.U32Sel) error {
	if p.Left() < 2 {
		return errSelector
	}
	off := int32(0)
	switch w := p.Next(); w {
	case "src":
		off = -8
	case "dst":
		off = -14
	default:
		return selectorError("Unknown match: ether " + w)
	}
	word := p.Next()
	var addr [6]byte
	parts := strings.Split(word, ":")
	if len(parts) != 6 {
		return selectorError("parse_ether_addr: improperly formed address '" + word + "'")
	}
	for i, x := range parts {
		v, err := strconv.ParseUint(x, 16, 8)
		if err != nil {
			return selectorError("parse_ether_addr: improperly formed address '" + word + "'")
		}
		addr[i] = byte(v)
	}
	var offmask int32
	if err := parseAt(p, &off, &offmask); err != nil {
		return err
	}
	for i, b := range addr {
		if err := packKeyWidth(s, uint32(b), 0xFF, 8, off+int32(i), offmask); err != nil {
			return err
		}
	}
	return nil
}

// parseOffset reads "offset [plus N] [at N] [mask M] [shift N] [eat]".
func parseOffset(p *Parser, s *rtnl.U32Sel) error {
	for p.More() {
		w := p.Peek()
		num := func() (int64, error) {
			p.Next()
			v, err := p.Value()
			if err != nil {
				return 0, err
			}
			n, perr := strconv.ParseInt(v, 0, 32)
			if perr != nil {
				return 0, errSelector
			}
			return n, nil
		}
		switch {
		case grammar.Matches(w, "plus"):
			n, err := num()
			if err != nil {
				return err
			}
			s.Off, s.Flags = uint16(n), s.Flags|rtnl.U32Offset
		case grammar.Matches(w, "at"):
			n, err := num()
			if err != nil {
				return err
			}
			s.Offoff = int16(n)
			if n%2 != 0 {
				return selectorError(`offset "at" must be even`)
			}
			s.Flags |= rtnl.U32VarOffset
		case grammar.Matches(w, "mask"):
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			m, perr := strconv.ParseUint(strings.TrimPrefix(v, "0x"), 16, 16)
			if perr != nil {
				return errSelector
			}
			s.Offmask, s.Flags = uint16(m), s.Flags|rtnl.U32VarOffset
		case grammar.Matches(w, "shift"):
			n, err := num()
			if err != nil {
				return err
			}
			s.Offshift, s.Flags = uint8(n), s.Flags|rtnl.U32VarOffset
		case grammar.Matches(w, "eat"):
			p.Next()
			s.Flags |= rtnl.U32Eat
		default:
			return nil
		}
	}
	return nil
}

// parseHashkey reads "hashkey [mask M] [at N]".
func parseHashkey(p *Parser, s *rtnl.U32Sel) error {
	for p.More() {
		switch w := p.Peek(); {
		case grammar.Matches(w, "mask"):
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			m, perr := strconv.ParseUint(strings.TrimPrefix(v, "0x"), 16, 32)
			if perr != nil {
				return errSelector
			}
			s.Hmask = uint32(m)
		case grammar.Matches(w, "at"):
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, perr := strconv.ParseInt(v, 0, 32)
			if perr != nil || n%4 != 0 {
				return errSelector
			}
			s.Hoff = int16(n)
		default:
			return nil
		}
	}
	return nil
}
