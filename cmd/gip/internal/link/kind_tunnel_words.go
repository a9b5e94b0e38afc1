package link

import (
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The tunnel family's word readers: the values of ttl, tos, fwmark,
// keys and the IPv6 tunnel words, sit's isatap and 6rd words, and the
// GRE header flags (kind_tunnel.go reads the words in ip's order).

// ttlWord reads a ttl (hoplimit): "inherit" (0) or a number below 256.
func (t tunnelSpec) ttlWord(p *kindParser) (rtnl.Opt[uint8], error) {
	v, err := p.Value()
	if err != nil || v == "inherit" {
		return rtnl.Some(uint8(0)), err
	}
	n, ok := grammar.CUint(v, 0, 0xff)
	if !ok {
		if t.v6 {
			return rtnl.Opt[uint8]{}, fail.Invalid("invalid HLIM\n", v)
		}
		return rtnl.Opt[uint8]{}, fail.Invalid("invalid TTL\n", v)
	}
	return rtnl.Some(uint8(n)), nil
}

// tosWord reads an IPv4 tunnel's tos: "inherit" (1), an rt_dsfield name
// or a number in hexadecimal.
func tosWord(p *kindParser) (rtnl.Opt[uint8], error) {
	v, err := p.Value()
	if err != nil || v == "inherit" {
		return rtnl.Some(uint8(1)), err
	}
	names := env.NewNames(false)
	if p.env != nil && p.env.G != nil {
		names = p.env.Names()
	}
	tos, ok := names.ParseDSField(v)
	if !ok {
		return rtnl.Opt[uint8]{}, fail.Invalid("bad TOS value", v)
	}
	return rtnl.Some(tos), nil
}

// fwmarkWord reads a firewall mark; the IPv6 tunnels take "inherit"
// (the packet's own mark).
func (t tunnelSpec) fwmarkWord(p *kindParser, tun *rtnl.Tunnel) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	if t.v6 {
		tun.Flags = rtnl.Some(tun.Flags.V &^ rtnl.IP6TnlOrigFwmark)
		if v == "inherit" {
			tun.Flags.V |= rtnl.IP6TnlOrigFwmark
			tun.FwMark = rtnl.Some(uint32(0))
			return nil
		}
	}
	n, ok := grammar.CUint(v, 0, 0xffffffff)
	if !ok {
		return fail.Invalid("invalid fwmark\n", v)
	}
	tun.FwMark = rtnl.Some(uint32(n))
	return nil
}

// sitWord reads sit's isatap and 6rd words into tun (err for a bad
// value) and says whether w was one.
func sitWord(p *kindParser, tun *rtnl.Tunnel, w string, err *error) bool {
	prefix := func(family uint8) (grammar.Prefix, bool) {
		v, e := p.Value()
		if e != nil {
			*err = e
			return grammar.Prefix{}, false
		}
		pf, e := grammar.ParsePrefix(v, family)
		if e != nil {
			*err = e // get_prefix's own complaint: ip's invalid message never shows
			return grammar.Prefix{}, false
		}
		return pf, true
	}
	switch w {
	case "isatap":
		tun.Flags = rtnl.Some(tun.Flags.V | rtnl.SitISATAP)
	case "6rd-prefix":
		if pf, ok := prefix(unix.AF_INET6); ok {
			tun.Prefix6rd, tun.PrefixLen6rd = rtnl.Some(addrOrZero(pf.Addr, unix.AF_INET6)), rtnl.Some(uint16(pf.Bits))
		}
	case "6rd-relay_prefix":
		if pf, ok := prefix(unix.AF_INET); ok {
			tun.RelayPrefix6rd, tun.RelayPrefixLen6rd = rtnl.Some(addrOrZero(pf.Addr, unix.AF_INET)), rtnl.Some(uint16(pf.Bits))
		}
	case "6rd-reset":
		tun.Prefix6rd, tun.PrefixLen6rd = rtnl.Some(netip.MustParseAddr("2002::")), rtnl.Some(uint16(16))
		tun.RelayPrefix6rd, tun.RelayPrefixLen6rd = rtnl.Opt[netip.Addr]{}, rtnl.Opt[uint16]{}
	default:
		return false
	}
	return true
}

// addrOrZero is a, or the unspecified address of family for "any".
func addrOrZero(a netip.Addr, family uint8) netip.Addr {
	switch {
	case a.IsValid():
		return a
	case family == unix.AF_INET6:
		return netip.IPv6Unspecified()
	}
	return netip.IPv4Unspecified()
}

