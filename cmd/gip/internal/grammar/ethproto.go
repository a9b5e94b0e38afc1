package grammar

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// ethProtos are the link-layer protocol names tc reads and prints (its
// ll_proto table), in its order: the first name of a number is printed.
var ethProtos = []struct {
	id   uint16
	name string
}{
	{unix.ETH_P_LOOP, "loop"}, {unix.ETH_P_PUP, "pup"}, {unix.ETH_P_PUPAT, "pupat"},
	{unix.ETH_P_IP, "ip"}, {unix.ETH_P_X25, "x25"}, {unix.ETH_P_ARP, "arp"},
	{unix.ETH_P_BPQ, "bpq"}, {unix.ETH_P_IEEEPUP, "ieeepup"}, {unix.ETH_P_IEEEPUPAT, "ieeepupat"},
	{unix.ETH_P_DEC, "dec"}, {unix.ETH_P_DNA_DL, "dna_dl"}, {unix.ETH_P_DNA_RC, "dna_rc"},
	{unix.ETH_P_DNA_RT, "dna_rt"}, {unix.ETH_P_LAT, "lat"}, {unix.ETH_P_DIAG, "diag"},
	{unix.ETH_P_CUST, "cust"}, {unix.ETH_P_SCA, "sca"}, {unix.ETH_P_RARP, "rarp"},
	{unix.ETH_P_ATALK, "atalk"}, {unix.ETH_P_AARP, "aarp"}, {unix.ETH_P_IPX, "ipx"},
	{unix.ETH_P_IPV6, "ipv6"}, {unix.ETH_P_PPP_DISC, "ppp_disc"}, {unix.ETH_P_PPP_SES, "ppp_ses"},
	{unix.ETH_P_ATMMPOA, "atmmpoa"}, {unix.ETH_P_ATMFATE, "atmfate"}, {unix.ETH_P_802_3, "802_3"},
	{unix.ETH_P_AX25, "ax25"}, {unix.ETH_P_ALL, "all"}, {unix.ETH_P_802_2, "802_2"},
	{unix.ETH_P_SNAP, "snap"}, {unix.ETH_P_DDCMP, "ddcmp"}, {unix.ETH_P_WAN_PPP, "wan_ppp"},
	{unix.ETH_P_PPP_MP, "ppp_mp"}, {unix.ETH_P_LOCALTALK, "localtalk"}, {unix.ETH_P_CAN, "can"},
	{unix.ETH_P_PPPTALK, "ppptalk"}, {unix.ETH_P_TR_802_2, "tr_802_2"}, {unix.ETH_P_MOBITEX, "mobitex"},
	{unix.ETH_P_CONTROL, "control"}, {unix.ETH_P_IRDA, "irda"}, {unix.ETH_P_ECONET, "econet"},
	{unix.ETH_P_TIPC, "tipc"}, {unix.ETH_P_PROFINET, "profinet"}, {unix.ETH_P_AOE, "aoe"},
	{unix.ETH_P_ETHERCAT, "ethercat"}, {unix.ETH_P_8021Q, "802.1Q"}, {unix.ETH_P_8021AD, "802.1ad"},
	{unix.ETH_P_MPLS_UC, "mpls_uc"}, {unix.ETH_P_MPLS_MC, "mpls_mc"}, {unix.ETH_P_TEB, "teb"},
	{0x8100, "802.1Q"}, {0x88cc, "LLDP"}, {unix.ETH_P_IP, "ipv4"},
}

// ParseEthProto reads a link-layer protocol as tc does: a name of its
// table, in any case, or a number (C syntax: 0x for hex). The result is in
// host order.
func ParseEthProto(s string) (uint16, bool) {
	for _, p := range ethProtos {
		if strings.EqualFold(p.name, s) {
			return p.id, true
		}
	}
	v, ok := ParseCUint(s, 16)
	return uint16(v), ok
}

// EthProtoText is a protocol as tc prints it: its name, or its number in
// brackets (always the number under -N).
func EthProtoText(id uint16, numeric bool) string {
	if !numeric {
		for _, p := range ethProtos {
			if p.id == id {
				return p.name
			}
		}
	}
	return "[" + strconv.FormatUint(uint64(id), 10) + "]"
}

// EthProtoWord is a protocol as ParseEthProto reads it back: its name, or
// its number in hexadecimal (0x0800), never tc's bracketed number.
func EthProtoWord(id uint16) string {
	if t := EthProtoText(id, false); t[0] != '[' {
		return t
	}
	return fmt.Sprintf("0x%04x", id)
}
