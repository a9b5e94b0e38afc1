package mptcp

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/mptcp"
)

// endpointView prints an endpoint as ip's print_mptcp_addrinfo does.
type endpointView struct {
	ep    mptcp.Endpoint
	links *env.Links
}

// flagNames are the flags ip 6.1 names; other bits print as rawflags.
var flagNames = []struct {
	flag mptcp.Flags
	name string
}{{mptcp.FlagSignal, "signal"}, {mptcp.FlagSubflow, "subflow"}, {mptcp.FlagBackup, "backup"}, {mptcp.FlagFullmesh, "fullmesh"}}

func (v *endpointView) Fields(f *format.Fields) {
	ep := &v.ep
	if ep.Addr.IsValid() {
		f.String("address", "%s ", ep.Addr.String())
	}
	if ep.Port != 0 {
		f.Uint("port", "port %u ", uint64(ep.Port))
	}
	if ep.HasID {
		f.Uint("id", "id %u ", uint64(ep.ID))
	}
	rest := ep.Flags
	for _, n := range flagNames {
		if rest&n.flag != 0 {
			f.Bool(n.name, n.name+" ", true)
		}
		rest &^= n.flag
	}
	if rest != 0 {
		f.String("rawflags", "rawflags %s ", fmt.Sprintf("%02x", uint32(rest)))
	}
	if ep.IfIndex != 0 {
		f.String("dev", "dev %s ", v.links.Name(ep.IfIndex))
	}
	f.Literal("\n")
}

// limitsView prints the limits as ip's print_mptcp_limit does.
type limitsView struct{ l mptcp.Limits }

func (v *limitsView) Fields(f *format.Fields) {
	if v.l.HasAddAddrAccepted {
		f.Uint("add_addr_accepted", "add_addr_accepted %u ", uint64(v.l.AddAddrAccepted))
	}
	if v.l.HasSubflows {
		f.Uint("subflows", "subflows %u ", uint64(v.l.Subflows))
	}
	f.Literal("\n")
}

// printLimits prints the limits: ip's text, or under -j one JSON object
// (ip prints its text there too).
func printLimits(e *env.Env, l mptcp.Limits) error {
	v := &limitsView{l: l}
	if !e.G.JSON {
		p := e.Printer()
		if err := p.Print(v); err != nil {
			return err
		}
		return p.Close()
	}
	j := format.NewJSONWriter(e.G.Pretty)
	j.StartObject()
	v.Fields(format.NewJSONFields(j, format.Normal))
	j.EndObject()
	b := append(j.Bytes(), '\n')
	_, err := e.Stdout.Write(b)
	return err
}
