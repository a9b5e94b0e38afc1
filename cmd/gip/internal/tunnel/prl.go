package tunnel

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/iptunnel"
)

// runPRL adds (SIOCADDPRL) or removes (SIOCDELPRL) one potential router
// of an ISATAP tunnel.
func runPRL(e *env.Env, args []string) error {
	var p iptunnel.PRL
	var cmd iptunnel.Request
	var dev string
	count := 0
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch w {
		case "prl-default", "prl-nodefault", "prl-delete":
			v, err := a.Value()
			if err != nil {
				return err
			}
			addr, err := addr32(v)
			if err != nil {
				return err
			}
			p.Addr = addr
			switch w {
			case "prl-default":
				cmd = iptunnel.AddPRL
				p.Flags |= iptunnel.PRLDefault
			case "prl-nodefault":
				cmd = iptunnel.AddPRL
			default:
				cmd = iptunnel.DelPRL
			}
			count++
		case "dev":
			var err error
			if dev, err = deviceWord(a); err != nil {
				return err
			}
		default:
			return fail.Usagef("Invalid PRL parameter \"%s\"", w)
		}
		if count > 1 {
			return fail.Usagef("One PRL entry at a time")
		}
	}
	return sendTo(e, cmd, dev, p.Encode())
}

// deviceWord reads the value of "dev": a valid device name.
func deviceWord(a *grammar.Args) (string, error) {
	v, err := a.Value()
	if err != nil {
		return "", err
	}
	if !grammar.ValidIfName(v) {
		return "", fail.Invalid(`"dev" not a valid ifname`, v)
	}
	return v, nil
}

// sendTo sends request cmd with buf to the device "dev" named (prl and
// 6rd must have one).
func sendTo(e *env.Env, cmd iptunnel.Request, dev string, buf []byte) error {
	if dev == "" {
		return fail.Usagef("Must specify device")
	}
	s := &ioctls{e: e}
	defer s.close()
	return s.do(cmd, dev, buf)
}
