package link

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// The UDP encapsulation (fou, gue) of the GRE and IP tunnels: encap
// TYPE, encap-sport, encap-dport and the checksum switches.

var encapTypes = []string{"none", "fou", "gue"}

// encapFlagWords are the checksum switches, by word ([no]encap-WORD),
// and their bits; ip prints the IPv6 one as encap-csum6 but reads
// encap-udp6-csum.
var encapFlagWords = map[string]uint16{
	"csum": rtnl.TunnelEncapFlagCsum, "udp6-csum": rtnl.TunnelEncapFlagCsum6, "remcsum": rtnl.TunnelEncapFlagRemCsum,
}

// isEncapWord says whether w is one of the encapsulation's words.
func isEncapWord(w string) bool {
	switch w {
	case "noencap", "encap", "encap-sport", "encap-dport":
		return true
	}
	_, _, ok := encapFlag(w)
	return ok
}

// encapFlag reads [no]encap-NAME as its bit and whether it is set.
func encapFlag(w string) (bit uint16, on, ok bool) {
	name, negated := strings.CutPrefix(w, "no")
	name, ok = strings.CutPrefix(name, "encap-")
	if !ok {
		return 0, false, false
	}
	bit, ok = encapFlagWords[name]
	return bit, !negated, ok
}

// parseEncapWord reads one word of the encapsulation (and its value).
func parseEncapWord(p *kindParser, e *rtnl.TunnelEncap, w string) error {
	switch w {
	case "noencap":
		e.Type = rtnl.Some(uint16(rtnl.TunnelEncapNone))
		return nil
	case "encap":
		v, err := p.Value()
		if err != nil {
			return err
		}
		for i, name := range encapTypes {
			if v == name {
				e.Type = rtnl.Some(uint16(i))
				return nil
			}
		}
		return fail.Invalid("Invalid encap type.", v)
	case "encap-sport", "encap-dport":
		v, err := p.Value()
		if err != nil {
			return err
		}
		if w == "encap-sport" && v == "auto" {
			e.Sport = rtnl.Some(uint16(0))
			return nil
		}
		n, err := strconv.ParseUint(v, 0, 16)
		if err != nil {
			if w == "encap-sport" {
				return fail.Invalid("Invalid source port.", v)
			}
			return fail.Invalid("Invalid destination port.", v)
		}
		if w == "encap-sport" {
			e.Sport = rtnl.Some(uint16(n))
		} else {
			e.Dport = rtnl.Some(uint16(n))
		}
		return nil
	}
	bit, on, _ := encapFlag(w)
	e.Flags.Set = true
	if on {
		e.Flags.V |= bit
	} else {
		e.Flags.V &^= bit
	}
	return nil
}

// printEncap prints a tunnel's encapsulation unless it has none: in
// text each setting as ip link add takes it, in JSON an "encap" object.
func printEncap(f *format.Fields, e rtnl.TunnelEncap) {
	typ, ok := e.Type.Get()
	if !ok || typ == rtnl.TunnelEncapNone {
		return
	}
	f.Open("encap")
	f.Literal("encap ")
	if int(typ) < len(encapTypes) {
		f.String("type", "%s ", encapTypes[typ])
	} else {
		f.Null("type", "unknown ")
	}
	if f.JSON() {
		f.Uint("sport", "", uint64(e.Sport.V))
		f.Uint("dport", "", uint64(e.Dport.V))
		for _, c := range encapFlagNames {
			f.Bool(c.name, "", e.Flags.V&c.bit != 0)
		}
		f.Close()
		return
	}
	if e.Sport.V == 0 {
		f.Literal("encap-sport auto ")
	} else {
		f.Literal("encap-sport " + strconv.Itoa(int(e.Sport.V)) + " ")
	}
	f.Literal("encap-dport " + strconv.Itoa(int(e.Dport.V)) + " ")
	for _, c := range encapFlagNames {
		if e.Flags.V&c.bit == 0 {
			f.Literal("no")
		}
		f.Literal("encap-" + c.name + " ")
	}
	f.Close()
}

// encapFlagNames are the encapsulation flags as ip prints them (JSON keys
// and, after "encap-", text words).
var encapFlagNames = []struct {
	name string
	bit  uint16
}{{"csum", rtnl.TunnelEncapFlagCsum}, {"csum6", rtnl.TunnelEncapFlagCsum6}, {"remcsum", rtnl.TunnelEncapFlagRemCsum}}
