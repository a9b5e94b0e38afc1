package action

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const tunnelKeyUsage = "Usage: tunnel_key unset\n" +
	"       tunnel_key set <TUNNEL_KEY>\n" +
	"Where TUNNEL_KEY is a combination of:\n" +
	"id <TUNNELID>\n" +
	"src_ip <IP> (mandatory)\n" +
	"dst_ip <IP> (mandatory)\n" +
	"dst_port <UDP_PORT>\n" +
	"geneve_opts | vxlan_opts | erspan_opts <OPTIONS>\n" +
	"csum | nocsum (default is \"csum\")\n"

// tunnelKeyKind is tunnel_key: set or release the metadata a packet is
// later encapsulated with.
func tunnelKeyKind() *Kind {
	k := &Kind{Name: "tunnel_key", Usage: tunnelKeyUsage}
	k.New, k.Parse, k.Print = typed(parseTunnelKey, printTunnelKey)
	return k
}

func parseTunnelKey(p *Parser, o *rtnl.TunnelKey) error {
	usage := trimNL(tunnelKeyUsage)
	if _, err := p.value(); err != nil {
		return err
	}
	hasSrc, hasDst, csum := false, false, true
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		// value reads the keyword's word and converts it; a word conv
		// rejects is tc's `Illegal "what"`.
		value := func(what string, conv func(string) bool) error {
			v, err := p.value()
			if err != nil {
				return err
			}
			if !conv(v) {
				return p.Fail(`Illegal "` + what + `"`)
			}
			return nil
		}
		var err error
		switch {
		case m("unset"), m("set"):
			if o.TAction != 0 {
				return p.Fail(`unexpected "`+w+`" - action already specified`, usage)
			}
			o.TAction = rtnl.TunnelKeySet
			if m("unset") {
				o.TAction = rtnl.TunnelKeyRelease
			}
		case m("src_ip"), m("dst_ip"):
			v, err := p.value()
			if err != nil {
				return err
			}
			v4, v6, err := tunnelAddr(v)
			if err != nil {
				return err
			}
			if m("src_ip") {
				hasSrc = true
				if v4 != nil {
					o.IPv4Src = v4
				} else {
					o.IPv6Src = v6
				}
			} else {
				hasDst = true
				if v4 != nil {
					o.IPv4Dst = v4
				} else {
					o.IPv6Dst = v6
				}
			}
		case m("id"):
			err = value("id", func(v string) bool {
				n, ok := grammar.CUint(v, 10, 0xffffffff)
				o.KeyID = rtnl.Some(uint32(n))
				return ok
			})
		case m("dst_port"):
			err = value("dst port", func(v string) bool {
				n, ok := grammar.CUint(v, 10, 0xffff)
				o.DstPort = rtnl.Some(uint16(n))
				return ok
			})
		case m("geneve_opts"):
			err = value("geneve_opts", func(v string) bool {
				opts, ok := parseGeneveOpts(v)
				o.HasOpts, o.Opts = true, opts
				return ok
			})
		case m("vxlan_opts"):
			err = value("vxlan_opts", func(v string) bool {
				n, ok := grammar.CUint(v, 0, 0xffffffff)
				o.HasOpts, o.Opts = true, rtnl.TunnelOpts{{Type: rtnl.TunnelOptVxlan, VxlanGBP: rtnl.Some(uint32(n))}}
				return ok
			})
		case m("erspan_opts"):
			err = value("erspan_opts", func(v string) bool {
				x, ok := parseErspanOpts(v)
				o.HasOpts, o.Opts = true, rtnl.TunnelOpts{{Type: rtnl.TunnelOptErspan, Erspan: x}}
				return ok
			})
		case m("tos"), m("ttl"):
			what := "ttl"
			if m("tos") {
				what = "tos"
			}
			err = value(what, func(v string) bool {
				n, ok := grammar.CUint(v, 10, 0xff)
				if !ok {
					n, ok = grammar.CUint(v, 16, 0xff)
				}
				if what == "tos" {
					o.TOS = rtnl.Some(uint8(n))
				} else {
					o.TTL = rtnl.Some(uint8(n))
				}
				return ok
			})
		case m("csum"):
			csum = true
		case m("nocsum"):
			csum = false
		case m("help"):
			return fail.Fatal(fail.ExitUsage, usage)
		default:
			break loop
		}
		if err != nil {
			return err
		}
		p.Next()
	}
	if csum {
		o.NoCsum = rtnl.Some(uint8(0))
	} else {
		o.NoCsum = rtnl.Some(uint8(1))
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	if _, err := p.IndexTail(`tunnel_key: Illegal "index"`, &o.Parms.Index); err != nil {
		return err
	}
	if o.TAction == rtnl.TunnelKeySet && (!hasSrc || !hasDst) {
		return p.Fail("set needs tunnel_key parameters", usage)
	}
	return nil
}

