package rtnl

import (
	"errors"
	"fmt"
	"iter"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// IfInfoLen is the size of struct ifinfomsg.
const IfInfoLen = unix.SizeofIfInfomsg

// Attributes that golang.org/x/sys/unix lacks.
const (
	iflaGSOIPv4MaxSize = 63 // IFLA_GSO_IPV4_MAX_SIZE
	iflaGROIPv4MaxSize = 64 // IFLA_GRO_IPV4_MAX_SIZE
	vethInfoPeer       = 1  // VETH_INFO_PEER
	rtextFilterVF      = 1  // RTEXT_FILTER_VF
	rtextFilterBRVLAN  = 2  // RTEXT_FILTER_BRVLAN
	rtextFilterSkipSt  = 8  // RTEXT_FILTER_SKIP_STATS
)

// Link is an interface as the kernel describes it in RTM_NEWLINK.
type Link struct {
	Family uint8
	Type   uint16 // ARPHRD_*
	Index  int32
	Flags  uint32 // IFF_*

	Name        string
	MTU         uint32
	MinMTU      uint32
	MaxMTU      uint32
	Qdisc       string
	Master      int32
	LinkIndex   int32 // IFLA_LINK: the lower or peer device
	LinkNetNSID int32
	OperState   uint8
	LinkMode    uint8
	Group       uint32
	TxQLen      uint32
	Address     HardwareAddr
	Broadcast   HardwareAddr
	PermAddress HardwareAddr
	Promiscuity uint32
	AllMulti    uint32
	NumTxQ      uint32
	NumRxQ      uint32
	GSOMaxSize  uint32
	GSOMaxSegs  uint32
	TSOMaxSize  uint32
	TSOMaxSegs  uint32
	GROMaxSize  uint32
	Alias       string
	AltNames    []string
	ParentBus   string
	ParentDev   string
	CarrierChg  uint32
	ProtoDown   uint8

	// Stats are the 64-bit counters (IFLA_STATS64), nil if absent.
	Stats *LinkStats

	// Kind and SlaveKind name the link's driver and its master's
	// (IFLA_INFO_KIND, IFLA_INFO_SLAVE_KIND); Data and SlaveData are
	// their raw nested attributes, decoded by the kind's own code.
	Kind      string
	Data      []byte
	SlaveKind string
	SlaveData []byte

	// AddrGenMode is the IPv6 address generation mode (IFLA_AF_SPEC /
	// AF_INET6 / IFLA_INET6_ADDR_GEN_MODE).
	AddrGenMode uint8

	// AFSpec is the raw IFLA_AF_SPEC payload of an AF_BRIDGE message
	// (bridge vlans); ProtInfo the raw IFLA_PROTINFO (a bridge port's
	// attributes in an AF_BRIDGE dump).
	AFSpec   []byte
	ProtInfo []byte

	has [2]uint64
}

// Has reports whether the kernel sent attribute a (an IFLA_* value, or
// HasAddrGenMode).
func (l *Link) Has(a uint16) bool {
	if a >= 128 {
		return false
	}
	return l.has[a/64]&(1<<(a%64)) != 0
}

func (l *Link) set(a uint16) {
	if a < 128 {
		l.has[a/64] |= 1 << (a % 64)
	}
}

// HasAddrGenMode is the pseudo attribute Has reports for AddrGenMode.
const HasAddrGenMode = 127

// LinkStats is struct rtnl_link_stats64.
type LinkStats struct {
	RxPackets, TxPackets, RxBytes, TxBytes, RxErrors, TxErrors, RxDropped, TxDropped,
	Multicast, Collisions, RxLengthErrors, RxOverErrors, RxCRCErrors, RxFrameErrors,
	RxFIFOErrors, RxMissedErrors, TxAbortedErrors, TxCarrierErrors, TxFIFOErrors,
	TxHeartbeatErrors, TxWindowErrors, RxCompressed, TxCompressed, RxNoHandler,
	RxOtherhostDropped uint64
}

func parseStats64(b []byte) *LinkStats {
	var v [25]uint64
	for i := range v {
		if len(b) < (i+1)*8 {
			break
		}
		v[i] = ne.Uint64(b[i*8:])
	}
	return &LinkStats{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
		v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24]}
}

