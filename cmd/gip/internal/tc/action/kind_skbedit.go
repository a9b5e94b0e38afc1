package action

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const skbeditUsage = "Usage: ... skbedit <[QM] [PM] [MM] [PT] [IF]>\n" +
	"QM = queue_mapping QUEUE_MAPPING\n" +
	"PM = priority PRIORITY\n" +
	"MM = mark MARK[/MASK]\n" +
	"PT = ptype PACKETYPE\n" +
	"IF = inheritdsfield\n" +
	"PACKETYPE = is one of:\n" +
	"  host, otherhost, broadcast, multicast\n" +
	"QUEUE_MAPPING = device transmit queue to use\n" +
	"PRIORITY = classID to assign to priority field\n" +
	"MARK = firewall mark to set\n" +
	"MASK = mask applied to firewall mark (0xffffffff by default)\n" +
	"note: inheritdsfield maps DS field to skb->priority\n"

// Packet types (PACKET_* in linux/if_packet.h).
const (
	packetHost      = 0
	packetBroadcast = 1
	packetMulticast = 2
	packetOtherhost = 3
)

// skbeditKind is skbedit: set a packet's queue, priority, mark or type.
func skbeditKind() *Kind {
	k := &Kind{Name: "skbedit", Usage: skbeditUsage}
	k.New, k.Parse, k.Print = typed(parseSkbedit, printSkbedit)
	return k
}

func parseSkbedit(p *Parser, o *rtnl.Skbedit) error {
	if _, err := p.value(); err != nil {
		return err
	}
	ok := false
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		switch {
		case m("queue_mapping"):
			v, err := p.value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 10, 0xffffffff)
			if !ok || n > 65535 {
				return p.Fail("Illegal queue_mapping")
			}
			o.QueueMapping = rtnl.Some(uint16(n))
		case m("priority"):
			v, err := p.value()
			if err != nil {
				return err
			}
			id, good := sched.ParseClassID(v)
			if !good {
				return p.Fail("Illegal priority")
			}
			o.Priority = rtnl.Some(id)
		case m("mark"):
			v, err := p.value()
			if err != nil {
				return err
			}
			mark, mask, slash := strings.Cut(v, "/")
			n, good := grammar.ParseCUint(mark, 32)
			if !good {
				return p.Fail("Illegal mark")
			}
			o.Mark = rtnl.Some(uint32(n))
			if slash {
				n, good := grammar.ParseCUint(mask, 32)
				if !good {
					return p.Fail("Illegal mask")
				}
				o.Mask = rtnl.Some(uint32(n))
			}
		case m("ptype"):
			v, err := p.value()
			if err != nil {
				return err
			}
			var t uint16
			switch {
			case grammar.Matches(v, "host"):
				t = packetHost
			case grammar.Matches(v, "broadcast"):
				t = packetBroadcast
			case grammar.Matches(v, "multicast"):
				t = packetMulticast
			case grammar.Matches(v, "otherhost"):
				t = packetOtherhost
			default:
				return p.Fail("Illegal ptype (" + v + ")")
			}
			o.Ptype = rtnl.Some(t)
		case m("inheritdsfield"):
			o.Flags = rtnl.Some(uint64(rtnl.SkbeditInheritDS))
		case m("help"):
			return fail.Fatal(fail.ExitUsage, trimNL(skbeditUsage))
		default:
			break loop
		}
		ok = true
		p.Next()
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	got, err := p.IndexTail(`skbedit: Illegal "index"`, &o.Parms.Index)
	if err != nil {
		return err
	}
	if !ok && !got {
		return p.Fail(trimNL(skbeditUsage))
	}
	return nil
}

func printSkbedit(f *format.Fields, o *rtnl.Skbedit, v *View) {
	f.String("kind", "%s ", "skbedit")
	if x, ok := o.QueueMapping.Get(); ok {
		f.Uint("queue_mapping", "queue_mapping %u", uint64(x))
	}
	if x, ok := o.Priority.Get(); ok {
		f.String("priority", " priority %s", sched.ClassIDText(x))
	}
	if x, ok := o.Mark.Get(); ok {
		f.Uint("mark", " mark %u", uint64(x))
	}
	if x, ok := o.Mask.Get(); ok {
		f.String("mask", "", strconv.FormatUint(uint64(x), 16))
		if x == 0 {
			f.Literal("/0")
		} else {
			f.Literal("/0x" + strconv.FormatUint(uint64(x), 16))
		}
	}
	if x, ok := o.Ptype.Get(); ok {
		switch x {
		case packetHost:
			f.String("ptype", " ptype %s", "host")
		case packetBroadcast:
			f.String("ptype", " ptype %s", "broadcast")
		case packetMulticast:
			f.String("ptype", " ptype %s", "multicast")
		case packetOtherhost:
			f.String("ptype", " ptype %s", "otherhost")
		default:
			f.Uint("ptype", " ptype %u", uint64(x))
		}
	}
	if x, ok := o.Flags.Get(); ok && x&rtnl.SkbeditInheritDS != 0 {
		f.Null("inheritdsfield", " inheritdsfield")
	}
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}
