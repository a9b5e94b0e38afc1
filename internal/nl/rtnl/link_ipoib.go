package rtnl

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// IPoIB modes (IFLA_IPOIB_MODE).
const (
	IPoIBModeDatagram  = 0
	IPoIBModeConnected = 1
)

// IPoIB is the options of an ipoib link (IFLA_IPOIB_*): IP over an
// InfiniBand partition.
type IPoIB struct {
	PKey   Opt[uint16]
	Mode   Opt[uint16]
	UMcast Opt[uint16]
}

func (o *IPoIB) fields() []field {
	return []field{
		u16Field(unix.IFLA_IPOIB_PKEY, &o.PKey),
		u16Field(unix.IFLA_IPOIB_MODE, &o.Mode),
		u16Field(unix.IFLA_IPOIB_UMCAST, &o.UMcast),
	}
}

// Encode implements LinkData.
func (o *IPoIB) Encode(e *nl.AttrEncoder) { encodeFields(e, o.fields()) }

// Decode implements LinkData.
func (o *IPoIB) Decode(data []byte) error { return decodeFields(data, o.fields()) }
