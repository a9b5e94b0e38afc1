package nexthop

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// View prints a nexthop object as ip's __print_nexthop_entry does, on one
// line without its newline: a route's nh_info embeds it.
type View struct {
	Env     *env.Env
	Nexthop *rtnl.NexthopObject
	Deleted bool // a RTM_DELNEXTHOP notification
}

// Fields prints the object, one call per field.
func (v View) Fields(f *format.Fields) {
	n, e := v.Nexthop, v.Env
	if v.Deleted {
		f.Bool("deleted", "Deleted ", true)
	}
	f.Uint("id", "id %u ", uint64(n.ID))
	if len(n.Group) > 0 {
		groupFields(f, n.Group)
	}
	if n.GroupType != rtnl.GroupMultipath {
		f.String("type", "type %s ", groupTypeName(n.GroupType))
	}
	if rg := n.Resilient; rg != nil {
		f.Open("resilient_args")
		f.Uint("buckets", "buckets %u ", uint64(rg.Buckets))
		f.Float("idle_timer", "idle_timer %g ", seconds(uint64(rg.IdleTimer)))
		f.Float("unbalanced_timer", "unbalanced_timer %g ", seconds(uint64(rg.UnbalancedTimer)))
		f.Float("unbalanced_time", "unbalanced_time %g ", seconds(rg.UnbalancedTime))
		f.Close()
	}
	if n.EncapType != 0 {
		EncapFields(f, n.EncapType, n.Encap)
	}
	if n.Gateway.IsValid() {
		f.String("gateway", "via %s ", n.Gateway.String())
	}
	if n.OIF != 0 {
		f.String("dev", "dev %s ", e.Links().Name(n.OIF))
	}
	if n.Scope != unix.RT_SCOPE_UNIVERSE || e.G.Details > 0 {
		f.Bytes("scope", "scope %s ", e.Names().AppendScope(nil, n.Scope))
	}
	if n.Blackhole {
		f.Null("blackhole", "blackhole ")
	}
	if n.Protocol != unix.RTPROT_UNSPEC || e.G.Details > 0 {
		f.Bytes("protocol", "proto %s ", e.Names().AppendProto(nil, n.Protocol))
	}
	FlagFields(f, n.Flags)
	if n.FDB {
		f.Null("fdb", "fdb")
	}
}

// groupFields prints the members of a group: "group ID[,WEIGHT]/..." in
// text, "group": [ {"id": ID, "weight": WEIGHT} ] in JSON.
func groupFields(f *format.Fields, group []rtnl.GroupMember) {
	f.OpenArray("group")
	f.Literal("group ")
	for i, m := range group {
		if i > 0 {
			f.Literal("/")
		}
		f.OpenElement()
		f.Uint("id", "%u", uint64(m.ID))
		if m.Weight > 1 {
			f.Uint("weight", ",%u", uint64(m.Weight))
		}
		f.Close()
	}
	f.Literal(" ")
	f.CloseArray()
}

func groupTypeName(t uint16) string {
	switch t {
	case rtnl.GroupMultipath:
		return "mpath"
	case rtnl.GroupResilient:
		return "resilient"
	}
	return "<unknown type>"
}

// seconds converts clock ticks (USER_HZ) to seconds.
func seconds(ticks uint64) float64 { return float64(ticks) / env.UserHZ }

// record is a View as a line of nexthop show.
type record struct{ View }

// Fields prints the object and ends its line.
func (r record) Fields(f *format.Fields) {
	r.View.Fields(f)
	f.Literal("\n")
}
