package action

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const mirredUsage = "Usage: mirred <DIRECTION> <ACTION> [index INDEX] <dev DEVICENAME>\n" +
	"where:\n" +
	"\tDIRECTION := <ingress | egress>\n" +
	"\tACTION := <mirror | redirect>\n" +
	"\tINDEX  is the specific policy instance id\n" +
	"\tDEVICENAME is the devicename\n"

// mirredKind is mirred: mirror or redirect packets to another device.
func mirredKind() *Kind {
	k := &Kind{Name: "mirred", Usage: mirredUsage}
	k.New, k.Parse, k.Print = typed(parseMirred, printMirred)
	return k
}

func parseMirred(p *Parser, o *rtnl.Mirred) error {
	p.Next() // "mirred"
	if !p.More() {
		return fail.Incomplete()
	}
	switch w := p.Peek(); {
	case grammar.Matches(w, "egress"), grammar.Matches(w, "ingress"), grammar.Matches(w, "index"):
		return parseMirredDirection(p, o)
	case grammar.Matches(w, "help"):
		return fail.Fatal(fail.ExitUsage, mirredUsage)
	default:
		return p.Fail("mirred option not supported " + w)
	}
}

// parseMirredDirection is the body of mirred's grammar: a direction, mirror
// or redirect, dev DEV, then a verdict for mirror and an index.
func parseMirredDirection(p *Parser, o *rtnl.Mirred) error {
	var ok, iok, mirror, redir, ingress, egress bool
	var dev string
	next := func() error {
		p.Next()
		if !p.More() {
			return fail.Incomplete()
		}
		return nil
	}
loop:
	for p.More() {
		w := p.Peek()
		switch {
		case grammar.Matches(w, "action"):
			if err := next(); err != nil {
				return err
			}
			break loop
		case !egress && grammar.Matches(w, "egress"):
			egress = true
			if ingress {
				return p.Fail("Can't have both egress and ingress")
			}
			if err := next(); err != nil {
				return err
			}
			ok = true
			continue
		case !ingress && grammar.Matches(w, "ingress"):
			ingress = true
			if egress {
				return p.Fail("Can't have both ingress and egress")
			}
			if err := next(); err != nil {
				return err
			}
			ok = true
			continue
		case grammar.Matches(w, "index"):
			if err := next(); err != nil {
				return err
			}
			n, ok := grammar.CUint(p.Peek(), 10, 0xffffffff)
			if !ok {
				return p.Fail(`Illegal "index"`)
			}
			o.Parms.Index, iok = uint32(n), true
			if !ok {
				p.Next()
				break loop
			}
		case !ok:
			return p.Fail("was expecting egress or ingress (" + w + ")")
		case !mirror && grammar.Matches(w, "mirror"):
			mirror = true
			if redir {
				return p.Fail("Can't have both mirror and redir")
			}
			o.EAction, o.Parms.Action = rtnl.MirredIngressMirror, rtnl.ActPipe
			if egress {
				o.EAction = rtnl.MirredEgressMirror
			}
		case !redir && grammar.Matches(w, "redirect"):
			redir = true
			if mirror {
				return p.Fail("Can't have both mirror and redir")
			}
			o.EAction, o.Parms.Action = rtnl.MirredIngressRedir, rtnl.ActStolen
			if egress {
				o.EAction = rtnl.MirredEgressRedir
			}
		case (redir || mirror) && grammar.Matches(w, "dev"):
			if err := next(); err != nil {
				return err
			}
			if dev != "" {
				return fail.Duplicate("dev", p.Peek())
			}
			dev = p.Next()
			break loop
		}
		if err := next(); err != nil {
			return err
		}
	}
	if !ok && !iok {
		return p.Fail()
	}
	if dev != "" {
		i, err := p.Index(dev)
		if err != nil {
			return err
		}
		o.Ifindex = uint32(i)
	}
	if o.EAction == rtnl.MirredEgressMirror || o.EAction == rtnl.MirredIngressMirror {
		o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	}
	if p.More() && grammar.Matches(p.Peek(), "index") {
		if iok {
			return p.Fail("mirred: Illegal double index")
		}
		p.Next()
		v, err := p.Value()
		if err != nil {
			return err
		}
		n, ok := grammar.CUint(v, 10, 0xffffffff)
		if !ok {
			return p.Fail(`mirred: Illegal "index"`)
		}
		o.Parms.Index = uint32(n)
	}
	return nil
}

// mirredText, mirredAction and mirredDirection name what mirred does as
// tc prints it in text and JSON.
func mirredText(a int32) string {
	switch a {
	case rtnl.MirredEgressRedir:
		return "Egress Redirect"
	case rtnl.MirredIngressRedir:
		return "Ingress Redirect"
	case rtnl.MirredEgressMirror:
		return "Egress Mirror"
	case rtnl.MirredIngressMirror:
		return "Ingress Mirror"
	}
	return "unknown"
}

func mirredAction(a int32) string {
	switch a {
	case rtnl.MirredEgressRedir, rtnl.MirredIngressRedir:
		return "redirect"
	case rtnl.MirredEgressMirror, rtnl.MirredIngressMirror:
		return "mirror"
	}
	return "unknown"
}

func mirredDirection(a int32) string {
	switch a {
	case rtnl.MirredEgressRedir, rtnl.MirredEgressMirror:
		return "egress"
	case rtnl.MirredIngressRedir, rtnl.MirredIngressMirror:
		return "ingress"
	}
	return "unknown"
}

func printMirred(f *format.Fields, o *rtnl.Mirred, v *View) {
	f.String("kind", "%s ", "mirred")
	f.Literal("(" + mirredText(o.EAction))
	f.String("mirred_action", "", mirredAction(o.EAction))
	f.String("direction", "", mirredDirection(o.EAction))
	f.String("to_dev", " to device %s)", v.Name(int32(o.Ifindex)))
	PrintControl(f, " ", o.Parms.Action, "")
	f.Line()
	f.Uint("index", "\tindex %u", uint64(o.Parms.Index))
	f.Int("ref", " ref %d", int64(o.Parms.Refcnt))
	f.Int("bind", " bind %d", int64(o.Parms.Bindcnt))
	if t, ok := o.Times.Get(); ok && v.Stats {
		printTimes(f, t, v)
	}
	f.Line()
}
