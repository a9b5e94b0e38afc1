package app

import (
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// fouSteps run with ip on one namespace and gip on its twin: ports of
// every kind, ip's complaints (which it follows with the kernel's
// refusal of an empty request), bad words and kernel refusals.
var fouSteps = []string{
	"fou add port 5555 ipproto 4", "fou add port 5556 gue", "fou add port 5557 ipproto gre -6",
	"fou add port 5558 gue local 127.0.0.1 peer 127.0.0.2 peer_port 99",
	"fou add port 5559 gue local 2001:db8::1 peer 2001:db8::2 peer_port 99 -6",
	"-6 fou add port 5560 ipproto 0x29", "fou a p 5561 ipp ipv6 l 127.0.0.1",
	"fou add port 5562 ipproto 47 dev lo", "fou add port 5555 ipproto 4", "fou add port 0 gue",
	"fou add port x gue", "fou add port 70000 gue", "fou add port 5563", "fou add gue",
	"fou add port 5563 gue ipproto 4", "fou add port 5563 gue peer 1.2.3.4", "fou add port 5563 gue peer_port 3",
	"fou add port 5563 gue peer_port 0", "fou add port 5563 gue dev nosuch", "fou add port 5563 gue dev a/b",
	"fou add port 5563 frob", "fou add port 5563 ipproto 0", "fou add port 5563 ipproto frob",
	"fou add port 5563 gue local x", "fou add port 5563 gue local 2001:db8::1", "fou add port", "fou add port 5563 gue peer",
	"fou frob", "fou", "fou show x", "fou del port 5555", "fou del port 5555", "fou del port 5557 -6",
	"fou del port 5558 local 127.0.0.1 peer 127.0.0.2 peer_port 99", "fou del port 5558", "fou del", "fou d port 5556",
}

func TestFouMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link set lo up", "addr add 2001:db8::1/64 dev lo nodad")
	needFamily(t, ns, "fou", testenv.GenlFOU)
	for _, s := range fouSteps {
		compareCommand(t, ref, ns, s)
	}
	shows := []string{"fou show", "fou s"}
	compareListings(t, ref, ns, shows)
	// A batch stops at its failing line (a port taken), or goes on
	// under -force.
	batch := "fou add port 6000 gue\nfou add port 6000 gue\nfou add port 6001 ipproto 4\nfou add port 6002\n" +
		"fou del port 6000\n"
	compareBatch(t, ref, ns, batch)
	compareListings(t, ref, ns, shows)
	compareBatch(t, ref, ns, batch, "-force")
	compareListings(t, ref, ns, shows)
}
