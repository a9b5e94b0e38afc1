package ipset

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// Set is a set's identity and header: what create sends and what the
// kernel reports above the members of a listing. Unset options are nil
// (or the zero netip.Addr) and are not sent.
type Set struct {
	Name     string
	Type     string
	Revision uint8
	Family   uint8 // FamilyINET, FamilyINET6 or FamilyUnspec

	HashSize   *uint32
	MaxElem    *uint32
	Netmask    *uint8
	Bitmask    netip.Addr
	MarkMask   *uint32
	Timeout    *uint32
	BucketSize *uint8
	InitVal    *uint32
	Size       *uint32 // list:set

	// Range of a bitmap set: RangeFrom-RangeTo, or RangeFrom/RangeCIDR as
	// given at create (the kernel reports from-to).
	RangeFrom, RangeTo netip.Addr
	RangeCIDR          uint8
	PortFrom, PortTo   *uint16

	// Flags holds the extensions (FlagWithCounters, FlagWithComment,
	// FlagWithSkbInfo, FlagWithForceAdd).
	Flags uint32

	// Reported by the kernel only.
	MemSize     uint32
	References  uint32
	Elements    uint32
	HasElements bool
}

func ptr[T any](v T) *T { return &v }

// encodeAddr writes a nested address attribute (IPSET_ATTR_IPADDR_*).
func encodeAddr(e *nl.AttrEncoder, typ uint16, a netip.Addr) {
	e.Nest(typ)
	if a.Is4() {
		e.Addr(AttrIPAddrIPv4|netOrder, a)
	} else {
		e.Addr(AttrIPAddrIPv6|netOrder, a)
	}
	e.Unnest()
}

// decodeAddr reads a nested address attribute.
func decodeAddr(d *nl.AttrDecoder) netip.Addr {
	var a netip.Addr
	d.Decode(func(n *nl.AttrDecoder) error {
		for n.Next() {
			switch n.Type() {
			case AttrIPAddrIPv4:
				if n.Len() != 4 {
					return fmt.Errorf("%w: IPv4 address of %d bytes", nl.ErrAttr, n.Len())
				}
				a = n.Addr()
			case AttrIPAddrIPv6:
				if n.Len() != 16 {
					return fmt.Errorf("%w: IPv6 address of %d bytes", nl.ErrAttr, n.Len())
				}
				a = n.Addr()
			}
		}
		return nil
	})
	return a
}

func newEncoder() *nl.AttrEncoder { return nl.NewAttrEncoderOrder(nil, binary.BigEndian) }

// encodeCreateData appends the DATA attribute of a create request.
func (s *Set) encodeCreateData(e *nl.AttrEncoder) {
	e.Nest(AttrData)
	if s.RangeFrom.IsValid() {
		encodeAddr(e, AttrIP, s.RangeFrom)
		if s.RangeTo.IsValid() {
			encodeAddr(e, AttrIPTo, s.RangeTo)
		}
		if s.RangeCIDR != 0 {
			e.Uint8(AttrCIDR, s.RangeCIDR)
		}
	}
	if s.PortFrom != nil {
		e.Uint16(AttrPort|netOrder, *s.PortFrom)
	}
	if s.PortTo != nil {
		e.Uint16(AttrPortTo|netOrder, *s.PortTo)
	}
	if s.Timeout != nil {
		e.Uint32(AttrTimeout|netOrder, *s.Timeout)
	}
	if s.Flags != 0 {
		e.Uint32(AttrCADTFlags|netOrder, s.Flags)
	}
	if s.MarkMask != nil {
		e.Uint32(AttrMarkMask|netOrder, *s.MarkMask)
	}
	if s.Bitmask.IsValid() {
		encodeAddr(e, AttrBitmask, s.Bitmask)
	}
	if s.InitVal != nil {
		e.Uint32(AttrInitVal|netOrder, *s.InitVal)
	}
	if s.HashSize != nil {
		e.Uint32(AttrHashSize|netOrder, *s.HashSize)
	}
	if s.MaxElem != nil {
		e.Uint32(AttrMaxElem|netOrder, *s.MaxElem)
	}
	if s.Netmask != nil {
		e.Uint8(AttrNetmask, *s.Netmask)
	}
	if s.BucketSize != nil {
		e.Uint8(AttrBucketSize, *s.BucketSize)
	}
	if s.Size != nil {
		e.Uint32(AttrSize|netOrder, *s.Size)
	}
	e.Unnest()
}

// decodeHeaderData reads the DATA attribute of a listing's header.
func (s *Set) decodeHeaderData(d *nl.AttrDecoder) {
	d.Decode(func(n *nl.AttrDecoder) error {
		for n.Next() {
			switch n.Type() {
			case AttrIP:
				s.RangeFrom = decodeAddr(n)
			case AttrIPTo:
				s.RangeTo = decodeAddr(n)
			case AttrCIDR:
				s.RangeCIDR = n.Uint8()
			case AttrPort:
				s.PortFrom = ptr(n.Uint16())
			case AttrPortTo:
				s.PortTo = ptr(n.Uint16())
			case AttrTimeout:
				s.Timeout = ptr(n.Uint32())
			case AttrCADTFlags:
				s.Flags = n.Uint32()
			case AttrMarkMask:
				s.MarkMask = ptr(n.Uint32())
			case AttrBitmask:
				s.Bitmask = decodeAddr(n)
			case AttrInitVal:
				s.InitVal = ptr(n.Uint32())
			case AttrHashSize:
				s.HashSize = ptr(n.Uint32())
			case AttrMaxElem:
				s.MaxElem = ptr(n.Uint32())
			case AttrNetmask:
				s.Netmask = ptr(n.Uint8())
			case AttrBucketSize:
				s.BucketSize = ptr(n.Uint8())
			case AttrSize:
				s.Size = ptr(n.Uint32())
			case AttrElements:
				s.Elements = n.Uint32()
				s.HasElements = true
			case AttrReferences:
				s.References = n.Uint32()
			case AttrMemSize:
				s.MemSize = n.Uint32()
			}
		}
		return nil
	})
}
