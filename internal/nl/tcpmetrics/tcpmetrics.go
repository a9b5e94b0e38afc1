package tcpmetrics

import (
	"errors"
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
)

// The family, its version and commands (TCP_METRICS_GENL_NAME, ...).
const (
	Family  = "tcp_metrics"
	Version = 1

	CmdGet = 1 // TCP_METRICS_CMD_GET
	CmdDel = 2 // TCP_METRICS_CMD_DEL
)

// Attributes of an entry (TCP_METRICS_ATTR_*).
const (
	attrAddrIPv4       = 1  // u32
	attrAddrIPv6       = 2  // 16 bytes
	attrAge            = 3  // u64, milliseconds
	attrTWTSVal        = 4  // u32
	attrTWTSStamp      = 5  // s32, seconds
	attrVals           = 6  // nested: metric index + 1, u32
	attrFopenMSS       = 7  // u16
	attrFopenSynDrops  = 8  // u16
	attrFopenSynDropTS = 9  // u64, milliseconds
	attrFopenCookie    = 10 // bytes
	attrSaddrIPv4      = 11 // u32
	attrSaddrIPv6      = 12 // 16 bytes
)

// Metric is the index of a cached metric (enum tcp_metric_index); its
// attribute in the nest of values is the index plus one.
type Metric uint16

// The metrics.
const (
	MetricRTT        Metric = iota // milliseconds << 3
	MetricRTTVar                   // milliseconds << 2
	MetricSSThresh                 // segments
	MetricCwnd                     // segments
	MetricReordering               // segments
	MetricRTTUs                    // microseconds << 3
	MetricRTTVarUs                 // microseconds << 2
	MetricMax        = MetricRTTVarUs
)

// Entry is one cached destination. Optional attributes the kernel did not
// send are nil.
type Entry struct {
	Dst netip.Addr // TCP_METRICS_ATTR_ADDR_IPV4/6; invalid when absent
	Src netip.Addr // TCP_METRICS_ATTR_SADDR_IPV4/6; invalid when absent

	AgeMs     *uint64 // since the entry was last updated
	TWTSVal   *uint32
	TWTSStamp *int32

	// Metrics holds the values the kernel sent, by index.
	Metrics map[Metric]uint32

	FopenMSS         *uint16
	FopenSynDrops    *uint16
	FopenSynDropTSMs *uint64
	FopenCookie      []byte
}

