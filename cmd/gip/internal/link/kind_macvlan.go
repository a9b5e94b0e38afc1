package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// macvlan and macvtap: devices with their own MAC address on a lower
// device.
func macvlanKind(name string) Kind {
	return newKind(name, "Usage: ... "+name+" mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n"+
		"MODE: private | vepa | bridge | passthru | source\nMODE_FLAG: null | nopromisc",
		parseMacvlan, printMacvlan)
}

// macvlanModes names the modes. A list rather than a map, which package
// initialisation would build at every start-up.
var macvlanModes = [...]struct {
	mode uint32
	name string
}{
	{rtnl.MacvlanModePrivate, "private"},
	{rtnl.MacvlanModeVEPA, "vepa"},
	{rtnl.MacvlanModeBridge, "bridge"},
	{rtnl.MacvlanModePassthru, "passthru"},
	{rtnl.MacvlanModeSource, "source"},
}

// macvlanModeName is the name of mode, or "" for one gip does not know.
func macvlanModeName(mode uint32) string {
	for _, m := range macvlanModes {
		if m.mode == mode {
			return m.name
		}
	}
	return ""
}

func parseMacvlan(p *kindParser, m *rtnl.Macvlan) error {
	for p.More() {
		w := p.Next()
		switch w {
		case "mode":
			v, err := p.Value()
			if err != nil {
				return err
			}
			mode := uint32(0)
			for _, m := range macvlanModes {
				if m.name == v {
					mode = m.mode
				}
			}
			if mode == 0 {
				return fail.Localf("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", \"passthru\" or \"source\", not %q", v)
			}
			m.Mode = rtnl.Some(mode)
			if mode == rtnl.MacvlanModePassthru && p.Peek() == "nopromisc" {
				p.Next()
				m.Flags = rtnl.Some(uint16(rtnl.MacvlanFlagNoPromisc))
			}
		case "bcqueuelen":
			n, err := p.u32("invalid bcqueuelen")
			if err != nil {
				return err
			}
			m.BcQueueLen = n
		default:
			return p.unknown(w)
		}
	}
	return nil
}

func printMacvlan(f *format.Fields, m *rtnl.Macvlan, _ *View) {
	if mode, ok := m.Mode.Get(); ok {
		f.String("mode", "mode %s ", macvlanModeName(mode))
	}
	if fl, ok := m.Flags.Get(); ok && fl&rtnl.MacvlanFlagNoPromisc != 0 {
		f.Bool("nopromisc", "nopromisc ", true)
	}
	if n, ok := m.BcQueueLen.Get(); ok {
		f.Uint("bcqueuelen", "bcqueuelen %d ", uint64(n))
	}
	if n, ok := m.BcQueueLenUsed.Get(); ok {
		f.Uint("usedbcqueuelen", "usedbcqueuelen %d ", uint64(n))
	}
}