// isIP6TunnelWord says whether w is one of the words only the IPv6
// tunnels take (or take their own way: tos is their traffic class).
func isIP6TunnelWord(w string) bool {
	switch w {
	case "tos", "tclass", "dsfield", "flowlabel", "fl", "dscp", "encaplimit", "allow-localremote", "noallow-localremote":
		return true
	}
	return false
}

// parseIP6TunnelWord reads the traffic class and flow label (kept in
// the flow information word), dscp, encaplimit and allow-localremote.
func parseIP6TunnelWord(p *kindParser, tun *rtnl.Tunnel, w string, gre bool) error {
	flag := func(bit uint32, on bool) {
		tun.Flags = rtnl.Some(tun.Flags.V &^ bit)
		if on {
			tun.Flags.V |= bit
		}
	}
	switch w {
	case "allow-localremote", "noallow-localremote":
		flag(rtnl.IP6TnlAllowLocalRem, w == "allow-localremote")
		return nil
	}
	v, err := p.Value()
	if err != nil {
		return err
	}
	switch w {
	case "tos", "tclass", "tc", "dsfield":
		tun.FlowInfo = rtnl.Some(tun.FlowInfo.V &^ 0x0ff00000)
		if v == "inherit" {
			flag(rtnl.IP6TnlOrigTclass, true)
			return nil
		}
		n, ok := grammar.CUint(v, 16, 0xff)
		if !ok {
			return fail.Invalid("invalid TClass", v)
		}
		tun.FlowInfo.V |= uint32(n) << 20
		flag(rtnl.IP6TnlOrigTclass, false)
	case "flowlabel", "fl":
		tun.FlowInfo = rtnl.Some(tun.FlowInfo.V &^ 0x000fffff)
		if v == "inherit" {
			flag(rtnl.IP6TnlOrigFlowlabel, true)
			return nil
		}
		n, ok := grammar.CUint(v, 16, 0xfffff)
		if !ok {
			return fail.Invalid("invalid Flowlabel", v)
		}
		tun.FlowInfo.V |= uint32(n)
		flag(rtnl.IP6TnlOrigFlowlabel, false)
	case "dscp":
		if v != "inherit" {
			return fail.Invalid("not inherit", v)
		}
		flag(rtnl.IP6TnlRcvDSCPCopy, true)
	case "encaplimit":
		if v == "none" {
			flag(rtnl.IP6TnlIgnEncapLimit, true)
			return nil
		}
		n, ok := grammar.CUint(v, 0, 0xff)
		if !ok && gre {
			return fail.Invalid("invalid ELIM", v)
		}
		// ip6tnl's check of the number never fails: it sends 0
		tun.EncapLimit = rtnl.Some(uint8(n))
		flag(rtnl.IP6TnlIgnEncapLimit, false)
	}
	return nil
}

// parseKey reads key, ikey or okey; GRE marks the keys in use in its
// header flags.
func (t tunnelSpec) parseKey(p *kindParser, tun *rtnl.Tunnel, w string) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	key, err := grammar.TunnelKey(w, v)
	if err != nil {
		return err
	}
	if w != "okey" {
		tun.IKey = rtnl.Some(key)
		if t.gre() {
			tun.IFlags = rtnl.Some(tun.IFlags.V | rtnl.GREFlagKey)
		}
	}
	if w != "ikey" {
		tun.OKey = rtnl.Some(key)
		if t.gre() {
			tun.OFlags = rtnl.Some(tun.OFlags.V | rtnl.GREFlagKey)
		}
	}
	return nil
}

// greFlagWord applies a GRE header flag word ([no][i|o]seq,
// [no][i|o]csum, no[i|o]key) and says whether w was one.
func greFlagWord(tun *rtnl.Tunnel, w string) bool {
	name, off := strings.CutPrefix(w, "no")
	in, out := true, true
	var bit uint16
	switch name {
	case "seq", "iseq", "oseq":
		bit = rtnl.GREFlagSeq
	case "csum", "icsum", "ocsum":
		bit = rtnl.GREFlagCsum
	case "key", "ikey", "okey":
		if !off {
			return false // a key takes a value: parseKey
		}
		bit = rtnl.GREFlagKey
	default:
		return false
	}
	switch name[0] {
	case 'i':
		out = false
	case 'o':
		in = false
	}
	put := func(o *rtnl.Opt[uint16], key *rtnl.Opt[uint32]) {
		if off {
			*o = rtnl.Some(o.V &^ bit)
			if bit == rtnl.GREFlagKey {
				*key = rtnl.Some(uint32(0))
			}
		} else {
			*o = rtnl.Some(o.V | bit)
		}
	}
	if in {
		put(&tun.IFlags, &tun.IKey)
	}
	if out {
		put(&tun.OFlags, &tun.OKey)
	}
	return true
}
