package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// macvlan and macvtap: devices with their own MAC address on a lower
// device.
func macvlanKind(name string) Kind {
	return newKind(name, macvlanUsage(name), parseMacvlan, printMacvlan)
}

// macvlanUsage is ip's help for macvlan or macvtap.
func macvlanUsage(kind string) string {
	return "Usage: ... " + kind + ` mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]

MODE: private | vepa | bridge | passthru | source
MODE_FLAG: null | nopromisc | nodst
MODE_OPTS: for mode "source":
	macaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }
BC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]
`
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

// macvlanWords are ip's macvlan words in the order it tries them.
var macvlanWords = []string{"mode", "flag", "macaddr", "nopromisc", "nodst", "bcqueuelen", "help"}

// macvlanFlags are the values of flag, by name.
var macvlanFlags = map[string]uint16{"nopromisc": rtnl.MacvlanFlagNoPromisc, "nodst": rtnl.MacvlanFlagNoDst, "null": 0}

// parseMacvlan reads a macvlan's words as ip does: the last mode and
// the flags given are sent once at the end (nopromisc only with
// passthru), the source list's changes and the queue length as read.
func parseMacvlan(p *kindParser, m *rtnl.Macvlan) error {
	usage := macvlanUsage(p.kind)
	var mode uint32
	var flags rtnl.Opt[uint16]
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, macvlanWords)
		if !ok {
			return explained(fmt.Sprintf("%s: unknown option %q?", p.kind, w), usage)
		}
		var err error
		switch kw {
		case "help":
			return explained("", usage)
		case "mode":
			mode, err = macvlanMode(p)
		case "flag":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			fl, ok := macvlanFlags[v]
			if !ok {
				return fail.Localf("Error: argument of \"flag\" must be \"nopromisc\", \"nodst\" or \"null\", not %q", v)
			}
			flags = rtnl.Some(flags.V | fl)
		case "nopromisc", "nodst":
			flags = rtnl.Some(flags.V | macvlanFlags[kw])
		case "macaddr":
			err = parseMacaddr(p, m, usage)
		case "bcqueuelen":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Localf("Error: argument of \"bcqueuelen\" must be a positive integer [0-4294967295], not %q", v)
			}
			m.BcQueueLen = rtnl.Some(uint32(n))
		}
		if err != nil {
			return err
		}
	}
	if mode != 0 {
		m.Mode = rtnl.Some(mode)
	}
	if flags.V&rtnl.MacvlanFlagNoPromisc != 0 && mode != rtnl.MacvlanModePassthru {
		return explained(p.kind+": nopromisc flag only valid in passthru mode", usage)
	}
	m.Flags = flags
	return nil
}

// macvlanMode reads a mode by its exact name.
func macvlanMode(p *kindParser) (uint32, error) {
	v, err := p.Value()
	if err != nil {
		return 0, err
	}
	for _, m := range macvlanModes {
		if m.name == v {
			return m.mode, nil
		}
	}
	return 0, fail.Localf("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", \"passthru\" or \"source\", not %q", v)
}

// macaddrModes are the changes of macaddr, by name.
var macaddrModes = map[string]uint32{"add": rtnl.MacvlanMacaddrAdd, "del": rtnl.MacvlanMacaddrDel,
	"set": rtnl.MacvlanMacaddrSet, "flush": rtnl.MacvlanMacaddrFlush}

// parseMacaddr reads a change of the source list: add or del an
// address, flush, or set the addresses that follow (up to the first word
// that is not one, which ip complains of and reads on).
func parseMacaddr(p *kindParser, m *rtnl.Macvlan, usage string) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	mode, ok := macaddrModes[v]
	if !ok {
		return explained("", usage)
	}
	m.MacaddrMode = rtnl.Some(mode)
	switch mode {
	case rtnl.MacvlanMacaddrAdd, rtnl.MacvlanMacaddrDel:
		a, err := p.Value()
		if err != nil {
			return err
		}
		b, n, complaint := grammar.LLAddrA2N(a, 6)
		if n != 6 {
			// ip says nothing of an address of another length
			return fail.Localf("%s", complaint)
		}
		m.Macaddr = rtnl.Some([6]byte(b))
	case rtnl.MacvlanMacaddrSet:
		m.Macaddrs = rtnl.MacvlanMacaddrs{Set: true}
		for p.More() {
			b, n, complaint := grammar.LLAddrA2N(p.Peek(), 6)
			if complaint != "" {
				p.warn(complaint + "\n")
			}
			if n != 6 {
				break
			}
			p.Next()
			m.Macaddrs.Addrs = append(m.Macaddrs.Addrs, [6]byte(b))
		}
	}
	return nil
}

// printMacvlan prints what ip's -d does: nothing without a mode; in
// source mode the allowed sources.
func printMacvlan(f *format.Fields, m *rtnl.Macvlan, _ *View) {
	mode, ok := m.Mode.Get()
	if !ok {
		return
	}
	name := macvlanModeName(mode)
	if name == "" {
		name = "unknown"
	}
	f.String("mode", "mode %s ", name)
	if m.Flags.V&rtnl.MacvlanFlagNoPromisc != 0 {
		f.Bool("nopromisc", "nopromisc ", true)
	}
	if m.Flags.V&rtnl.MacvlanFlagNoDst != 0 {
		f.Bool("nodst", "nodst ", true)
	}
	if n, ok := m.BcQueueLen.Get(); ok {
		f.Uint("bcqueuelen", "bcqueuelen %d ", uint64(n))
	}
	if n, ok := m.BcQueueLenUsed.Get(); ok {
		f.Uint("usedbcqueuelen", "usedbcqueuelen %d ", uint64(n))
	}
	n, ok := m.MacaddrCount.Get()
	if mode != rtnl.MacvlanModeSource || !ok {
		return
	}
	f.Int("macaddr_count", "remotes (%d) ", int64(int32(n)))
	if !m.Macaddrs.Set {
		return
	}
	f.OpenArray("macaddr_data")
	for _, a := range m.Macaddrs.Addrs {
		f.Element("%s ", rtnl.HardwareAddr(a[:]).String())
	}
	f.CloseArray()
}
