package token

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// change is a parsed set or del: the token's bytes as ip sends them
// (sixteen zeros for del and "default", none for "any") and the device.
type change struct {
	raw []byte
	dev string
}

// planSet reads set and del as ip does: the first "dev" names the device
// (later ones are skipped unread), the first other word is the token
// (later ones are skipped, but any word ip takes for "help" prints the
// usage).
func planSet(del bool) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		c := &change{}
		hasToken := del
		if del {
			c.raw = make([]byte, 16)
		}
		a := grammar.NewArgs(args)
		for a.More() {
			w := a.Next()
			if w == "dev" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				if c.dev == "" {
					if i, err := e.Links().Index(v); err != nil || i == 0 {
						return nil, fail.Invalid("dev is invalid\n", v)
					}
					c.dev = v
				}
				continue
			}
			if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", usageText())
			}
			if !hasToken {
				p, err := grammar.ParsePrefix(w, unix.AF_INET6)
				if err != nil {
					return nil, err
				}
				c.raw = tokenBytes(p)
				hasToken = true
			}
		}
		if !hasToken {
			return nil, fail.Localf("Not enough information: token is required.")
		}
		if c.dev == "" {
			return nil, fail.Localf(`Not enough information: "dev" argument is required.`)
		}
		return []plan.Step{{Build: c.build, Report: fail.Kernel}}, nil
	}
}

// tokenBytes is what ip sends for a parsed token: the address, sixteen
// zeros for "default", nothing for "all" and "any".
func tokenBytes(p grammar.Prefix) []byte {
	switch {
	case p.Addr.IsValid():
		return p.Addr.AsSlice()
	case p.Any:
		return []byte{}
	}
	return make([]byte, 16)
}

// build makes the request, looking the device up again: an earlier line
// of a batch may have renamed it.
func (c *change) build(e *env.Env) (nl.Message, error) {
	i, err := e.Links().Index(c.dev)
	if err != nil {
		return nl.Message{}, err
	}
	return (&rtnl.Token{Index: i, Raw: c.raw}).Message()
}