// tunnelAddr reads an address as tc's get_addr of any family: IPv4 goes
// in the first slice, anything else (IPv6, or the no bytes of "default"
// and "any") in the second. A bad address is tc's fatal error.
func tunnelAddr(s string) (v4, v6 []byte, err error) {
	a, err := grammar.ParseAddr(s, unix.AF_UNSPEC)
	if err != nil {
		return nil, nil, err
	}
	fam, b := addrBytes(a)
	if fam == unix.AF_INET {
		return b, nil, nil
	}
	return nil, b, nil
}

// addrBytes is the family and bytes of an address as tc's inet_prefix
// holds them: "default" is the family's length of zeros, "any" and
// "all" no bytes at all.
func addrBytes(a grammar.Prefix) (uint8, []byte) {
	switch {
	case a.Addr.Is4():
		b := a.Addr.As4()
		return unix.AF_INET, b[:]
	case a.Addr.IsValid():
		b := a.Addr.As16()
		return unix.AF_INET6, b[:]
	case a.Default:
		return a.Family, make([]byte, grammar.HostLen(a.Family)/8)
	}
	return a.Family, []byte{}
}

// strtok splits s at sep as C's strtok does: empty pieces vanish.
func strtok(s string, sep rune) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == sep })
}

// hexBytes reads n bytes of hexadecimal pairs from the front of s, as
// tc's hex2mem (what follows them is ignored).
func hexBytes(s string, n int) ([]byte, bool) {
	b := make([]byte, n)
	for i := range b {
		if 2*i+1 >= len(s) || !isHex(s[2*i]) || !isHex(s[2*i+1]) {
			return nil, false
		}
		hi, _ := scanHex(s[2*i : 2*i+1])
		lo, _ := scanHex(s[2*i+1 : 2*i+2])
		b[i] = byte(hi<<4 | lo)
	}
	return b, true
}

// parseGeneveOpts reads CLASS:TYPE:DATA[,CLASS:TYPE:DATA...]; each option
// goes in a nest of its own, as tc sends them.
func parseGeneveOpts(s string) (rtnl.TunnelOpts, bool) {
	opts := rtnl.TunnelOpts{}
	for _, opt := range strtok(s, ',') {
		var g rtnl.GeneveOpt
		for i, tok := range strtok(opt, ':') {
			switch i {
			case 0:
				n, ok := grammar.CUint(tok, 16, 0xffff)
				if !ok {
					return nil, false
				}
				g.Class = rtnl.Some(uint16(n))
			case 1:
				n, ok := grammar.CUint(tok, 16, 0xff)
				if !ok {
					return nil, false
				}
				g.Type = rtnl.Some(uint8(n))
			case 2:
				b, ok := hexBytes(tok, len(tok)/2)
				if !ok {
					return nil, false
				}
				g.Data = b
			default:
				return nil, false
			}
		}
		opts = append(opts, rtnl.TunnelOpt{Type: rtnl.TunnelOptGeneve, Geneve: []rtnl.GeneveOpt{g}})
	}
	return opts, true
}

// parseErspanOpts reads VER:INDEX:DIR:HWID, each a C number.
func parseErspanOpts(s string) (rtnl.ErspanOpt, bool) {
	var x rtnl.ErspanOpt
	for i, tok := range strtok(s, ':') {
		if i > 3 {
			return x, false
		}
		max := uint64(0xff)
		if i == 1 {
			max = 0xffffffff
		}
		n, ok := grammar.CUint(tok, 0, max)
		if !ok {
			return x, false
		}
		switch i {
		case 0:
			x.Ver = rtnl.Some(uint8(n))
		case 1:
			x.Index = rtnl.Some(uint32(n))
		case 2:
			x.Dir = rtnl.Some(uint8(n))
		case 3:
			x.HWID = rtnl.Some(uint8(n))
		}
	}
	return x, true
}

