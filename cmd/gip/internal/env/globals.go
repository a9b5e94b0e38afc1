package env

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"golang.org/x/sys/unix"
)

// Color modes for -c.
const (
	ColorNever = iota
	ColorAuto
	ColorAlways
)

// Global holds iproute2's global options. A fresh Global is made for every
// command line, so nothing one command sets reaches the next (a batch runs
// each line with its own).
type Global struct {
	Family    uint8 // AF_UNSPEC unless -4, -6, -0, -M, -B or -f
	Stats     int   // -s, counted
	Details   int   // -d, counted
	Human     bool  // -h
	IEC       bool  // -iec
	Resolve   bool  // -r
	Oneline   bool  // -o
	Brief     bool  // -br
	JSON      bool  // -j
	Pretty    bool  // -p
	Timestamp int   // -t (1) or -ts (2)
	Force     bool  // -force
	Atomic    bool  // -atomic: a batch applies whole or not at all (gip's own)
	Batch     string
	HasBatch  bool
	NetNS     string // -n
	Numeric   bool   // -N
	All       bool   // -a
	Echo      bool   // -echo
	Color     int    // -c
	Table     bool   // -table (gip's own)
	RcvBuf    int    // -rc
	Loops     int    // -l
	Version   bool   // -V
	Help      bool   // -help, --help

	// tc's own options (gip tc ...).
	Raw        bool   // -raw: handles and buffers in hex too
	Graph      bool   // -graph: classes as a tree
	ClassNames bool   // -nm: class names from the class-id file
	ClassConf  string // -cf: that file, if not /etc/iproute2/tc_cls
}

// FamilyNames maps iproute2's family words to address families.
var FamilyNames = []struct {
	Name   string
	Family uint8
}{
	{"inet", unix.AF_INET},
	{"inet6", unix.AF_INET6},
	{"mpls", unix.AF_MPLS},
	{"bridge", unix.AF_BRIDGE},
	{"link", unix.AF_PACKET},
}

// ParseFamily reads a family word as `-f` takes it.
func ParseFamily(s string) (uint8, bool) {
	for _, f := range FamilyNames {
		if s == f.Name {
			return f.Family, true
		}
	}
	return 0, false
}

// ParseGlobal reads the leading global options of args, iproute2's way:
// single dash (a second dash is ignored), any prefix, tried in iproute2's
// order. It returns the options and the remaining words (OBJECT ...).
func ParseGlobal(prog string, args []string) (*Global, []string, error) {
	g := &Global{}
	rest, err := g.Parse(prog, args)
	if err != nil {
		return nil, nil, err
	}
	return g, rest, nil
}

// Parse reads leading global options into g (on top of what g holds) and
// returns the remaining words. `gip bridge -j fdb` uses it to read the
// options the bridge tool takes after its name.
func (g *Global) Parse(prog string, args []string) ([]string, error) {
	for len(args) > 0 {
		opt := args[0]
		if opt == "--" {
			args = args[1:]
			break
		}
		if len(opt) == 0 || opt[0] != '-' {
			break
		}
		if len(opt) > 1 && opt[1] == '-' {
			opt = opt[1:]
		}
		args = args[1:]
		arg := func() (string, error) {
			if len(args) == 0 {
				return "", fail.Usagef("Command line is not complete. Try option \"help\"")
			}
			a := args[0]
			args = args[1:]
			return a, nil
		}
		m := func(full string) bool { return grammar.Matches(opt, full) }
		switch {
		case m("-loops"):
			a, err := arg()
			if err != nil {
				return nil, err
			}
			n, perr := strconv.Atoi(a)
			if perr != nil {
				return nil, fail.Invalid("invalid loops value", a)
			}
			g.Loops = n
		case m("-family"):
			a, err := arg()
			if err != nil {
				return nil, err
			}
			if a == "help" {
				return nil, fail.Usagef("Usage: %s ... -f { inet | inet6 | mpls | bridge | link }", prog)
			}
			f, ok := ParseFamily(a)
			if !ok {
				return nil, fail.Invalid("invalid protocol family", a)
			}
			g.Family = f
		case opt == "-4":
			g.Family = unix.AF_INET
		case opt == "-6":
			g.Family = unix.AF_INET6
		case opt == "-0":
			g.Family = unix.AF_PACKET
		case opt == "-M":
			g.Family = unix.AF_MPLS
		case opt == "-B":
			g.Family = unix.AF_BRIDGE
		case m("-human") || m("-human-readable"):
			g.Human = true
		case m("-iec"):
			g.IEC = true
		case m("-stats") || m("-statistics"):
			g.Stats++
		case m("-details"):
			g.Details++
		case m("-resolve"):
			g.Resolve = true
		case m("-oneline"):
			g.Oneline = true
		case m("-timestamp"):
			g.Timestamp = 1
		case m("-tshort"):
			g.Timestamp = 2
		case m("-Version"):
			g.Version = true
		case m("-force"):
			g.Force = true
		case m("-batch"):
			a, err := arg()
			if err != nil {
				return nil, err
			}
			g.Batch, g.HasBatch = a, true
		case m("-brief"):
			g.Brief = true
		case m("-json"):
			g.JSON = true
		case m("-pretty"):
			g.Pretty = true
		case m("-rcvbuf"):
			a, err := arg()
			if err != nil {
				return nil, err
			}
			n, perr := strconv.ParseUint(a, 0, 31)
			if perr != nil {
				return nil, fail.Invalid("invalid rcvbuf size", a)
			}
			g.RcvBuf = int(n)
		case matchColor(opt, g):
		case m("-help"):
			g.Help = true
			return args, nil
		case m("-netns"):
			a, err := arg()
			if err != nil {
				return nil, err
			}
			g.NetNS = a
		case m("-Numeric"):
			g.Numeric = true
		case m("-all"):
			g.All = true
		case len(opt) >= 3 && m("-atomic"):
			g.Atomic = true
		case opt == "-echo":
			g.Echo = true
		case len(opt) >= 3 && m("-table"):
			g.Table = true
		default:
			return nil, fail.Usagef("Option %q is unknown, try \"%s -help\".", opt, prog)
		}
	}
	return args, nil
}

// matchColor handles -c[olor][=always|auto|never].
func matchColor(opt string, g *Global) bool {
	name, val := opt, ""
	for i := range len(opt) {
		if opt[i] == '=' {
			name, val = opt[:i], opt[i+1:]
			break
		}
	}
	if !grammar.Matches(name, "-color") {
		return false
	}
	switch val {
	case "", "auto":
		g.Color = ColorAuto
		if val == "" {
			g.Color = ColorAlways
		}
	case "always":
		g.Color = ColorAlways
	case "never":
		g.Color = ColorNever
	default:
		return false
	}
	return true
}
