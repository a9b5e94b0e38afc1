package nftables

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Set is a set or, with SetMap in Flags, a map. KeyType and DataType are
// nft's data type numbers (the kernel keeps them for user space only);
// a concatenation's type packs its members' types six bits each.
type Set struct {
	Family     Family
	Table      string
	Name       string
	Handle     uint64
	ID         uint32 // names the set within a transaction
	Flags      uint32
	KeyType    uint32
	KeyLen     uint32
	DataType   uint32
	DataLen    uint32
	ObjType    uint32 // with SetObject: the type of the objects it maps to
	Policy     *uint32
	Size       uint32   // the most elements, 0 for no limit
	Fields     []uint32 // lengths in bytes of a concatenation's members
	Timeout    uint64   // default element timeout, milliseconds
	GCInterval uint32   // milliseconds
	UserData   []byte
}

// IsMap reports whether the set maps keys to data.
func (s *Set) IsMap() bool { return s.Flags&SetMap != 0 }

// IsAnonymous reports whether the set belongs to one rule.
func (s *Set) IsAnonymous() bool { return s.Flags&SetAnonymous != 0 }

func (s *Set) encode(e *nl.AttrEncoder) {
	e.String(unix.NFTA_SET_TABLE, s.Table)
	e.String(unix.NFTA_SET_NAME, s.Name)
	if s.Handle != 0 {
		e.Uint64(attrSetHandle, s.Handle)
	}
	if s.ID != 0 {
		e.Uint32(unix.NFTA_SET_ID, s.ID)
	}
	e.Uint32(unix.NFTA_SET_FLAGS, s.Flags)
	if s.KeyLen != 0 {
		e.Uint32(unix.NFTA_SET_KEY_TYPE, s.KeyType)
		e.Uint32(unix.NFTA_SET_KEY_LEN, s.KeyLen)
	}
	if s.IsMap() {
		e.Uint32(unix.NFTA_SET_DATA_TYPE, s.DataType)
		e.Uint32(unix.NFTA_SET_DATA_LEN, s.DataLen)
	}
	if s.Flags&SetObject != 0 {
		e.Uint32(unix.NFTA_SET_OBJ_TYPE, s.ObjType)
	}
	if s.Policy != nil {
		e.Uint32(unix.NFTA_SET_POLICY, *s.Policy)
	}
	if s.Timeout != 0 {
		e.Uint64(unix.NFTA_SET_TIMEOUT, s.Timeout)
	}
	if s.GCInterval != 0 {
		e.Uint32(unix.NFTA_SET_GC_INTERVAL, s.GCInterval)
	}
	if s.Size != 0 || len(s.Fields) > 1 {
		e.Nest(unix.NFTA_SET_DESC)
		if s.Size != 0 {
			e.Uint32(attrSetDescSize, s.Size)
		}
		if len(s.Fields) > 1 {
			e.Nest(attrSetDescConcat)
			for _, f := range s.Fields {
				e.Nest(unix.NFTA_LIST_ELEM)
				e.Uint32(attrSetFieldLen, f)
				e.Unnest()
			}
			e.Unnest()
		}
		e.Unnest()
	}
	if len(s.UserData) > 0 {
		e.Bytes(unix.NFTA_SET_USERDATA, s.UserData)
	}
}

func decodeSet(f Family, b []byte) (Set, error) {
	s := Set{Family: f}
	d := newDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_SET_TABLE:
			s.Table = d.String()
		case unix.NFTA_SET_NAME:
			s.Name = d.String()
		case attrSetHandle:
			s.Handle = d.Uint64()
		case unix.NFTA_SET_ID:
			s.ID = d.Uint32()
		case unix.NFTA_SET_FLAGS:
			s.Flags = d.Uint32()
		case unix.NFTA_SET_KEY_TYPE:
			s.KeyType = d.Uint32()
		case unix.NFTA_SET_KEY_LEN:
			s.KeyLen = d.Uint32()
		case unix.NFTA_SET_DATA_TYPE:
			s.DataType = d.Uint32()
		case unix.NFTA_SET_DATA_LEN:
			s.DataLen = d.Uint32()
		case unix.NFTA_SET_OBJ_TYPE:
			s.ObjType = d.Uint32()
		case unix.NFTA_SET_POLICY:
			p := d.Uint32()
			s.Policy = &p
		case unix.NFTA_SET_TIMEOUT:
			s.Timeout = d.Uint64()
		case unix.NFTA_SET_GC_INTERVAL:
			s.GCInterval = d.Uint32()
		case unix.NFTA_SET_USERDATA:
			s.UserData = append([]byte(nil), d.Bytes()...)
		case unix.NFTA_SET_DESC:
			d.Decode(func(n *nl.AttrDecoder) error {
				for n.Next() {
					switch n.Type() {
					case attrSetDescSize:
						s.Size = n.Uint32()
					case attrSetDescConcat:
						n.Decode(func(l *nl.AttrDecoder) error {
							for l.Next() {
								l.Decode(func(fd *nl.AttrDecoder) error {
									for fd.Next() {
										if fd.Type() == attrSetFieldLen {
											s.Fields = append(s.Fields, fd.Uint32())
										}
									}
									return nil
								})
							}
							return nil
						})
					}
				}
				return nil
			})
		}
	}
	return s, d.Err()
}

