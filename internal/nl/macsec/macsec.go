package macsec

import "github.com/gip-suite/gip/internal/nl"

// FamilyName is the family's name (MACSEC_GENL_NAME).
const FamilyName = "macsec"

// Cmd is a command of the family.
type Cmd uint8

// The commands (MACSEC_CMD_*).
const (
	CmdGetTxSC    Cmd = 0
	CmdAddRxSC    Cmd = 1
	CmdDelRxSC    Cmd = 2
	CmdUpdRxSC    Cmd = 3
	CmdAddTxSA    Cmd = 4
	CmdDelTxSA    Cmd = 5
	CmdUpdTxSA    Cmd = 6
	CmdAddRxSA    Cmd = 7
	CmdDelRxSA    Cmd = 8
	CmdUpdRxSA    Cmd = 9
	CmdUpdOffload Cmd = 10
)

// Attributes of a message (MACSEC_ATTR_*).
const (
	attrIfIndex    = 1 // u32
	attrRxSCConfig = 2 // nested rxsc attributes
	attrSAConfig   = 3 // nested sa attributes
	attrSecY       = 4 // nested secy attributes
	attrTxSAList   = 5 // nested, an sa each
	attrRxSCList   = 6 // nested, an rxsc each
	attrTxSCStats  = 7 // nested
	attrSecYStats  = 8 // nested
	attrOffload    = 9 // nested offload attributes
)

// Attributes of a SecY (MACSEC_SECY_ATTR_*).
const (
	secySCI         = 1 // sci
	secyEncodingSA  = 2 // u8
	secyWindow      = 3 // u32
	secyCipherSuite = 4 // u64
	secyICVLen      = 5 // u8
	secyProtect     = 6 // u8
	secyReplay      = 7 // u8
	secyOper        = 8 // u8
	secyValidate    = 9 // u8
	secyEncrypt     = 10
	secyIncSCI      = 11
	secyES          = 12
	secySCB         = 13
)

// Attributes of a receive SC (MACSEC_RXSC_ATTR_*).
const (
	rxscSCI    = 1 // sci
	rxscActive = 2 // u8
	rxscSAList = 3 // nested
	rxscStats  = 4 // nested
)

// Attributes of an SA (MACSEC_SA_ATTR_*).
const (
	saAN     = 1 // u8
	saActive = 2 // u8
	saPN     = 3 // u32, u64 with XPN
	saKey    = 4
	saKeyID  = 5 // 16 bytes
	saStats  = 6 // nested
	saSSCI   = 8 // u32, XPN only
	saSalt   = 9 // 12 bytes, XPN only
)

// offloadType is MACSEC_OFFLOAD_ATTR_TYPE.
const offloadType = 1

// Lengths the family fixes.
const (
	KeyIDLen  = 16  // MACSEC_KEYID_LEN
	SaltLen   = 12  // MACSEC_SALT_LEN
	MaxKeyLen = 128 // MACSEC_MAX_KEY_LEN
)

// The cipher suites (MACSEC_CIPHER_ID_*).
const (
	CipherGCMAES128    = 0x0080C20001000001
	CipherGCMAES256    = 0x0080C20001000002
	CipherGCMAESXPN128 = 0x0080C20001000003
	CipherGCMAESXPN256 = 0x0080C20001000004
	CipherDefault      = 0x0080020001000001 // the deprecated id of GCM-AES-128
)

// IsXPN reports whether a cipher suite has extended packet numbers.
func IsXPN(cipher uint64) bool { return cipher == CipherGCMAESXPN128 || cipher == CipherGCMAESXPN256 }

// Stats are one nested block of counters, indexed by the counter's
// attribute type, with the ones the kernel sent marked.
type Stats struct {
	Value [16]uint64
	has   uint16
}

// Has reports whether counter i was sent.
func (s *Stats) Has(i int) bool { return i >= 0 && i < len(s.Value) && s.has&(1<<i) != 0 }

// Set records counter i.
func (s *Stats) Set(i int, v uint64) {
	if i >= 0 && i < len(s.Value) {
		s.Value[i], s.has = v, s.has|1<<i
	}
}

// decode reads the counters of a nested block (the kernel sends u64,
// u32 in some; any width up to eight bytes is read).
func (s *Stats) decode(d *nl.AttrDecoder) error {
	for d.Next() {
		if t := int(d.Type()); t < len(s.Value) {
			s.Set(t, d.Uint())
		}
	}
	return nil
}
