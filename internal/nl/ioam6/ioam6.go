package ioam6

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
)

// The family and its commands (IOAM6_GENL_NAME, IOAM6_CMD_*).
const (
	FamilyName = "IOAM6"
	Version    = 1

	CmdAddNamespace   = 1
	CmdDelNamespace   = 2
	CmdDumpNamespaces = 3
	CmdAddSchema      = 4
	CmdDelSchema      = 5
	CmdDumpSchemas    = 6
	CmdNsSetSchema    = 7
)

// Attributes (IOAM6_ATTR_*).
const (
	attrNsID       = 1 // u16
	attrNsData     = 2 // u32
	attrNsDataWide = 3 // u64
	attrScID       = 4 // u32
	attrScData     = 5 // bytes
	attrScNone     = 6 // flag
)

// MaxSchemaData is the longest schema data (IOAM6_MAX_SCHEMA_DATA_LEN).
const MaxSchemaData = 255 * 4

// Namespace is an IOAM namespace: its id, the schema bound to it and its
// data. A nil field is not set (not sent).
type Namespace struct {
	ID     uint16
	Schema *uint32
	Data   *uint32
	Wide   *uint64
}

// Schema is an IOAM schema: its id, the namespace it is bound to (nil
// when none) and its data.
type Schema struct {
	ID        uint32
	Namespace *uint16
	Data      []byte
}

// ParseNamespace decodes a namespace of a dump.
func ParseNamespace(attrs []byte) (*Namespace, error) {
	n := &Namespace{}
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrNsID:
			n.ID = d.Uint16()
		case attrScID:
			v := d.Uint32()
			n.Schema = &v
		case attrNsData:
			v := d.Uint32()
			n.Data = &v
		case attrNsDataWide:
			v := d.Uint64()
			n.Wide = &v
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("ioam6: decoding a namespace: %w", err)
	}
	return n, nil
}

// Attrs encodes n: what an add sends (without a schema), and what a dump
// answers.
func (n *Namespace) Attrs() ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint16(attrNsID, n.ID)
	if n.Schema != nil {
		e.Uint32(attrScID, *n.Schema)
	}
	if n.Data != nil {
		e.Uint32(attrNsData, *n.Data)
	}
	if n.Wide != nil {
		e.Uint64(attrNsDataWide, *n.Wide)
	}
	return e.Encode()
}

// ParseSchema decodes a schema of a dump.
func ParseSchema(attrs []byte) (*Schema, error) {
	s := &Schema{}
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case attrScID:
			s.ID = d.Uint32()
		case attrNsID:
			v := d.Uint16()
			s.Namespace = &v
		case attrScData:
			s.Data = append([]byte{}, d.Bytes()...)
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("ioam6: decoding a schema: %w", err)
	}
	return s, nil
}

// Attrs encodes s: what an add sends (without a namespace), and what a
// dump answers.
func (s *Schema) Attrs() ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(attrScID, s.ID)
	if s.Namespace != nil {
		e.Uint16(attrNsID, *s.Namespace)
	}
	if s.Data != nil {
		e.Bytes(attrScData, s.Data)
	}
	return e.Encode()
}

// NamespaceID is the attributes naming namespace id (a delete).
func NamespaceID(id uint16) []byte {
	e := nl.NewAttrEncoder(nil)
	e.Uint16(attrNsID, id)
	b, _ := e.Encode()
	return b
}

// SchemaID is the attributes naming schema id (a delete).
func SchemaID(id uint32) []byte {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(attrScID, id)
	b, _ := e.Encode()
	return b
}

// SetSchema is the attributes binding namespace ns to schema sc, or to
// none when sc is nil.
func SetSchema(ns uint16, sc *uint32) []byte {
	e := nl.NewAttrEncoder(nil)
	e.Uint16(attrNsID, ns)
	if sc == nil {
		e.Flag(attrScNone)
	} else {
		e.Uint32(attrScID, *sc)
	}
	b, _ := e.Encode()
	return b
}
