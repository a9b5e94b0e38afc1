package l2tp

import (
	"encoding/hex"
	"fmt"
	"math"
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/l2tp"
	"golang.org/x/sys/unix"
)

// params are the words of any l2tp command, read by ip's one parser:
// what names a tunnel and a session, and what makes them.
type params struct {
	tunnel, session  bool // the words "tunnel" and "session"
	t                l2tp.Tunnel
	s                l2tp.Session
	csum6Tx, csum6Rx bool // udp6_csum_tx and udp6_csum_rx
}

// parse reads the words as ip's parse_args does: exact words (only help
// is abbreviated), ip's defaults, ip's complaints. The warnings ip gives
// for options it ignores go to e.Stderr as it reads them, as ip's do.
func parse(e *env.Env, args []string) (*params, error) {
	if len(args) == 0 {
		return nil, fail.Usagef("%s", usageText)
	}
	p := &params{csum6Tx: true, csum6Rx: true}
	p.s.L2SpecType, p.s.L2SpecLen = l2tp.L2SpecDefault, 4
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if w == "tunnel" || w == "session" {
			p.tunnel = p.tunnel || w == "tunnel"
			p.session = p.session || w == "session"
			continue
		}
		if w == "offset" || w == "peer_offset" {
			fmt.Fprintf(e.Stderr, "Ignoring option %q\n", w)
			if _, err := a.Value(); err != nil {
				return nil, err
			}
			continue
		}
		if words[w] == nil {
			if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", usageText)
			}
			return nil, fail.Usagef("Unknown command: %s\n%s", w, usageText)
		}
		v, err := a.Value()
		if err != nil {
			return nil, err
		}
		if err := words[w](p, v); err != nil {
			return nil, err
		}
	}
	p.t.ZeroCsum6Tx, p.t.ZeroCsum6Rx = !p.csum6Tx, !p.csum6Rx
	return p, nil
}

// words are the keywords that take a value, each with what it sets.
var words = map[string]func(p *params, v string) error{
	"encap": func(p *params, v string) error {
		switch v {
		case "ip":
			p.t.Encap = l2tp.EncapIP
		case "udp":
			p.t.Encap = l2tp.EncapUDP
		default:
			return fail.Usagef("Unknown tunnel encapsulation %q", v)
		}
		return nil
	},
	"name": func(p *params, v string) error {
		if !grammar.ValidIfName(v) {
			return fail.Invalid(`"name" not a valid ifname`, v)
		}
		p.s.IfName = v
		return nil
	},
	"remote":          addr(func(p *params) *netip.Addr { return &p.t.Remote }),
	"local":           addr(func(p *params) *netip.Addr { return &p.t.Local }),
	"tunnel_id":       id(func(p *params) *uint32 { return &p.t.ID }),
	"tid":             id(func(p *params) *uint32 { return &p.t.ID }),
	"peer_tunnel_id":  id(func(p *params) *uint32 { return &p.t.PeerID }),
	"ptid":            id(func(p *params) *uint32 { return &p.t.PeerID }),
	"session_id":      id(func(p *params) *uint32 { return &p.s.ID }),
	"sid":             id(func(p *params) *uint32 { return &p.s.ID }),
	"peer_session_id": id(func(p *params) *uint32 { return &p.s.PeerID }),
	"psid":            id(func(p *params) *uint32 { return &p.s.PeerID }),
	"udp_sport":       udpPort(func(p *params) *uint16 { return &p.t.SourcePort }),
	"udp_dport":       udpPort(func(p *params) *uint16 { return &p.t.DestPort }),
	"udp_csum":        onOff("udp_csum", func(p *params) *bool { return &p.t.UDPCsum }),
	"udp6_csum_rx":    onOff("udp6_csum_rx", func(p *params) *bool { return &p.csum6Rx }),
	"udp6_csum_tx":    onOff("udp6_csum_tx", func(p *params) *bool { return &p.csum6Tx }),
	"cookie":          hexCookie(func(p *params) *l2tp.Cookie { return &p.s.Cookie }),
	"peer_cookie":     hexCookie(func(p *params) *l2tp.Cookie { return &p.s.PeerCookie }),
	"l2spec_type": func(p *params, v string) error {
		switch strings.ToLower(v) {
		case "default":
			p.s.L2SpecType, p.s.L2SpecLen = l2tp.L2SpecDefault, 4
		case "none":
			p.s.L2SpecType, p.s.L2SpecLen = l2tp.L2SpecNone, 0
		default:
			return fail.Usagef("Unknown layer2specific header type %q", v)
		}
		return nil
	},
	"seq": func(p *params, v string) error {
		switch strings.ToLower(v) {
		case "both":
			p.s.RecvSeq, p.s.SendSeq = true, true
		case "recv":
			p.s.RecvSeq = true
		case "send":
			p.s.SendSeq = true
		case "none":
			p.s.RecvSeq, p.s.SendSeq = false, false
		default:
			return fail.Usagef("Unknown seq value %q", v)
		}
		return nil
	},
}

func addr(field func(p *params) *netip.Addr) func(p *params, v string) error {
	return func(p *params, v string) error {
		a, err := grammar.ParseAddr(v, unix.AF_UNSPEC)
		if err != nil {
			return err
		}
		*field(p) = a.NetIP().Addr() // any: 0.0.0.0, as ip sends it
		return nil
	}
}

func id(field func(p *params) *uint32) func(p *params, v string) error {
	return func(p *params, v string) error {
		n, ok := grammar.CUint(v, 0, math.MaxUint32)
		if !ok {
			return fail.Invalid("invalid ID\n", v)
		}
		*field(p) = uint32(n)
		return nil
	}
}

func udpPort(field func(p *params) *uint16) func(p *params, v string) error {
	return func(p *params, v string) error {
		n, ok := grammar.CUint(v, 0, math.MaxUint16)
		if !ok {
			return fail.Invalid("invalid port\n", v)
		}
		*field(p) = uint16(n)
		return nil
	}
}

func onOff(name string, field func(p *params) *bool) func(p *params, v string) error {
	return func(p *params, v string) error {
		switch v {
		case "on":
			*field(p) = true
		case "off":
			*field(p) = false
		default:
			return fail.Invalid("invalid option for "+name+"\n", v)
		}
		return nil
	}
}

func hexCookie(field func(p *params) *l2tp.Cookie) func(p *params, v string) error {
	return func(p *params, v string) error {
		if len(v) != 8 && len(v) != 16 {
			return fail.Invalid("cookie must be either 8 or 16 hex digits\n", v)
		}
		b, err := hex.DecodeString(v)
		if err != nil {
			return fail.Invalid("cookie must be a hex string\n", v)
		}
		*field(p), _ = l2tp.NewCookie(b)
		return nil
	}
}
