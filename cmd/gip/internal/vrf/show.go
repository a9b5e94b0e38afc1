package vrf

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// view is one VRF as ip's ipvrf_print prints it.
type view struct {
	name  string
	table uint32
}

func (v *view) Fields(f *format.Fields) {
	f.String("name", "%-16s", v.name)
	f.Uint("table", " %5u", uint64(v.table))
	f.Literal("\n")
}

// runShow is show [ NAME ].
func runShow(e *env.Env, args []string) error {
	switch len(args) {
	case 0:
		return showAll(e)
	case 1:
		return showOne(e, args[0])
	}
	return usageError()
}

// showOne prints a VRF's name and table: "NAME TABLE" in text (ip prints
// that under -j too), the object {"name", "table"} in JSON. A device
// that is not a VRF is ip's "Invalid VRF" (exit 255); "default", when no
// device has that name, is the main table.
func showOne(e *env.Env, name string) error {
	_, table, missing, ok, err := byName(e, name)
	if err != nil {
		return err
	}
	switch {
	case !ok && missing && name == "default":
		table = mainTable
	case ok && table == 0:
		fmt.Fprintf(e.Stderr, "BUG: VRF %s is missing table id\n", name)
	}
	if table == 0 {
		return &fail.Error{Code: fail.ExitUsage, Msg: "Invalid VRF"}
	}
	if !e.G.JSON {
		_, err := fmt.Fprintf(e.Stdout, "%s %d\n", name, table)
		return err
	}
	j := format.NewJSONWriter(e.G.Pretty)
	j.StartObject()
	(&view{name: name, table: table}).Fields(format.NewJSONFields(j, format.Normal))
	j.EndObject()
	_, err = e.Stdout.Write(append(j.Bytes(), '\n'))
	return err
}

// showAll lists the VRFs under ip's heading, in the kernel's order.
func showAll(e *env.Env) error {
	c, err := e.Conn()
	if err != nil {
		return err
	}
	var vrfs []*view
	for l, err := range rtnl.Links(c, 0, rtnl.ExtFilterSkipStats) {
		if err != nil {
			return fail.DumpError(err, "Dump terminated")
		}
		if l.Kind != "vrf" {
			continue
		}
		t := tableOf(l)
		if t == 0 {
			fmt.Fprintf(e.Stderr, "BUG: VRF %s is missing table id\n", l.Name)
			continue
		}
		vrfs = append(vrfs, &view{name: l.Name, table: t})
	}
	p := e.Printer()
	p.Raw(fmt.Sprintf("%-16s  %5s\n%s\n", "Name", "Table", "-----------------------"))
	for _, v := range vrfs {
		if err := p.Print(v); err != nil {
			return err
		}
	}
	if len(vrfs) == 0 {
		p.Raw("No VRF has been configured\n")
	}
	return p.Close()
}
