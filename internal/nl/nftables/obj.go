package nftables

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Obj is a named stateful object of a table: a counter or a quota that
// rules refer to by name (Objref). Its state is the expression of its
// type: *Counter or *Quota, nil for other types.
type Obj struct {
	Family   Family
	Table    string
	Name     string
	Handle   uint64
	Type     uint32 // ObjCounter, ObjQuota, ...
	Use      uint32 // rules that refer to it (read only)
	State    Expr
	UserData []byte
}

// Object types (NFT_OBJECT_*).
const (
	ObjCounter uint32 = 1
	ObjQuota   uint32 = 2
)

// Object attributes missing from x/sys/unix.
const (
	attrObjHandle   = 6 // NFTA_OBJ_HANDLE
	attrObjUserData = 8 // NFTA_OBJ_USERDATA
)

func (o *Obj) encode(e *nl.AttrEncoder) {
	e.String(unix.NFTA_OBJ_TABLE, o.Table)
	if o.Name != "" {
		e.String(unix.NFTA_OBJ_NAME, o.Name)
	}
	e.Uint32(unix.NFTA_OBJ_TYPE, o.Type)
	if o.Handle != 0 {
		e.Uint64(attrObjHandle, o.Handle)
	}
	if o.State != nil {
		e.Nest(unix.NFTA_OBJ_DATA)
		o.State.encode(e)
		e.Unnest()
	}
	if len(o.UserData) > 0 {
		e.Bytes(attrObjUserData, o.UserData)
	}
}

// AddObj adds (or with Exclusive creates) a named object.
func (tx *Tx) AddObj(o *Obj, flags nl.Flags) {
	tx.add("object", unix.NFT_MSG_NEWOBJ, Create|flags, o.Family, o.encode)
}

// DelObj deletes a named object, by name or handle.
func (tx *Tx) DelObj(o *Obj) {
	tx.add("object", unix.NFT_MSG_DELOBJ, 0, o.Family, o.encode)
}

// Objects lists the stateful objects of family f.
func (c *Conn) Objects(f Family) ([]Obj, error) {
	return dump(c, unix.NFT_MSG_GETOBJ, f, nil, decodeObj)
}

func decodeObj(f Family, b []byte) (Obj, error) {
	o := Obj{Family: f}
	var data []byte
	d := newDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_OBJ_TABLE:
			o.Table = d.String()
		case unix.NFTA_OBJ_NAME:
			o.Name = d.String()
		case unix.NFTA_OBJ_TYPE:
			o.Type = d.Uint32()
		case unix.NFTA_OBJ_USE:
			o.Use = d.Uint32()
		case attrObjHandle:
			o.Handle = d.Uint64()
		case unix.NFTA_OBJ_DATA:
			data = d.Bytes()
		case attrObjUserData:
			o.UserData = append([]byte(nil), d.Bytes()...)
		}
	}
	if err := d.Err(); err != nil {
		return o, err
	}
	var err error
	switch o.Type {
	case ObjCounter:
		o.State, err = decodeCounter(newDecoder(data))
	case ObjQuota:
		o.State, err = decodeQuota(newDecoder(data))
	}
	return o, err
}

// Objref is a rule's use of a named object: Name of type Type, or the one
// a map (Set) gives for the key in SReg.
type Objref struct {
	Type uint32
	Name string
	SReg uint32
	Set  string
	// SetID names a set of the same transaction.
	SetID uint32
}

func (*Objref) Kind() string { return "objref" }

func (x *Objref) encode(e *nl.AttrEncoder) {
	if x.Set == "" {
		e.Uint32(unix.NFTA_OBJREF_IMM_TYPE, x.Type)
		e.String(unix.NFTA_OBJREF_IMM_NAME, x.Name)
		return
	}
	e.Uint32(unix.NFTA_OBJREF_SET_SREG, x.SReg)
	e.String(unix.NFTA_OBJREF_SET_NAME, x.Set)
	if x.SetID != 0 {
		e.Uint32(unix.NFTA_OBJREF_SET_ID, x.SetID)
	}
}

func decodeObjref(d nl.AttrDecoder) (Expr, error) {
	x := &Objref{}
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_OBJREF_IMM_TYPE:
			x.Type = d.Uint32()
		case unix.NFTA_OBJREF_IMM_NAME:
			x.Name = d.String()
		case unix.NFTA_OBJREF_SET_SREG:
			x.SReg = d.Uint32()
		case unix.NFTA_OBJREF_SET_NAME:
			x.Set = d.String()
		case unix.NFTA_OBJREF_SET_ID:
			x.SetID = d.Uint32()
		}
	}
	return x, d.Err()
}
