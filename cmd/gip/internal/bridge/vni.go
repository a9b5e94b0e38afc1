package bridge

import (
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const vniUsage = `Usage: gip bridge vni { add | del } vni VNI
		[ { group | remote } IP_ADDRESS ]
		[ dev DEV ]
       gip bridge vni { show }

Where:	VNI	:= 0-16777215`

// vniObject is bridge vni: the vnis a vxlan device made with vnifilter
// carries, each with its own group or remote.
func vniObject() *command.Object {
	o := object("vni",
		[][2]string{{"add", "add"}, {"delete", "delete"}, {"show", "show"}, {"list", "show"}, {"lst", "show"}},
		vniModifyVerb("add", rtnl.RTMNewTunnel),
		vniModifyVerb("delete", rtnl.RTMDelTunnel),
		command.Verb{Use: "show [ dev DEV ]", Short: "show the vnis of vxlan devices", Run: runVniShow},
	)
	o.Usage = vniUsage
	unknown := o.Unknown
	o.Unknown = func(w string) error {
		if w == "help" {
			return fail.Usagef("%s", vniUsage)
		}
		return unknown(w)
	}
	return o
}

// vniModifyVerb is add (RTM_NEWTUNNEL) or delete (RTM_DELTUNNEL).
func vniModifyVerb(name string, typ uint16) command.Verb {
	return noUndo("bridge vni", command.Planned(name+" dev DEV vni VNI[-VNI_END][,...] [ { group | remote } IP_ADDRESS ]", name+" vnis of a vxlan device",
		func(_ *env.Env, args []string) ([]plan.Step, error) { return planVni(args, typ) }))
}

// vniChange is a parsed vni add or delete; the device is resolved when
// it is built.
type vniChange struct {
	change rtnl.VNIChange
	dev    string
	typ    uint16
}

// planVni parses a command line as bridge's vni_modify does: words it
// does not know are skipped, the group must be multicast, the remote may
// be any address, only one of them.
func planVni(args []string, typ uint16) ([]plan.Step, error) {
	c := &vniChange{typ: typ}
	var vnis string
	var group grammar.Prefix
	haveVNI, haveGroup := false, false
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
		case "vni":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if haveVNI {
				return nil, fail.Invalid("duplicate vni", v)
			}
			vnis, haveVNI = v, true
		case "group", "remote":
			if haveGroup {
				return nil, fail.Invalid("duplicate group", w)
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if group, err = grammar.ParseAddr(v, 0); err != nil {
				return nil, err
			}
			if w == "group" && !group.Addr.IsMulticast() {
				return nil, fail.Invalid("invalid group address", v)
			}
			haveGroup = true
		case "help":
			return nil, fail.Usagef("%s", vniUsage)
		}
	}
	if c.dev == "" || !haveVNI {
		return nil, fail.Usagef("Device and VNI ID are required arguments.")
	}
	c.change.Entries = parseVNIList(vnis, group.Addr)
	return []plan.Step{{Build: c.build, Report: fail.Kernel}}, nil
}

// parseVNIList reads "VNI", "VNI-END" and lists of them separated by
// commas, each number as C's atoi reads it (bridge's parse_vni_filter).
func parseVNIList(s string, group netip.Addr) []rtnl.VNIEntry {
	var out []rtnl.VNIEntry
	for _, item := range strings.Split(s, ",") {
		if item == "" {
			continue
		}
		lo, hi, _ := strings.Cut(item, "-")
		out = append(out, rtnl.VNIEntry{Start: uint32(grammar.Atoi(lo)), End: uint32(grammar.Atoi(hi)), Group: group})
	}
	return out
}

// build resolves the device and makes the request.
func (c *vniChange) build(e *env.Env) (nl.Message, error) {
	ch := c.change
	i, err := e.Links().Index(c.dev)
	if err != nil {
		return nl.Message{}, fail.Usagef("Cannot find vxlan device %q", c.dev)
	}
	ch.Index = i
	return ch.Message(c.typ)
}
