package qdisc

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const mqprioUsage = "Usage: ... mqprio	[num_tc NUMBER] [map P0 P1 ...]\n" +
	"			[queues count1@offset1 count2@offset2 ...] [hw 1|0]\n" +
	"			[mode dcb|channel]\n" +
	"			[shaper bw_rlimit SHAPER_PARAMS]\n" +
	"Where: SHAPER_PARAMS := { min_rate MIN_RATE1 MIN_RATE2 ...|\n" +
	"			  max_rate MAX_RATE1 MAX_RATE2 ... }"

// mqprioKind is mqprio: traffic classes mapped to ranges of a multiqueue
// device's transmit queues. The kernel lists a class per traffic class
// and per queue, which have no options.
func mqprioKind() *Kind {
	k := &Kind{Name: "mqprio", Usage: mqprioUsage, Change: never} // the kernel changes no mqprio in place
	k.New, k.Parse, k.Print = typed(parseMQPrio, printMQPrio)
	k.Words = func(o rtnl.TCOptions, _ sched.Clock) (Words, error) { return mqprioWords(o.(*rtnl.MQPrio)) }
	return k
}

// defaultMQPrioMap is the class of each priority tc starts from.
var defaultMQPrioMap = [rtnl.PrioBands]uint8{0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 1, 1, 3, 3, 3, 3}

func parseMQPrio(p *Parser, o *rtnl.MQPrio) error {
	*o = rtnl.MQPrio{Qopt: rtnl.MQPrioQopt{NumTC: 8, PrioTCMap: defaultMQPrioMap, HW: 1}}
	q := &o.Qopt
	mode, shaper := uint16(rtnl.MQPrioModeDCB), uint16(rtnl.MQPrioShaperDCB)
	var minRate, maxRate [rtnl.MQPrioMaxQueue]uint64
	var setMode, setShaper, setMin, setMax bool
	pairs := 0
	u8 := func(key string, dst *uint8) error {
		v, err := p.Value()
		if err != nil {
			return err
		}
		n, ok := cStrtoul(v, 10, 0xff)
		if !ok {
			return p.Fail(false, `Illegal "`+key+`"`)
		}
		*dst = uint8(n)
		return nil
	}
	// rates reads rates while words read as rates, at most 16.
	rates := func(dst *[rtnl.MQPrioMaxQueue]uint64, what string) error {
		i := 0
		for ; i < rtnl.MQPrioMaxQueue && p.More(); i++ {
			r, err := grammar.ParseRate(p.Peek())
			if err != nil {
				break
			}
			p.Next()
			dst[i] = r
		}
		if i < int(q.NumTC) && !p.More() {
			return p.Fail(false, "Incomplete arguments, "+what+" values expected")
		}
		return nil
	}
	for p.More() {
		w := p.Next()
		var err error
		switch {
		case w == "num_tc":
			err = u8("num_tc", &q.NumTC)
		case w == "map":
			i := 0
			for ; i < rtnl.PrioBands && p.More(); i++ {
				n, ok := cStrtoul(p.Peek(), 10, 0xff)
				if !ok {
					break
				}
				p.Next()
				q.PrioTCMap[i] = uint8(n)
			}
			for ; i < rtnl.PrioBands; i++ {
				q.PrioTCMap[i] = 0
			}
		case w == "queues":
			for i := 0; i < rtnl.MQPrioMaxQueue && p.More(); i++ {
				count, offset, ok := mqprioQueues(p.Peek())
				if !ok {
					break
				}
				p.Next()
				q.Count[i], q.Offset[i] = count, offset
				pairs++
			}
		case w == "hw":
			err = u8("hw", &q.HW)
		case q.HW != 0 && w == "mode":
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			switch {
			case grammar.Matches(v, "dcb"):
				mode = rtnl.MQPrioModeDCB
			case grammar.Matches(v, "channel"):
				mode = rtnl.MQPrioModeChannel
			default:
				return p.Fail(false, "Illegal mode ("+v+")")
			}
			if mode != rtnl.MQPrioModeDCB {
				setMode = true
			}
		case q.HW != 0 && w == "shaper":
			v, verr := p.Value()
			if verr != nil {
				return verr
			}
			switch {
			case grammar.Matches(v, "dcb"):
				shaper = rtnl.MQPrioShaperDCB
			case grammar.Matches(v, "bw_rlimit"):
				shaper = rtnl.MQPrioShaperBWRate
				if !p.More() {
					return p.Fail(false, "Incomplete shaper arguments")
				}
			default:
				return p.Fail(false, "Illegal shaper ("+v+")")
			}
			if shaper != rtnl.MQPrioShaperDCB {
				setShaper = true
			}
		case shaper == rtnl.MQPrioShaperBWRate && w == "min_rate":
			err = rates(&minRate, "min_rate")
			setMin = true
		case shaper == rtnl.MQPrioShaperBWRate && w == "max_rate":
			err = rates(&maxRate, "max_rate")
			setMax = true
		case w == "help":
			return p.Fail(true)
		default:
			return fail.Invalid("unknown argument", w)
		}
		if err != nil {
			return err
		}
	}
	if pairs > int(q.NumTC) {
		return p.Fail(false, "queues count/offset pair count "+strconv.Itoa(pairs)+
			" can not be higher than given num_tc "+strconv.Itoa(int(q.NumTC)))
	}
	if setMode {
		o.Mode = rtnl.Some(mode)
	}
	if setShaper {
		o.Shaper = rtnl.Some(shaper)
	}
	if setMin {
		o.MinRate = rtnl.Some(minRate)
	}
	if setMax {
		o.MaxRate = rtnl.Some(maxRate)
	}
	return nil
}

