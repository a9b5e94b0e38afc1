package rtnl

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Nexthop group types (NEXTHOP_GRP_TYPE_*).
const (
	GroupMultipath = 0 // NEXTHOP_GRP_TYPE_MPATH, hash-threshold
	GroupResilient = 1 // NEXTHOP_GRP_TYPE_RES
)

// Attributes golang.org/x/sys/unix does not define (enum in linux/nexthop.h).
const (
	nhaFDB      = 11 // NHA_FDB
	nhaResGroup = 12 // NHA_RES_GROUP

	nhaResGroupBuckets         = 1 // NHA_RES_GROUP_BUCKETS
	nhaResGroupIdleTimer       = 2 // NHA_RES_GROUP_IDLE_TIMER
	nhaResGroupUnbalancedTimer = 3 // NHA_RES_GROUP_UNBALANCED_TIMER
	nhaResGroupUnbalancedTime  = 4 // NHA_RES_GROUP_UNBALANCED_TIME
	sizeofNexthopGrp           = 8 // struct nexthop_grp
	sizeofNhmsg                = 8 // struct nhmsg
	nhmsgFlagsOffset           = 4
)

// NexthopObject is a nexthop object (RTM_NEWNEXTHOP): a single path, a
// blackhole, or a group of other nexthop objects.
type NexthopObject struct {
	ID        uint32
	Family    uint8 // AF_INET, AF_INET6, or AF_UNSPEC for groups and blackholes
	Scope     uint8 // reported by the kernel
	Protocol  uint8 // RTPROT_*; RTPROT_UNSPEC becomes boot in additions, as ip does
	Flags     uint32
	Blackhole bool
	FDB       bool
	OIF       int32
	Gateway   netip.Addr

	Group     []GroupMember
	GroupType uint16 // GroupMultipath or GroupResilient
	// HasGroupType says NHA_GROUP_TYPE is sent (or was received) even for
	// GroupMultipath, as `ip nexthop add ... type mpath` does.
	HasGroupType bool
	Resilient    *ResilientGroup

	// EncapType and Encap are a lightweight tunnel (NHA_ENCAP_TYPE, and
	// NHA_ENCAP's nested attributes in wire form).
	EncapType uint16
	Encap     []byte
}

// NexthopDumpFilter selects nexthop objects in the kernel (all zero: all).
type NexthopDumpFilter struct {
	OIF    int32 // NHA_OIF: objects using this device
	Master int32 // NHA_MASTER: objects on devices enslaved to this one
	Groups bool  // NHA_GROUPS: groups only
	FDB    bool  // NHA_FDB: fdb objects only
}

// GroupMember is one entry of a nexthop group.
type GroupMember struct {
	ID     uint32
	Weight int // 1..256; the wire carries Weight-1
}

// ResilientGroup holds the parameters of a resilient group.
type ResilientGroup struct {
	Buckets         uint16
	IdleTimer       uint32 // seconds
	UnbalancedTimer uint32 // seconds
	UnbalancedTime  uint64 // reported by the kernel, in clock ticks
}

// NexthopOp is a nexthop request.
type NexthopOp int

// Nexthop requests.
const (
	NexthopAdd     NexthopOp = iota // NLM_F_CREATE|NLM_F_EXCL
	NexthopReplace                  // NLM_F_CREATE|NLM_F_REPLACE
	NexthopDelete                   // RTM_DELNEXTHOP, by ID
	NexthopGet                      // RTM_GETNEXTHOP, by ID
)

// Message encodes the nexthop as a request. An addition without a
// protocol says boot; without a family it takes the gateway's, or inet for
// a blackhole.
func (n *NexthopObject) Message(op NexthopOp) (nl.Message, error) {
	return n.message(op, true)
}

// MessageAsIs encodes the nexthop with its Family and Protocol exactly as
// they are, as ip's command line sends them (protocol unspec unless given).
func (n *NexthopObject) MessageAsIs(op NexthopOp) (nl.Message, error) {
	return n.message(op, false)
}

