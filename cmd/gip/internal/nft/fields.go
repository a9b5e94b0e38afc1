package nft

import (
	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

// field is a header field nft names: "tcp dport" is field dport of
// protocol tcp, two bytes at offset 2 of the transport header.
type field struct {
	proto  string
	name   string
	base   uint32
	offset uint32 // bytes
	len    uint32 // bytes
	t      *dtype
}

// l4 says which transport protocol a header is for (IPPROTO_*), 0 for the
// network and link layers and for th.
var headerL4 = map[string]uint8{"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58}

var fields = []field{
	{"ether", "daddr", nftables.BaseLL, 0, 6, tEther},
	{"ether", "saddr", nftables.BaseLL, 6, 6, tEther},
	{"ether", "type", nftables.BaseLL, 12, 2, tEthertype},
	{"ip", "length", nftables.BaseNetwork, 2, 2, tInteger},
	{"ip", "id", nftables.BaseNetwork, 4, 2, tInteger},
	{"ip", "ttl", nftables.BaseNetwork, 8, 1, tInteger},
	{"ip", "protocol", nftables.BaseNetwork, 9, 1, tInetProto},
	{"ip", "checksum", nftables.BaseNetwork, 10, 2, tInteger},
	{"ip", "saddr", nftables.BaseNetwork, 12, 4, tIPv4},
	{"ip", "daddr", nftables.BaseNetwork, 16, 4, tIPv4},
	{"ip6", "length", nftables.BaseNetwork, 4, 2, tInteger},
	{"ip6", "nexthdr", nftables.BaseNetwork, 6, 1, tInetProto},
	{"ip6", "hoplimit", nftables.BaseNetwork, 7, 1, tInteger},
	{"ip6", "saddr", nftables.BaseNetwork, 8, 16, tIPv6},
	{"ip6", "daddr", nftables.BaseNetwork, 24, 16, tIPv6},
	{"tcp", "sport", nftables.BaseTransport, 0, 2, tService},
	{"tcp", "dport", nftables.BaseTransport, 2, 2, tService},
	{"tcp", "sequence", nftables.BaseTransport, 4, 4, tInteger},
	{"tcp", "ackseq", nftables.BaseTransport, 8, 4, tInteger},
	{"tcp", "flags", nftables.BaseTransport, 13, 1, tTCPFlags},
	{"tcp", "window", nftables.BaseTransport, 14, 2, tInteger},
	{"tcp", "checksum", nftables.BaseTransport, 16, 2, tInteger},
	{"udp", "sport", nftables.BaseTransport, 0, 2, tService},
	{"udp", "dport", nftables.BaseTransport, 2, 2, tService},
	{"udp", "length", nftables.BaseTransport, 4, 2, tInteger},
	{"udp", "checksum", nftables.BaseTransport, 6, 2, tInteger},
	{"th", "sport", nftables.BaseTransport, 0, 2, tService},
	{"th", "dport", nftables.BaseTransport, 2, 2, tService},
	{"icmp", "type", nftables.BaseTransport, 0, 1, tICMPType},
	{"icmp", "code", nftables.BaseTransport, 1, 1, tInteger},
	{"icmp", "checksum", nftables.BaseTransport, 2, 2, tInteger},
	{"icmp", "id", nftables.BaseTransport, 4, 2, tInteger},
	{"icmp", "sequence", nftables.BaseTransport, 6, 2, tInteger},
	{"icmpv6", "type", nftables.BaseTransport, 0, 1, tICMPv6Type},
	{"icmpv6", "code", nftables.BaseTransport, 1, 1, tInteger},
	{"icmpv6", "checksum", nftables.BaseTransport, 2, 2, tInteger},
	{"icmpv6", "id", nftables.BaseTransport, 4, 2, tInteger},
	{"icmpv6", "sequence", nftables.BaseTransport, 6, 2, tInteger},
}

// findField returns the field of proto at base, offset and len.
func findField(proto string, base, offset, n uint32) *field {
	for i := range fields {
		f := &fields[i]
		if f.proto == proto && f.base == base && f.offset == offset && f.len == n {
			return f
		}
	}
	return nil
}

// fieldNamed returns proto's field called name.
func fieldNamed(proto, name string) *field {
	for i := range fields {
		if fields[i].proto == proto && fields[i].name == name {
			return &fields[i]
		}
	}
	return nil
}

// metaKey is a meta expression's key: its name, type and whether nft
// prints it without "meta" in front.
type metaKey struct {
	key  uint32
	name string
	t    *dtype
	bare bool // "iifname", not "meta iifname"
}

var metaKeys = []metaKey{
	{unix.NFT_META_LEN, "length", &dtype{id: typeInteger, name: "integer", size: 4, host: true}, false},
	{unix.NFT_META_PROTOCOL, "protocol", tEthertype, false},
	{unix.NFT_META_MARK, "mark", tMark, false},
	{unix.NFT_META_IIF, "iif", &dtype{id: 20, name: "iface_index", size: 4, host: true}, true},
	{unix.NFT_META_OIF, "oif", &dtype{id: 20, name: "iface_index", size: 4, host: true}, true},
	{unix.NFT_META_IIFNAME, "iifname", tIfname, true},
	{unix.NFT_META_OIFNAME, "oifname", tIfname, true},
	{unix.NFT_META_IIFTYPE, "iiftype", tARPHRD, true},
	{unix.NFT_META_OIFTYPE, "oiftype", tARPHRD, true},
	{unix.NFT_META_SKUID, "skuid", tUID, false},
	{unix.NFT_META_SKGID, "skgid", tGID, false},
	{unix.NFT_META_NFPROTO, "nfproto", tNFProto, false},
	{unix.NFT_META_L4PROTO, "l4proto", tInetProto, false},
	{unix.NFT_META_PRIORITY, "priority", &dtype{id: 23, name: "classid", size: 4, host: true}, false},
	{unix.NFT_META_PKTTYPE, "pkttype", tPktType, false},
	{unix.NFT_META_CPU, "cpu", &dtype{id: typeInteger, name: "integer", size: 4, host: true}, false},
}

func findMeta(key uint32) *metaKey {
	for i := range metaKeys {
		if metaKeys[i].key == key {
			return &metaKeys[i]
		}
	}
	return nil
}

func metaNamed(name string) *metaKey {
	for i := range metaKeys {
		if metaKeys[i].name == name {
			return &metaKeys[i]
		}
	}
	return nil
}

// ctKey is a conntrack key nft names.
type ctKey struct {
	key  uint32
	name string
	t    *dtype
}

var ctKeys = []ctKey{
	{unix.NFT_CT_STATE, "state", tCtState},
	{unix.NFT_CT_MARK, "mark", tMark},
	{unix.NFT_CT_DIRECTION, "direction", &dtype{id: 27, name: "ct_dir", size: 1, symbols: []symbol{{"original", 0}, {"reply", 1}}}},
	{unix.NFT_CT_STATUS, "status", &dtype{id: 28, name: "ct_status", size: 4, host: true, bitmask: true, symbols: []symbol{
		{"expected", 1}, {"seen-reply", 2}, {"assured", 4}, {"confirmed", 8}, {"snat", 16}, {"dnat", 32}, {"dying", 512}}}},
	{unix.NFT_CT_EXPIRATION, "expiration", &dtype{id: 18, name: "time", size: 4, host: true}},
	{unix.NFT_CT_ZONE, "zone", &dtype{id: typeInteger, name: "integer", size: 2, host: true}},
}

func findCt(key uint32) *ctKey {
	for i := range ctKeys {
		if ctKeys[i].key == key {
			return &ctKeys[i]
		}
	}
	return nil
}

func ctNamed(name string) *ctKey {
	for i := range ctKeys {
		if ctKeys[i].name == name {
			return &ctKeys[i]
		}
	}
	return nil
}

// addrField returns the address field of proto whose first n bytes are
// at offset.
func addrField(proto string, base, offset, n uint32) *field {
	for i := range fields {
		f := &fields[i]
		if f.proto == proto && f.base == base && f.offset == offset && n < f.len &&
			(f.t == tIPv4 || f.t == tIPv6) {
			return f
		}
	}
	return nil
}

// splitFields returns the fields of proto that exactly cover n bytes at
// offset, in order, or nil.
func splitFields(proto string, base, offset, n uint32) []*field {
	var out []*field
	for end := offset + n; offset < end; {
		var next *field
		for i := range fields {
			f := &fields[i]
			if f.proto == proto && f.base == base && f.offset == offset && offset+f.len <= end {
				next = f
				break
			}
		}
		if next == nil {
			return nil
		}
		out = append(out, next)
		offset += next.len
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
