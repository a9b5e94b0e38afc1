package nfnl

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
)

// HeaderLen is the size of struct nfgenmsg.
const HeaderLen = 4

// Version0 is the only nfnetlink version (NFNETLINK_V0).
const Version0 = 0

// Subsystems (NFNL_SUBSYS_*), the high byte of a message type.
const (
	SubsysNone           = 0  // NFNL_SUBSYS_NONE
	SubsysCTNetlink      = 1  // NFNL_SUBSYS_CTNETLINK
	SubsysCTNetlinkExp   = 2  // NFNL_SUBSYS_CTNETLINK_EXP
	SubsysQueue          = 3  // NFNL_SUBSYS_QUEUE
	SubsysULog           = 4  // NFNL_SUBSYS_ULOG
	SubsysOSF            = 5  // NFNL_SUBSYS_OSF
	SubsysIPSet          = 6  // NFNL_SUBSYS_IPSET
	SubsysAcct           = 7  // NFNL_SUBSYS_ACCT
	SubsysCTNetlinkTimer = 8  // NFNL_SUBSYS_CTNETLINK_TIMEOUT
	SubsysCTHelper       = 9  // NFNL_SUBSYS_CTHELPER
	SubsysNFTables       = 10 // NFNL_SUBSYS_NFTABLES
	SubsysNFTCompat      = 11 // NFNL_SUBSYS_NFT_COMPAT
	SubsysHook           = 12 // NFNL_SUBSYS_HOOK
)

// Batch delimiters (NFNL_MSG_BATCH_BEGIN, NFNL_MSG_BATCH_END). Their
// nfgenmsg's res_id names the subsystem the batch is for.
const (
	MsgBatchBegin uint16 = 0x10 // NFNL_MSG_BATCH_BEGIN = NLMSG_MIN_TYPE
	MsgBatchEnd   uint16 = 0x11 // NFNL_MSG_BATCH_END = NLMSG_MIN_TYPE+1
)

// MsgType joins a subsystem and a message of that subsystem into a netlink
// message type: subsys<<8 | msg.
func MsgType(subsys, msg uint8) uint16 { return uint16(subsys)<<8 | uint16(msg) }

// SubsysOf returns the subsystem of a message type (NFNL_SUBSYS_ID).
func SubsysOf(typ uint16) uint8 { return uint8(typ >> 8) }

// MsgOf returns the subsystem's message of a message type (NFNL_MSG_TYPE).
func MsgOf(typ uint16) uint8 { return uint8(typ) }

// Header is struct nfgenmsg. ResID is in network byte order on the wire.
type Header struct {
	Family  uint8  // nfgen_family: AF_INET, AF_INET6, AF_UNSPEC, ...
	Version uint8  // version: Version0
	ResID   uint16 // res_id: resource id, the subsystem in batch messages
}

// ErrShort is wrapped by the error for a payload shorter than nfgenmsg.
var ErrShort = errors.New("nfnetlink: message shorter than struct nfgenmsg")

// Append appends the header in wire format.
func (h Header) Append(b []byte) []byte {
	b = append(b, h.Family, h.Version)
	return binary.BigEndian.AppendUint16(b, h.ResID)
}

// Parse splits the nfgenmsg off a message payload and returns it with the
// attributes that follow.
func Parse(data []byte) (Header, []byte, error) {
	if len(data) < HeaderLen {
		return Header{}, nil, fmt.Errorf("%w: %d bytes", ErrShort, len(data))
	}
	h := Header{Family: data[0], Version: data[1], ResID: binary.BigEndian.Uint16(data[2:4])}
	return h, data[HeaderLen:], nil
}

// NewMessage returns a message of the subsystem's type msg whose payload is
// the header followed by attrs. Flags beyond those the caller gives are
// added by the Conn method that sends it.
func NewMessage(subsys, msg uint8, flags nl.Flags, h Header, attrs []byte) nl.Message {
	data := make([]byte, 0, HeaderLen+len(attrs))
	data = h.Append(data)
	data = append(data, attrs...)
	return nl.Message{Header: nl.Header{Type: MsgType(subsys, msg), Flags: flags}, Data: data}
}

// BatchBegin returns the message that opens a transaction for subsys.
func BatchBegin(subsys uint16) nl.Message {
	return nl.Message{
		Header: nl.Header{Type: MsgBatchBegin},
		Data:   Header{Family: 0, Version: Version0, ResID: subsys}.Append(nil),
	}
}

// BatchEnd returns the message that commits a transaction for subsys.
func BatchEnd(subsys uint16) nl.Message {
	return nl.Message{
		Header: nl.Header{Type: MsgBatchEnd},
		Data:   Header{Family: 0, Version: Version0, ResID: subsys}.Append(nil),
	}
}
