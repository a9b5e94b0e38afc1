package bridge

import (
	"slices"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// ntfSticky is NTF_STICKY, which x/sys/unix does not name.
const ntfSticky = 0x40

// fdbObject is bridge fdb: the forwarding database of bridges and of
// devices that keep one (vxlan).
func fdbObject() *command.Object {
	return object("fdb",
		[][2]string{
			{"add", "add"}, {"append", "append"}, {"replace", "replace"}, {"delete", "delete"},
			{"get", "get"}, {"show", "show"}, {"list", "show"}, {"lst", "show"}, {"flush", "flush"},
		},
		fdbModifyVerb("add", unix.RTM_NEWNEIGH, rtnl.FlagsAdd),
		fdbModifyVerb("append", unix.RTM_NEWNEIGH, rtnl.FlagsAppend),
		fdbModifyVerb("replace", unix.RTM_NEWNEIGH, rtnl.FlagsReplace),
		fdbModifyVerb("delete", unix.RTM_DELNEIGH, 0),
		command.Verb{Use: "show [ br BRDEV ] [ brport DEV ] [ vlan VID ] [ state STATE ]", Short: "show forwarding entries", Run: runFdbShow},
		command.Verb{Use: "get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]",
			Short: "show one forwarding entry", Run: runFdbGet},
		command.Planned("flush dev DEV [ brport DEV ] [ vlan VID ] [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ] [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ] [ [no]offloaded ]",
			"delete the forwarding entries that match", planFdbFlush),
	)
}

// fdbModifyVerb is add, append, replace or del: one request of type typ
// with flags.
func fdbModifyVerb(name string, typ uint16, flags nl.Flags) command.Verb {
	return command.Planned(name+" LLADDR dev DEV [ ENTRY OPTIONS ]", name+" a forwarding entry",
		func(_ *env.Env, args []string) ([]plan.Step, error) { return planFdb(args, typ, flags) })
}

// fdbChange is a parsed add, append, replace or del: the request but for
// the devices it names, which are resolved when it is built.
type fdbChange struct {
	spec  rtnl.NeighSpec
	dev   string
	via   string // "" when not given
	typ   uint16
	flags nl.Flags
}

// planFdb parses a command line as bridge's fdb_modify does, without
// talking to the kernel. bridge looks the via device up as it reads the
// words, so that its error comes before those of the words after it: a
// line with via is read when its step is built, with the device at hand.
func planFdb(args []string, typ uint16, flags nl.Flags) ([]plan.Step, error) {
	var step plan.Step
	if slices.Contains(args, "via") {
		step = plan.Step{Report: fail.Kernel, Build: func(e *env.Env) (nl.Message, error) {
			c, err := parseFdb(args, typ, flags, e)
			if err != nil {
				return nl.Message{}, err
			}
			return c.build(e)
		}}
	} else {
		c, err := parseFdb(args, typ, flags, nil)
		if err != nil {
			return nil, err
		}
		step = plan.Step{Build: c.build, Report: fail.Kernel}
	}
	if typ == unix.RTM_NEWNEIGH && flags == rtnl.FlagsAdd && !slices.ContainsFunc(args, updatesInPlace) {
		// An add that succeeded created the entry (NLM_F_EXCL): deleting
		// it with the same words restores what was there.
		step.Undo = undoFdbAdd
	}
	return []plan.Step{step}, nil
}

// updatesInPlace reports the words of an fdb add the kernel takes for an
// entry that exists without complaint (master, use, extern_learn): such
// an add need not have made the entry, so it has no undo.
func updatesInPlace(w string) bool { return w == "master" || w == "use" || w == "extern_learn" }

// parseFdb reads the words of a change; with e it resolves via as it
// meets it, as bridge does.
func parseFdb(args []string, typ uint16, flags nl.Flags, e *env.Env) (*fdbChange, error) {
	c := &fdbChange{spec: rtnl.NeighSpec{Family: unix.AF_BRIDGE, State: unix.NUD_NOARP}, typ: typ, flags: flags}
	s := &c.spec
	var mac string
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		var err error
		switch w {
		case "dev":
			c.dev, err = a.Value()
		case "dst":
			var v string
			if v, err = a.Value(); err == nil {
				s.Dst, err = link.ParseAddr(v, "destination address")
			}
		case "vlan":
			s.VLAN, err = uintValue[uint16](a, 16, "invalid VLAN ID")
		case "port", "dst_port":
			s.Port, err = uintValue[uint16](a, 16, "invalid port")
		case "vni":
			s.VNI, err = uintValue[uint32](a, 32, "invalid VNI")
		case "via":
			c.via, err = a.Value()
			if err == nil && e != nil {
				var i int32
				if i, err = e.Links().Index(c.via); err == nil {
					s.Via = &i
				}
			}
		case "self":
			s.Flags |= unix.NTF_SELF
		case "master":
			s.Flags |= unix.NTF_MASTER
		case "router":
			s.Flags |= unix.NTF_ROUTER
		case "use":
			s.Flags |= unix.NTF_USE
		case "extern_learn":
			s.Flags |= unix.NTF_EXT_LEARNED
		case "sticky":
			s.Flags |= ntfSticky
		case "local", "permanent":
			s.State |= unix.NUD_PERMANENT
		case "temp", "static":
			s.State |= unix.NUD_REACHABLE
		case "dynamic":
			s.State |= unix.NUD_REACHABLE
			s.State &^= unix.NUD_NOARP
		default:
			if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", usage)
			}
			if mac != "" {
				return nil, fail.Garbage("addr", w)
			}
			mac = w
		}
		if err != nil {
			return nil, err
		}
	}
	if mac == "" || c.dev == "" {
		return nil, fail.Usagef("Device and address are required arguments.")
	}
	b, ok := grammar.AppendLLAddr(make([]byte, 0, 6), mac)
	if !ok || len(b) != 6 {
		return nil, fail.Usagef("Invalid mac address %s", mac)
	}
	s.LLAddr = b
	if s.Flags&(unix.NTF_SELF|unix.NTF_MASTER) == 0 {
		s.Flags |= unix.NTF_SELF // bridge assumes self
	}
	return c, nil
}

// uintValue reads a keyword's value as an unsigned number of bits bits
// (any base strconv takes), or fails with msg.
func uintValue[T uint16 | uint32](a *grammar.Args, bits int, msg string) (*T, error) {
	v, err := a.Value()
	if err != nil {
		return nil, err
	}
	n, err := strconv.ParseUint(v, 0, bits)
	if err != nil {
		return nil, fail.Invalid(msg, v)
	}
	x := T(n)
	return &x, nil
}

// build resolves via, then the device, and makes the request.
func (c *fdbChange) build(e *env.Env) (nl.Message, error) {
	s := c.spec
	if c.via != "" && s.Via == nil {
		i, err := e.Links().Index(c.via)
		if err != nil {
			return nl.Message{}, err
		}
		s.Via = &i
	}
	i, err := e.Links().Index(c.dev)
	if err != nil {
		return nl.Message{}, err
	}
	s.Index = i
	return s.Message(c.typ, c.flags)
}

// undoFdbAdd deletes the entry an add request created: the same request
// as a RTM_DELNEIGH.
func undoFdbAdd(req nl.Message, _ *nl.Message) (nl.Message, bool) {
	return nl.Message{Header: nl.Header{Type: unix.RTM_DELNEIGH}, Data: req.Data}, true
}
