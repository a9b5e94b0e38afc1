package rtnl

import (
	"encoding/binary"

	"github.com/gip-suite/gip/internal/nl"
)

// request builds a request message of type typ with flags, a fixed header
// and attributes.
func request(typ uint16, flags nl.Flags, hdr []byte, e *nl.AttrEncoder) (nl.Message, error) {
	var attrs []byte
	if e != nil {
		b, err := e.Encode()
		if err != nil {
			return nl.Message{}, err
		}
		attrs = b
	}
	data := make([]byte, 0, len(hdr)+len(attrs))
	data = append(data, hdr...)
	data = append(data, attrs...)
	return nl.Message{Header: nl.Header{Type: typ, Flags: flags}, Data: data}, nil
}

var ne = binary.NativeEndian

// Flags of a NEW request by verb, as iproute2 sends them.
const (
	FlagsAdd     = nl.Create | nl.Excl
	FlagsReplace = nl.Create | nl.Replace
	FlagsChange  = nl.Replace
	FlagsAppend  = nl.Create | nl.Append
	FlagsPrepend = nl.Create
)
