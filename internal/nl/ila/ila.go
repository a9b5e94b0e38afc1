package ila

import (
	"encoding/binary"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
)

// The family and its commands (ILA_GENL_NAME, ILA_CMD_*).
const (
	FamilyName = "ila"
	Version    = 1

	CmdAdd = 1 // ILA_CMD_ADD
	CmdDel = 2 // ILA_CMD_DEL
	CmdGet = 3 // ILA_CMD_GET
)

// Attributes (ILA_ATTR_*).
const (
	attrLocator      = 1 // u64, network order words
	attrLocatorMatch = 3 // u64, network order words
	attrIfindex      = 4 // s32
	attrCsumMode     = 7 // u8
	attrIdentType    = 8 // u8
	attrHookType     = 9 // u8
)

// Locator is a 64-bit locator, the four 16-bit words of its text in
// order ("2001:db8:1:2").
type Locator uint64

func (l Locator) String() string {
	return fmt.Sprintf("%x:%x:%x:%x", uint16(l>>48), uint16(l>>32), uint16(l>>16), uint16(l))
}

// CsumMode is what a mapping does to checksums (ILA_CSUM_*).
type CsumMode uint8

// The checksum modes.
const (
	CsumAdjustTransport CsumMode = 0
	CsumNeutralMap      CsumMode = 1
	CsumNoAction        CsumMode = 2
	CsumNeutralMapAuto  CsumMode = 3
)

// IdentType is how a mapping reads the identifier (ILA_ATYPE_*).
type IdentType uint8

// The identifier types a mapping can be given.
const (
	IdentLUID      IdentType = 1
	IdentUseFormat IdentType = 32
)

// Mapping is one ILA mapping. A nil field is not set (not sent).
type Mapping struct {
	LocatorMatch *Locator
	Locator      *Locator
	Ifindex      *int32
	CsumMode     *CsumMode
	IdentType    *IdentType
	HookType     *uint8
}

// ParseMapping decodes a mapping of a dump. A locator of another length
// than 8 bytes is no locator.
func ParseMapping(attrs []byte) (*Mapping, error) {
	m := &Mapping{}
	d := nl.NewAttrDecoder(attrs)
	locator := func() *Locator {
		if d.Len() != 8 {
			return nil
		}
		l := Locator(binary.BigEndian.Uint64(d.Bytes()))
		return &l
	}
	for d.Next() {
		switch d.Type() {
		case attrLocatorMatch:
			m.LocatorMatch = locator()
		case attrLocator:
			m.Locator = locator()
		case attrIfindex:
			v := d.Int32()
			m.Ifindex = &v
		case attrCsumMode:
			v := CsumMode(d.Uint8())
			m.CsumMode = &v
		case attrIdentType:
			v := IdentType(d.Uint8())
			m.IdentType = &v
		case attrHookType:
			v := d.Uint8()
			m.HookType = &v
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("ila: decoding a mapping: %w", err)
	}
	return m, nil
}

// Attrs encodes the fields that are set, in ip's order: what an add or a
// delete sends, and what a dump answers.
func (m *Mapping) Attrs() ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	for _, l := range []struct {
		typ uint16
		l   *Locator
	}{{attrLocatorMatch, m.LocatorMatch}, {attrLocator, m.Locator}} {
		if l.l != nil {
			e.Bytes(l.typ, binary.BigEndian.AppendUint64(nil, uint64(*l.l)))
		}
	}
	if m.Ifindex != nil {
		e.Int32(attrIfindex, *m.Ifindex)
	}
	if m.CsumMode != nil {
		e.Uint8(attrCsumMode, uint8(*m.CsumMode))
	}
	if m.IdentType != nil {
		e.Uint8(attrIdentType, uint8(*m.IdentType))
	}
	if m.HookType != nil {
		e.Uint8(attrHookType, *m.HookType)
	}
	return e.Encode()
}