// Parse decodes the attributes of a TCP_METRICS_CMD_GET reply. An address
// attribute of the wrong length leaves its address invalid.
func Parse(attrs []byte) (*Entry, error) {
	e := &Entry{}
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrAddrIPv4:
			e.Dst = addr(&d, 4)
		case attrAddrIPv6:
			e.Dst = addr(&d, 16)
		case attrSaddrIPv4:
			e.Src = addr(&d, 4)
		case attrSaddrIPv6:
			e.Src = addr(&d, 16)
		case attrAge:
			v := d.Uint64()
			e.AgeMs = &v
		case attrTWTSVal:
			v := d.Uint32()
			e.TWTSVal = &v
		case attrTWTSStamp:
			v := d.Int32()
			e.TWTSStamp = &v
		case attrVals:
			n := d.Nested()
			for n.Next() {
				if i := n.Type(); i >= 1 && i <= uint16(MetricMax)+1 {
					if e.Metrics == nil {
						e.Metrics = map[Metric]uint32{}
					}
					e.Metrics[Metric(i-1)] = n.Uint32()
				}
			}
			if err := n.Err(); err != nil {
				return nil, err
			}
		case attrFopenMSS:
			v := d.Uint16()
			e.FopenMSS = &v
		case attrFopenSynDrops:
			v := d.Uint16()
			e.FopenSynDrops = &v
		case attrFopenSynDropTS:
			v := d.Uint64()
			e.FopenSynDropTSMs = &v
		case attrFopenCookie:
			e.FopenCookie = append([]byte{}, d.Bytes()...)
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

// addr reads an address attribute of n bytes; another length is no
// address.
func addr(d *nl.AttrDecoder, n int) netip.Addr {
	if d.Len() != n {
		return netip.Addr{}
	}
	return d.Addr()
}

// Encode appends e's attributes as the kernel sends them, for fakes and
// round trips.
func (e *Entry) Encode() ([]byte, error) {
	a := nl.NewAttrEncoder(nil)
	selector(a, e.Dst, e.Src)
	if e.AgeMs != nil {
		a.Uint64(attrAge, *e.AgeMs)
	}
	if e.TWTSVal != nil {
		a.Uint32(attrTWTSVal, *e.TWTSVal)
	}
	if e.TWTSStamp != nil {
		a.Int32(attrTWTSStamp, *e.TWTSStamp)
	}
	if e.Metrics != nil {
		a.Nest(attrVals)
		for i := Metric(0); i <= MetricMax; i++ {
			if v, ok := e.Metrics[i]; ok {
				a.Uint32(uint16(i)+1, v)
			}
		}
		a.Unnest()
	}
	if e.FopenMSS != nil {
		a.Uint16(attrFopenMSS, *e.FopenMSS)
	}
	if e.FopenSynDrops != nil {
		a.Uint16(attrFopenSynDrops, *e.FopenSynDrops)
	}
	if e.FopenSynDropTSMs != nil {
		a.Uint64(attrFopenSynDropTS, *e.FopenSynDropTSMs)
	}
	if e.FopenCookie != nil {
		a.Bytes(attrFopenCookie, e.FopenCookie)
	}
	return a.Encode()
}

// selector appends the destination and source addresses a request names
// (each only when valid), in the attribute of its family.
func selector(a *nl.AttrEncoder, dst, src netip.Addr) {
	if dst.IsValid() {
		a.Addr(familyAttr(dst, attrAddrIPv4, attrAddrIPv6), dst)
	}
	if src.IsValid() {
		a.Addr(familyAttr(src, attrSaddrIPv4, attrSaddrIPv6), src)
	}
}

func familyAttr(a netip.Addr, v4, v6 uint16) uint16 {
	if a.Is4() {
		return v4
	}
	return v6
}

// Selector encodes the request attributes naming dst and src (either may
// be invalid: not named).
func Selector(dst, src netip.Addr) []byte {
	a := nl.NewAttrEncoder(nil)
	selector(a, dst, src)
	b, _ := a.Encode()
	return b
}

// Dump streams every entry of the cache.
func Dump(c *genl.Conn) iter.Seq2[*Entry, error] {
	return func(yield func(*Entry, error) bool) {
		for m, err := range c.Dump(CmdGet, nil) {
			if err != nil {
				yield(nil, err)
				return
			}
			if m.Header.Command != CmdGet {
				continue
			}
			e, err := Parse(m.Attrs)
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}

// Get asks for the entry of dst (and src, when valid). An entry the
// cache lacks is an error wrapping ESRCH.
func Get(c *genl.Conn, dst, src netip.Addr) (*Entry, error) {
	replies, err := c.Execute(CmdGet, 0, Selector(dst, src))
	if err != nil {
		return nil, err
	}
	for _, m := range replies {
		if m.Header.Command == CmdGet {
			return Parse(m.Attrs)
		}
	}
	return nil, errNoEntry
}

// errNoEntry is a get the kernel acknowledged without an entry.
var errNoEntry = errors.New("tcpmetrics: the kernel answered a get without an entry")

// Delete removes the entry of dst (and src, when valid); with dst
// invalid, every entry.
func Delete(c *genl.Conn, dst, src netip.Addr) error {
	_, err := c.NL().Execute(DeleteRequest(c.Family(), dst, src))
	return err
}

// DeleteRequest is the request Delete sends, for a socket of family f.
func DeleteRequest(f genl.Family, dst, src netip.Addr) nl.Message {
	attrs := Selector(dst, src)
	b := genl.Header{Command: CmdDel, Version: Version}.Append(make([]byte, 0, genl.HeaderLen+len(attrs)))
	return nl.Message{Header: nl.Header{Type: f.ID}, Data: append(b, attrs...)}
}
