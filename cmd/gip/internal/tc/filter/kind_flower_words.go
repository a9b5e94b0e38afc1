package filter

import (
	"net/netip"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// flowerWord is one keyword of flower's grammar: its name, whether only
// the whole word names it, and what reads its value.
type flowerWord struct {
	name  string
	exact bool
	// read reads the keyword's words; the keyword has been consumed.
	read func(p *Parser, o *rtnl.Flower, st *flowerState) error
}

// flowerWords are flower's keywords in tc's order of trial, which
// settles abbreviations ("c" is classid). The table is built the first
// time a flower filter is read, not at every start of gip.
var flowerWords = sync.OnceValue(buildFlowerWords)

func buildFlowerWords() []flowerWord {
	illegal := func(what string) func(*Parser) error {
		return func(p *Parser) error { return p.Fail(`Illegal "` + what + `"`) }
	}
	// value reads a keyword's value and applies fn; false is `Illegal "name"`.
	value := func(name string, fn func(p *Parser, o *rtnl.Flower, st *flowerState, v string) bool) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !fn(p, o, st, v) {
				return illegal(name)(p)
			}
			return nil
		}}
	}
	// checked reads a value after a check of the ethertype (msg when it
	// fails: tc's complaint, without "Illegal").
	checked := func(name string, check func(st *flowerState) string, fn func(p *Parser, o *rtnl.Flower, st *flowerState, v string) error) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if msg := check(st); msg != "" {
				return p.Fail(msg)
			}
			return fn(p, o, st, v)
		}}
	}
	exact := func(w flowerWord) flowerWord { w.exact = true; return w }
	flag := func(name string, bit uint32) flowerWord {
		return flowerWord{name: name, read: func(_ *Parser, _ *rtnl.Flower, st *flowerState) error {
			st.flags |= bit
			return nil
		}}
	}
	vlanCheck := func(name string, inner bool) func(st *flowerState) string {
		return func(st *flowerState) string {
			if !inner && !isVlan(st.tcProto, st.numOfVlans > 0) {
				return `Can't set "` + name + `" if ethertype isn't 802.1Q or 802.1AD and num_of_vlans is 0`
			}
			if inner && !isVlan(st.vlanEthType, st.numOfVlans > 1) {
				return `Can't set "` + name + `" if inner vlan ethertype isn't 802.1Q or 802.1AD and num_of_vlans is less than 2`
			}
			return ""
		}
	}
	vlanID := func(name string, inner bool, dst func(o *rtnl.Flower) *rtnl.Opt[uint16]) flowerWord {
		return checked(name, vlanCheck(name, inner), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			id, ok := cU16(v, 10)
			if !ok || id&^0xfff != 0 {
				return illegal(name)(p)
			}
			*dst(o) = rtnl.Some(id)
			return nil
		})
	}
	vlanPrio := func(name string, inner bool, dst func(o *rtnl.Flower) *rtnl.Opt[uint8]) flowerWord {
		return checked(name, vlanCheck(name, inner), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			prio, ok := cU8(v, 10)
			if !ok || prio&^7 != 0 {
				return illegal(name)(p)
			}
			*dst(o) = rtnl.Some(prio)
			return nil
		})
	}
	vlanEthType := func(name string, inner bool) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			outer, enough, cond := st.ethType, st.numOfVlans > 0, "is 0"
			if inner {
				outer, enough, cond = st.vlanEthType, st.numOfVlans > 1, "less than 2"
			}
			if !isVlan(outer, enough) {
				return p.Fail(`Can't set "` + name + `" if ethertype isn't 802.1Q or 802.1AD and num_of_vlans ` + cond)
			}
			proto, ok := grammar.ParseEthProto(v)
			if !ok {
				return fail.Invalid("invalid vlan_ethtype", v)
			}
			if inner {
				o.CVlanEthType = rtnl.Some(proto)
				st.ethType = proto
			} else {
				o.VlanEthType = rtnl.Some(proto)
				st.vlanEthType, st.ethType = proto, proto
			}
			return nil
		}}
	}
	mplsCheck := func(name string) func(st *flowerState) string {
		return func(st *flowerState) string {
			switch {
			case !isMPLS(st.ethType):
				return `Can't set "` + name + `" if ethertype isn't MPLS`
			case st.mplsNew:
				return `Can't set "` + name + `" if "mpls" is set`
			}
			st.mplsOld = true
			return ""
		}
	}
	mplsField := func(name string, limit uint64, dst func(o *rtnl.Flower, v uint64)) flowerWord {
		return checked(name, mplsCheck(name), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			n, ok := grammar.CUint(v, 10, 0xff)
			if limit > 0xff {
				n, ok = grammar.CUint(v, 10, 0xffffffff)
			}
			if !ok || n > limit {
				return illegal(name)(p)
			}
			dst(o, n)
			return nil
		})
	}
	ethAddr := func(name string, dst func(o *rtnl.Flower) *rtnl.Masked[[6]byte]) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if msg, ok := parseEthAddr(v, dst(o)); !ok {
				return p.Fail(msg, `Illegal "`+name+`"`)
			}
			return nil
		}}
	}
	ipAddr := func(name string, enc bool, v4, v6 func(o *rtnl.Flower) *rtnl.Masked[netip.Addr]) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			family := uint8(0)
			switch eth := st.ethType; {
			case enc || eth == 0:
			case eth == unix.ETH_P_IP:
				family = unix.AF_INET
			case eth == unix.ETH_P_IPV6:
				family = unix.AF_INET6
			default:
				return illegal(name)(p)
			}
			return prefixKey(v, family, v4(o), v6(o))
		}}
	}
	port := func(name string, src bool) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !parsePort(v, st.ipProto, src, o) {
				if strings.Contains(v, "-") && !strings.Contains(v, "/") {
					if l, r, _ := strings.Cut(v, "-"); portOrder(l, r) {
						return p.Fail("max value should be greater than min value", `Illegal "`+name+`"`)
					}
				}
				return illegal(name)(p)
			}
			return nil
		}}
	}
	icmp := func(name string, code bool) flowerWord {
		return value(name, func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) bool {
			var dst *rtnl.Masked[uint8]
			switch {
			case st.ethType == unix.ETH_P_IP && st.ipProto == unix.IPPROTO_ICMP && code:
				dst = &o.ICMPv4Code
			case st.ethType == unix.ETH_P_IP && st.ipProto == unix.IPPROTO_ICMP:
				dst = &o.ICMPv4Type
			case st.ethType == unix.ETH_P_IPV6 && st.ipProto == unix.IPPROTO_ICMPV6 && code:
				dst = &o.ICMPv6Code
			case st.ethType == unix.ETH_P_IPV6 && st.ipProto == unix.IPPROTO_ICMPV6:
				dst = &o.ICMPv6Type
			default:
				return false
			}
			return masked8(v, nil, nil, dst)
		})
	}
	arpIP := func(name string, dst func(o *rtnl.Flower) *rtnl.Masked[netip.Addr]) flowerWord {
		return flowerWord{name: name, read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !isARP(st.ethType) {
				return illegal(name)(p)
			}
			var v6 rtnl.Masked[netip.Addr]
			return prefixKey(v, unix.AF_INET, dst(o), &v6)
		}}
	}
	pppCheck := func(name string) func(st *flowerState) string {
		return func(st *flowerState) string {
			if st.ethType != unix.ETH_P_PPP_SES {
				return `Can't set "` + name + `" if ethertype isn't PPPoE session`
			}
			return ""
		}
	}
	tosTTLWord := func(name string, dst func(o *rtnl.Flower) *rtnl.Masked[uint8]) flowerWord {
		return value(name, func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool { return tosTTL(v, dst(o)) })
	}
	return []flowerWord{
		value("classid", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			id, ok := sched.ParseClassID(v)
			o.Classid = rtnl.Some(id)
			return ok
		}),
		value("flowid", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			id, ok := sched.ParseClassID(v)
			o.Classid = rtnl.Some(id)
			return ok
		}),
		{name: "hw_tc", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, read, _ := grammar.Strtoul(v, 0)
			if read != len(v) {
				return p.Fail("Illegal TC index")
			}
			tc := uint32(n)
			if tc >= hwTCQueues {
				return p.Fail("TC index exceeds max range")
			}
			o.Classid = rtnl.Some(p.Msg.Parent&0xFFFF0000 | (tc+hwTCBase)&0xFFFF)
			return nil
		}},
		value("ip_flags", func(_ *Parser, _ *rtnl.Flower, st *flowerState, v string) bool {
			for _, tok := range strings.Split(v, "/") {
				if tok == "" {
					continue // strtok skips empty tokens
				}
				name, no := strings.CutPrefix(tok, "no")
				found := false
				for _, f := range ipFlags {
					if name == f.name {
						if no {
							st.mtf &^= f.flag
						} else {
							st.mtf |= f.flag
						}
						st.mtfMask |= f.flag
						found = true
						break
					}
				}
				if !found {
					return false
				}
			}
			return true
		}),
		flag("verbose", rtnl.ClsFlagVerbose),
		flag("skip_hw", rtnl.ClsFlagSkipHW),
		flag("skip_sw", rtnl.ClsFlagSkipSW),
		value("ct_state", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			var flags, mask uint16
			for v != "" {
				plus := v[0] == '+'
				if !plus && v[0] != '-' {
					return false
				}
				found := false
				for _, s := range ctStates {
					if strings.HasPrefix(v[1:], s.name) {
						if plus {
							flags |= s.flag
						}
						mask |= s.flag
						v = v[1+len(s.name):]
						found = true
						break
					}
				}
				if !found {
					return false
				}
			}
			o.CTState.Key, o.CTState.Mask = rtnl.Some(flags), rtnl.Some(mask)
			return true
		}),
		value("ct_zone", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool { return masked16(v, &o.CTZone) }),
		value("ct_mark", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool { return masked32(v, &o.CTMark) }),
		{name: "ct_label", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			val, mask, hasMask := splitMask(v)
			if len(val) > 32 || len(mask) > 32 {
				return fail.Invalid(strconv.Itoa(len(val))+" Max allowed size 32", val)
			}
			labels, ok := hexBytes(val, len(val)/2)
			if !ok {
				return fail.Invalid("labels must be a hex string\n", val)
			}
			lmask := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
			if hasMask {
				if lmask, ok = hexBytes(mask, len(mask)/2); !ok {
					return fail.Invalid("labels mask must be a hex string\n", mask)
				}
			}
			o.CTLabels, o.CTLabelsMask = labels, lmask
			return nil
		}},
		{name: "indev", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			if !grammar.ValidIfName(v) {
				return fail.Invalid(`"indev" not a valid ifname`, v)
			}
			o.Indev = rtnl.Some(v)
			return nil
		}},
		exact(value("num_of_vlans", func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) bool {
			n, ok := cU8(v, 10)
			if ok {
				st.numOfVlans = n
				o.NumOfVlans = rtnl.Some(n)
			}
			return ok
		})),
		vlanID("vlan_id", false, func(o *rtnl.Flower) *rtnl.Opt[uint16] { return &o.VlanID }),
		vlanPrio("vlan_prio", false, func(o *rtnl.Flower) *rtnl.Opt[uint8] { return &o.VlanPrio }),
		vlanEthType("vlan_ethtype", false),
		vlanID("cvlan_id", true, func(o *rtnl.Flower) *rtnl.Opt[uint16] { return &o.CVlanID }),
		vlanPrio("cvlan_prio", true, func(o *rtnl.Flower) *rtnl.Opt[uint8] { return &o.CVlanPrio }),
		vlanEthType("cvlan_ethtype", true),
		{name: "mpls", read: parseMPLS},
		mplsField("mpls_label", 0xfffff, func(o *rtnl.Flower, v uint64) { o.MPLSLabel = rtnl.Some(uint32(v)) }),
		mplsField("mpls_tc", 7, func(o *rtnl.Flower, v uint64) { o.MPLSTC = rtnl.Some(uint8(v)) }),
		mplsField("mpls_bos", 1, func(o *rtnl.Flower, v uint64) { o.MPLSBOS = rtnl.Some(uint8(v)) }),
		mplsField("mpls_ttl", 0xff, func(o *rtnl.Flower, v uint64) { o.MPLSTTL = rtnl.Some(uint8(v)) }),
		ethAddr("dst_mac", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.EthDst }),
		ethAddr("src_mac", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.EthSrc }),
		{name: "ip_proto", read: func(p *Parser, o *rtnl.Flower, st *flowerState) error {
			v, err := p.Value()
			if err != nil {
				return err
			}
			badEth := p.Fail(`Illegal "eth_type" for ip proto`, `Illegal "ip_proto"`)
			if st.ethType != unix.ETH_P_IP && st.ethType != unix.ETH_P_IPV6 {
				return badEth
			}
			var proto uint8
			switch {
			case grammar.Matches(v, "tcp"):
				proto = unix.IPPROTO_TCP
			case grammar.Matches(v, "udp"):
				proto = unix.IPPROTO_UDP
			case grammar.Matches(v, "sctp"):
				proto = unix.IPPROTO_SCTP
			case grammar.Matches(v, "icmp"):
				if st.ethType != unix.ETH_P_IP {
					return badEth
				}
				proto = unix.IPPROTO_ICMP
			case grammar.Matches(v, "icmpv6"):
				if st.ethType != unix.ETH_P_IPV6 {
					return badEth
				}
				proto = unix.IPPROTO_ICMPV6
			default:
				var ok bool
				if proto, ok = cU8(v, 16); !ok {
					return illegal("ip_proto")(p)
				}
			}
			o.IPProto, st.ipProto = rtnl.Some(proto), proto
			return nil
		}},
		tosTTLWord("ip_tos", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.IPTOS }),
		tosTTLWord("ip_ttl", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.IPTTL }),
		ipAddr("dst_ip", false, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv4Dst }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv6Dst }),
		ipAddr("src_ip", false, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv4Src }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.IPv6Src }),
		port("dst_port", false),
		port("src_port", true),
		value("tcp_flags", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			val, mask, hasMask := splitMask(v)
			f, ok := cU16(val, 16)
			if !ok || f&^0xfff != 0 {
				return false
			}
			m := uint16(0xfff)
			if hasMask {
				if m, ok = cU16(mask, 16); !ok || m&^0xfff != 0 {
					return false
				}
			}
			o.TCPFlags.Key, o.TCPFlags.Mask = rtnl.Some(f), rtnl.Some(m)
			return true
		}),
		renamed(icmp("type", false), `Illegal "icmp type"`),
		renamed(icmp("code", true), `Illegal "icmp code"`),
		arpIP("arp_tip", func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.ArpTIP }),
		arpIP("arp_sip", func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.ArpSIP }),
		value("arp_op", func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) bool {
			if !isARP(st.ethType) {
				return false
			}
			name := func(s string) (uint8, bool) {
				switch s {
				case "request":
					return 1, true
				case "reply":
					return 2, true
				}
				return 0, false
			}
			return masked8(v, name, func(op uint8) bool { return op <= 2 }, &o.ArpOp)
		}),
		ethAddr("arp_tha", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.ArpTHA }),
		ethAddr("arp_sha", func(o *rtnl.Flower) *rtnl.Masked[[6]byte] { return &o.ArpSHA }),
		exact(checked("pppoe_sid", pppCheck("pppoe_sid"), func(p *Parser, o *rtnl.Flower, _ *flowerState, v string) error {
			sid, ok := cU16(v, 10)
			if !ok {
				return illegal("pppoe_sid")(p)
			}
			o.PPPoESID = rtnl.Some(sid)
			return nil
		})),
		exact(checked("ppp_proto", pppCheck("ppp_proto"), func(_ *Parser, o *rtnl.Flower, st *flowerState, v string) error {
			proto, ok := pppProto(v)
			if !ok {
				return fail.Invalid("invalid ppp_proto", v)
			}
			switch proto {
			case ppPIP:
				st.ethType = unix.ETH_P_IP
			case ppPIPv6:
				st.ethType = unix.ETH_P_IPV6
			case ppPMPLSUC:
				st.ethType = unix.ETH_P_MPLS_UC
			case ppPMPLSMC:
				st.ethType = unix.ETH_P_MPLS_MC
			}
			o.PPPProto = rtnl.Some(proto)
			return nil
		})),
		ipAddr("enc_dst_ip", true, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv4Dst }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv6Dst }),
		ipAddr("enc_src_ip", true, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv4Src }, func(o *rtnl.Flower) *rtnl.Masked[netip.Addr] { return &o.EncIPv6Src }),
		value("enc_key_id", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			id, ok := cU32(v, 10)
			if ok {
				o.EncKeyID = rtnl.Some(id)
			}
			return ok
		}),
		value("enc_dst_port", func(_ *Parser, o *rtnl.Flower, _ *flowerState, v string) bool {
			port, ok := cU16(v, 10)
			if ok {
				o.EncUDPDstPort.Key = rtnl.Some(port)
			}
			return ok
		}),
		tosTTLWord("enc_tos", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.EncIPTOS }),
		tosTTLWord("enc_ttl", func(o *rtnl.Flower) *rtnl.Masked[uint8] { return &o.EncIPTTL }),
		encOptsWord("geneve_opts", false, parseGeneveOpts),
		encOptsWord("vxlan_opts", false, parseVxlanOpts),
		encOptsWord("erspan_opts", false, parseErspanOpts),
		encOptsWord("gtp_opts", true, parseGTPOpts),
		{name: "action", read: func(p *Parser, o *rtnl.Flower, _ *flowerState) error {
			if !p.More() {
				return fail.Incomplete()
			}
			acts, err := p.Actions("action")
			if err != nil {
				return err
			}
			o.Actions = append(o.Actions, acts...)
			return nil
		}},
	}
}

// renamed makes w's failure message msg.
func renamed(w flowerWord, msg string) flowerWord {
	read := w.read
	w.read = func(p *Parser, o *rtnl.Flower, st *flowerState) error {
		err := read(p, o, st)
		if fe, ok := err.(*fail.Error); ok && fe.Msg == `Illegal "`+w.name+`"` {
			return p.Fail(msg)
		}
		return err
	}
	return w
}
