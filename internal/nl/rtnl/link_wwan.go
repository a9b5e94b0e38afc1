package rtnl

import "github.com/gip-suite/gip/internal/nl"

const wwanLinkID = 1 // IFLA_WWAN_LINK_ID

// WWAN is the options of a wwan link: the data channel of a modem, by
// the modem's link identifier.
type WWAN struct {
	LinkID Opt[uint32]
}

func (w *WWAN) fields() []field { return []field{u32Field(wwanLinkID, &w.LinkID)} }

// Encode implements LinkData.
func (w *WWAN) Encode(e *nl.AttrEncoder) { encodeFields(e, w.fields()) }

// Decode implements LinkData.
func (w *WWAN) Decode(data []byte) error { return decodeFields(data, w.fields()) }
