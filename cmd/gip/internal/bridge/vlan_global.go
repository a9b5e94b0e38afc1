package bridge

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// vlanGlobalObject is bridge vlan global: the options a bridge keeps per
// vlan (multicast snooping and querier settings).
func vlanGlobalObject() *command.Object {
	o := &command.Object{
		Name:    "global",
		Match:   [][2]string{{"set", "set"}, {"show", "show"}},
		Default: "show",
		Usage:   usage,
		Verbs: []command.Verb{
			noUndo("bridge vlan global set", command.Planned("set vid VLAN_ID dev DEV [ OPTION VALUE ]...", "set global vlan options",
				func(_ *env.Env, args []string) ([]plan.Step, error) {
					return planVlanOptions(args, true, readVlanGlobalWord)
				})),
			{Use: "show [ dev DEV ] [ vid VLAN_ID ]", Short: "show global vlan options", Run: runVlanGlobalShow},
		},
	}
	// bridge takes set, show, list and lst whole; any other word is its
	// usage.
	o.Unknown = func(string) error { return fail.Usagef("%s", usage) }
	return o
}

// runVlanGlobal resolves the words of vlan global as bridge does.
func runVlanGlobal(e *env.Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "set", "show":
		case "list", "lst":
			args = append([]string{"show"}, args[1:]...)
		default:
			return fail.Usagef("%s", usage)
		}
	}
	return vlanGlobalObject().Run(e, args)
}

// vlanGlobalOption is an option of vlan global set: its attribute and
// its size in bytes.
type vlanGlobalOption struct {
	attr uint16
	size int
}

// vlanGlobalOptions are vlan global set's options, read as bridge reads
// them (get_u8, get_u32, get_u64).
var vlanGlobalOptions = map[string]vlanGlobalOption{
	"mcast_snooping":                {rtnl.VlanGOptMcastSnooping, 1},
	"mcast_querier":                 {rtnl.VlanGOptMcastQuerier, 1},
	"mcast_igmp_version":            {rtnl.VlanGOptMcastIGMPVersion, 1},
	"mcast_mld_version":             {rtnl.VlanGOptMcastMLDVersion, 1},
	"mcast_last_member_count":       {rtnl.VlanGOptMcastLastMemberCount, 4},
	"mcast_startup_query_count":     {rtnl.VlanGOptMcastStartupQueryCount, 4},
	"mcast_last_member_interval":    {rtnl.VlanGOptMcastLastMemberInterval, 8},
	"mcast_membership_interval":     {rtnl.VlanGOptMcastMembershipInterval, 8},
	"mcast_querier_interval":        {rtnl.VlanGOptMcastQuerierInterval, 8},
	"mcast_query_interval":          {rtnl.VlanGOptMcastQueryInterval, 8},
	"mcast_query_response_interval": {rtnl.VlanGOptMcastQueryResponseInterval, 8},
	"mcast_startup_query_interval":  {rtnl.VlanGOptMcastStartupQueryInterval, 8},
}

// readVlanGlobalWord reads one option of vlan global set.
func readVlanGlobalWord(o *vlanOptions, a *grammar.Args, w string) (bool, error) {
	opt, ok := vlanGlobalOptions[w]
	if !ok {
		return false, nil
	}
	v, err := a.Value()
	if err != nil {
		return true, err
	}
	n, ok := grammar.CUint(v, 0, ^uint64(0)>>(64-8*opt.size))
	if !ok {
		return true, fail.Invalid("invalid "+w, v)
	}
	var at rtnl.Attr
	switch opt.size {
	case 1:
		at = rtnl.U8(opt.attr, uint8(n))
	case 4:
		at = rtnl.U32(opt.attr, uint32(n))
	default:
		at = rtnl.U64(opt.attr, n)
	}
	o.opts.Attrs = append(o.opts.Attrs, at)
	return true, nil
}
