package link

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// Errors of kinds whose parser, as ip's, follows the complaint with the
// kind's usage (exit 1).

// explained is msg followed by the usage.
func explained(msg, usage string) error {
	if msg == "" {
		return fail.Localf("%s", strings.TrimRight(usage, "\n"))
	}
	return fail.Localf("%s\n%s", msg, strings.TrimRight(usage, "\n"))
}

// missing is ip's missarg(): a required word not given.
func missing(kw string) error {
	return fail.Usagef("Error: argument %q is required", kw)
}

// seenOnce records kw as given and fails as ip's duparg2() does when it
// was given before.
func seenOnce(seen map[string]bool, kw, v string) error {
	if seen[kw] {
		return fail.Garbage(kw, v)
	}
	seen[kw] = true
	return nil
}
