package rtnl

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// MPLS label stack entries (struct mpls_label, big-endian on the wire).
const (
	mplsLabelShift = 12
	mplsBOS        = 1 << 8
	// MPLSLabelMax is the largest label a 20-bit field holds.
	MPLSLabelMax = 1<<20 - 1

	// LWTUNNEL_ENCAP_* types of RTA_ENCAP_TYPE.
	EncapMPLS = 1 // LWTUNNEL_ENCAP_MPLS
	EncapIP   = 2 // LWTUNNEL_ENCAP_IP
	EncapIP6  = 4 // LWTUNNEL_ENCAP_IP6

	mplsIPTunnelDst = 1 // MPLS_IPTUNNEL_DST
	mplsIPTunnelTTL = 2 // MPLS_IPTUNNEL_TTL
)

// AppendMPLSLabels appends labels as a label stack, the last one marked
// bottom of stack.
func AppendMPLSLabels(b []byte, labels []uint32) []byte {
	for i, l := range labels {
		v := l << mplsLabelShift
		if i == len(labels)-1 {
			v |= mplsBOS
		}
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// DecodeMPLSLabels appends the labels of a label stack to out, up to and
// including the bottom-of-stack entry.
func DecodeMPLSLabels(out []uint32, b []byte) []uint32 {
	for len(b) >= 4 {
		v := binary.BigEndian.Uint32(b)
		out = append(out, v>>mplsLabelShift)
		if v&mplsBOS != 0 {
			break
		}
		b = b[4:]
	}
	return out
}

// ParseMPLSLabels reads a label stack as ip writes it: "100" or
// "100/200/300".
func ParseMPLSLabels(s string) ([]uint32, error) {
	var out []uint32
	for part := range strings.SplitSeq(s, "/") {
		n, err := strconv.ParseUint(part, 0, 32)
		if err != nil || n > MPLSLabelMax {
			return nil, fmt.Errorf("invalid MPLS label %q", part)
		}
		out = append(out, uint32(n))
	}
	return out, nil
}

// FormatMPLSLabels writes a label stack as ip prints it ("200/300").
func FormatMPLSLabels(b []byte, labels []uint32) []byte {
	for i, l := range labels {
		if i > 0 {
			b = append(b, '/')
		}
		b = strconv.AppendUint(b, uint64(l), 10)
	}
	return b
}

// MPLSEncap returns the RTA_ENCAP payload of an MPLS lightweight tunnel
// pushing labels, with ttl when it is non-zero.
func MPLSEncap(labels []uint32, ttl uint8) []byte {
	var e attrBuf
	e.add(mplsIPTunnelDst, AppendMPLSLabels(nil, labels))
	if ttl != 0 {
		e.add(mplsIPTunnelTTL, []byte{ttl})
	}
	return e.b
}

// DecodeMPLSEncap reads an MPLS lightweight tunnel's labels and TTL.
func DecodeMPLSEncap(b []byte) (labels []uint32, ttl uint8) {
	for len(b) >= 4 {
		n := int(binary.NativeEndian.Uint16(b))
		typ := binary.NativeEndian.Uint16(b[2:]) & 0x3fff
		if n < 4 || n > len(b) {
			break
		}
		switch typ {
		case mplsIPTunnelDst:
			labels = DecodeMPLSLabels(labels, b[4:n])
		case mplsIPTunnelTTL:
			if n > 4 {
				ttl = b[4]
			}
		}
		b = b[min((n+3)&^3, len(b)):]
	}
	return labels, ttl
}

// attrBuf builds a short run of attributes in wire form.
type attrBuf struct{ b []byte }

func (a *attrBuf) add(typ uint16, v []byte) {
	a.b = binary.NativeEndian.AppendUint16(a.b, uint16(4+len(v)))
	a.b = binary.NativeEndian.AppendUint16(a.b, typ)
	a.b = append(a.b, v...)
	for len(a.b)%4 != 0 {
		a.b = append(a.b, 0)
	}
}
