package tunnel

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/iptunnel"
)

// runDelete sends SIOCDELTUNNEL to the tunnel named, or without a name to
// the mode's fallback device with the parameters that find the tunnel.
func runDelete(e *env.Env, args []string) error {
	s := &ioctls{e: e}
	defer s.close()
	var dev, name string
	var buf []byte
	if v6(e) {
		p := newParm6(true)
		if err := parse6(e, args, iptunnel.DelTunnel, &p, s.get6); err != nil {
			return err
		}
		dev, name, buf = fallback6(&p), p.Name, p.Encode()
	} else {
		p, err := parse4(e, args, iptunnel.DelTunnel, s.get4)
		if err != nil {
			return err
		}
		dev, name, buf = fallback4(&p), p.Name, p.Encode()
		if dev == "" {
			dev = name
		}
	}
	if name != "" {
		dev = name
	}
	return s.do(iptunnel.DelTunnel, dev, buf)
}
