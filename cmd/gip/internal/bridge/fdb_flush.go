package bridge

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// fdbFlushWord is a word of fdb flush that selects entries by a state or
// flag: the bits it sets (or, negated, clears) and those it makes count.
type fdbFlushWord struct {
	state, stateMask uint16
	flag, flagMask   uint8
	clear            bool // the no- form: the bits must be clear
}

// fdbFlushWords are flush's selectors, as bridge's fdb_flush reads them
// ("dynamic" is bridge's: it clears NOARP and leaves PERMANENT as it was).
var fdbFlushWords = map[string]fdbFlushWord{
	"permanent":       {state: unix.NUD_PERMANENT, stateMask: unix.NUD_PERMANENT},
	"nopermanent":     {state: unix.NUD_PERMANENT, stateMask: unix.NUD_PERMANENT, clear: true},
	"static":          {state: unix.NUD_NOARP, stateMask: unix.NUD_NOARP | unix.NUD_PERMANENT},
	"nostatic":        {state: unix.NUD_NOARP, stateMask: unix.NUD_NOARP, clear: true},
	"dynamic":         {state: unix.NUD_NOARP, stateMask: unix.NUD_NOARP | unix.NUD_PERMANENT, clear: true},
	"nodynamic":       {state: unix.NUD_NOARP, stateMask: unix.NUD_NOARP},
	"added_by_user":   {flag: unix.NTF_USE, flagMask: unix.NTF_USE},
	"noadded_by_user": {flag: unix.NTF_USE, flagMask: unix.NTF_USE, clear: true},
	"extern_learn":    {flag: unix.NTF_EXT_LEARNED, flagMask: unix.NTF_EXT_LEARNED},
	"noextern_learn":  {flag: unix.NTF_EXT_LEARNED, flagMask: unix.NTF_EXT_LEARNED, clear: true},
	"sticky":          {flag: ntfSticky, flagMask: ntfSticky},
	"nosticky":        {flag: ntfSticky, flagMask: ntfSticky, clear: true},
	"offloaded":       {flag: unix.NTF_OFFLOADED, flagMask: unix.NTF_OFFLOADED},
	"nooffloaded":     {flag: unix.NTF_OFFLOADED, flagMask: unix.NTF_OFFLOADED, clear: true},
}

// fdbFlush is a parsed fdb flush; the devices are resolved when it is
// built.
type fdbFlush struct {
	spec      rtnl.NeighSpec
	dev, port string
	vid       int // -1: any
}

// planFdbFlush parses a command line as bridge's fdb_flush does (words it
// does not know are skipped): one bulk delete of the entries that match.
func planFdbFlush(_ *env.Env, args []string) ([]plan.Step, error) {
	f := &fdbFlush{spec: rtnl.NeighSpec{Family: unix.AF_BRIDGE}, vid: -1}
	s := &f.spec
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if sel, ok := fdbFlushWords[w]; ok {
			if sel.clear {
				s.State &^= sel.state
				s.Flags &^= sel.flag
			} else {
				s.State |= sel.state
				s.Flags |= sel.flag
			}
			s.StateMask |= sel.stateMask
			s.FlagsMask |= sel.flagMask
			continue
		}
		switch w {
		case "dev", "brport", "vlan":
			if w == "brport" && f.port != "" || w == "vlan" && f.vid >= 0 {
				return nil, fail.Garbage(w, w)
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			switch w {
			case "dev":
				f.dev = v
			case "brport":
				f.port = v
			default:
				f.vid = int(int16(grammar.Atoi(v)))
			}
		case "master":
			s.Flags |= unix.NTF_MASTER
		case "self":
			s.Flags |= unix.NTF_SELF
		case "help":
			if _, err := a.Value(); err != nil {
				return nil, err
			}
		}
	}
	if f.dev == "" {
		return nil, fail.Usagef("Device is a required argument.")
	}
	if s.Flags&(unix.NTF_SELF|unix.NTF_MASTER) == 0 {
		s.Flags |= unix.NTF_SELF
	}
	return []plan.Step{{Build: f.build, Report: fail.Kernel}}, nil
}

// build resolves the devices and makes the request.
func (f *fdbFlush) build(e *env.Env) (nl.Message, error) {
	s := f.spec
	links := e.Links()
	var err error
	if s.Index, err = links.Index(f.dev); err != nil {
		return nl.Message{}, fail.Usagef("Cannot find bridge device %q", f.dev)
	}
	if f.port != "" {
		port, err := links.Index(f.port)
		if err != nil {
			return nl.Message{}, fail.Usagef("Cannot find bridge port device %q", f.port)
		}
		s.Via = &port
	}
	if f.vid >= 4096 {
		return nl.Message{}, fail.Usagef("Invalid VLAN ID \"%d\"", f.vid)
	}
	if f.vid >= 0 {
		vid := uint16(f.vid)
		s.VLAN = &vid
	}
	return s.Message(unix.RTM_DELNEIGH, nl.Bulk)
}