// Element is one element of a set: a key (or the start of an interval,
// with KeyEnd its end for sets of concatenated intervals), the data of a
// map, and timeouts in milliseconds.
type Element struct {
	Key        []byte
	KeyEnd     []byte
	Data       *Data
	ObjRef     string // of an object map: the object's name
	Flags      uint32 // ElemIntervalEnd, ElemCatchall
	Timeout    uint64
	Expiration uint64
	UserData   []byte
	// Exprs are the element's own stateful expressions (a counter).
	Exprs []Expr
}

func (el *Element) encode(e *nl.AttrEncoder) {
	if el.Key != nil {
		encodeData(e, unix.NFTA_SET_ELEM_KEY, Data{Value: el.Key})
	}
	if el.KeyEnd != nil {
		encodeData(e, attrSetElemKeyEnd, Data{Value: el.KeyEnd})
	}
	if el.Data != nil {
		encodeData(e, unix.NFTA_SET_ELEM_DATA, *el.Data)
	}
	if el.ObjRef != "" {
		e.String(unix.NFTA_SET_ELEM_OBJREF, el.ObjRef)
	}
	if el.Flags != 0 {
		e.Uint32(unix.NFTA_SET_ELEM_FLAGS, el.Flags)
	}
	if el.Timeout != 0 {
		e.Uint64(unix.NFTA_SET_ELEM_TIMEOUT, el.Timeout)
	}
	if len(el.UserData) > 0 {
		e.Bytes(unix.NFTA_SET_ELEM_USERDATA, el.UserData)
	}
}

func decodeElement(d *nl.AttrDecoder) Element {
	var el Element
	d.Decode(func(n *nl.AttrDecoder) error {
		for n.Next() {
			switch n.Type() {
			case unix.NFTA_SET_ELEM_KEY:
				el.Key = decodeData(n).Value
			case attrSetElemKeyEnd:
				el.KeyEnd = decodeData(n).Value
			case unix.NFTA_SET_ELEM_DATA:
				v := decodeData(n)
				el.Data = &v
			case unix.NFTA_SET_ELEM_OBJREF:
				el.ObjRef = n.String()
			case unix.NFTA_SET_ELEM_FLAGS:
				el.Flags = n.Uint32()
			case unix.NFTA_SET_ELEM_TIMEOUT:
				el.Timeout = n.Uint64()
			case unix.NFTA_SET_ELEM_EXPIRATION:
				el.Expiration = n.Uint64()
			case unix.NFTA_SET_ELEM_USERDATA:
				el.UserData = append([]byte(nil), n.Bytes()...)
			case unix.NFTA_SET_ELEM_EXPR:
				if x, err := decodeExpr(n.Bytes()); err == nil {
					el.Exprs = append(el.Exprs, x)
				}
			case attrSetElemExprs:
				el.Exprs = append(el.Exprs, decodeExprList(n)...)
			}
		}
		return nil
	})
	return el
}

// Elements is the elements of one set, as a dump or a change carries them.
type Elements struct {
	Family Family
	Table  string
	Set    string
	SetID  uint32
	Elems  []Element
}

func (s *Elements) encode(e *nl.AttrEncoder) {
	e.String(unix.NFTA_SET_ELEM_LIST_TABLE, s.Table)
	e.String(unix.NFTA_SET_ELEM_LIST_SET, s.Set)
	if s.SetID != 0 {
		e.Uint32(unix.NFTA_SET_ELEM_LIST_SET_ID, s.SetID)
	}
	if len(s.Elems) > 0 {
		e.Nest(unix.NFTA_SET_ELEM_LIST_ELEMENTS)
		for i := range s.Elems {
			e.Nest(unix.NFTA_LIST_ELEM)
			s.Elems[i].encode(e)
			e.Unnest()
		}
		e.Unnest()
	}
}

func decodeElements(f Family, b []byte) (Elements, error) { return decodeElementsInto(f, b, nil) }

// decodeElementsInto decodes an element list, appending its elements to
// elems.
func decodeElementsInto(f Family, b []byte, elems []Element) (Elements, error) {
	s := Elements{Family: f, Elems: elems}
	d := newDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_SET_ELEM_LIST_TABLE:
			s.Table = d.String()
		case unix.NFTA_SET_ELEM_LIST_SET:
			s.Set = d.String()
		case unix.NFTA_SET_ELEM_LIST_SET_ID:
			s.SetID = d.Uint32()
		case unix.NFTA_SET_ELEM_LIST_ELEMENTS:
			d.Decode(func(l *nl.AttrDecoder) error {
				for l.Next() {
					s.Elems = append(s.Elems, decodeElement(l))
				}
				return nil
			})
		}
	}
	return s, d.Err()
}
