package main

import (
	"bytes"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/ipaddress"
)

// Tables for people: gcalc prints them on a terminal (or with -o table)
// where its output has rows. Addresses are coloured by family, as ip -c
// colours them, on a terminal unless NO_COLOR is set.

// infoColumns are the facts of a table of several items, one row each.
var infoColumns = []string{"address", "network", "netmask", "broadcast", "first host", "last host", "hosts", "type"}

// subnetColumns are the facts of a table of subnets.
var subnetColumns = []string{"network", "netmask", "broadcast", "first host", "last host", "hosts"}

// maxTableSubnets is the most subnets a table shows; a longer split is a
// stream of lines, as off a terminal.
const maxTableSubnets = 4096

// cell is a field as a table shows it.
func (e *env) cell(f field, version int) string {
	if !f.addr || !e.color {
		return f.text
	}
	c := format.ColorInet
	if version == 6 {
		c = format.ColorInet6
	}
	return c + f.text + "\x1b[0m"
}

// writeInfoTable prints one item as a table of its facts, several as a
// table with a row each.
func writeInfoTable(e *env, items []ipaddress.Interface) error {
	if len(items) == 1 {
		var rows [][]string
		for _, f := range infoFields(items[0]) {
			rows = append(rows, []string{f.key, e.cell(f, items[0].Address().Version())})
		}
		return e.writeTable(nil, rows)
	}
	return e.writeRows(infoColumns, items)
}

// writeRows prints a table of items with the given columns, leaving out
// the columns no item has.
func (e *env) writeRows(columns []string, items []ipaddress.Interface) error {
	rows := make([][]string, len(items))
	used := make([]bool, len(columns))
	for r, it := range items {
		rows[r] = make([]string, len(columns))
		for _, f := range infoFields(it) {
			for c, key := range columns {
				if f.key == key {
					rows[r][c] = e.cell(f, it.Address().Version())
					used[c] = true
				}
			}
		}
	}
	var header []string
	for c, key := range columns {
		if used[c] {
			header = append(header, key)
		}
	}
	for r, row := range rows {
		var kept []string
		for c := range columns {
			if used[c] {
				kept = append(kept, row[c])
			}
		}
		rows[r] = kept
	}
	return e.writeTable(header, rows)
}

func (e *env) writeTable(header []string, rows [][]string) error {
	var b bytes.Buffer
	format.WriteTable(&b, header, rows)
	_, err := e.stdout.Write(b.Bytes())
	return err
}
