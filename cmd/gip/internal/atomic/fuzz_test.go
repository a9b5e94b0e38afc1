package atomic

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// FuzzParse feeds any message to every type's decoder and to the
// attribute dropper: nothing may panic.
func FuzzParse(f *testing.F) {
	f.Add(uint16(unix.RTM_NEWROUTE), []byte{2, 24, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0, 8, 0, 1, 0, 10, 0, 0, 0}, 12)
	f.Add(uint16(unix.RTM_NEWADDR), []byte{2, 24, 0x80, 0, 2, 0, 0, 0, 8, 0, 2, 0, 10, 0, 0, 1}, 8)
	f.Add(uint16(unix.RTM_NEWLINK), make([]byte, 16), 16)
	f.Add(uint16(unix.RTM_NEWNEIGH), []byte{7, 0, 0, 0, 2, 0, 0, 0, 0x40, 0, 4, 0, 10, 0, 2, 0, 1, 2, 3, 4, 5, 6, 0, 0}, 14)
	f.Add(uint16(unix.RTM_NEWLINK), bridgeLinkMsg(4, "p1", 3, rtnl.VlanInfo{Flags: rtnl.VlanInfoPVID, VID: 1}).Data, 16)
	f.Fuzz(func(t *testing.T, typ uint16, data []byte, off int) {
		m := nl.Message{Header: nl.Header{Type: typ}, Data: data}
		for _, k := range kinds {
			for _, o := range k.objects(m) {
				if k.put != nil {
					k.put(o)
				}
				k.del(o)
			}
		}
		_, _ = kindOf(m)
		if hdr := headerLen(typ); hdr >= 0 && hdr <= len(data) {
			dropAttrAt(data, hdr, off)
		}
		withoutNth(data, off)
	})
}
