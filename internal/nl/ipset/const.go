package ipset

import "github.com/gip-suite/gip/internal/nl"

// Protocol versions this package speaks.
const (
	Protocol    = 7 // IPSET_PROTOCOL
	ProtocolMin = 6 // IPSET_PROTOCOL_MIN
)

// MaxNameLen is the longest set or type name plus its NUL (IPSET_MAXNAMELEN).
const MaxNameLen = 32

// MaxCommentSize is the longest comment the kernel accepts (IPSET_MAX_COMMENT_SIZE).
const MaxCommentSize = 255

// Cmd is an ipset command, the low byte of the nfnetlink message type.
type Cmd uint8

// Commands (enum ipset_cmd).
const (
	CmdNone      Cmd = 0  // IPSET_CMD_NONE
	CmdProtocol  Cmd = 1  // IPSET_CMD_PROTOCOL
	CmdCreate    Cmd = 2  // IPSET_CMD_CREATE
	CmdDestroy   Cmd = 3  // IPSET_CMD_DESTROY
	CmdFlush     Cmd = 4  // IPSET_CMD_FLUSH
	CmdRename    Cmd = 5  // IPSET_CMD_RENAME
	CmdSwap      Cmd = 6  // IPSET_CMD_SWAP
	CmdList      Cmd = 7  // IPSET_CMD_LIST
	CmdSave      Cmd = 8  // IPSET_CMD_SAVE
	CmdAdd       Cmd = 9  // IPSET_CMD_ADD
	CmdDel       Cmd = 10 // IPSET_CMD_DEL
	CmdTest      Cmd = 11 // IPSET_CMD_TEST
	CmdHeader    Cmd = 12 // IPSET_CMD_HEADER
	CmdType      Cmd = 13 // IPSET_CMD_TYPE
	CmdGetByName Cmd = 14 // IPSET_CMD_GET_BYNAME
	CmdGetByIdx  Cmd = 15 // IPSET_CMD_GET_BYINDEX
)

var cmdNames = [...]string{"none", "protocol", "create", "destroy", "flush", "rename", "swap",
	"list", "save", "add", "del", "test", "header", "type", "get_byname", "get_byindex"}

func (c Cmd) String() string {
	if int(c) < len(cmdNames) {
		return cmdNames[c]
	}
	return "cmd" + itoa(uint64(c))
}

// Attributes at command level.
const (
	AttrProtocol    uint16 = 1  // IPSET_ATTR_PROTOCOL: u8
	AttrSetName     uint16 = 2  // IPSET_ATTR_SETNAME: string
	AttrTypeName    uint16 = 3  // IPSET_ATTR_TYPENAME: string
	AttrSetName2    uint16 = 3  // IPSET_ATTR_SETNAME2: string, at rename and swap
	AttrRevision    uint16 = 4  // IPSET_ATTR_REVISION: u8
	AttrFamily      uint16 = 5  // IPSET_ATTR_FAMILY: u8
	AttrFlags       uint16 = 6  // IPSET_ATTR_FLAGS: u32
	AttrData        uint16 = 7  // IPSET_ATTR_DATA: nested
	AttrADT         uint16 = 8  // IPSET_ATTR_ADT: nested list of DATA
	AttrLineNo      uint16 = 9  // IPSET_ATTR_LINENO: u32
	AttrProtocolMin uint16 = 10 // IPSET_ATTR_PROTOCOL_MIN: u8
	AttrRevisionMin uint16 = 10 // IPSET_ATTR_REVISION_MIN: u8
	AttrIndex       uint16 = 11 // IPSET_ATTR_INDEX: u16
)

// Attributes inside DATA, shared by create and add/del/test (CADT).
const (
	AttrIP        uint16 = 1  // IPSET_ATTR_IP, IPSET_ATTR_IP_FROM: nested address
	AttrIPTo      uint16 = 2  // IPSET_ATTR_IP_TO: nested address
	AttrCIDR      uint16 = 3  // IPSET_ATTR_CIDR: u8
	AttrPort      uint16 = 4  // IPSET_ATTR_PORT, IPSET_ATTR_PORT_FROM: be16
	AttrPortTo    uint16 = 5  // IPSET_ATTR_PORT_TO: be16
	AttrTimeout   uint16 = 6  // IPSET_ATTR_TIMEOUT: be32
	AttrProto     uint16 = 7  // IPSET_ATTR_PROTO: u8
	AttrCADTFlags uint16 = 8  // IPSET_ATTR_CADT_FLAGS: be32
	AttrCADTLine  uint16 = 9  // IPSET_ATTR_CADT_LINENO: be32
	AttrMark      uint16 = 10 // IPSET_ATTR_MARK: be32
	AttrMarkMask  uint16 = 11 // IPSET_ATTR_MARKMASK: be32
	AttrBitmask   uint16 = 12 // IPSET_ATTR_BITMASK: nested address (Linux 6.1+)
)

