package tunnel

import (
	"slices"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/iptunnel"
)

// An atomic batch (gip -atomic -batch) undoes a tunnel line through its
// pre-image of links: a tunnel is a link of its mode's kind, which
// rtnetlink deletes, re-creates with its ifindex and options, or gives its
// options back. What rtnetlink cannot put back is refused before it is
// sent: the fallback devices' own parameters (the kernel changes them
// through the ioctls only), a change without a name (the kernel picks the
// tunnel, the fallback device among them, by the parameters), and the
// potential router list of an ISATAP tunnel, which no dump shows.

// fallbacks are the devices the tunnel modules make in a namespace.
var fallbacks = []string{"gre0", "tunl0", "sit0", "ip_vti0", "ip6tnl0", "ip6gre0", "ip6_vti0"}

// cannotUndoChange names what a change line alters that an atomic batch
// cannot undo, "" when the tunnel's link pre-image covers it (and for a
// line that does not parse: it fails by itself).
func cannotUndoChange(e *env.Env, args []string) string {
	name, ok := changedName(e, args)
	switch {
	case !ok:
		return ""
	case name == "":
		return "tunnel change without a name, which may change a fallback device"
	case slices.Contains(fallbacks, name):
		return "tunnel change of the fallback device " + name
	}
	return ""
}

// changedName is the name a change line gives; false when it does not
// parse. Nothing is read from the kernel: the tunnel's parameters, which
// a change starts from, are left empty but for its name.
func changedName(e *env.Env, args []string) (string, bool) {
	if v6(e) {
		p := newParm6(true)
		err := parse6(e, args, iptunnel.ChgTunnel, &p, func(n string, p *iptunnel.Parm6) error { p.Name = n; return nil })
		return p.Name, err == nil
	}
	p, err := parse4(e, args, iptunnel.ChgTunnel, func(n string, p *iptunnel.Parm) error { p.Name = n; return nil })
	return p.Name, err == nil
}

// cannotUndo6RD names a 6rd line on a fallback device (sit0), whose 6rd
// prefixes rtnetlink cannot set back; another sit tunnel's come back with
// its options.
func cannotUndo6RD(_ *env.Env, args []string) string {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "dev" && slices.Contains(fallbacks, args[i+1]) {
			return "tunnel 6rd of the fallback device " + args[i+1]
		}
	}
	return ""
}

// cannotUndoPRL names any prl line: no dump shows the potential routers.
func cannotUndoPRL(*env.Env, []string) string { return "tunnel prl" }
