package link

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// vxlan: a VXLAN tunnel endpoint.
func vxlanKind() Kind { return newKind("vxlan", vxlanUsage, parseVxlan, printVxlan) }

const vxlanUsage = `Usage: ... vxlan id VNI
		[ { group | remote } IP_ADDRESS ]
		[ local ADDR ]
		[ ttl TTL ]
		[ tos TOS ]
		[ df DF ]
		[ flowlabel LABEL ]
		[ dev PHYS_DEV ]
		[ dstport PORT ]
		[ srcport MIN MAX ]
		[ [no]learning ]
		[ [no]proxy ]
		[ [no]rsc ]
		[ [no]l2miss ]
		[ [no]l3miss ]
		[ ageing SECONDS ]
		[ maxaddress NUMBER ]
		[ [no]udpcsum ]
		[ [no]udp6zerocsumtx ]
		[ [no]udp6zerocsumrx ]
		[ [no]remcsumtx ] [ [no]remcsumrx ]
		[ [no]external ] [ gbp ] [ gpe ]
		[ [no]vnifilter ]

Where:	VNI	:= 0-16777215
	ADDR	:= { IP_ADDRESS | any }
	TOS	:= { NUMBER | inherit }
	TTL	:= { 1..255 | auto | inherit }
	DF	:= { unset | set | inherit }
	LABEL := 0-1048575
`

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
		n, err := strconv.ParseUint(v, 0, 32)
		if err != nil {
			return fail.Invalid("invalid TTL", v)
		}
		if n > 255 {
			return fail.Invalid("TTL must be <= 255", v)
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

// vxlanWords are ip's vxlan words in the order it tries them: a word
// is the first it abbreviates ("d" is dev, "port" is srcport, "no" is
// nolearning, "h" is hoplimit); vnifilter and novnifilter are taken only
// whole.
var vxlanWords = []string{"id", "vni", "group", "remote", "local", "dev", "ttl", "hoplimit", "tos", "dsfield", "df",
	"label", "flowlabel", "ageing", "maxaddress", "port", "srcport", "dstport", "nolearning", "learning",
	"noproxy", "proxy", "norsc", "rsc", "nol2miss", "l2miss", "nol3miss", "l3miss", "udpcsum", "noudpcsum",
	"udp6zerocsumtx", "noudp6zerocsumtx", "udp6zerocsumrx", "noudp6zerocsumrx", "remcsumtx", "noremcsumtx",
	"remcsumrx", "noremcsumrx", "external", "noexternal", "gbp", "gpe"}

// optionsGiven holds the options a kind's words gave, by attribute.
type optionsGiven map[string]bool

// once records attr as given, or refuses it given twice as ip's duparg2
// does, naming key and arg (the option and its value, or a switch's word
// twice).
func (g optionsGiven) once(attr, key, arg string) error {
	if g[attr] {
		return fail.Garbage(key, arg)
	}
	g[attr] = true
	return nil
}

// valueOnce records key as given, looking at the value that follows it
// without taking it: ip reads the value first, and names it when it
// refuses a second one.
func (g optionsGiven) valueOnce(p *kindParser, key string) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	p.Back()
	return g.once(key, key, v)
}

// vxlanSynonyms are the words of an option another word names (in ip's
// messages too).
var vxlanSynonyms = map[string]string{"vni": "id", "hoplimit": "ttl", "dsfield": "tos", "label": "flowlabel", "port": "srcport"}

// vxlanOnOff are the switches a word or its "no" form sets.
func vxlanOnOff(x *rtnl.Vxlan) map[string]*rtnl.Opt[uint8] {
	return map[string]*rtnl.Opt[uint8]{
		"proxy": &x.Proxy, "rsc": &x.RSC, "l2miss": &x.L2Miss,
		"l3miss": &x.L3Miss, "udpcsum": &x.UDPCsum, "udp6zerocsumtx": &x.UDPZeroCsum6TX,
		"udp6zerocsumrx": &x.UDPZeroCsum6RX, "remcsumtx": &x.RemCsumTX, "remcsumrx": &x.RemCsumRX,
		"external": &x.CollectMetadata, "vnifilter": &x.VniFilter,
	}
}

// vxlanPortWarning is what ip says of a vxlan made without dstport.
const vxlanPortWarning = `vxlan: destination port not specified
Will use Linux kernel default (non-standard value)
Use 'dstport 4789' to get the IANA assigned value
Use 'dstport 0' to get default and quiet this message
`

