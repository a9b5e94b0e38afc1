package link

import (
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// The `bridge link` command prints a port's IFLA_PROTINFO from tables of
// fields; these are the helpers it shares with this package until it
// prints rtnl.BridgePort through the bridge_slave kind's printer.

// KindField is a port attribute as `bridge link` prints it: the
// attribute, the text keyword, the JSON key and how the value reads.
type KindField struct {
	Attr uint16
	Text string
	JSON string
	Kind FieldKind
}

// FieldKind is how a KindField's value reads.
type FieldKind int

// Field kinds.
const (
	FU8        FieldKind = iota // u8 number
	FOnOff                      // u8 printed "on"/"off", JSON bool
	fU16                        // u16 number
	fU32                        // u32 number
	fPortState                  // u8 STP state name
)

// BridgePortFields begins with the state, priority and cost of a port.
var BridgePortFields = []KindField{
	{unix.IFLA_BRPORT_STATE, "state", "state", fPortState},
	{unix.IFLA_BRPORT_PRIORITY, "priority", "priority", fU16},
	{unix.IFLA_BRPORT_COST, "cost", "cost", fU32},
}

// FieldsText prints the fields present in data, "key value " each.
func FieldsText(t *format.Text, fields []KindField, data []byte) {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return
	}
	for _, f := range fields {
		if txt, _, ok := FieldValue(tab, f); ok {
			t.S(f.Text, " ", txt, " ")
		}
	}
}

// FieldsJSON collects the fields present in data.
func FieldsJSON(fields []KindField, data []byte) *format.Obj {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	o := &format.Obj{}
	for _, f := range fields {
		if _, jv, ok := FieldValue(tab, f); ok && f.JSON != "" {
			o.Set(f.JSON, jv)
		}
	}
	return o
}

// FieldValue returns a field's text and JSON value, and whether it is
// present.
func FieldValue(tab rtnl.AttrTable, f KindField) (string, any, bool) {
	switch f.Kind {
	case FU8:
		v, ok := tab.U8(f.Attr)
		return strconv.Itoa(int(v)), v, ok
	case fU16:
		v, ok := tab.U16(f.Attr)
		return strconv.Itoa(int(v)), v, ok
	case fU32:
		v, ok := tab.U32(f.Attr)
		return U32s(v), v, ok
	case FOnOff:
		v, ok := tab.U8(f.Attr)
		s := "off"
		if v != 0 {
			s = "on"
		}
		return s, v != 0, ok
	case fPortState:
		v, ok := tab.U8(f.Attr)
		s := strconv.Itoa(int(v))
		if int(v) < len(portStates) {
			s = portStates[v]
		}
		return s, s, ok
	}
	return "", nil, false
}

// U32s prints a number.
func U32s(v uint32) string { return strconv.FormatUint(uint64(v), 10) }
