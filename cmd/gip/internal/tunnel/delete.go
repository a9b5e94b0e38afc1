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
	r, err := parseRequest(e, s, args, iptunnel.DelTunnel)
	if err != nil {
		return err
	}
	dev := r.fallback
	if r.name != "" {
		dev = r.name
	}
	return s.do(iptunnel.DelTunnel, dev, r.buf)
}
