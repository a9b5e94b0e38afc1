package bridge

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// stpStates are the STP states by number, as bridge names them.
var stpStates = []string{"disabled", "listening", "learning", "forwarding", "blocking"}

// vlanOptions is a parsed vlan set or vlan global set: the options in the
// order given (the vlan among them); the device is resolved when it is
// built (bridge looks it up as it reads the word: a line naming a missing
// device and a bad option gets the option's complaint from gip).
type vlanOptions struct {
	opts rtnl.BridgeVlanOptions
	dev  string
}

// vlanOptionsReader reads the words of one of the two verbs; it returns
// whether it knew the word.
type vlanOptionsReader func(o *vlanOptions, a *grammar.Args, w string) (bool, error)

// planVlanOptions parses a command line as bridge's vlan_option_set and
// vlan_global_option_set do: dev, vid, the verb's options; words it does
// not know are skipped, "help" skips the word after it as well.
func planVlanOptions(args []string, global bool, read vlanOptionsReader) ([]plan.Step, error) {
	o := &vlanOptions{opts: rtnl.BridgeVlanOptions{Global: global}}
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
			o.dev = v
		case "vid":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if err := o.addVIDs(v); err != nil {
				return nil, err
			}
			haveVID = true
		default:
			ok, err := read(o, a, w)
			if err != nil {
				return nil, err
			}
			// vlan set takes "help" abbreviated, vlan global set only whole.
			help := w == "help" || !global && grammar.Matches(w, "help")
			if !ok && help {
				if _, err := a.Value(); err != nil {
					return nil, err
				}
			}
		}
	}
	if o.dev == "" || !haveVID {
		return nil, fail.Usagef("Device and VLAN ID are required arguments.")
	}
	return []plan.Step{{Build: o.build, Report: fail.Kernel}}, nil
}

// addVIDs reads "VID" or "VID-END" as bridge does (atoi, into a short)
// and adds the vlan attributes.
func (o *vlanOptions) addVIDs(v string) error {
	lo, hi, isRange := strings.Cut(v, "-")
	vid, end := int16(grammar.Atoi(lo)), int16(-1)
	if isRange {
		end = int16(grammar.Atoi(hi))
		if vid >= end || end >= 4096 {
			return fail.Usagef("Invalid VLAN range \"%d-%d\"", uint16(vid), uint16(end))
		}
	}
	if vid >= 4096 {
		return fail.Usagef("Invalid VLAN ID \"%d\"", uint16(vid))
	}
	if o.opts.Global {
		o.opts.Attrs = append(o.opts.Attrs, rtnl.U16(rtnl.VlanGOptID, uint16(vid)))
		if end != -1 {
			o.opts.Attrs = append(o.opts.Attrs, rtnl.U16(rtnl.VlanGOptRange, uint16(end)))
		}
		return nil
	}
	info := nativeVlanInfo(rtnl.VlanInfoOnlyOpts, uint16(vid))
	o.opts.Attrs = append(o.opts.Attrs, rtnl.Bytes(rtnl.VlanDBEntryInfo, info))
	if end != -1 {
		o.opts.Attrs = append(o.opts.Attrs, rtnl.U16(rtnl.VlanDBEntryRange, uint16(end)))
	}
	return nil
}

// nativeVlanInfo is struct bridge_vlan_info.
func nativeVlanInfo(flags, vid uint16) []byte {
	b := rtnl.U16(0, flags).Data
	return append(b, rtnl.U16(0, vid).Data...)
}

// readVlanSetWord reads the options of vlan set: state and mcast_router.
func readVlanSetWord(o *vlanOptions, a *grammar.Args, w string) (bool, error) {
	switch w {
	case "state":
		v, err := a.Value()
		if err != nil {
			return true, err
		}
		state, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			state = int64(slices.Index(stpStates, v))
		}
		if state == -1 {
			return true, fail.Usagef("Error: invalid STP state")
		}
		o.opts.Attrs = append(o.opts.Attrs, rtnl.U8(rtnl.VlanDBEntryState, uint8(state)))
	case "mcast_router":
		v, err := a.Value()
		if err != nil {
			return true, err
		}
		n, ok := grammar.CUint(v, 0, 0xff)
		if !ok {
			return true, fail.Invalid("invalid mcast_router", v)
		}
		o.opts.Attrs = append(o.opts.Attrs, rtnl.U8(rtnl.VlanDBEntryMcastRouter, uint8(n)))
	default:
		return false, nil
	}
	return true, nil
}

// build resolves the device and makes the request.
func (o *vlanOptions) build(e *env.Env) (nl.Message, error) {
	opts := o.opts
	i, err := e.Links().Index(o.dev)
	if err != nil {
		return nl.Message{}, fail.Usagef("Cannot find network device %q", o.dev)
	}
	opts.Index = i
	return opts.Message()
}
