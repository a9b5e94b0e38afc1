package filter

import (
	"encoding/hex"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func cU8(s string, base int) (uint8, bool) {
	v, ok := grammar.CUint(s, base, 0xff)
	return uint8(v), ok
}

func cU16(s string, base int) (uint16, bool) {
	v, ok := grammar.CUint(s, base, 0xffff)
	return uint16(v), ok
}

func cU32(s string, base int) (uint32, bool) {
	v, ok := grammar.CUint(s, base, 0xffffffff)
	return uint32(v), ok
}

// splitMask cuts s at its first slash.
func splitMask(s string) (val, mask string, hasMask bool) {
	return strings.Cut(s, "/")
}

// lladdr is iproute2's ll_addr_a2n for a 6-byte buffer: dotted IPv4 fills
// four bytes, else colon-separated hex bytes (sscanf %x each, extra
// bytes ignored). Bytes it does not fill are zero (tc leaves them
// uninitialised). A bad byte prints tc's complaint about it.
func lladdr(s string) ([6]byte, string, bool) {
	var a [6]byte
	if strings.Contains(s, ".") {
		ip, ok := grammar.ParseIPv4(s)
		if !ok {
			return a, `"` + s + `" is invalid lladdr.`, false
		}
		v := ip.As4()
		copy(a[:], v[:])
		return a, "", true
	}
	for i := 0; i < len(a); i++ {
		tok, rest, more := strings.Cut(s, ":")
		v, ok := scanHex(tok)
		if !ok || v < 0 || v > 255 {
			return a, `"` + tok + `" is invalid lladdr.`, false
		}
		a[i] = byte(v)
		if !more {
			break
		}
		s = rest
	}
	return a, "", true
}

// scanHex is sscanf's %x into an int: leading space, a sign, 0x, hex
// digits, anything after ignored.
func scanHex(s string) (int32, bool) {
	v, n, _ := grammar.Strtoul(s, 16)
	return int32(uint32(v)), n > 0
}

// parseEthAddr is flower_parse_eth_addr: ADDR, ADDR/MASK or ADDR/BITS.
func parseEthAddr(s string, p *rtnl.Masked[[6]byte]) (msg string, ok bool) {
	val, mask, hasMask := splitMask(s)
	a, msg, ok := lladdr(val)
	if !ok {
		return msg, false
	}
	m := [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	if hasMask {
		if b, ok := grammar.CUint(mask, 10, 0xffffffff); ok {
			// tc shifts a 64-bit value by 64-bits; x86 takes the count
			// modulo 64.
			v := uint64(0xffffffffffff) << ((64 - uint32(b)) & 63)
			for i := range m {
				m[i] = byte(v >> (56 - 8*i))
			}
		} else if m, msg, ok = lladdr(mask); !ok {
			return msg, false
		}
	}
	p.Key, p.Mask = rtnl.Some(a), rtnl.Some(m)
	return "", true
}

// masked8 is flower_parse_u8: VALUE[/MASK] in base 10, a name for the
// value if name knows one.
func masked8(s string, name func(string) (uint8, bool), valid func(uint8) bool, p *rtnl.Masked[uint8]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := uint8(0), false
	if name != nil {
		v, ok = name(val)
	}
	if !ok {
		if v, ok = cU8(val, 10); !ok {
			return false
		}
	}
	if valid != nil && !valid(v) {
		return false
	}
	m := uint8(0xff)
	if hasMask {
		if m, ok = cU8(mask, 10); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// tosTTL is flower_parse_ip_tos_ttl: the value in decimal or hex, the
// mask in hex.
func tosTTL(s string, p *rtnl.Masked[uint8]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := cU8(val, 10)
	if !ok {
		if v, ok = cU8(val, 16); !ok {
			return false
		}
	}
	m := uint8(0xff)
	if hasMask {
		if m, ok = cU8(mask, 16); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// masked16 is flower_parse_u16 (base 0).
func masked16(s string, p *rtnl.Masked[uint16]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := cU16(val, 0)
	if !ok {
		return false
	}
	m := uint16(0xffff)
	if hasMask {
		if m, ok = cU16(mask, 0); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// masked32 is flower_parse_u32 (base 0).
func masked32(s string, p *rtnl.Masked[uint32]) bool {
	val, mask, hasMask := splitMask(s)
	v, ok := cU32(val, 0)
	if !ok {
		return false
	}
	m := uint32(0xffffffff)
	if hasMask {
		if m, ok = cU32(mask, 0); !ok {
			return false
		}
	}
	p.Key, p.Mask = rtnl.Some(v), rtnl.Some(m)
	return true
}

// hexBytes is hex2mem of the first n bytes s spells.
func hexBytes(s string, n int) ([]byte, bool) {
	b, err := hex.DecodeString(s[:2*n])
	if err != nil {
		return nil, false
	}
	return b, true
}

// prefixKey is __flower_parse_ip_addr: a prefix of family (0: either)
// into the IPv4 or IPv6 key, its length as the mask.
func prefixKey(s string, family uint8, v4, v6 *rtnl.Masked[netip.Addr]) error {
	pfx, err := grammar.ParsePrefix(s, family)
	if err != nil {
		return err
	}
	a := pfx.Addr
	if !a.IsValid() {
		// default/any/all: tc sends an empty address, which the kernel
		// refuses; so does gip, as an unspecified one.
		if family == unix.AF_INET || family == 0 && pfx.Family == unix.AF_INET {
			a = netip.IPv4Unspecified()
		} else {
			a = netip.IPv6Unspecified()
		}
	}
	var full [16]byte
	for i := 0; i < pfx.Bits && i < a.BitLen(); i++ {
		full[i/8] |= 0x80 >> (i % 8)
	}
	if a.Is4() {
		v4.Key, v4.Mask = rtnl.Some(a), rtnl.Some(netip.AddrFrom4([4]byte(full[:4])))
	} else {
		v6.Key, v6.Mask = rtnl.Some(a), rtnl.Some(netip.AddrFrom16(full))
	}
	return nil
}

// encOptsWord reads a tunnel option keyword: its options and their mask.
func encOptsWord(name string, exact bool, parse func(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool)) flowerWord {
	return flowerWord{name: name, exact: exact, read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
		v, err := p.Value()
		if err != nil {
			return err
		}
		key, mask, msg, ok := parse(v)
		if !ok {
			if msg != "" {
				return p.Fail(msg, `Illegal "`+name+`"`)
			}
			return p.Fail(`Illegal "` + name + `"`)
		}
		o.EncOpts, o.EncOptsMask = key, mask
		return nil
	}}
}

// parseGeneveOpts is flower_parse_enc_opts_geneve: CLASS:TYPE:DATA[/MASK]
// options separated by commas; every key field must be given, a missing
// mask matches the whole option.
func parseGeneveOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	var keys, masks []string
	for _, tok := range strings.Split(s, ",") {
		k, m, hasMask := splitMask(tok)
		f := strings.Split(k, ":")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return nil, nil, "", false
		}
		if !hasMask {
			m = "ffff:ff:" + strings.Repeat("f", len(f[2]))
		}
		keys, masks = append(keys, k), append(masks, m)
	}
	key, mask = &rtnl.FlowerEncOpts{}, &rtnl.FlowerEncOpts{}
	for i, list := range [][]string{keys, masks} {
		dst := key
		if i == 1 {
			dst = mask
		}
		for _, opt := range list {
			var g rtnl.FlowerGeneveOpt
			for j, f := range strings.Split(opt, ":") {
				if j >= 3 {
					return nil, nil, `Unknown "geneve_opts" type`, false
				}
				if f == "" {
					continue
				}
				switch j {
				case 0:
					v, ok := cU16(f, 16)
					if !ok {
						return nil, nil, "", false
					}
					g.Class = rtnl.Some(v)
				case 1:
					v, ok := cU8(f, 16)
					if !ok {
						return nil, nil, "", false
					}
					g.Type = rtnl.Some(v)
				case 2:
					b, ok := hexBytes(f, len(f)/2)
					if !ok {
						return nil, nil, "", false
					}
					g.Data = append([]byte{}, b...)
				}
			}
			dst.Geneve = append(dst.Geneve, g)
		}
	}
	return key, mask, "", true
}

// parseVxlanOpts is flower_parse_enc_opts_vxlan: GBP[/MASK].
func parseVxlanOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	k, m, hasMask := splitMask(s)
	if !hasMask {
		m = "0xffffffff"
	}
	kv, ok := cU32(k, 0)
	if !ok {
		return nil, nil, "", false
	}
	mv, ok := cU32(m, 0)
	if !ok {
		return nil, nil, "", false
	}
	key = &rtnl.FlowerEncOpts{Vxlan: rtnl.Some(rtnl.FlowerVxlanOpt{GBP: rtnl.Some(kv)})}
	mask = &rtnl.FlowerEncOpts{Vxlan: rtnl.Some(rtnl.FlowerVxlanOpt{GBP: rtnl.Some(mv)})}
	return key, mask, "", true
}

// parseErspanOpts is flower_parse_enc_opts_erspan: VER:INDEX:DIR:HWID,
// then /MASK or a mask of the key's version and every other bit.
func parseErspanOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	k, m, hasMask := splitMask(s)
	if !hasMask {
		ver, _, found := strings.Cut(k, ":")
		if !found {
			return nil, nil, "", false // tc reads out of bounds here
		}
		m = ver + ":0xffffffff:0xff:0xff"
	}
	parse := func(s string) (*rtnl.FlowerEncOpts, string, bool) {
		var x rtnl.FlowerErspanOpt
		for i, f := range strings.Split(s, ":") {
			if i >= 4 {
				return nil, `Unknown "geneve_opts" type`, false
			}
			if f == "" {
				continue
			}
			if i == 1 {
				v, ok := cU32(f, 0)
				if !ok {
					return nil, "", false
				}
				x.Index = rtnl.Some(v)
				continue
			}
			v, ok := cU8(f, 0)
			if !ok {
				return nil, "", false
			}
			*[]*rtnl.Opt[uint8]{&x.Ver, nil, &x.Dir, &x.HWID}[i] = rtnl.Some(v)
		}
		return &rtnl.FlowerEncOpts{Erspan: rtnl.Some(x)}, "", true
	}
	if key, msg, ok = parse(k); !ok {
		return nil, nil, msg, false
	}
	if mask, msg, ok = parse(m); !ok {
		return nil, nil, msg, false
	}
	return key, mask, "", true
}

// parseGTPOpts is flower_parse_enc_opts_gtp: PDU_TYPE:QFI[/MASK], in hex.
func parseGTPOpts(s string) (key, mask *rtnl.FlowerEncOpts, msg string, ok bool) {
	k, m, hasMask := splitMask(s)
	if !hasMask {
		m = "ff:ff"
	}
	parse := func(s string) (*rtnl.FlowerEncOpts, bool) {
		f := strings.Split(s, ":")
		if len(f) < 2 {
			return nil, false // tc crashes here
		}
		var x rtnl.FlowerGTPOpt
		for i, dst := range []*rtnl.Opt[uint8]{&x.PDUType, &x.QFI} {
			if f[i] == "" {
				continue
			}
			v, ok := cU8(f[i], 16)
			if !ok {
				return nil, false
			}
			*dst = rtnl.Some(v)
		}
		return &rtnl.FlowerEncOpts{GTP: rtnl.Some(x)}, true
	}
	if key, ok = parse(k); !ok {
		return nil, nil, "", false
	}
	if mask, ok = parse(m); !ok {
		return nil, nil, "", false
	}
	return key, mask, "", true
}

// pppProto reads a PPP protocol as tc's ppp_proto_a2n: a name of its
// table in any case, or a number (C syntax).
func pppProto(s string) (uint16, bool) {
	for _, p := range pppProtos {
		if strings.EqualFold(p.name, s) {
			return p.id, true
		}
	}
	return cU16(s, 0)
}

// pppProtoText is tc's ppp_proto_n2a.
func pppProtoText(id uint16, numeric bool) string {
	if !numeric {
		for _, p := range pppProtos {
			if p.id == id {
				return p.name
			}
		}
	}
	return "[" + strconv.Itoa(int(id)) + "]"
}

// parsePort is flower_parse_port: PORT, MIN-MAX or PORT/MASK, for the ip
// protocol given before.
func parsePort(s string, proto uint8, src bool, o *rtnl.Flower) bool {
	var min, max uint16
	failed := false
	if l, r, isRange := strings.Cut(s, "-"); isRange {
		s = l // tc cuts the word at the dash
		var ok bool
		if min, ok = cU16(l, 10); !ok {
			min, failed = 0, true
		} else if max, ok = cU16(r, 10); !ok {
			failed = true
		}
	} else if v, ok := cU16(s, 10); ok {
		min = v
	} else {
		failed = true
	}
	hasSlash := failed && strings.Contains(s, "/")
	if failed && !hasSlash {
		return false
	}
	var single, mask *rtnl.Masked[uint16]
	switch proto {
	case unix.IPPROTO_TCP:
		single, mask = &o.TCPDst, &o.TCPDst
		if src {
			single, mask = &o.TCPSrc, &o.TCPSrc
		}
	case unix.IPPROTO_UDP:
		single, mask = &o.UDPDst, &o.UDPDst
		if src {
			single, mask = &o.UDPSrc, &o.UDPSrc
		}
	case unix.IPPROTO_SCTP:
		single, mask = &o.SCTPDst, &o.SCTPDst
		if src {
			single, mask = &o.SCTPSrc, &o.SCTPSrc
		}
	}
	switch {
	case min != 0 && max != 0:
		if max <= min {
			return false
		}
		if single == nil {
			return false
		}
		if src {
			o.PortSrcMin, o.PortSrcMax = rtnl.Some(min), rtnl.Some(max)
		} else {
			o.PortDstMin, o.PortDstMax = rtnl.Some(min), rtnl.Some(max)
		}
	case hasSlash || min != 0:
		if single == nil {
			return false
		}
		if !hasSlash {
			single.Key = rtnl.Some(min)
			return true
		}
		return masked16(s, mask)
	default:
		return false
	}
	return true
}

// portOrder reports whether a range l-r failed for its order: both ends
// numbers, not zero, the second not above the first.
func portOrder(l, r string) bool {
	min, ok1 := cU16(l, 10)
	max, ok2 := cU16(r, 10)
	return ok1 && ok2 && min != 0 && max != 0 && max <= min
}
