package link

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// vxlan: a VXLAN tunnel endpoint.
func vxlanKind() Kind { return newKind("vxlan", vxlanUsage, parseVxlan, printVxlan) }

const vxlanUsage = "Usage: ... vxlan id VNI [ { group | remote } IP_ADDRESS ] [ local ADDR ] [ dev PHYS_DEV ] [ dstport PORT ] ..."

var vxlanDF = []string{"unset", "set", "inherit"}

// parseTTL reads a vxlan or geneve ttl: "inherit", "auto" (0) or a number.
func parseTTL(p *kindParser, ttl, inherit *rtnl.Opt[uint8]) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	switch v {
	case "inherit":
		*inherit = rtnl.Some(uint8(1))
	case "auto":
		*ttl = rtnl.Some(uint8(0))
	default:
		n, err := strconv.ParseUint(v, 0, 8)
		if err != nil {
			return fail.Invalid("invalid TTL", v)
		}
		*ttl = rtnl.Some(uint8(n))
	}
	return nil
}

// parseDF reads "unset", "set" or "inherit".
func parseDF(p *kindParser) (rtnl.Opt[uint8], error) {
	v, err := p.Value()
	if err != nil {
		return rtnl.Opt[uint8]{}, err
	}
	for i, s := range vxlanDF {
		if s == v {
			return rtnl.Some(uint8(i)), nil
		}
	}
	return rtnl.Opt[uint8]{}, fail.Invalid("DF must be 'unset', 'set' or 'inherit'", v)
}

// vni reads a 24-bit VXLAN or Geneve network identifier.
func vni(p *kindParser) (rtnl.Opt[uint32], error) {
	v, err := p.Value()
	if err != nil {
		return rtnl.Opt[uint32]{}, err
	}
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil || n >= 1<<24 {
		return rtnl.Opt[uint32]{}, fail.Invalid("invalid id", v)
	}
	return rtnl.Some(uint32(n)), nil
}

func vxlanOnOff(x *rtnl.Vxlan) map[string]*rtnl.Opt[uint8] {
	return map[string]*rtnl.Opt[uint8]{
		"learning": &x.Learning, "proxy": &x.Proxy, "rsc": &x.RSC, "l2miss": &x.L2Miss,
		"l3miss": &x.L3Miss, "udpcsum": &x.UDPCsum, "udp6zerocsumtx": &x.UDPZeroCsum6TX,
		"udp6zerocsumrx": &x.UDPZeroCsum6RX, "remcsumtx": &x.RemCsumTX, "remcsumrx": &x.RemCsumRX,
		"external": &x.CollectMetadata,
	}
}

