package ipset

import (
	"fmt"
	"net"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// Entry is an element of a set, with its extensions. Which fields an entry
// uses depends on the set's type. Unset optional fields are nil or zero.
type Entry struct {
	IP     netip.Addr
	IPTo   netip.Addr // end of an address range
	CIDR   uint8      // 0: none given
	Port   *uint16    // port, or ICMP type<<8|code
	PortTo *uint16
	Proto  *uint8
	IP2    netip.Addr
	IP2To  netip.Addr
	CIDR2  uint8
	Ether  net.HardwareAddr
	Iface  string
	Mark   *uint32
	// Name is a member of a list:set; NameRef with FlagBefore (or not, for
	// after) places it relative to another member.
	Name    string
	NameRef string

	// Flags are the element's flags: FlagNoMatch, FlagPhysdev,
	// FlagIfaceWildcard, FlagBefore.
	Flags uint32

	Timeout  *uint32
	Packets  *uint64
	Bytes    *uint64
	Comment  *string
	SkbMark  *uint64 // mark<<32 | mask
	SkbPrio  *uint32 // major<<16 | minor
	SkbQueue *uint16

	// LineNo is sent with the request (IPSET_ATTR_LINENO), for restore.
	LineNo uint32
}

// encodeData appends the DATA attribute of an add, del or test request;
// with line, it carries en.LineNo (ipset sends it with add and del, not
// with test).
func (en *Entry) encodeData(e *nl.AttrEncoder, line bool) {
	e.Nest(AttrData)
	if en.IP.IsValid() {
		encodeAddr(e, AttrIP, en.IP)
	}
	if en.IPTo.IsValid() {
		encodeAddr(e, AttrIPTo, en.IPTo)
	}
	if en.CIDR != 0 {
		e.Uint8(AttrCIDR, en.CIDR)
	}
	if en.Port != nil {
		e.Uint16(AttrPort|netOrder, *en.Port)
	}
	if en.PortTo != nil {
		e.Uint16(AttrPortTo|netOrder, *en.PortTo)
	}
	if en.Timeout != nil {
		e.Uint32(AttrTimeout|netOrder, *en.Timeout)
	}
	if en.Proto != nil {
		e.Uint8(AttrProto, *en.Proto)
	}
	if en.Flags != 0 {
		e.Uint32(AttrCADTFlags|netOrder, en.Flags)
	}
	if en.Mark != nil {
		e.Uint32(AttrMark|netOrder, *en.Mark)
	}
	if en.Ether != nil {
		e.Bytes(AttrEther, en.Ether)
	}
	if en.Name != "" {
		e.String(AttrName, en.Name)
	}
	if en.NameRef != "" {
		e.String(AttrNameRef, en.NameRef)
	}
	if en.IP2.IsValid() {
		encodeAddr(e, AttrIP2, en.IP2)
	}
	if en.CIDR2 != 0 {
		e.Uint8(AttrCIDR2, en.CIDR2)
	}
	if en.IP2To.IsValid() {
		encodeAddr(e, AttrIP2To, en.IP2To)
	}
	if en.Iface != "" {
		e.String(AttrIface, en.Iface)
	}
	if en.Bytes != nil {
		e.Uint64(AttrBytes|netOrder, *en.Bytes)
	}
	if en.Packets != nil {
		e.Uint64(AttrPackets|netOrder, *en.Packets)
	}
	if en.Comment != nil {
		e.String(AttrComment, *en.Comment)
	}
	if en.SkbMark != nil {
		e.Uint64(AttrSkbMark|netOrder, *en.SkbMark)
	}
	if en.SkbPrio != nil {
		e.Uint32(AttrSkbPrio|netOrder, *en.SkbPrio)
	}
	if en.SkbQueue != nil {
		e.Uint16(AttrSkbQueue|netOrder, *en.SkbQueue)
	}
	if line {
		e.Uint32(AttrCADTLine|netOrder, en.LineNo)
	}
	e.Unnest()
}

// DecodeEntry reads one element from the payload of a DATA attribute
// inside a listing's ADT attribute.
func DecodeEntry(b []byte) (Entry, error) {
	d := nl.NewAttrDecoderOrder(b, bigEndian)
	var en Entry
	en.decode(&d)
	return en, d.Err()
}

func (en *Entry) decode(d *nl.AttrDecoder) {
	for d.Next() {
		switch d.Type() {
		case AttrIP:
			en.IP = decodeAddr(d)
		case AttrIPTo:
			en.IPTo = decodeAddr(d)
		case AttrCIDR:
			en.CIDR = d.Uint8()
		case AttrPort:
			en.Port = ptr(d.Uint16())
		case AttrPortTo:
			en.PortTo = ptr(d.Uint16())
		case AttrTimeout:
			en.Timeout = ptr(d.Uint32())
		case AttrProto:
			en.Proto = ptr(d.Uint8())
		case AttrCADTFlags:
			en.Flags = d.Uint32()
		case AttrMark:
			en.Mark = ptr(d.Uint32())
		case AttrEther:
			if d.Len() != 6 {
				d.Decode(func(*nl.AttrDecoder) error {
					return fmt.Errorf("%w: MAC address of %d bytes", nl.ErrAttr, d.Len())
				})
				continue
			}
			en.Ether = net.HardwareAddr(append([]byte(nil), d.Bytes()...))
		case AttrName:
			en.Name = d.String()
		case AttrNameRef:
			en.NameRef = d.String()
		case AttrIP2:
			en.IP2 = decodeAddr(d)
		case AttrCIDR2:
			en.CIDR2 = d.Uint8()
		case AttrIP2To:
			en.IP2To = decodeAddr(d)
		case AttrIface:
			en.Iface = d.String()
		case AttrBytes:
			en.Bytes = ptr(d.Uint64())
		case AttrPackets:
			en.Packets = ptr(d.Uint64())
		case AttrComment:
			en.Comment = ptr(d.String())
		case AttrSkbMark:
			en.SkbMark = ptr(d.Uint64())
		case AttrSkbPrio:
			en.SkbPrio = ptr(d.Uint32())
		case AttrSkbQueue:
			en.SkbQueue = ptr(d.Uint16())
		case AttrCADTLine:
			en.LineNo = d.Uint32()
		}
	}
}
