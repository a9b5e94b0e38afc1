package app

import (
	"strings"
	"testing"
)

// tokenSteps run with ip on one namespace and gip on its twin; the
// listings are compared after each.
var tokenSteps = []string{
	"token set ::1/64 dev v0", "token get dev v0", "token set ::1:2 dev lo", "token set zz dev v0",
	"token set ::3", "token set dev v0", "token del dev v0", "token frob", "token help", "token h",
	"token set ::5 dev nosuch", "token set 10.0.0.1 dev v0", "token list dev nosuch", "token list dev",
	"token set ::1 help", "token set ::1 dev v0 dev v1", "token set ::1 ::2 dev v1", "token del ::8 dev v1",
	"token set 1.2.3.4/24 dev v0", "token set ::1/200 dev v0", "token set ::9:8:7:6 dev v1",
	"token set default dev v1", "token set any dev v0", "token get v1", "token list foo dev v1",
	"token a ::9 dev v0", "token se ::a dev v0 dev nosuch", "token d dev v0", "token set ::ff:1 dev v0",
	"token delete dev nosuch", "-4 token set ::7 dev v1", "token set 2001:db8::1:2:3:4 dev v1",
}

var tokenShows = []string{"token", "token list", "token lst", "token s", "token get dev v1", "tok", "-o token", "-4 token"}

func TestTokenMatchesIP(t *testing.T) {
	ref, ns := twinNS(t, "link add v0 type veth peer name v1", "link add v2 type veth peer name v3",
		"link set v3 arp off")
	for _, s := range tokenSteps {
		compareCommand(t, ref, ns, s)
		compareListings(t, ref, ns, []string{"token"})
	}
	compareListings(t, ref, ns, tokenShows)
	if out := tool(t, "ip", "-n", ns, "token").Stdout; !strings.Contains(out, "token ::1:2:3:4 dev v1\n") || strings.Contains(out, "v3") {
		t.Errorf("ip does not read gip's tokens back as set:\n%s", out)
	}
	// A batch: a refusal ends it, -force runs every line; tokens set by
	// gip's batch read back through ip as ip's.
	batch := "token set ::11 dev v0\ntoken set ::12 dev lo\ntoken set ::13 dev v2\n"
	compareBatch(t, ref, ns, batch)
	compareListings(t, ref, ns, []string{"token"})
	compareBatch(t, ref, ns, batch, "-force")
	compareListings(t, ref, ns, []string{"token"})
	compareBatch(t, ref, ns, "token del dev v2\ntoken set zz dev v0\ntoken del dev v0\n", "-force")
	compareListings(t, ref, ns, []string{"token"})
}
