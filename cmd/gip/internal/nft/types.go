package nft

import (
	"bufio"
	"fmt"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// dtype is one of nft's data types: how a value of a set key, a map's data
// or a compared field reads, in text and in JSON.
type dtype struct {
	id   uint32 // nft's TYPE_* number, kept by the kernel in a set's key type
	name string
	size int // bytes; a string type gives its buffer size
	// host says the value is in the host's byte order (marks, strings),
	// which also orders elements.
	host bool
	// symbols names values (icmp types, ct states); bitmask types print
	// a value as the names of its bits.
	symbols []symbol
	bitmask bool
	// format renders a value; nil prints it as an unsigned number.
	format func(b []byte) (string, any)
}

type symbol struct {
	name string
	val  uint64
}

// nft's data type numbers (enum datatypes in nft's datatype.h).
const (
	typeVerdict     = 1
	typeNFProto     = 2
	typeInteger     = 4
	typeString      = 5
	typeIPv4        = 7
	typeIPv6        = 8
	typeEther       = 9
	typeEthertype   = 10
	typeInetProto   = 12
	typeInetService = 13
	typeICMPType    = 14
	typeMark        = 19
	typeUID         = 24
	typeGID         = 25
	typeCtState     = 26
	typeICMPv6Type  = 29
	typeICMPCode    = 32
	typeICMPv6Code  = 33
	typeICMPXCode   = 34
	typeIfname      = 41
	typeARPHRD      = 21

	// typeBits is how many bits a member of a concatenation takes in a
	// set's key type.
	typeBits = 6
	// dataVerdict is a verdict map's data type (NFT_DATA_VERDICT).
	dataVerdict = 0xffffff00
)

var (
	tInteger = &dtype{id: typeInteger, name: "integer"}
	tIPv4    = &dtype{id: typeIPv4, name: "ipv4_addr", size: 4, format: addrFormat}
	tIPv6    = &dtype{id: typeIPv6, name: "ipv6_addr", size: 16, format: addrFormat}
	tEther   = &dtype{id: typeEther, name: "ether_addr", size: 6, format: etherFormat}
	tService = &dtype{id: typeInetService, name: "inet_service", size: 2}
	tMark    = &dtype{id: typeMark, name: "mark", size: 4, host: true, format: markFormat}
	tIfname  = &dtype{id: typeIfname, name: "ifname", size: 16, host: true, format: stringFormat}
	tString  = &dtype{id: typeString, name: "string", host: true, format: stringFormat}
	tUID     = &dtype{id: typeUID, name: "uid", size: 4, host: true}
	tGID     = &dtype{id: typeGID, name: "gid", size: 4, host: true}
	tNFProto = &dtype{id: typeNFProto, name: "nf_proto", size: 1, symbols: []symbol{
		{"ipv4", 2}, {"ipv6", 10}}}
	tInetProto = &dtype{id: typeInetProto, name: "inet_proto", size: 1, format: protoFormat}
	tEthertype = &dtype{id: typeEthertype, name: "ether_type", size: 2, host: false, symbols: []symbol{
		{"ip", 0x0800}, {"arp", 0x0806}, {"ip6", 0x86dd}, {"8021q", 0x8100}, {"8021ad", 0x88a8}, {"vlan", 0x8100}}}
	tARPHRD = &dtype{id: typeARPHRD, name: "iface_type", size: 2, host: true, symbols: []symbol{
		{"ether", 1}, {"ppp", 512}, {"ipip", 768}, {"ipip6", 769}, {"loopback", 772}, {"sit", 776}, {"ipgre", 778}}}
	tCtState = &dtype{id: typeCtState, name: "ct_state", size: 4, host: true, bitmask: true, symbols: []symbol{
		{"invalid", 1}, {"established", 2}, {"related", 4}, {"new", 8}, {"untracked", 64}}}
	tTCPFlags = &dtype{id: 15, name: "tcp_flag", size: 1, bitmask: true, symbols: []symbol{
		{"fin", 0x01}, {"syn", 0x02}, {"rst", 0x04}, {"psh", 0x08}, {"ack", 0x10}, {"urg", 0x20}, {"ecn", 0x40}, {"cwr", 0x80}}}
	tPktType = &dtype{id: 31, name: "pkt_type", size: 1, symbols: []symbol{
		{"host", 0}, {"broadcast", 1}, {"multicast", 2}, {"other", 3}}}
	tICMPType = &dtype{id: typeICMPType, name: "icmp_type", size: 1, symbols: []symbol{
		{"echo-reply", 0}, {"destination-unreachable", 3}, {"source-quench", 4}, {"redirect", 5},
		{"echo-request", 8}, {"router-advertisement", 9}, {"router-solicitation", 10},
		{"time-exceeded", 11}, {"parameter-problem", 12}, {"timestamp-request", 13},
		{"timestamp-reply", 14}, {"info-request", 15}, {"info-reply", 16},
		{"address-mask-request", 17}, {"address-mask-reply", 18}}}
	tICMPv6Type = &dtype{id: typeICMPv6Type, name: "icmpv6_type", size: 1, symbols: []symbol{
		{"destination-unreachable", 1}, {"packet-too-big", 2}, {"time-exceeded", 3},
		{"parameter-problem", 4}, {"echo-request", 128}, {"echo-reply", 129},
		{"mld-listener-query", 130}, {"mld-listener-report", 131}, {"mld-listener-done", 132},
		{"nd-router-solicit", 133}, {"nd-router-advert", 134}, {"nd-neighbor-solicit", 135},
		{"nd-neighbor-advert", 136}, {"nd-redirect", 137}, {"router-renumbering", 138},
		{"ind-neighbor-solicit", 141}, {"ind-neighbor-advert", 142}, {"mld2-listener-report", 143}}}
	tICMPCode = &dtype{id: typeICMPCode, name: "icmp_code", size: 1, symbols: []symbol{
		{"net-unreachable", 0}, {"host-unreachable", 1}, {"prot-unreachable", 2},
		{"port-unreachable", 3}, {"frag-needed", 4}, {"net-prohibited", 9},
		{"host-prohibited", 10}, {"admin-prohibited", 13}}}
	tICMPv6Code = &dtype{id: typeICMPv6Code, name: "icmpv6_code", size: 1, symbols: []symbol{
		{"no-route", 0}, {"admin-prohibited", 1}, {"addr-unreachable", 3},
		{"port-unreachable", 4}, {"policy-fail", 5}, {"reject-route", 6}}}
	tICMPXCode = &dtype{id: typeICMPXCode, name: "icmpx_code", size: 1, symbols: []symbol{
		{"no-route", 0}, {"port-unreachable", 1}, {"host-unreachable", 2}, {"admin-prohibited", 3}}}
)

// setTypes are the types a set's key or a map's data can be declared with.
var setTypes = []*dtype{tIPv4, tIPv6, tService, tEther, tMark, tIfname, tInetProto,
	tNFProto, tCtState, tICMPType, tICMPv6Type, tUID, tGID, tEthertype, tInteger, tString}

func typeByID(id uint32) *dtype {
	for _, t := range setTypes {
		if t.id == id {
			return t
		}
	}
	return nil
}

func typeByName(name string) *dtype {
	for _, t := range setTypes {
		if t.name == name {
			return t
		}
	}
	return nil
}

// concatTypes splits a set's key type into its members, the first member
// first. A type nft does not know stays an integer.
func concatTypes(id uint32, keyLen uint32) []*dtype {
	var ids []uint32
	for id != 0 {
		ids = append([]uint32{id & (1<<typeBits - 1)}, ids...)
		id >>= typeBits
	}
	if len(ids) <= 1 {
		t := typeByID(ids0(ids))
		if t == nil {
			t = &dtype{id: typeInteger, name: "integer", size: int(keyLen)}
		}
		return []*dtype{t}
	}
	out := make([]*dtype, len(ids))
	for i, n := range ids {
		out[i] = typeByID(n)
		if out[i] == nil {
			out[i] = tInteger
		}
	}
	return out
}

func ids0(ids []uint32) uint32 {
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// concatID packs the members' types into a set's key type.
func concatID(ts []*dtype) uint32 {
	var id uint32
	for _, t := range ts {
		id = id<<typeBits | t.id
	}
	return id
}

// regSize is the room a value of n bytes takes in the registers (and in
// a concatenated set key): whole 32-bit registers.
func regSize(n int) int { return (n + 3) &^ 3 }

// hostUint reads a number in the host's byte order.
func hostUint(b []byte) uint64 {
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// uint reads a value as an unsigned number in the type's byte order.
func (t *dtype) uint(b []byte) uint64 {
	var v uint64
	if t.host {
		for i := len(b) - 1; i >= 0; i-- {
			v = v<<8 | uint64(b[i])
		}
		return v
	}
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// bytes writes v in n bytes in the type's byte order.
func (t *dtype) bytes(v uint64, n int) []byte {
	b := make([]byte, n)
	for i := 0; i < n; i++ {
		shift := uint(8 * i)
		if t.host {
			b[i] = byte(v >> shift)
		} else {
			b[n-1-i] = byte(v >> shift)
		}
	}
	return b
}

// value renders a value of the type: its text and its JSON.
func (t *dtype) value(b []byte) (string, any) {
	if t.format != nil {
		return t.format(b)
	}
	v := t.uint(b)
	if t.bitmask {
		var names []string
		for _, s := range t.symbols {
			if v&s.val != 0 {
				names = append(names, s.name)
			}
		}
		if len(names) > 0 {
			if len(names) == 1 {
				return names[0], names[0]
			}
			js := make([]any, len(names))
			for i, n := range names {
				js[i] = n
			}
			return strings.Join(names, ","), js
		}
	}
	for _, s := range t.symbols {
		if s.val == v && !t.bitmask {
			return s.name, s.name
		}
	}
	if t == tInteger && len(b) > 8 {
		return "0x" + fmt.Sprintf("%x", b), "0x" + fmt.Sprintf("%x", b)
	}
	return strconv.FormatUint(v, 10), v
}

func addrFormat(b []byte) (string, any) {
	a, ok := netip.AddrFromSlice(b)
	if !ok {
		return fmt.Sprintf("0x%x", b), fmt.Sprintf("0x%x", b)
	}
	return a.String(), a.String()
}

func etherFormat(b []byte) (string, any) {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02x", c)
	}
	s := strings.Join(parts, ":")
	return s, s
}

func markFormat(b []byte) (string, any) {
	v := hostUint(b)
	return fmt.Sprintf("0x%08x", v), v
}

func stringFormat(b []byte) (string, any) {
	s := string(b)
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strconv.Quote(s), s
}

func protoFormat(b []byte) (string, any) {
	v := hostUint(b)
	if v <= 255 {
		if n, ok := protocolName(uint8(v)); ok {
			return n, n
		}
	}
	return strconv.FormatUint(v, 10), v
}

// protocolName is the protocol's name as getprotobynumber gives it
// (env's /etc/protocols); the common protocols keep their names where
// the file is missing.
func protocolName(p uint8) (string, bool) {
	if n, ok := env.IPProtoFirstName(p); ok {
		return n, true
	}
	n, ok := builtinProtocols[p]
	return n, ok
}

// protocolNumber is getprotobyname's answer (names and aliases of
// /etc/protocols), with the same fallback as protocolName.
func protocolNumber(name string) (uint8, bool) {
	if n, ok := env.IPProtoNumber(name); ok {
		return n, true
	}
	for n, s := range builtinProtocols {
		if s == name {
			return n, true
		}
	}
	return 0, false
}

var builtinProtocols = map[uint8]string{1: "icmp", 2: "igmp", 6: "tcp", 17: "udp", 47: "gre",
	50: "esp", 51: "ah", 58: "ipv6-icmp", 132: "sctp", 136: "udplite"}

// readNameDB calls each with the fields of every line of a file such as
// /etc/protocols (comments cut, at least two fields); false if the file
// cannot be read.
func readNameDB(path string, each func(fields []string)) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line, _, _ := strings.Cut(s.Text(), "#")
		if fs := strings.Fields(line); len(fs) >= 2 {
			each(fs)
		}
	}
	return true
}
