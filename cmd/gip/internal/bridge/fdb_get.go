package bridge

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// fdbGet is a parsed fdb get: the entry's address and where to look.
type fdbGet struct {
	spec    rtnl.NeighSpec
	dev, br string
	addr    string
	dynamic bool // print the entry only when it is not permanent
}

// parseFdbGet reads a command line as bridge's fdb_get does: any word it
// does not know is the address (after an optional "to").
func parseFdbGet(args []string) (*fdbGet, error) {
	g := &fdbGet{spec: rtnl.NeighSpec{Family: unix.AF_BRIDGE}}
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch {
		case w == "brport" || w == "dev" || w == "br":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if w == "br" {
				g.br = v
			} else {
				g.dev = v
			}
		case w == "vni":
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			n, end, overflow := grammar.Strtoul(v, 0)
			if end != len(v) || overflow || n>>24 != 0 {
				return nil, fail.Invalid("invalid VNI\n", v)
			}
			vni := uint32(n)
			g.spec.VNI = &vni
		case w == "self":
			g.spec.Flags |= unix.NTF_SELF
		case grammar.Matches(w, "master"):
			g.spec.Flags |= unix.NTF_MASTER
		case grammar.Matches(w, "vlan"):
			if g.spec.VLAN != nil {
				return nil, fail.Garbage("vlan", w)
			}
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			vid := uint16(grammar.Atoi(v))
			g.spec.VLAN = &vid
		case grammar.Matches(w, "dynamic"):
			g.dynamic = true
		default:
			if w == "to" {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			}
			if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", usage)
			}
			if g.addr != "" {
				return nil, fail.Garbage("to", w)
			}
			g.addr = w
		}
	}
	if (g.dev == "" && g.br == "") || g.addr == "" {
		return nil, fail.Usagef("Device or master and address are required arguments.")
	}
	mac, ok := grammar.ScanMAC(g.addr)
	if !ok {
		return nil, fail.Usagef("Invalid mac address %s", g.addr)
	}
	g.spec.LLAddr = mac[:]
	return g, nil
}

// runFdbGet is bridge fdb get: one entry, asked of the kernel, printed as
// show prints it.
func runFdbGet(e *env.Env, args []string) error {
	g, err := parseFdbGet(args)
	if err != nil {
		return err
	}
	links := e.Links()
	if g.dev != "" {
		if g.spec.Index, err = links.Index(g.dev); err != nil {
			return fail.Usagef("Cannot find device %q", g.dev)
		}
	}
	if g.br != "" {
		br, err := links.Index(g.br)
		if err != nil {
			return fail.Usagef("Cannot find bridge device %q", g.br)
		}
		g.spec.Master = &br
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	n, err := g.spec.Get(conn)
	if err != nil {
		return &statusError{fail.Kernel(err), getStatus}
	}
	p := e.Printer()
	if n.Family == unix.AF_BRIDGE && !(g.dynamic && n.State&unix.NUD_PERMANENT != 0) {
		v := &fdbView{n: n, dev: links.Name(n.Index), showDev: true, stats: e.G.Stats > 0}
		if n.Master != 0 {
			v.master = links.Name(n.Master)
		}
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}
