package bridge

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// VlanObject is bridge vlan, whose add and delete verbs have plans (gip
// state's lines for the vlans of bridges and their ports).
func VlanObject() *command.Object { return vlanObject() }

// vlanObject is bridge vlan: the vlans a bridge port (or the bridge
// itself) filters.
func vlanObject() *command.Object {
	return object("vlan",
		[][2]string{{"add", "add"}, {"delete", "delete"}, {"show", "show"}, {"list", "show"}, {"lst", "show"}, {"tunnelshow", "tunnelshow"}, {"set", "set"}, {"global", "global"}},
		vlanModifyVerb("add", unix.RTM_SETLINK),
		vlanModifyVerb("delete", unix.RTM_DELLINK),
		command.Verb{Use: "show [ dev DEV ] [ vid VLAN_ID ]", Short: "show port vlans", Run: runVlanShow},
		command.Verb{Use: "tunnelshow [ dev DEV ] [ vid VLAN_ID ]", Short: "show the tunnel ids of port vlans", Run: runVlanTunnelShow},
		noUndo("bridge vlan set", command.Planned("set vid VLAN_ID[-VLAN_END] dev DEV [ state STP_STATE ] [ mcast_router MULTICAST_ROUTER ]", "set options of port vlans",
			func(_ *env.Env, args []string) ([]plan.Step, error) {
				return planVlanOptions(args, false, readVlanSetWord)
			})),
		command.Verb{Use: "global { set | show } ...", Short: "global vlan options of bridges", Run: runVlanGlobal,
			CannotUndo: func(e *env.Env, args []string) string { return vlanGlobalObject().NoUndo(e, args) }},
	)
}

// vlanModifyVerb is add (RTM_SETLINK) or del (RTM_DELLINK). Neither can
// be undone exactly: adding a vlan a port has already changes only its
// flags.
func vlanModifyVerb(name string, typ uint16) command.Verb {
	v := command.Planned(name+" vid VLAN_ID[-VLAN_END] dev DEV [ tunnel_info id TUNNEL_ID[-TUNNEL_END] ] [ pvid ] [ untagged ] [ self ] [ master ]", name+" port vlans or their tunnel ids",
		func(_ *env.Env, args []string) ([]plan.Step, error) { return planVlan(args, typ) })
	v.CannotUndo = func(_ *env.Env, args []string) string {
		if slices.Contains(args, "tunnel_info") {
			return "bridge vlan tunnel_info"
		}
		return ""
	}
	return v
}

// vlanChange is a parsed vlan add or del; the device is resolved when it
// is built.
type vlanChange struct {
	spec rtnl.BridgeVlanSpec
	dev  string
	typ  uint16
}

// planVlan parses a command line as bridge's vlan_modify does, without
// talking to the kernel.
func planVlan(args []string, typ uint16) ([]plan.Step, error) {
	c := &vlanChange{typ: typ}
	s := &c.spec
	haveVID := false
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			c.dev = v
		case "vid":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if s.VID, s.VIDEnd, err = parseVIDs(v); err != nil {
				return nil, err
			}
			haveVID = true
		case "pvid":
			s.Flags |= rtnl.VlanInfoPVID
		case "untagged":
			s.Flags |= rtnl.VlanInfoUntagged
		case "self":
			s.Self = true
		case "master":
			s.Master = true
		case "tunnel_info":
			if err := parseTunnelInfo(a, s); err != nil {
				return nil, err
			}
		default:
			if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", usage)
			}
			return nil, garbage("vlan", w)
		}
	}
	if c.dev == "" || !haveVID {
		return nil, fail.Usagef("Device and VLAN ID are required arguments.")
	}
	return []plan.Step{{Build: c.build, Report: fail.Kernel}}, nil
}

// parseTunnelInfo reads what follows tunnel_info: "id ID" or
// "id ID-END", ids below 2^24, as bridge's parse_tunnel_info does (a bad
// id is named by the part before the dash).
func parseTunnelInfo(a *grammar.Args, s *rtnl.BridgeVlanSpec) error {
	w, err := a.Value()
	if err != nil {
		return err
	}
	if !grammar.Matches(w, "id") {
		return fail.Invalid("tunnel id expected", w)
	}
	v, err := a.Value()
	if err != nil {
		return err
	}
	lo, hi, isRange := strings.Cut(v, "-")
	id := func(n string) (uint32, error) {
		x, ok := grammar.CUint(n, 0, 1<<24-1)
		if !ok {
			return 0, fail.Invalid("invalid tun id", lo)
		}
		return uint32(x), nil
	}
	if s.TunID, err = id(lo); err != nil {
		return err
	}
	if isRange {
		if s.TunIDEnd, err = id(hi); err != nil {
			return err
		}
	}
	s.Tunnel = true
	return nil
}

// parseVIDs reads "VID" or "VID-END" (end 0 for a single vlan): ids from
// 1 to 4094, a range growing.
func parseVIDs(v string) (vid, end uint16, err error) {
	lo, hi, isRange := strings.Cut(v, "-")
	n, err := strconv.ParseUint(lo, 0, 16)
	if err != nil || n == 0 || n >= 4095 {
		return 0, 0, fail.Invalid("invalid VLAN ID", v)
	}
	if !isRange {
		return uint16(n), 0, nil
	}
	m, err := strconv.ParseUint(hi, 0, 16)
	if err != nil || m <= n || m >= 4095 {
		return 0, 0, fail.Invalid("invalid VLAN ID", v)
	}
	return uint16(n), uint16(m), nil
}

// build resolves the device and makes the request.
func (c *vlanChange) build(e *env.Env) (nl.Message, error) {
	s := c.spec
	i, err := e.Links().Index(c.dev)
	if err != nil {
		return nl.Message{}, err
	}
	s.Index = i
	return s.Message(c.typ)
}
