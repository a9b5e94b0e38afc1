package nftables

import (
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// Table is an nf_tables table.
type Table struct {
	Family Family
	Name   string
	Handle uint64
	Flags  uint32 // TableDormant, ...
	Use    uint32 // chains, sets, ... in the table (read only)
}

func (t *Table) encode(e *nl.AttrEncoder) {
	if t.Name != "" {
		e.String(unix.NFTA_TABLE_NAME, t.Name)
	}
	if t.Handle != 0 {
		e.Uint64(attrTableHandle, t.Handle)
	}
	if t.Flags != 0 {
		e.Uint32(unix.NFTA_TABLE_FLAGS, t.Flags)
	}
}

func decodeTable(f Family, b []byte) (Table, error) {
	t := Table{Family: f}
	d := newDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NFTA_TABLE_NAME:
			t.Name = d.String()
		case attrTableHandle:
			t.Handle = d.Uint64()
		case unix.NFTA_TABLE_FLAGS:
			t.Flags = d.Uint32()
		case unix.NFTA_TABLE_USE:
			t.Use = d.Uint32()
		}
	}
	return t, d.Err()
}
