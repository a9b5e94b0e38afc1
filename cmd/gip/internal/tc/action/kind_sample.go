package action

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const sampleUsage = "Usage: sample SAMPLE_CONF\n" +
	"where:\n" +
	"\tSAMPLE_CONF := SAMPLE_PARAMS | SAMPLE_INDEX\n" +
	"\tSAMPLE_PARAMS := rate RATE group GROUP [trunc SIZE] [SAMPLE_INDEX]\n" +
	"\tSAMPLE_INDEX := index INDEX\n" +
	"\tRATE := The ratio of packets observed at the data source to the samples generated.\n" +
	"\tGROUP := the psample sampling group\n" +
	"\tSIZE := the truncation size\n" +
	"\tINDEX := integer index of the sample action\n"

// sampleKind is sample: hand a share of the packets to a psample group.
func sampleKind() *Kind {
	k := &Kind{Name: "sample", Usage: sampleUsage}
	k.New, k.Parse, k.Print = typed(parseSample, printSample)
	return k
}

func parseSample(p *Parser, o *rtnl.Sample) error {
	// usage is tc's complaint followed by the usage, ending the command.
	usage := func(lines ...string) error {
		return fail.Fatal(fail.ExitUsage, trimNL(strings.Join(append(lines, sampleUsage), "\n")))
	}
	if p.Left() <= 1 {
		return usage("sample bad argument count " + strconv.Itoa(p.Left()))
	}
	if _, err := p.value(); err != nil {
		return err
	}
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		var dst *rtnl.Opt[uint32]
		var bad string
		switch {
		case m("rate"):
			dst, bad = &o.Rate, "Illegal rate "
		case m("group"):
			dst, bad = &o.Group, "Illegal group num "
		case m("trunc"):
			dst, bad = &o.Trunc, "Illegal truncation size "
		case m("help"):
			return usage()
		default:
			break loop
		}
		v, err := p.value()
		if err != nil {
			return err
		}
		n, ok := grammar.CUint(v, 10, 0xffffffff)
		if !ok {
			return usage(bad + v)
		}
		*dst = rtnl.Some(uint32(n))
		p.Next()
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	if _, err := p.IndexTail(`sample: Illegal "index"`, &o.Parms.Index); err != nil {
		return err
	}
	if o.Parms.Index == 0 && !o.Group.Set {
		return usage(`param "group" not set`)
	}
	if o.Parms.Index == 0 && !o.Rate.Set {
		return usage(`param "rate" not set`)
	}
	return nil
}

func printSample(f *format.Fields, o *rtnl.Sample, v *View) {
	f.String("kind", "%s ", "sample")
	rate, _ := o.Rate.Get()
	group, _ := o.Group.Get()
	f.Uint("rate", "rate 1/%u ", uint64(rate))
	f.Uint("group", "group %u", uint64(group))
	if x, ok := o.Trunc.Get(); ok {
		f.Uint("trunc_size", " trunc_size %u", uint64(x))
	}
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}