func parseVxlan(p *kindParser, x *rtnl.Vxlan) error {
	onOffs := vxlanOnOff(x)
	for p.More() {
		w := p.Next()
		var err error
		switch w {
		case "id", "vni":
			x.ID, err = vni(p)
		case "group", "remote", "local":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			ip, err := ParseAddr(v, "address")
			if err != nil {
				return err
			}
			if w == "group" && !ip.IsMulticast() {
				return fail.Invalid("invalid group address", v)
			}
			if w == "remote" && ip.IsMulticast() {
				return fail.Invalid("invalid remote address", v)
			}
			if w == "local" {
				x.Local = rtnl.Some(ip)
			} else {
				x.Group = rtnl.Some(ip)
			}
		case "dev":
			err = p.linkName(func(i uint32) { x.Link = rtnl.Some(i) })
		case "ttl", "hoplimit":
			err = parseTTL(p, &x.TTL, &x.TTLInherit)
		case "tos", "dsfield":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			t := uint64(1)
			if v != "inherit" {
				// base 16, with or without 0x, as strtoul reads it
				if t, err = strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(v, "0x"), "0X"), 16, 8); err != nil {
					return fail.Invalid("bad TOS value", v)
				}
			}
			x.TOS = rtnl.Some(uint8(t))
		case "df":
			x.DF, err = parseDF(p)
		case "flowlabel", "label":
			var n uint64
			n, err = p.uintValue(20, "invalid flowlabel")
			x.Label = rtnl.Some(uint32(n))
		case "ageing", "maxaddress", "maxaddr":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			n := uint64(0)
			if !(w == "ageing" && v == "none") && v != "unlimited" {
				if n, err = strconv.ParseUint(v, 0, 32); err != nil {
					return fail.Invalid("ageing timer", v)
				}
			}
			if w == "ageing" {
				x.Ageing = rtnl.Some(uint32(n))
			} else {
				x.Limit = rtnl.Some(uint32(n))
			}
		case "dstport", "port":
			var n uint64
			n, err = p.uintValue(16, "dstport")
			x.Port = rtnl.Some(uint16(n))
		case "srcport":
			lo, err := p.Value()
			if err != nil {
				return err
			}
			hi, err := p.Value()
			if err != nil {
				return err
			}
			l, err1 := strconv.ParseUint(lo, 0, 16)
			h, err2 := strconv.ParseUint(hi, 0, 16)
			if err1 != nil {
				return fail.Invalid("min port", lo)
			}
			if err2 != nil {
				return fail.Invalid("max port", hi)
			}
			x.PortRange = rtnl.Some(rtnl.PortRange{Low: uint16(l), High: uint16(h)})
		case "gbp":
			x.GBP = true
		case "gpe":
			x.GPE = true
		default:
			name, on := w, true
			if s, ok := strings.CutPrefix(w, "no"); ok {
				name, on = s, false
			}
			if o, ok := onOffs[name]; ok {
				*o = rtnl.Some(b2u8(on))
				break
			}
			if grammar.Matches(w, "help") {
				return fail.Usagef("%s", vxlanUsage)
			}
			return p.unknown(w)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func printVxlan(f *format.Fields, x *rtnl.Vxlan, v *View) {
	printUint(f, "id", "id", x.ID)
	if ip, ok := x.Group.Get(); ok && !ip.IsUnspecified() {
		if ip.IsMulticast() {
			f.String("group", "group %s ", ip.String())
		} else {
			f.String("remote", "remote %s ", ip.String())
		}
	}
	if ip, ok := x.Local.Get(); ok && !ip.IsUnspecified() {
		f.String("local", "local %s ", ip.String())
	}
	if l, ok := x.Link.Get(); ok && l != 0 {
		f.String("link", "dev %s ", v.linkName(l))
	}
	if r, ok := x.PortRange.Get(); ok {
		f.Literal("srcport ")
		f.Open("port_range")
		f.Uint("low", "%d ", uint64(r.Low))
		f.Uint("high", "%d ", uint64(r.High))
		f.Close()
	}
	printUint(f, "port", "dstport", x.Port)
	if l, ok := x.Learning.Get(); ok {
		f.Bool("learning", "", l != 0)
		if l == 0 {
			f.Literal("nolearning ")
		}
	}
	flag := func(key string, o rtnl.Opt[uint8]) {
		if on, ok := o.Get(); ok && on != 0 {
			f.Bool(key, key+" ", true)
		}
	}
	flag("proxy", x.Proxy)
	flag("rsc", x.RSC)
	flag("l2miss", x.L2Miss)
	flag("l3miss", x.L3Miss)
	if tos, ok := x.TOS.Get(); ok && tos != 0 {
		if tos == 1 {
			f.String("tos", "tos %s ", "inherit")
		} else {
			f.String("tos", "tos %s ", cHex(uint64(tos)))
		}
	}
	if i, ok := x.TTLInherit.Get(); ok && i != 0 {
		f.String("ttl", "ttl %s ", "inherit")
	} else if ttl, ok := x.TTL.Get(); ok {
		if ttl == 0 {
			f.Uint("ttl", "ttl auto ", 0)
		} else {
			f.Uint("ttl", "ttl %d ", uint64(ttl))
		}
	}
	printDF(f, x.DF)
	printLabel(f, x.Label)
	if a, ok := x.Ageing.Get(); ok {
		if a == 0 {
			f.Uint("ageing", "ageing none ", 0)
		} else {
			f.Uint("ageing", "ageing %d ", uint64(a))
		}
	}
	if m, ok := x.Limit.Get(); ok && m != 0 {
		f.Uint("limit", "maxaddr %d ", uint64(m))
	}
	printCsum(f, "udp_csum", "udpcsum", x.UDPCsum)
	printCsum(f, "udp_zero_csum6_tx", "udp6zerocsumtx", x.UDPZeroCsum6TX)
	printCsum(f, "udp_zero_csum6_rx", "udp6zerocsumrx", x.UDPZeroCsum6RX)
	flag("remcsumtx", x.RemCsumTX)
	flag("remcsumrx", x.RemCsumRX)
	if x.GBP {
		f.Bool("gbp", "gbp ", true)
	}
	if x.GPE {
		f.Bool("gpe", "gpe ", true)
	}
	flag("external", x.CollectMetadata)
}

// printDF prints a vxlan or geneve DF setting; "unset" only in JSON.
func printDF(f *format.Fields, o rtnl.Opt[uint8]) {
	df, ok := o.Get()
	if !ok {
		return
	}
	s := strconv.Itoa(int(df))
	if int(df) < len(vxlanDF) {
		s = vxlanDF[df]
	}
	if df == 0 {
		f.String("df", "", s)
		return
	}
	f.String("df", "df %s ", s)
}

// printLabel prints a non-zero flow label.
func printLabel(f *format.Fields, o rtnl.Opt[uint32]) {
	if l, ok := o.Get(); ok && l != 0 {
		f.String("label", "flowlabel %s ", cHex(uint64(l)))
	}
}

// printCsum prints a checksum switch as "name" or "noname", a JSON boolean.
func printCsum(f *format.Fields, key, text string, o rtnl.Opt[uint8]) {
	if x, ok := o.Get(); ok {
		if x == 0 {
			text = "no" + text
		}
		f.Bool(key, "", x != 0)
		f.Literal(text + " ")
	}
}
