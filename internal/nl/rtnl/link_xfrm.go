package rtnl

import "github.com/gip-suite/gip/internal/nl"

// enum IFLA_XFRM_*
const (
	xfrmLink            = 1
	xfrmIfID            = 2
	xfrmCollectMetadata = 3
)

// Xfrm is the options of an xfrm interface (IFLA_XFRM_*): the IPsec
// policies and states with its if_id route through it.
type Xfrm struct {
	Link            Opt[uint32] // the lower device's index
	IfID            Opt[uint32]
	CollectMetadata bool // external: the if_id comes with each packet
}

func (x *Xfrm) fields() []field {
	return []field{
		u32Field(xfrmLink, &x.Link),
		u32Field(xfrmIfID, &x.IfID),
		flagField(xfrmCollectMetadata, &x.CollectMetadata),
	}
}

// Encode implements LinkData.
func (x *Xfrm) Encode(e *nl.AttrEncoder) { encodeFields(e, x.fields()) }

// Decode implements LinkData.
func (x *Xfrm) Decode(data []byte) error { return decodeFields(data, x.fields()) }
