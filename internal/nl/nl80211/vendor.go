package nl80211

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// VendorCommand is a driver's own command (NL80211_CMD_VENDOR): an OUI,
// the vendor's sub-command and its data as the driver defines it.
type VendorCommand struct {
	OUI    uint32
	SubCmd uint32
	Data   []byte // nil: none sent
}

// VendorReply is one answer of the driver to a vendor command.
type VendorReply struct {
	Data    []byte
	HasData bool // false: the answer carried no NL80211_ATTR_VENDOR_DATA
}

// Vendor sends a vendor command through an interface and returns the
// driver's answers (none when the kernel only acknowledged it).
func (c *Client) Vendor(ifindex int, v VendorCommand) ([]VendorReply, error) {
	msgs, err := c.execute(unix.NL80211_CMD_VENDOR, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		e.Uint32(unix.NL80211_ATTR_VENDOR_ID, v.OUI)
		e.Uint32(unix.NL80211_ATTR_VENDOR_SUBCMD, v.SubCmd)
		if v.Data != nil {
			e.Bytes(unix.NL80211_ATTR_VENDOR_DATA, v.Data)
		}
	})
	if err != nil {
		return nil, err
	}
	replies := make([]VendorReply, 0, len(msgs))
	for _, m := range msgs {
		var r VendorReply
		d := nl.NewAttrDecoder(m.Attrs)
		for d.Next() {
			if d.Type() == unix.NL80211_ATTR_VENDOR_DATA {
				r = VendorReply{Data: append([]byte{}, d.Bytes()...), HasData: true}
			}
		}
		if err := d.Err(); err != nil {
			return nil, err
		}
		replies = append(replies, r)
	}
	return replies, nil
}
