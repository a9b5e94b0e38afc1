package main

import (
	"strings"

	"github.com/gip-suite/gip/internal/version"
)

const (
	progName = "gipset"
	// ipsetVersion is the ipset whose language gipset speaks.
	ipsetVersion = "7.17"
)

// build is the suite's version, commit and Go release (internal/version).
var build = version.Get()

// globals are the options ipset takes anywhere on the command line, plus
// gipset's own.
type globals struct {
	mode    string // -o plain|save|xml|json|table; "" for the command's default
	sorted  bool   // -s
	quiet   bool   // -q
	resolve bool   // -r (accepted; addresses are always printed numerically)
	exist   bool   // -! / -exist
	names   bool   // -n
	terse   bool   // -t
	file    string // -f FILE
	netns   string // -netns NAME (gipset only)
	atomic  bool   // -atomic (gipset only): transactional restore
	color   string // -c[olor][=always|auto|never] (gipset only): colours in tables
}

// invocation is a parsed command line.
type invocation struct {
	g    globals
	cmd  string   // canonical command name
	args []string // the command's arguments, options removed
}

// envOpt is an option: its names, whether it takes an argument, and what
// it sets from the argument (the option as written when it takes none).
type envOpt struct {
	names  []string
	hasArg bool
	set    func(g *globals, v string)
}

var envOpts = []envOpt{
	{[]string{"-o", "-output"}, true, func(g *globals, v string) { g.mode = v }},
	{[]string{"-s", "-sorted"}, false, func(g *globals, _ string) { g.sorted = true }},
	{[]string{"-q", "-quiet"}, false, func(g *globals, _ string) { g.quiet = true }},
	{[]string{"-r", "-resolve"}, false, func(g *globals, _ string) { g.resolve = true }},
	{[]string{"-!", "-exist"}, false, func(g *globals, _ string) { g.exist = true }},
	{[]string{"-n", "-name"}, false, func(g *globals, _ string) { g.names = true }},
	{[]string{"-t", "-terse"}, false, func(g *globals, _ string) { g.terse = true }},
	{[]string{"-f", "-file"}, true, func(g *globals, v string) { g.file = v }},
	{[]string{"-j", "-json"}, false, func(g *globals, _ string) { g.mode = modeJSON }},
	{[]string{"-table"}, false, func(g *globals, _ string) { g.mode = modeTable }},
	{[]string{"-netns"}, true, func(g *globals, v string) { g.netns = v }},
	{[]string{"-atomic"}, false, func(g *globals, _ string) { g.atomic = true }},
	{[]string{"-c", "-color=always", "-color=auto", "-color=never", "-color"}, false, func(g *globals, opt string) {
		if _, g.color, _ = strings.Cut(opt, "="); g.color == "" {
			g.color = colorAlways
		}
	}},
}

type command struct {
	name    string
	aliases []string
	nargs   int  // mandatory arguments
	opt     bool // one optional argument
}

// commands in ipset's matching order: a command may be abbreviated to any
// prefix, and the first match wins.
var commands = []command{
	{"create", []string{"create", "new", "-N"}, 2, false},
	{"add", []string{"add", "-A"}, 2, false},
	{"del", []string{"del", "-D"}, 2, false},
	{"test", []string{"test", "-T"}, 2, false},
	{"destroy", []string{"destroy", "x", "-X"}, 0, true},
	{"list", []string{"list", "-L"}, 0, true},
	{"save", []string{"save", "-S"}, 0, true},
	{"restore", []string{"restore", "-R"}, 0, false},
	{"flush", []string{"flush", "-F"}, 0, true},
	{"rename", []string{"rename", "e", "-E"}, 2, false},
	{"swap", []string{"swap", "w", "-W"}, 2, false},
	{"help", []string{"help", "-h", "-H"}, 0, true},
	{"version", []string{"version", "-v", "-V"}, 0, false},
	{"quit", []string{"quit"}, 0, false},
}

func matchEnvOpt(arg string, names []string) bool {
	if strings.HasPrefix(arg, "--") {
		arg = arg[1:]
	}
	for _, n := range names {
		if arg == n {
			return true
		}
	}
	return false
}

func matchCommand(arg string, c command) bool {
	skip := 0
	if strings.HasPrefix(arg, "--") {
		skip = 2
	}
	if len(arg) <= skip || arg == "-" {
		return false
	}
	for _, a := range c.aliases {
		if strings.HasPrefix(a, arg[skip:]) {
			return true
		}
	}
	return false
}

// parseCommandLine splits a command line into options, command and
// arguments the way ipset does: options are taken from anywhere first,
// then the first word names the command.
func parseCommandLine(args []string) (*invocation, error) {
	inv := &invocation{}
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "" || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		matched := false
		for _, o := range envOpts {
			if !matchEnvOpt(a, o.names) {
				continue
			}
			matched = true
			v := a
			if o.hasArg {
				if i+1 >= len(args) {
					return inv, usageErr("Missing mandatory argument to option %s", o.names[0])
				}
				i++
				v = args[i]
			}
			o.set(&inv.g, v)
			break
		}
		if !matched {
			rest = append(rest, a)
		}
	}
	switch inv.g.mode {
	case "", modePlain, modeSave, modeXML, modeJSON, modeTable:
	default:
		return inv, syntaxErr("unknown output mode '%s'", inv.g.mode)
	}
	if len(rest) == 0 {
		return inv, usageErr("No command specified.")
	}
	for _, c := range commands {
		if !matchCommand(rest[0], c) {
			continue
		}
		inv.cmd = c.name
		rest = rest[1:]
		if c.nargs >= 1 && len(rest) < 1 {
			return inv, usageErr("Missing mandatory argument to command %s", c.name)
		}
		if c.nargs == 2 && len(rest) < 2 {
			return inv, usageErr("Missing second mandatory argument to command %s", c.name)
		}
		n := c.nargs
		if c.opt && len(rest) > 0 {
			n = 1
		}
		inv.args = rest
		switch c.name {
		case "create", "add", "del", "test":
			// Their keywords follow and are checked per set type.
		default:
			if len(rest) > n {
				return inv, usageErr("Unknown argument %s", rest[n])
			}
		}
		return inv, nil
	}
	return inv, usageErr("No command specified: unknown argument %s", rest[0])
}
