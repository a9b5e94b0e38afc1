package qdisc

import (
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// fifoKind is pfifo, bfifo or pfifo_head_drop: a queue with a limit in
// packets (bytes for bfifo).
func fifoKind(name string) *Kind {
	k := &Kind{Name: name, Usage: "Usage: ... <[p|b]fifo | pfifo_head_drop> [ limit NUMBER ]"}
	k.New, k.Parse, k.Print = typed(parseFifo, func(f *format.Fields, o *rtnl.Fifo, _ *View) {
		v, ok := o.Limit.Get()
		switch {
		case !ok:
		case name == "bfifo":
			f.Uint("limit", "", uint64(v))
			f.Literal("limit " + sched.SizeText(uint64(v)))
		default:
			f.Uint("limit", "limit %up", uint64(v))
		}
	})
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) {
		if v, ok := o.(*rtnl.Fifo).Limit.Get(); ok {
			return Words{{"limit", u32Word(v)}}, nil
		}
		return nil, nil
	}
	return k
}

func parseFifo(p *Parser, o *rtnl.Fifo) error {
	for p.More() {
		switch w := p.Next(); w {
		case "limit":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, err := grammar.ParseSize(v)
			if err != nil || n > 1<<32-1 {
				return p.Fail(false, p.Kind+`: Illegal value for "limit": "`+v+`"`)
			}
			o.Limit = rtnl.Some(uint32(n))
		case "help":
			return p.Fail(true)
		default:
			return p.Fail(true, p.Kind+`: unknown parameter "`+w+`"`)
		}
	}
	return nil
}