// ErrShortHeader is a message too short for its fixed header.
var ErrShortHeader = errors.New("rtnetlink: message shorter than its header")

// ParseLink decodes an RTM_NEWLINK message. The result does not alias m.
func ParseLink(m nl.Message) (*Link, error) {
	b := m.Data
	if len(b) < IfInfoLen {
		return nil, ErrShortHeader
	}
	l := &Link{
		Family: b[0],
		Type:   ne.Uint16(b[2:]),
		Index:  int32(ne.Uint32(b[4:])),
		Flags:  ne.Uint32(b[8:]),
	}
	d := nl.NewAttrDecoder(b[IfInfoLen:])
	for d.Next() {
		t := d.Type()
		l.set(t)
		switch t {
		case unix.IFLA_IFNAME:
			l.Name = d.String()
		case unix.IFLA_MTU:
			l.MTU = d.Uint32()
		case unix.IFLA_MIN_MTU:
			l.MinMTU = d.Uint32()
		case unix.IFLA_MAX_MTU:
			l.MaxMTU = d.Uint32()
		case unix.IFLA_QDISC:
			l.Qdisc = d.String()
		case unix.IFLA_MASTER:
			l.Master = int32(d.Uint32())
		case unix.IFLA_LINK:
			l.LinkIndex = int32(d.Uint32())
		case unix.IFLA_LINK_NETNSID:
			l.LinkNetNSID = int32(d.Uint32())
		case unix.IFLA_OPERSTATE:
			l.OperState = d.Uint8()
		case unix.IFLA_LINKMODE:
			l.LinkMode = d.Uint8()
		case unix.IFLA_GROUP:
			l.Group = d.Uint32()
		case unix.IFLA_TXQLEN:
			l.TxQLen = d.Uint32()
		case unix.IFLA_ADDRESS:
			l.Address = clone(d.Bytes())
		case unix.IFLA_BROADCAST:
			l.Broadcast = clone(d.Bytes())
		case unix.IFLA_PERM_ADDRESS:
			l.PermAddress = clone(d.Bytes())
		case unix.IFLA_PROMISCUITY:
			l.Promiscuity = d.Uint32()
		case unix.IFLA_ALLMULTI:
			l.AllMulti = d.Uint32()
		case unix.IFLA_NUM_TX_QUEUES:
			l.NumTxQ = d.Uint32()
		case unix.IFLA_NUM_RX_QUEUES:
			l.NumRxQ = d.Uint32()
		case unix.IFLA_GSO_MAX_SIZE:
			l.GSOMaxSize = d.Uint32()
		case unix.IFLA_GSO_MAX_SEGS:
			l.GSOMaxSegs = d.Uint32()
		case unix.IFLA_TSO_MAX_SIZE:
			l.TSOMaxSize = d.Uint32()
		case unix.IFLA_TSO_MAX_SEGS:
			l.TSOMaxSegs = d.Uint32()
		case unix.IFLA_GRO_MAX_SIZE:
			l.GROMaxSize = d.Uint32()
		case unix.IFLA_IFALIAS:
			l.Alias = d.String()
		case unix.IFLA_PARENT_DEV_BUS_NAME:
			l.ParentBus = d.String()
		case unix.IFLA_PARENT_DEV_NAME:
			l.ParentDev = d.String()
		case unix.IFLA_CARRIER_CHANGES:
			l.CarrierChg = d.Uint32()
		case unix.IFLA_PROTO_DOWN:
			l.ProtoDown = d.Uint8()
		case unix.IFLA_PROTINFO:
			l.ProtInfo = clone(d.Bytes())
		case unix.IFLA_STATS64:
			l.Stats = parseStats64(d.Bytes())
		case unix.IFLA_PROP_LIST:
			d.Decode(func(p *nl.AttrDecoder) error {
				for p.Next() {
					if p.Type() == unix.IFLA_ALT_IFNAME {
						l.AltNames = append(l.AltNames, p.String())
					}
				}
				return nil
			})
		case unix.IFLA_LINKINFO:
			d.Decode(func(p *nl.AttrDecoder) error {
				for p.Next() {
					switch p.Type() {
					case unix.IFLA_INFO_KIND:
						l.Kind = p.String()
					case unix.IFLA_INFO_DATA:
						l.Data = clone(p.Bytes())
					case unix.IFLA_INFO_SLAVE_KIND:
						l.SlaveKind = p.String()
					case unix.IFLA_INFO_SLAVE_DATA:
						l.SlaveData = clone(p.Bytes())
					}
				}
				return nil
			})
		case unix.IFLA_AF_SPEC:
			if l.Family == unix.AF_BRIDGE {
				// Only bridge vlan dumps need the payload itself; the
				// per-protocol settings of other dumps are large.
				l.AFSpec = clone(d.Bytes())
			}
			d.Decode(func(p *nl.AttrDecoder) error {
				for p.Next() {
					if p.Type() != unix.AF_INET6 {
						continue
					}
					p.Decode(func(q *nl.AttrDecoder) error {
						for q.Next() {
							if q.Type() == unix.IFLA_INET6_ADDR_GEN_MODE {
								l.AddrGenMode = q.Uint8()
								l.set(HasAddrGenMode)
							}
						}
						return nil
					})
				}
				return nil
			})
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("decoding link %d: %w", l.Index, err)
	}
	return l, nil
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

func ifInfo(family uint8, index int32, flags, change uint32) []byte {
	h := make([]byte, IfInfoLen)
	h[0] = family
	ne.PutUint32(h[4:], uint32(index))
	ne.PutUint32(h[8:], flags)
	ne.PutUint32(h[12:], change)
	return h
}

// LinkDumpRequest asks for every link of family (AF_UNSPEC, or AF_BRIDGE
// for bridge ports) with the given IFLA_EXT_MASK.
func LinkDumpRequest(family uint8, extMask uint32) nl.Message {
	e := nl.NewAttrEncoder(nil)
	if extMask != 0 {
		e.Uint32(unix.IFLA_EXT_MASK, extMask)
	}
	m, _ := request(unix.RTM_GETLINK, 0, ifInfo(family, 0, 0, 0), e)
	return m
}

// Ext masks for link dumps.
const (
	ExtFilterVF        = rtextFilterVF
	ExtFilterBRVLAN    = rtextFilterBRVLAN
	ExtFilterSkipStats = rtextFilterSkipSt
)

// Links streams every link. Each *Link is independent of the Conn's buffer.
func Links(c *nl.Conn, family uint8, extMask uint32) iter.Seq2[*Link, error] {
	return func(yield func(*Link, error) bool) {
		for m, err := range c.Dump(LinkDumpRequest(family, extMask)) {
			if err != nil {
				yield(nil, err)
				return
			}
			if m.Header.Type != unix.RTM_NEWLINK {
				continue
			}
			l, err := ParseLink(m)
			if !yield(l, err) || err != nil {
				return
			}
		}
	}
}

// LinkByName asks the kernel for one link by name (or alternative name). A
// missing link is an error wrapping unix.ENODEV.
func LinkByName(c *nl.Conn, name string) (*Link, error) {
	e := nl.NewAttrEncoder(nil)
	if len(name) < unix.IFNAMSIZ {
		e.String(unix.IFLA_IFNAME, name)
	} else {
		e.String(unix.IFLA_ALT_IFNAME, name)
	}
	e.Uint32(unix.IFLA_EXT_MASK, rtextFilterVF|rtextFilterSkipSt)
	return getLink(c, ifInfo(unix.AF_UNSPEC, 0, 0, 0), e)
}

// LinkByIndex asks the kernel for one link by index.
func LinkByIndex(c *nl.Conn, index int32) (*Link, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(unix.IFLA_EXT_MASK, rtextFilterVF|rtextFilterSkipSt)
	return getLink(c, ifInfo(unix.AF_UNSPEC, index, 0, 0), e)
}

func getLink(c *nl.Conn, hdr []byte, e *nl.AttrEncoder) (*Link, error) {
	m, err := request(unix.RTM_GETLINK, 0, hdr, e)
	if err != nil {
		return nil, err
	}
	replies, err := c.Execute(m)
	if err != nil {
		return nil, err
	}
	for _, r := range replies {
		if r.Header.Type == unix.RTM_NEWLINK {
			return ParseLink(r)
		}
	}
	return nil, &nl.OpError{Op: "request", Err: unix.ENODEV}
}