// mqprioQueues reads COUNT@OFFSET as tc does with strtok: empty pieces
// are skipped, and a third is ignored.
func mqprioQueues(w string) (count, offset uint16, ok bool) {
	var toks []string
	for _, t := range strings.Split(w, "@") {
		if t != "" {
			toks = append(toks, t)
		}
	}
	if len(toks) < 2 {
		return 0, 0, false
	}
	c, ok1 := cStrtoul(toks[0], 10, 0xffff)
	o, ok2 := cStrtoul(toks[1], 10, 0xffff)
	return uint16(c), uint16(o), ok1 && ok2
}

func printMQPrio(f *format.Fields, o *rtnl.MQPrio, v *View) {
	q := &o.Qopt
	f.Uint("tc", "tc %u ", uint64(q.NumTC))
	f.Literal("map ")
	f.OpenArray("map")
	for _, c := range q.PrioTCMap {
		f.UintElement("%u ", uint64(c))
	}
	f.CloseArray()
	f.Literal("\n             queues:")
	f.OpenArray("queues")
	for i := 0; i < int(q.NumTC); i++ {
		// tc reads past its 16 ranges for more classes; gip stops there.
		if i >= rtnl.MQPrioMaxQueue {
			break
		}
		f.OpenArray("")
		f.UintElement("(%u:", uint64(q.Offset[i]))
		f.UintElement("%u) ", uint64(uint32(int(q.Offset[i])+int(q.Count[i])-1)))
		f.CloseArray()
	}
	f.CloseArray()
	if !o.Mode.Set && !o.Shaper.Set && !o.MinRate.Set && !o.MaxRate.Set {
		return
	}
	if m, ok := o.Mode.Get(); !ok {
		f.String("mode", "\n             mode:%s", "dcb")
	} else if m == rtnl.MQPrioModeChannel {
		f.String("mode", "\n             mode:%s", "channel")
	}
	if s, ok := o.Shaper.Get(); !ok {
		f.String("shaper", "\n             shaper:%s", "dcb")
	} else if s == rtnl.MQPrioShaperBWRate {
		f.String("shaper", "\n             shaper:%s", "bw_rlimit")
	}
	for _, r := range []struct {
		key, text string
		rates     rtnl.Opt[[rtnl.MQPrioMaxQueue]uint64]
	}{{"min_rate", "	min_rate:", o.MinRate}, {"max_rate", "	max_rate:", o.MaxRate}} {
		rates, ok := r.rates.Get()
		if !ok {
			continue
		}
		f.Literal(r.text)
		f.OpenArray(r.key)
		for i := 0; i < int(q.NumTC) && i < len(rates); i++ {
			if f.JSON() {
				f.UintElement("", rates[i])
			} else {
				f.Literal(v.Rate(rates[i]) + " ")
			}
		}
		f.CloseArray()
	}
}

// mqprioWords are an mqprio's words: its classes, the whole map, a queue
// range per class and hw always; the mode, shaper and rates when set,
// which tc sends only with hw and in their non-default values.
func mqprioWords(o *rtnl.MQPrio) (Words, error) {
	q := &o.Qopt
	n := min(int(q.NumTC), rtnl.MQPrioMaxQueue)
	m := []string{"map"}
	for _, c := range q.PrioTCMap {
		m = append(m, strconv.Itoa(int(c)))
	}
	w := Words{{"num_tc", strconv.Itoa(int(q.NumTC))}, m}
	if n > 0 {
		g := []string{"queues"}
		for i := range n {
			g = append(g, strconv.Itoa(int(q.Count[i]))+"@"+strconv.Itoa(int(q.Offset[i])))
		}
		w = append(w, g)
	}
	w = append(w, []string{"hw", strconv.Itoa(int(q.HW))})
	if o.Mode.Set || o.Shaper.Set || o.MinRate.Set || o.MaxRate.Set {
		switch {
		case q.HW == 0:
			return nil, ErrInexact{"mqprio mode, shaper or rates without hw"}
		case o.Mode.Set && o.Mode.V != rtnl.MQPrioModeChannel,
			o.Shaper.Set && o.Shaper.V != rtnl.MQPrioShaperBWRate:
			return nil, ErrInexact{"mqprio mode or shaper"}
		case (o.MinRate.Set || o.MaxRate.Set) && !o.Shaper.Set:
			return nil, ErrInexact{"mqprio rates without the bw_rlimit shaper"}
		}
	}
	if o.Mode.Set {
		w = append(w, []string{"mode", "channel"})
	}
	if o.Shaper.Set {
		w = append(w, []string{"shaper", "bw_rlimit"})
	}
	for _, r := range []struct {
		key   string
		rates rtnl.Opt[[rtnl.MQPrioMaxQueue]uint64]
	}{{"min_rate", o.MinRate}, {"max_rate", o.MaxRate}} {
		rates, ok := r.rates.Get()
		if !ok {
			continue
		}
		g := []string{r.key}
		for _, b := range rates[:n] {
			rw, err := ExactRate("mqprio "+r.key, b)
			if err != nil {
				return nil, err
			}
			g = append(g, rw)
		}
		w = append(w, g)
	}
	return w, nil
}
