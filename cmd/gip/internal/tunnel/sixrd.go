package tunnel

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/iptunnel"
	"golang.org/x/sys/unix"
)

// run6RD sets (SIOCADD6RD) or resets (SIOCDEL6RD) a sit tunnel's 6rd
// prefix and relay prefix.
func run6RD(e *env.Env, args []string) error {
	var r iptunnel.SixRD
	var cmd iptunnel.Request
	var dev string
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch w {
		case "6rd-prefix", "6rd-relay_prefix":
			v, err := a.Value()
			if err != nil {
				return err
			}
			family := uint8(unix.AF_INET6)
			if w == "6rd-relay_prefix" {
				family = unix.AF_INET
			}
			pr, err := grammar.ParsePrefix(v, family)
			if err != nil {
				return err
			}
			addr := pr.Addr
			if !addr.IsValid() {
				addr = netip.IPv6Unspecified()
				if family == unix.AF_INET {
					addr = netip.IPv4Unspecified()
				}
			}
			cmd = iptunnel.Add6RD
			if family == unix.AF_INET6 {
				r.Prefix, r.PrefixLen = addr, uint16(pr.Bits)
			} else {
				r.RelayPrefix, r.RelayPrefixLen = addr, uint16(pr.Bits)
			}
		case "6rd-reset":
			cmd = iptunnel.Del6RD
		case "dev":
			var err error
			if dev, err = deviceWord(a); err != nil {
				return err
			}
		default:
			return fail.Usagef("Invalid 6RD parameter \"%s\"", w)
		}
	}
	return sendTo(e, cmd, dev, r.Encode())
}
