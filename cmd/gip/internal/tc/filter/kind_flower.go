package filter

import (
	"strings"

	"golang.org/x/sys/unix"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// flowerUsage is tc 6.1's, to the byte (its ppp_proto line lacks the line
// break before dst_mac).
const flowerUsage = "Usage: ... flower	[ MATCH-LIST ] [ verbose ]\n" +
	"			[ skip_sw | skip_hw ]\n" +
	"			[ action ACTION-SPEC ] [ classid CLASSID ]\n" +
	"\n" +
	"Where: MATCH-LIST := [ MATCH-LIST ] MATCH\n" +
	"       MATCH      := {	indev DEV-NAME |\n" +
	"			num_of_vlans VLANS_COUNT |\n" +
	"			vlan_id VID |\n" +
	"			vlan_prio PRIORITY |\n" +
	"			vlan_ethtype [ ipv4 | ipv6 | ETH-TYPE ] |\n" +
	"			cvlan_id VID |\n" +
	"			cvlan_prio PRIORITY |\n" +
	"			cvlan_ethtype [ ipv4 | ipv6 | ETH-TYPE ] |\n" +
	"			pppoe_sid PSID |\n" +
	"			ppp_proto [ ipv4 | ipv6 | mpls_uc | mpls_mc | PPP_PROTO ]" +
	"			dst_mac MASKED-LLADDR |\n" +
	"			src_mac MASKED-LLADDR |\n" +
	"			ip_proto [tcp | udp | sctp | icmp | icmpv6 | IP-PROTO ] |\n" +
	"			ip_tos MASKED-IP_TOS |\n" +
	"			ip_ttl MASKED-IP_TTL |\n" +
	"			mpls LSE-LIST |\n" +
	"			mpls_label LABEL |\n" +
	"			mpls_tc TC |\n" +
	"			mpls_bos BOS |\n" +
	"			mpls_ttl TTL |\n" +
	"			dst_ip PREFIX |\n" +
	"			src_ip PREFIX |\n" +
	"			dst_port PORT-NUMBER |\n" +
	"			src_port PORT-NUMBER |\n" +
	"			tcp_flags MASKED-TCP_FLAGS |\n" +
	"			type MASKED-ICMP-TYPE |\n" +
	"			code MASKED-ICMP-CODE |\n" +
	"			arp_tip IPV4-PREFIX |\n" +
	"			arp_sip IPV4-PREFIX |\n" +
	"			arp_op [ request | reply | OP ] |\n" +
	"			arp_tha MASKED-LLADDR |\n" +
	"			arp_sha MASKED-LLADDR |\n" +
	"			enc_dst_ip [ IPV4-ADDR | IPV6-ADDR ] |\n" +
	"			enc_src_ip [ IPV4-ADDR | IPV6-ADDR ] |\n" +
	"			enc_key_id [ KEY-ID ] |\n" +
	"			enc_tos MASKED-IP_TOS |\n" +
	"			enc_ttl MASKED-IP_TTL |\n" +
	"			geneve_opts MASKED-OPTIONS |\n" +
	"			vxlan_opts MASKED-OPTIONS |\n" +
	"                       erspan_opts MASKED-OPTIONS |\n" +
	"			gtp_opts MASKED-OPTIONS |\n" +
	"			ip_flags IP-FLAGS |\n" +
	"			enc_dst_port [ port_number ] |\n" +
	"			ct_state MASKED_CT_STATE |\n" +
	"			ct_label MASKED_CT_LABEL |\n" +
	"			ct_mark MASKED_CT_MARK |\n" +
	"			ct_zone MASKED_CT_ZONE }\n" +
	"	LSE-LIST := [ LSE-LIST ] LSE\n" +
	"	LSE := lse depth DEPTH { label LABEL | tc TC | bos BOS | ttl TTL }\n" +
	"	FILTERID := X:Y:Z\n" +
	"	MASKED_LLADDR := { LLADDR | LLADDR/MASK | LLADDR/BITS }\n" +
	"	MASKED_CT_STATE := combination of {+|-} and flags trk,est,new,rel,rpl,inv\n" +
	"	ACTION-SPEC := ... look at individual actions\n" +
	"\n" +
	"NOTE:	CLASSID, IP-PROTO are parsed as hexadecimal input.\n" +
	"NOTE:	There can be only used one mask per one prio. If user needs\n" +
	"	to specify different mask, he has to use different prio.\n"

// flowerKind is flower: packets matched by their parsed headers (and
// tunnel metadata, conntrack state), then classified or acted on.
func flowerKind() *Kind {
	k := &Kind{Name: "flower", Usage: flowerUsage}
	k.New, k.Parse, k.Print = typed(parseFlower, printFlower)
	return k
}

// Link-layer and PPP protocol numbers flower's grammar depends on.
const (
	ppPIP     = 0x21
	ppPIPv6   = 0x57
	ppPMPLSUC = 0x281
	ppPMPLSMC = 0x283

	hwTCBase   = 0xFFE0 // TC_H_MIN_PRIORITY
	hwTCQueues = 16     // TC_QOPT_MAX_QUEUE
)

// pppProtos is tc's table of PPP protocol names, in its order.
var pppProtos = []struct {
	id   uint16
	name string
}{
	{0x21, "ip"}, {0x29, "at"}, {0x2b, "ipx"}, {0x2d, "vjc_comp"}, {0x2f, "vjc_uncomp"},
	{0x3d, "mp"}, {0x57, "ipv6"}, {0xfb, "compfrag"}, {0xfd, "comp"}, {0x281, "mpls_uc"},
	{0x283, "mpls_mc"}, {0x8021, "ipcp"}, {0x8029, "atcp"}, {0x802b, "ipxcp"}, {0x8057, "ipv6cp"},
	{0x80fb, "ccpfrag"}, {0x80fd, "ccp"}, {0x80fd, "mplscp"}, {0xc021, "lcp"}, {0xc023, "pap"},
	{0xc025, "lqr"}, {0xc223, "chap"}, {0xc029, "cbcp"},
}

// ctStates are the conntrack state names, in the order tc reads and
// prints them.
var ctStates = []struct {
	name string
	flag uint16
}{
	{"trk", rtnl.FlowerCTTracked}, {"new", rtnl.FlowerCTNew}, {"est", rtnl.FlowerCTEstablished},
	{"rel", rtnl.FlowerCTRelated}, {"inv", rtnl.FlowerCTInvalid}, {"rpl", rtnl.FlowerCTReply},
}

// ipFlags are the matching flags ip_flags names.
var ipFlags = []struct {
	name string
	flag uint32
}{{"frag", rtnl.FlowerFlagIsFragment}, {"firstfrag", rtnl.FlowerFlagFragIsFirst}}

// flowerState is what flower's grammar carries from word to word.
type flowerState struct {
	tcProto, ethType, vlanEthType uint16
	numOfVlans                    uint8
	ipProto                       uint8
	flags, mtf, mtfMask           uint32
	mplsOld, mplsNew              bool
}

func isVlan(proto uint16, enough bool) bool {
	return proto == unix.ETH_P_8021Q || proto == unix.ETH_P_8021AD || enough
}

func isMPLS(proto uint16) bool { return proto == unix.ETH_P_MPLS_UC || proto == unix.ETH_P_MPLS_MC }

func isARP(proto uint16) bool { return proto == unix.ETH_P_ARP || proto == unix.ETH_P_RARP }

// parseMPLS reads the lse form: "mpls" then LSEs, each "lse" and its
// fields; it stops at the first other word.
func parseMPLS(p *Parser, o *rtnl.Flower, st *flowerState) error {
	if !p.More() {
		return fail.Incomplete()
	}
	switch {
	case !isMPLS(st.ethType):
		return p.Fail(`Can't set "mpls" if ethertype isn't MPLS`)
	case st.mplsOld:
		return p.Fail(`Can't set "mpls" if "mpls_label", "mpls_tc", "mpls_bos" or "mpls_ttl" is set`)
	}
	st.mplsNew = true
	lses := []rtnl.FlowerLSE{}
	for p.More() && grammar.Matches(p.Peek(), "lse") {
		p.Next()
		if !p.More() {
			return fail.Incomplete()
		}
		var l rtnl.FlowerLSE
		for p.More() {
			w := p.Peek()
			var (
				name  string
				limit uint64
				set   func(v uint64)
			)
			switch {
			case grammar.Matches(w, "depth"):
				name, limit, set = "depth", 0xff, func(v uint64) { l.Depth = rtnl.Some(uint8(v)) }
			case grammar.Matches(w, "label"):
				name, limit, set = "label", 0xfffff, func(v uint64) { l.Label = rtnl.Some(uint32(v)) }
			case grammar.Matches(w, "tc"):
				name, limit, set = "tc", 7, func(v uint64) { l.TC = rtnl.Some(uint8(v)) }
			case grammar.Matches(w, "bos"):
				name, limit, set = "bos", 1, func(v uint64) { l.BOS = rtnl.Some(uint8(v)) }
			case grammar.Matches(w, "ttl"):
				name, limit, set = "ttl", 0xff, func(v uint64) { l.TTL = rtnl.Some(uint8(v)) }
			}
			if set == nil {
				break
			}
			p.Next()
			v, err := p.Value()
			if err != nil {
				return err
			}
			bitsMax := uint64(0xff)
			if name == "label" {
				bitsMax = 0xffffffff
			}
			n, ok := grammar.CUint(v, 10, bitsMax)
			if !ok || n > limit || name == "depth" && n < 1 {
				return p.Fail(`Illegal "` + name + `"`)
			}
			set(n)
		}
		if !l.Depth.Set {
			return fail.Usagef(`Error: argument "depth" is required`)
		}
		lses = append(lses, l)
	}
	o.MPLS = lses
	return nil
}

func parseFlower(p *Parser, o *rtnl.Flower) error {
	if p.Handle != "" {
		h, ok := cU32(p.Handle, 0)
		if !ok {
			return p.Fail(`Illegal "handle"`)
		}
		p.Msg.Handle = h
	}
	st := &flowerState{tcProto: p.Protocol, ethType: p.Protocol, ipProto: 0xff}
	for p.More() {
		w := p.Next()
		var word *flowerWord
		words := flowerWords()
		for i := range words {
			fw := &words[i]
			if fw.exact && w == fw.name || !fw.exact && grammar.Matches(w, fw.name) {
				word = fw
				break
			}
		}
		if word == nil {
			if w == "help" {
				return p.Fail(strings.TrimSuffix(flowerUsage, "\n"))
			}
			return p.WhatIs(w)
		}
		if err := word.read(p, o, st); err != nil {
			return err
		}
	}
	o.Flags = rtnl.Some(st.flags)
	if st.mtfMask != 0 {
		o.KeyFlags.Key, o.KeyFlags.Mask = rtnl.Some(st.mtf), rtnl.Some(st.mtfMask)
	}
	if st.tcProto != unix.ETH_P_ALL {
		o.EthType = rtnl.Some(st.tcProto)
	}
	return nil
}
