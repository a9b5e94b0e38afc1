package link

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
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

// parseNumberOption reads the words of a kind whose one option is a
// number (rmnet's mux_id, wwan's linkid): kw or an abbreviation of it, its
// value of at most bits (else "invalid" names it in ip's invarg), help,
// and ip's complaint with the usage for any other word.
func parseNumberOption(p *kindParser, kw string, bits int, invalid, usage string, set func(uint64)) error {
	for p.More() {
		w := p.Next()
		switch {
		case grammar.Matches(w, kw):
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := grammar.ParseCUint(v, bits)
			if !ok {
				return fail.Invalid(invalid, v)
			}
			set(n)
		case grammar.Matches(w, "help"):
			return explained("", usage)
		default:
			return explained(fmt.Sprintf("%s: unknown command %q?", p.kind, w), usage)
		}
	}
	return nil
}
