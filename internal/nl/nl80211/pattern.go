package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// PacketPattern is a pattern received packets are matched against (enum
// nl80211_packet_pattern_attr), by WoWLAN and coalesce rules: the bytes
// of Pattern whose bit is set in Mask (bit i%8 of byte i/8) must match,
// from Offset on in the packet. A decoded pattern keeps what the kernel
// sent: nil for an attribute left out, empty for an empty one.
type PacketPattern struct {
	Mask    []byte
	Pattern []byte
	Offset  *uint32
}

// Valid says whether the pattern has a mask and bytes that go together,
// one mask bit per byte.
func (p PacketPattern) Valid() bool {
	return p.Mask != nil && p.Pattern != nil && len(p.Mask) == (len(p.Pattern)+7)/8
}

// Matters says whether byte i of the pattern is to be matched.
func (p PacketPattern) Matters(i int) bool {
	return i/8 < len(p.Mask) && p.Mask[i/8]&(1<<(i%8)) != 0
}

func encodePatterns(e *nl.AttrEncoder, typ uint16, ps []PacketPattern) {
	e.Nest(typ)
	for i, p := range ps {
		e.Nest(uint16(i + 1))
		e.Bytes(unix.NL80211_PKTPAT_MASK, p.Mask)
		e.Bytes(unix.NL80211_PKTPAT_PATTERN, p.Pattern)
		if p.Offset != nil {
			e.Uint32(unix.NL80211_PKTPAT_OFFSET, *p.Offset)
		}
		e.Unnest()
	}
	e.Unnest()
}

func parsePatterns(d *nl.AttrDecoder) []PacketPattern {
	out := []PacketPattern{}
	d.Decode(func(ps *nl.AttrDecoder) error {
		for ps.Next() {
			var p PacketPattern
			ps.Decode(func(a *nl.AttrDecoder) error {
				for a.Next() {
					switch a.Type() {
					case unix.NL80211_PKTPAT_MASK:
						p.Mask = append([]byte{}, a.Bytes()...)
					case unix.NL80211_PKTPAT_PATTERN:
						p.Pattern = append([]byte{}, a.Bytes()...)
					case unix.NL80211_PKTPAT_OFFSET:
						p.Offset = ptr(a.Uint32())
					}
				}
				return nil
			})
			out = append(out, p)
		}
		return nil
	})
	return out
}
