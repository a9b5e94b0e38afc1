package route

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"golang.org/x/sys/unix"
)

// Words and values the route grammars (ROUTE, SELECTOR, get) share.

// ErrUsage marks a command line ip answers with its route usage text.
var ErrUsage = &fail.Error{Code: fail.ExitUsage, Msg: ""}

// isTOS reports whether w is tos or an abbreviation of dsfield.
func isTOS(w string) bool { return w == "tos" || grammar.Matches(w, "dsfield") }

// isMetric reports whether w names the route's priority: ip's metric,
// priority or preference.
func isMetric(w string) bool {
	return grammar.Matches(w, "metric") || grammar.Matches(w, "priority") || w == "preference"
}

// metricValue reads the value of metric/priority/preference.
func metricValue(a *grammar.Args) (uint32, error) {
	return uint32Value(a, "\"metric\" value is invalid\n")
}

// viaValue reads the value of via: `[FAMILY] ADDRESS`, the family
// defaulting to family.
func viaValue(a *grammar.Args, family uint8) (addr string, fam uint8, err error) {
	v, err := a.Value()
	if err != nil {
		return "", 0, err
	}
	fam = grammar.ReadFamily(v)
	if fam == unix.AF_UNSPEC {
		return v, family, nil
	}
	v, err = a.Value()
	return v, fam, err
}

// uint32Value reads a number for a keyword, with ip's message should it
// not be one.
func uint32Value(a *grammar.Args, msg string) (uint32, error) {
	v, err := a.Value()
	if err != nil {
		return 0, err
	}
	n, ok := grammar.ParseCUint(v, 32)
	if !ok {
		return 0, fail.Invalid(msg, v)
	}
	return uint32(n), nil
}

// errVRF is the answer to vrf, which gip does not do yet.
func errVRF() error {
	return fail.Usagef("Error: \"vrf\" is not supported by %s route yet", command.Prog)
}