func (n *NexthopObject) message(op NexthopOp, defaults bool) (nl.Message, error) {
	h := make([]byte, sizeofNhmsg)
	fam := n.Family
	if fam == 0 && defaults {
		fam = familyOf(n.Gateway)
	}
	if fam == 0 && n.Blackhole && defaults {
		fam = unix.AF_INET // the kernel wants a family for a blackhole; ip's default
	}
	h[0] = fam
	var hdr nl.Header
	switch op {
	case NexthopAdd, NexthopReplace:
		hdr = nl.Header{Type: unix.RTM_NEWNEXTHOP, Flags: nl.Create | nl.Excl}
		if op == NexthopReplace {
			hdr.Flags = nl.Create | nl.Replace
		}
		h[2] = n.Protocol
		if h[2] == 0 && defaults {
			h[2] = unix.RTPROT_BOOT
		}
		binary.NativeEndian.PutUint32(h[nhmsgFlagsOffset:], n.Flags)
	case NexthopDelete:
		hdr = nl.Header{Type: unix.RTM_DELNEXTHOP}
		h[0] = unix.AF_UNSPEC
	case NexthopGet:
		hdr = nl.Header{Type: unix.RTM_GETNEXTHOP}
		h[0] = unix.AF_UNSPEC
	}
	e := nl.NewAttrEncoder(h)
	if n.ID != 0 {
		e.Uint32(unix.NHA_ID, n.ID)
	}
	if op == NexthopAdd || op == NexthopReplace {
		switch {
		case len(n.Group) > 0:
			var g []byte
			for _, m := range n.Group {
				w := max(m.Weight, 1)
				if w > 256 {
					return nl.Message{}, fmt.Errorf("nexthop group: weight %d of %d is above 256", w, m.ID)
				}
				g = binary.NativeEndian.AppendUint32(g, m.ID)
				g = append(g, byte(w-1), 0, 0, 0)
			}
			e.Bytes(unix.NHA_GROUP, g)
			if defaults || n.HasGroupType || n.GroupType != GroupMultipath {
				e.Uint16(unix.NHA_GROUP_TYPE, n.GroupType)
			}
			if n.Resilient != nil {
				e.Nest(nhaResGroup)
				if n.Resilient.Buckets != 0 {
					e.Uint16(nhaResGroupBuckets, n.Resilient.Buckets)
				}
				if defaults || n.Resilient.IdleTimer != 0 {
					e.Uint32(nhaResGroupIdleTimer, n.Resilient.IdleTimer)
				}
				if defaults || n.Resilient.UnbalancedTimer != 0 {
					e.Uint32(nhaResGroupUnbalancedTimer, n.Resilient.UnbalancedTimer)
				}
				e.Unnest()
			}
		case n.Blackhole:
			e.Flag(unix.NHA_BLACKHOLE)
		default:
			if n.OIF != 0 {
				e.Uint32(unix.NHA_OIF, uint32(n.OIF))
			}
			if n.Gateway.IsValid() {
				e.Addr(unix.NHA_GATEWAY, n.Gateway)
			}
			if n.EncapType != 0 {
				e.NestPlain(unix.NHA_ENCAP)
				e.Raw(n.Encap)
				e.Unnest()
				e.Uint16(unix.NHA_ENCAP_TYPE, n.EncapType)
			}
		}
		if n.FDB {
			e.Flag(nhaFDB)
		}
	}
	b, err := e.Encode()
	return nl.Message{Header: hdr, Data: b}, err
}

// DecodeNexthop decodes an RTM_NEWNEXTHOP or RTM_DELNEXTHOP message.
func DecodeNexthop(m nl.Message) (NexthopObject, error) {
	if len(m.Data) < sizeofNhmsg {
		return NexthopObject{}, fmt.Errorf("nexthop message of %d bytes: %w", len(m.Data), nl.ErrShortMessage)
	}
	h := m.Data
	n := NexthopObject{Family: h[0], Scope: h[1], Protocol: h[2], Flags: binary.NativeEndian.Uint32(h[nhmsgFlagsOffset:])}
	d := nl.NewAttrDecoder(h[sizeofNhmsg:])
	for d.Next() {
		switch d.Type() {
		case unix.NHA_ID:
			n.ID = d.Uint32()
		case unix.NHA_GROUP:
			b := d.Bytes()
			if len(b)%sizeofNexthopGrp != 0 {
				return n, fmt.Errorf("decoding nexthop: group of %d bytes: %w", len(b), nl.ErrAttr)
			}
			for ; len(b) > 0; b = b[sizeofNexthopGrp:] {
				n.Group = append(n.Group, GroupMember{ID: binary.NativeEndian.Uint32(b), Weight: int(b[4]) + 1})
			}
		case unix.NHA_GROUP_TYPE:
			n.GroupType = d.Uint16()
			n.HasGroupType = true
		case unix.NHA_ENCAP_TYPE:
			n.EncapType = d.Uint16()
		case unix.NHA_ENCAP:
			n.Encap = append([]byte(nil), d.Bytes()...)
		case unix.NHA_BLACKHOLE:
			n.Blackhole = true
		case nhaFDB:
			n.FDB = true
		case unix.NHA_OIF:
			n.OIF = d.Int32()
		case unix.NHA_GATEWAY:
			n.Gateway = d.Addr()
		case nhaResGroup:
			rg := &ResilientGroup{}
			d.Decode(func(nd *nl.AttrDecoder) error {
				for nd.Next() {
					switch nd.Type() {
					case nhaResGroupBuckets:
						rg.Buckets = nd.Uint16()
					case nhaResGroupIdleTimer:
						rg.IdleTimer = nd.Uint32()
					case nhaResGroupUnbalancedTimer:
						rg.UnbalancedTimer = nd.Uint32()
					case nhaResGroupUnbalancedTime:
						rg.UnbalancedTime = nd.Uint64()
					}
				}
				return nil
			})
			n.Resilient = rg
		}
	}
	if err := d.Err(); err != nil {
		return n, fmt.Errorf("decoding nexthop: %w", err)
	}
	return n, nil
}

// NexthopDumpRequest asks for all nexthop objects.
func NexthopDumpRequest() nl.Message {
	return nl.Message{Header: nl.Header{Type: unix.RTM_GETNEXTHOP}, Data: make([]byte, sizeofNhmsg)}
}

// NexthopDumpRequestFiltered asks for the nexthop objects of family
// (AF_UNSPEC for all) that f selects; the kernel does the filtering.
func NexthopDumpRequestFiltered(family uint8, f NexthopDumpFilter) nl.Message {
	h := make([]byte, sizeofNhmsg)
	h[0] = family
	e := nl.NewAttrEncoder(h)
	if f.OIF != 0 {
		e.Uint32(unix.NHA_OIF, uint32(f.OIF))
	}
	if f.Groups {
		e.Flag(unix.NHA_GROUPS)
	}
	if f.Master != 0 {
		e.Uint32(unix.NHA_MASTER, uint32(f.Master))
	}
	if f.FDB {
		e.Flag(nhaFDB)
	}
	b, _ := e.Encode()
	return nl.Message{Header: nl.Header{Type: unix.RTM_GETNEXTHOP}, Data: b}
}