// parseVxlan reads a vxlan's words as ip's vxlan_parse_opt does: each
// option at most once (ip's duparg2 message names the option and the
// value, or the word of a switch), then the checks of the whole: a vni
// unless external (and not with it), vnifilter only with external, dev
// with a group; learning on unless external (sent on every add), and
// without dstport ip's warning and the kernel's port (4790 for gpe).
func parseVxlan(p *kindParser, x *rtnl.Vxlan) error {
	onOffs := vxlanOnOff(x)
	seen := optionsGiven{}
	dup := seen.once
	learning, learningSet, dstportSet := uint8(1), false, false
	var dstport uint16
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, vxlanWords)
		switch {
		case ok:
		case w == "vnifilter" || w == "novnifilter":
			kw = w
		case grammar.Matches(w, "help"):
			return explained("", vxlanUsage)
		default:
			return explained(fmt.Sprintf("vxlan: unknown command %q?", w), vxlanUsage)
		}
		key := kw
		if k, ok := vxlanSynonyms[kw]; ok {
			key = k
		}
		switch kw {
		case "group", "remote", "local":
			if err := parseVxlanAddr(p, x, kw, dup); err != nil {
				return err
			}
			continue
		case "nolearning", "learning":
			if err := dup("learning", w, w); err != nil {
				return err
			}
			learning, learningSet = b2u8(kw == "learning"), true
			continue
		case "gbp", "gpe":
			if err := dup(kw, w, w); err != nil {
				return err
			}
			if kw == "gbp" {
				x.GBP = true
			} else {
				x.GPE = true
			}
			continue
		}
		name, negated := strings.CutPrefix(kw, "no")
		if onOffs[kw] != nil {
			name, negated = kw, false
		}
		if sw := onOffs[name]; sw != nil {
			if err := dup(name, w, w); err != nil {
				return err
			}
			*sw = rtnl.Some(b2u8(!negated))
			if name == "external" && !negated {
				learning = 0 // unless a learning word follows
			}
			continue
		}
		if err := seen.valueOnce(p, key); err != nil {
			return err
		}
		var err error
		switch key {
		case "id":
			x.ID, err = vni(p)
		case "dev":
			err = p.linkName(func(i uint32) { x.Link = rtnl.Some(i) })
		case "ttl":
			err = parseTTL(p, &x.TTL, &x.TTLInherit)
		case "tos":
			err = parseTOS(p, &x.TOS)
		case "df":
			x.DF, err = parseDF(p)
		case "flowlabel":
			var n uint64
			n, err = p.uintValue(20, "invalid flowlabel")
			x.Label = rtnl.Some(uint32(n))
		case "ageing", "maxaddress":
			x.Ageing, x.Limit, err = parseVxlanCount(p, key, x.Ageing, x.Limit)
		case "srcport":
			err = parseSourcePorts(p, x)
		case "dstport":
			var n uint64
			n, err = p.uintValue(16, "dst port")
			dstport, dstportSet = uint16(n), true
		}
		if err != nil {
			return err
		}
	}
	metadata := x.CollectMetadata.Set && x.CollectMetadata.V != 0
	switch {
	case !metadata && x.VniFilter.Set && x.VniFilter.V != 0:
		return fail.Localf("vxlan: vnifilter is valid only when 'external' is set")
	case metadata && x.ID.Set:
		return fail.Localf("vxlan: both 'external' and vni cannot be specified")
	case !metadata && !(x.VniFilter.Set && x.VniFilter.V != 0) && !x.ID.Set && !p.change:
		return fail.Localf("vxlan: missing virtual network identifier")
	}
	if g, ok := x.Group.Get(); ok && g.IsMulticast() && !seen["dev"] {
		return fail.Localf("vxlan: 'group' requires 'dev' to be specified")
	}
	switch {
	case !dstportSet && x.GPE:
		dstport = 4790
	case !dstportSet && !p.change:
		p.warn(vxlanPortWarning)
	}
	if !x.Local.Set && !x.Group.Set {
		switch p.family() {
		case unix.AF_INET:
			x.Group = rtnl.Some(netip.IPv4Unspecified())
		case unix.AF_INET6:
			x.Group = rtnl.Some(netip.IPv6Unspecified())
		}
	}
	if !p.change || learningSet {
		x.Learning = rtnl.Some(learning)
	}
	if dstport != 0 {
		x.Port = rtnl.Some(dstport)
	}
	return nil
}