// Attributes inside DATA at create, and the kernel's header-only ones.
const (
	AttrInitVal    uint16 = 17 // IPSET_ATTR_INITVAL: be32
	AttrHashSize   uint16 = 18 // IPSET_ATTR_HASHSIZE: be32
	AttrMaxElem    uint16 = 19 // IPSET_ATTR_MAXELEM: be32
	AttrNetmask    uint16 = 20 // IPSET_ATTR_NETMASK: u8
	AttrBucketSize uint16 = 21 // IPSET_ATTR_BUCKETSIZE: u8
	AttrResize     uint16 = 22 // IPSET_ATTR_RESIZE: u8
	AttrSize       uint16 = 23 // IPSET_ATTR_SIZE: be32
	AttrElements   uint16 = 24 // IPSET_ATTR_ELEMENTS: be32, kernel only
	AttrReferences uint16 = 25 // IPSET_ATTR_REFERENCES: be32, kernel only
	AttrMemSize    uint16 = 26 // IPSET_ATTR_MEMSIZE: be32, kernel only
)

// Attributes inside DATA at add, del and test.
const (
	AttrEther    uint16 = 17 // IPSET_ATTR_ETHER: 6 bytes
	AttrName     uint16 = 18 // IPSET_ATTR_NAME: string, member of a list:set
	AttrNameRef  uint16 = 19 // IPSET_ATTR_NAMEREF: string, before/after reference
	AttrIP2      uint16 = 20 // IPSET_ATTR_IP2: nested address
	AttrCIDR2    uint16 = 21 // IPSET_ATTR_CIDR2: u8
	AttrIP2To    uint16 = 22 // IPSET_ATTR_IP2_TO: nested address
	AttrIface    uint16 = 23 // IPSET_ATTR_IFACE: string
	AttrBytes    uint16 = 24 // IPSET_ATTR_BYTES: be64
	AttrPackets  uint16 = 25 // IPSET_ATTR_PACKETS: be64
	AttrComment  uint16 = 26 // IPSET_ATTR_COMMENT: string
	AttrSkbMark  uint16 = 27 // IPSET_ATTR_SKBMARK: be64, mark<<32 | mask
	AttrSkbPrio  uint16 = 28 // IPSET_ATTR_SKBPRIO: be32, major<<16 | minor
	AttrSkbQueue uint16 = 29 // IPSET_ATTR_SKBQUEUE: be16
	AttrPad      uint16 = 30 // IPSET_ATTR_PAD
)

// Attributes inside a nested address.
const (
	AttrIPAddrIPv4 uint16 = 1 // IPSET_ATTR_IPADDR_IPV4: be32
	AttrIPAddrIPv6 uint16 = 2 // IPSET_ATTR_IPADDR_IPV6: 16 bytes
)

// Command-level flags (enum ipset_cmd_flags), in AttrFlags.
const (
	FlagExist       uint32 = 1 << 0 // IPSET_FLAG_EXIST
	FlagListSetName uint32 = 1 << 1 // IPSET_FLAG_LIST_SETNAME
	FlagListHeader  uint32 = 1 << 2 // IPSET_FLAG_LIST_HEADER
)

// Flags of an element or a create request (enum ipset_cadt_flags), in
// AttrCADTFlags.
const (
	FlagBefore        uint32 = 1 << 0 // IPSET_FLAG_BEFORE
	FlagPhysdev       uint32 = 1 << 1 // IPSET_FLAG_PHYSDEV
	FlagNoMatch       uint32 = 1 << 2 // IPSET_FLAG_NOMATCH
	FlagWithCounters  uint32 = 1 << 3 // IPSET_FLAG_WITH_COUNTERS
	FlagWithComment   uint32 = 1 << 4 // IPSET_FLAG_WITH_COMMENT
	FlagWithForceAdd  uint32 = 1 << 5 // IPSET_FLAG_WITH_FORCEADD
	FlagWithSkbInfo   uint32 = 1 << 6 // IPSET_FLAG_WITH_SKBINFO
	FlagIfaceWildcard uint32 = 1 << 7 // IPSET_FLAG_IFACE_WILDCARD
)

// Address families a set can have (NFPROTO_*).
const (
	FamilyUnspec = 0  // NFPROTO_UNSPEC
	FamilyINET   = 2  // NFPROTO_IPV4
	FamilyINET6  = 10 // NFPROTO_IPV6
)

// netOrder marks an integer attribute as big-endian (NLA_F_NET_BYTEORDER);
// the ipset policies refuse integers without it.
const netOrder = nl.AttrNetByteOrder

func itoa(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}