func printTunnelKey(f *format.Fields, o *rtnl.TunnelKey, v *View) {
	f.String("kind", "%s ", "tunnel_key")
	switch o.TAction {
	case rtnl.TunnelKeyRelease:
		f.String("mode", " %s", "unset")
	case rtnl.TunnelKeySet:
		f.String("mode", " %s", "set")
		printTunnelAddr(f, "src_ip", o.IPv4Src)
		printTunnelAddr(f, "dst_ip", o.IPv4Dst)
		printTunnelAddr(f, "src_ip", o.IPv6Src)
		printTunnelAddr(f, "dst_ip", o.IPv6Dst)
		if x, ok := o.KeyID.Get(); ok {
			f.Line()
			f.Uint("key_id", "\tkey_id %u", uint64(x))
		}
		if x, ok := o.DstPort.Get(); ok {
			f.Line()
			f.Uint("dst_port", "\tdst_port %u", uint64(x))
		}
		if o.HasOpts {
			printTunnelOpts(f, o.Opts)
		}
		if x, ok := o.NoCsum.Get(); ok {
			f.Line()
			flag := "csum"
			if x != 0 {
				flag = "nocsum"
			}
			f.String("flag", "\t%s", flag)
		}
		if x, ok := o.TOS.Get(); ok && x != 0 {
			f.Line()
			f.Uint("tos", "\ttos %#x", uint64(x))
		}
		if x, ok := o.TTL.Get(); ok && x != 0 {
			f.Line()
			f.Uint("ttl", "\tttl %u", uint64(x))
		}
	}
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}

// printTunnelAddr prints an address attribute by its length, as tc does
// (nothing for a length that is no address).
func printTunnelAddr(f *format.Fields, key string, b []byte) {
	var a netip.Addr
	switch len(b) {
	case 4:
		a = netip.AddrFrom4([4]byte(b))
	case 16:
		a = netip.AddrFrom16([16]byte(b))
	default:
		return
	}
	f.Line()
	f.String(key, "\t"+key+" %s", a.String())
}

// printTunnelOpts prints the first Geneve nest, else the first VXLAN,
// else the first ERSPAN one, as tc does.
func printTunnelOpts(f *format.Fields, opts rtnl.TunnelOpts) {
	for _, typ := range []uint16{rtnl.TunnelOptGeneve, rtnl.TunnelOptVxlan, rtnl.TunnelOptErspan} {
		for _, x := range opts {
			if x.Type != typ {
				continue
			}
			switch typ {
			case rtnl.TunnelOptGeneve:
				printGeneveOpts(f, x.Geneve)
			case rtnl.TunnelOptVxlan:
				gbp, _ := x.VxlanGBP.Get()
				f.Line()
				f.Literal("\tvxlan_opts ")
				f.OpenArray("vxlan_opts")
				f.OpenElement()
				f.Uint("gbp", "%u", uint64(gbp))
				f.Close()
				f.CloseArray()
			case rtnl.TunnelOptErspan:
				printErspanOpts(f, x.Erspan)
			}
			return
		}
	}
}

func printGeneveOpts(f *format.Fields, opts []rtnl.GeneveOpt) {
	f.OpenArray("geneve_opts")
	f.Line()
	f.Literal("\tgeneve_opts ")
	for i, g := range opts {
		class, _ := g.Class.Get()
		typ, _ := g.Type.Get()
		if f.JSON() {
			f.OpenElement()
			f.Uint("class", "", uint64(class))
			f.Uint("type", "", uint64(typ))
			f.OpenArray("data")
			for _, c := range g.Data {
				f.UintElement("", uint64(c))
			}
			f.CloseArray()
			f.Close()
			continue
		}
		sep := ""
		if i < len(opts)-1 {
			sep = ","
		}
		f.Literal(fmt.Sprintf("%04x:%02x:%x%s", class, typ, g.Data, sep))
	}
	f.CloseArray()
}

func printErspanOpts(f *format.Fields, x rtnl.ErspanOpt) {
	ver, _ := x.Ver.Get()
	var idx uint32
	var dir, hwid uint8
	if ver == 1 {
		idx, _ = x.Index.Get()
	} else {
		dir, _ = x.Dir.Get()
		hwid, _ = x.HWID.Get()
	}
	f.Line()
	f.Literal("\terspan_opts ")
	f.OpenArray("erspan_opts")
	f.OpenElement()
	f.Uint("ver", "%u", uint64(ver))
	f.Uint("index", ":%u", uint64(idx))
	f.Uint("dir", ":%u", uint64(dir))
	f.Uint("hwid", ":%u", uint64(hwid))
	f.Close()
	f.CloseArray()
}