// parseVxlanAddr reads the address of group, remote or local: group and
// remote are one attribute, which ip names by the word; an address of
// the family the other one has, as ip's get_addr takes it.
func parseVxlanAddr(p *kindParser, x *rtnl.Vxlan, kw string, dup func(attr, key, arg string) error) error {
	attr, dst, other := "group", &x.Group, x.Local
	if kw == "local" {
		attr, dst, other = "local", &x.Local, x.Group
	} else if g, ok := x.Group.Get(); ok && g.IsMulticast() != (kw == "group") {
		return fail.Localf("vxlan: both group and remote cannot be specified")
	}
	v, err := p.Value()
	if err != nil {
		return err
	}
	if err := dup(attr, kw, v); err != nil {
		return err
	}
	var family uint8
	if o, ok := other.Get(); ok {
		family = unix.AF_INET6
		if o.Is4() {
			family = unix.AF_INET
		}
	}
	a, err := grammar.ParseAddr(v, family)
	if err != nil {
		return err
	}
	ip := a.Addr
	if !ip.IsValid() || ip.IsMulticast() != (kw == "group") {
		return fail.Invalid("invalid "+kw+" address", v)
	}
	*dst = rtnl.Some(ip)
	return nil
}

// parseTOS reads a tos: "inherit" (1) or a number in hex, with or
// without 0x, as strtoul reads it in base 16.
func parseTOS(p *kindParser, tos *rtnl.Opt[uint8]) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	t := uint64(1)
	if v != "inherit" {
		if t, err = strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(v, "0x"), "0X"), 16, 8); err != nil {
			return fail.Invalid("bad TOS value", v)
		}
	}
	*tos = rtnl.Some(uint8(t))
	return nil
}

// parseVxlanCount reads ageing (seconds, "none" for 0) or maxaddress
// (a count, "unlimited" for 0).
func parseVxlanCount(p *kindParser, key string, ageing, limit rtnl.Opt[uint32]) (rtnl.Opt[uint32], rtnl.Opt[uint32], error) {
	v, err := p.Value()
	if err != nil {
		return ageing, limit, err
	}
	what, zero := "ageing timer", "none"
	if key == "maxaddress" {
		what, zero = "max addresses", "unlimited"
	}
	n := uint64(0)
	if v != zero {
		if n, err = strconv.ParseUint(v, 0, 32); err != nil {
			return ageing, limit, fail.Invalid(what, v)
		}
	}
	if key == "ageing" {
		return rtnl.Some(uint32(n)), limit, nil
	}
	return ageing, rtnl.Some(uint32(n)), nil
}

// parseSourcePorts reads srcport MIN MAX; 0 0 sends nothing.
func parseSourcePorts(p *kindParser, x *rtnl.Vxlan) error {
	lo, err := p.Value()
	if err != nil {
		return err
	}
	l, err := strconv.ParseUint(lo, 0, 16)
	if err != nil {
		return fail.Invalid("min port", lo)
	}
	hi, err := p.Value()
	if err != nil {
		return err
	}
	h, err := strconv.ParseUint(hi, 0, 16)
	if err != nil {
		return fail.Invalid("max port", hi)
	}
	if l != 0 || h != 0 {
		x.PortRange = rtnl.Some(rtnl.PortRange{Low: uint16(l), High: uint16(h)})
	}
	return nil
}

// printVxlan prints a vxlan as ip does: external and vnifilter first
// (vnifilter without its space, as ip writes it), an IPv6 group, remote
// or local under a key of its own (group6, remote6, local6). Where ip
// prints ttl inherit only as text, gip's JSON says "ttl":"inherit" too.
func printVxlan(f *format.Fields, x *rtnl.Vxlan, v *View) {
	flag := func(key, text string, o rtnl.Opt[uint8]) {
		if on, ok := o.Get(); ok && on != 0 {
			f.Bool(key, text, true)
		}
	}
	flag("external", "external ", x.CollectMetadata)
	flag("vnifilter", "vnifilter", x.VniFilter)
	printUint(f, "id", "id", x.ID)
	v6 := func(ip netip.Addr, key string) string {
		if ip.Is4() {
			return key
		}
		return key + "6"
	}
	if ip, ok := x.Group.Get(); ok && !ip.IsUnspecified() {
		if ip.IsMulticast() {
			f.String(v6(ip, "group"), "group %s ", ip.String())
		} else {
			f.String(v6(ip, "remote"), "remote %s ", ip.String())
		}
	}
	if ip, ok := x.Local.Get(); ok && !ip.IsUnspecified() {
		f.String(v6(ip, "local"), "local %s ", ip.String())
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
	flag("proxy", "proxy ", x.Proxy)
	flag("rsc", "rsc ", x.RSC)
	flag("l2miss", "l2miss ", x.L2Miss)
	flag("l3miss", "l3miss ", x.L3Miss)
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
	flag("remcsum_tx", "remcsumtx ", x.RemCsumTX)
	flag("remcsum_rx", "remcsumrx ", x.RemCsumRX)
	if x.GBP {
		f.Bool("gbp", "gbp ", true)
	}
	if x.GPE {
		f.Bool("gpe", "gpe ", true)
	}
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
