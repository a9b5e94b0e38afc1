package taskstats

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	ts "github.com/gip-suite/gip/internal/nl/taskstats"
)

// target is what show asks for: a task or a thread group.
type target struct {
	scope ts.Scope
	id    uint32
}

// parseTarget reads `pid PID` or `tgid TGID`, the one thing show takes.
func parseTarget(args []string) (target, error) {
	a := grammar.NewArgs(args)
	if !a.More() {
		return target{}, fail.Usagef(`"%s taskstats show" needs "pid PID" or "tgid TGID".`, command.Prog)
	}
	var t target
	switch w := a.Next(); w {
	case "pid":
		t.scope = ts.ScopePID
	case "tgid":
		t.scope = ts.ScopeTGID
	default:
		return target{}, fail.Usagef(`Error: argument %q is wrong: expected "pid" or "tgid"`, w)
	}
	v, err := a.Value()
	if err != nil {
		return target{}, err
	}
	id, ok := grammar.CUint(v, 10, 1<<31-1)
	if !ok || id == 0 {
		return target{}, fail.Invalid(fmt.Sprintf("%q must be a process ID (1 or more)", t.scope.String()), v)
	}
	t.id = uint32(id)
	if a.More() {
		return target{}, fail.Usagef("Error: either %q is duplicate, or %q is a garbage.", t.scope.String(), a.Next())
	}
	return t, nil
}

// parseMask reads `[ cpumask MASK ]`; without it, every online CPU.
func parseMask(args []string) (string, error) {
	a := grammar.NewArgs(args)
	mask := ""
	for a.More() {
		switch w := a.Next(); w {
		case "cpumask":
			v, err := a.Value()
			if err != nil {
				return "", err
			}
			if !validMask(v) {
				return "", fail.Invalid("\"cpumask\" is a CPU list such as 0-3,8", v)
			}
			mask = v
		default:
			return "", fail.Garbage("cpumask", w)
		}
	}
	if mask == "" {
		mask = onlineCPUs()
	}
	return mask, nil
}

// validMask checks the shape of a CPU list: numbers and ranges, by commas.
func validMask(s string) bool {
	for part := range strings.SplitSeq(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if !isRange {
			hi = lo
		}
		for _, n := range []string{lo, hi} {
			if _, err := strconv.ParseUint(n, 10, 16); err != nil {
				return false
			}
		}
	}
	return true
}

// onlineCPUs is the kernel's list of online CPUs, or all the CPUs Go
// counts when sysfs is not there.
func onlineCPUs() string {
	if b, err := os.ReadFile("/sys/devices/system/cpu/online"); err == nil {
		if s := strings.TrimSpace(string(b)); validMask(s) {
			return s
		}
	}
	return "0-" + strconv.Itoa(runtime.NumCPU()-1)
}
