package link

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const gtpUsage = `Usage: ... gtp role ROLE
		[ hsize HSIZE ]
		[ restart_count RESTART_COUNT ]

Where:	ROLE		:= { sgsn | ggsn }
	HSIZE		:= 1-131071
	RESTART_COUNT	:= 0-255
`

// gtp: a GPRS tunnelling endpoint whose sockets the kernel opens.
func gtpKind() Kind {
	return newKind("gtp", gtpUsage, parseGTP, printGTP)
}

// parseGTP reads gtp's words; as with ip, words it does not know are
// skipped and the hash size defaults to 1024.
func parseGTP(p *kindParser, g *rtnl.GTP) error {
	g.CreateSockets = rtnl.Some[uint8](1)
	seen := map[string]bool{}
	for p.More() {
		w := p.Next()
		if w == "help" {
			return explained("", gtpUsage)
		}
		if w != "role" && w != "hsize" && w != "restart_count" {
			continue
		}
		v, err := p.Value()
		if err != nil {
			return err
		}
		if err := seenOnce(seen, w, v); err != nil {
			return err
		}
		switch w {
		case "role":
			role, ok := map[string]uint32{"sgsn": rtnl.GTPRoleSGSN, "ggsn": rtnl.GTPRoleGGSN}[v]
			if !ok {
				return fail.Invalid("invalid role, use sgsn or ggsn", v)
			}
			g.Role = rtnl.Some(role)
		case "hsize":
			n, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return fail.Invalid("invalid PDP hash size", v)
			}
			if n >= 1<<17 {
				return fail.Invalid("PDP hash size too big", v)
			}
			g.HashSize = rtnl.Some(uint32(n))
		case "restart_count":
			n, err := strconv.ParseUint(v, 10, 8)
			if err != nil {
				return fail.Invalid("invalid restart_count", v)
			}
			g.RestartCount = rtnl.Some(uint8(n))
		}
	}
	if !g.Role.Set {
		return fail.Localf("gtp: role of the gtp device was not specified")
	}
	if !g.HashSize.Set {
		g.HashSize = rtnl.Some[uint32](1024)
	}
	return nil
}

func printGTP(f *format.Fields, g *rtnl.GTP, _ *View) {
	if r, ok := g.Role.Get(); ok {
		name := "unknown"
		switch r {
		case rtnl.GTPRoleGGSN:
			name = "ggsn"
		case rtnl.GTPRoleSGSN:
			name = "sgsn"
		}
		f.String("role", "role %s ", name)
	}
	printUint(f, "hsize", "hsize", g.HashSize)
	printUint(f, "restart_count", "restart_count", g.RestartCount)
}
