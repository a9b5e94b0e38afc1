package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// can: a CAN controller. Its devices come from hardware drivers, so the
// kind is used with `link set`: bit timings (nominal and data), controller
// modes, transmitter delay compensation, restart and termination.
func canKind() Kind {
	return newKind("can", canUsage, parseCAN, printCAN)
}

const canUsage = "Usage: ip link set DEVICE type can\n" +
	"\t[ bitrate BITRATE [ sample-point SAMPLE-POINT] ] |\n" +
	"\t[ tq TQ prop-seg PROP_SEG phase-seg1 PHASE-SEG1\n \t  phase-seg2 PHASE-SEG2 [ sjw SJW ] ]\n" +
	"\n" +
	"\t[ dbitrate BITRATE [ dsample-point SAMPLE-POINT] ] |\n" +
	"\t[ dtq TQ dprop-seg PROP_SEG dphase-seg1 PHASE-SEG1\n \t  dphase-seg2 PHASE-SEG2 [ dsjw SJW ] ]\n" +
	"\t[ tdcv TDCV tdco TDCO tdcf TDCF ]\n" +
	"\n" +
	"\t[ loopback { on | off } ]\n" +
	"\t[ listen-only { on | off } ]\n" +
	"\t[ triple-sampling { on | off } ]\n" +
	"\t[ one-shot { on | off } ]\n" +
	"\t[ berr-reporting { on | off } ]\n" +
	"\t[ fd { on | off } ]\n" +
	"\t[ fd-non-iso { on | off } ]\n" +
	"\t[ presume-ack { on | off } ]\n" +
	"\t[ cc-len8-dlc { on | off } ]\n" +
	"\t[ tdc-mode { auto | manual | off } ]\n" +
	"\n" +
	"\t[ restart-ms TIME-MS ]\n" +
	"\t[ restart ]\n" +
	"\n" +
	"\t[ termination { 0..65535 } ]\n" +
	"\n" +
	"\tWhere: BITRATE\t:= { NUMBER in bps }\n" +
	"\t\t  SAMPLE-POINT\t:= { 0.000..0.999 }\n" +
	"\t\t  TQ\t\t:= { NUMBER in ns }\n" +
	"\t\t  PROP-SEG\t:= { NUMBER in tq }\n" +
	"\t\t  PHASE-SEG1\t:= { NUMBER in tq }\n" +
	"\t\t  PHASE-SEG2\t:= { NUMBER in tq }\n" +
	"\t\t  SJW\t\t:= { NUMBER in tq }\n" +
	"\t\t  TDCV\t\t:= { NUMBER in tc }\n" +
	"\t\t  TDCO\t\t:= { NUMBER in tc }\n" +
	"\t\t  TDCF\t\t:= { NUMBER in tc }\n" +
	"\t\t  RESTART-MS\t:= { 0 | NUMBER in ms }"

// canWords are the keywords in the order ip tries them: an abbreviation
// means the first it abbreviates.
var canWords = []string{"bitrate", "sample-point", "tq", "prop-seg", "phase-seg1", "phase-seg2", "sjw",
	"dbitrate", "dsample-point", "dtq", "dprop-seg", "dphase-seg1", "dphase-seg2", "dsjw",
	"tdcv", "tdco", "tdcf", "loopback", "listen-only", "triple-sampling", "one-shot", "berr-reporting",
	"fd", "fd-non-iso", "presume-ack", "cc-len8-dlc", "tdc-mode", "restart", "restart-ms", "termination", "help"}

// canModes are the controller modes: their keyword, their name in -d
// output, in the order ip prints them.
var canModes = []struct {
	word, name string
	bit        uint32
}{
	{"loopback", "LOOPBACK", rtnl.CANLoopback},
	{"listen-only", "LISTEN-ONLY", rtnl.CANListenOnly},
	{"triple-sampling", "TRIPLE-SAMPLING", rtnl.CANTripleSample},
	{"one-shot", "ONE-SHOT", rtnl.CANOneShot},
	{"berr-reporting", "BERR-REPORTING", rtnl.CANBerrReporting},
	{"fd", "FD", rtnl.CANFD},
	{"fd-non-iso", "FD-NON-ISO", rtnl.CANFDNonISO},
	{"presume-ack", "PRESUME-ACK", rtnl.CANPresumeAck},
	{"cc-len8-dlc", "CC-LEN8-DLC", rtnl.CANCCLen8DLC},
	{"", "TDC-AUTO", rtnl.CANTDCAuto},
	{"", "TDC-MANUAL", rtnl.CANTDCManual},
}

func parseCAN(p *kindParser, c *rtnl.CAN) error {
	var bt, dbt rtnl.CANBitTiming
	var cm rtnl.CANCtrlMode
	var tdc rtnl.CANTDC
	for p.More() {
		arg := p.Next()
		w, ok := grammar.Lookup(arg, canWords)
		if !ok {
			return fail.Localf("can: unknown option %q\n%s", arg, canUsage)
		}
		var err error
		switch w {
		case "bitrate":
			err = canU32(p, w, &bt.Bitrate)
		case "sample-point":
			err = canSamplePoint(p, w, &bt.SamplePoint)
		case "tq":
			err = canU32(p, w, &bt.TQ)
		case "prop-seg":
			err = canU32(p, w, &bt.PropSeg)
		case "phase-seg1":
			err = canU32(p, w, &bt.PhaseSeg1)
		case "phase-seg2":
			err = canU32(p, w, &bt.PhaseSeg2)
		case "sjw":
			err = canU32(p, w, &bt.SJW)
		case "dbitrate":
			err = canU32(p, w, &dbt.Bitrate)
		case "dsample-point":
			err = canSamplePoint(p, w, &dbt.SamplePoint)
		case "dtq":
			err = canU32(p, w, &dbt.TQ)
		case "dprop-seg":
			err = canU32(p, w, &dbt.PropSeg)
		case "dphase-seg1":
			err = canU32(p, w, &dbt.PhaseSeg1)
		case "dphase-seg2":
			err = canU32(p, w, &dbt.PhaseSeg2)
		case "dsjw":
			err = canU32(p, w, &dbt.SJW)
		case "tdcv":
			err = canOptU32(p, w, &tdc.TDCV)
		case "tdco":
			err = canOptU32(p, w, &tdc.TDCO)
		case "tdcf":
			err = canOptU32(p, w, &tdc.TDCF)
		case "tdc-mode":
			err = canTDCMode(p, &cm)
		case "restart":
			c.Restart = rtnl.Some(uint32(1))
		case "restart-ms":
			err = canOptU32(p, w, &c.RestartMS)
		case "termination":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 0, 1<<16-1)
			if !ok {
				return fail.Invalid(`invalid "termination" value`, v)
			}
			c.Termination = rtnl.Some(uint16(n))
		case "help":
			return fail.Localf("%s", canUsage)
		default:
			err = canMode(p, w, &cm)
		}
		if err != nil {
			return err
		}
	}
	if bt.Bitrate != 0 || bt.TQ != 0 {
		c.BitTiming = rtnl.Some(bt)
	}
	if dbt.Bitrate != 0 || dbt.TQ != 0 {
		c.DataBitTiming = rtnl.Some(dbt)
	}
	if cm.Mask != 0 {
		c.CtrlMode = rtnl.Some(cm)
	}
	if tdc.TDCV.Set || tdc.TDCO.Set || tdc.TDCF.Set {
		c.TDC = rtnl.Some(tdc)
	}
	return nil
}

// canU32 reads a 32-bit number in C notation.
func canU32(p *kindParser, w string, dst *uint32) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	n, ok := grammar.CUint(v, 0, 1<<32-1)
	if !ok {
		return fail.Invalid(fmt.Sprintf("invalid %q value", w), v)
	}
	*dst = uint32(n)
	return nil
}

// canOptU32 reads a 32-bit number in C notation into an option.
func canOptU32(p *kindParser, w string, dst *rtnl.Opt[uint32]) error {
	var v uint32
	if err := canU32(p, w, &v); err != nil {
		return err
	}
	*dst = rtnl.Some(v)
	return nil
}

// canSamplePoint reads a sample point as a fraction (0.875) into tenths
// of a percent, with C's float arithmetic.
func canSamplePoint(p *kindParser, w string, dst *uint32) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	f, rest, ok := grammar.Strtod(v)
	if !ok || rest != "" {
		return fail.Invalid(fmt.Sprintf("invalid %q value", w), v)
	}
	*dst = uint32(float32(f) * 1000)
	return nil
}

// canMode reads on or off for a controller mode.
func canMode(p *kindParser, w string, cm *rtnl.CANCtrlMode) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	for _, m := range canModes {
		if m.word != w {
			continue
		}
		switch v {
		case "on":
			cm.Flags |= m.bit
		case "off":
		default:
			return fail.Usagef("Error: argument of %q must be \"on\" or \"off\", not %q", w, v)
		}
		cm.Mask |= m.bit
	}
	return nil
}

// canTDCMode reads auto, manual or off.
func canTDCMode(p *kindParser, cm *rtnl.CANCtrlMode) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	switch v {
	case "auto":
		cm.Flags |= rtnl.CANTDCAuto
		cm.Mask |= rtnl.CANTDCAuto
	case "manual":
		cm.Flags |= rtnl.CANTDCManual
		cm.Mask |= rtnl.CANTDCManual
	case "off":
		cm.Mask |= rtnl.CANTDCAuto | rtnl.CANTDCManual
	default:
		return fail.Usagef("Error: argument of \"tdc-mode\" must be \"auto\", \"manual\" or \"off\", not %q", v)
	}
	return nil
}

var canStates = []string{"ERROR-ACTIVE", "ERROR-WARNING", "ERROR-PASSIVE", "BUS-OFF", "STOPPED", "SLEEPING"}

func printCAN(f *format.Fields, c *rtnl.CAN, _ *View) {
	if cm, ok := c.CtrlMode.Get(); ok {
		printCANModes(f, "ctrlmode", cm.Flags, true)
		if sup, ok := c.CtrlModeSupported.Get(); ok {
			printCANModes(f, "ctrlmode_supported", sup, false)
			printCANModes(f, "ctrlmode_static", cm.Flags&^sup, false)
		}
	}
	if s, ok := c.State.Get(); ok {
		name := "UNKNOWN"
		if int(s) < len(canStates) {
			name = canStates[s]
		}
		f.String("state", "state %s ", name)
	}
	if c.BerrTx.Set {
		f.Open("berr_counter")
		f.Uint("tx", "(berr-counter tx %u", uint64(c.BerrTx.V))
		f.Uint("rx", " rx %u) ", uint64(c.BerrRx.V))
		f.Close()
	}
	printUint(f, "restart_ms", "restart-ms", c.RestartMS)
	fixed := len(c.BitrateConst) > 0
	if bt, ok := c.BitTiming.Get(); ok && !fixed {
		printBitTiming(f, "bittiming", "", bt, nil)
	}
	if btc, ok := c.BitTimingConst.Get(); ok && !fixed {
		printBitTimingConst(f, "bittiming_const", "", btc, nil)
	}
	if fixed {
		printBitrateConst(f, "bittiming_bitrate", "bitrate_const", " bitrate %u", c.BitTiming.V.Bitrate, c.BitrateConst)
	}
	dfixed := len(c.DataBitrateConst) > 0
	if dbt, ok := c.DataBitTiming.Get(); ok && !dfixed {
		printBitTiming(f, "data_bittiming", "d", dbt, &c.TDC)
	}
	if dbtc, ok := c.DataBitTimingConst.Get(); ok && !dfixed {
		printBitTimingConst(f, "data_bittiming_const", "d", dbtc, &c.TDC)
	}
	if dfixed {
		printBitrateConst(f, "data_bittiming_bitrate", "data_bitrate_const", " dbitrate %u", c.DataBitTiming.V.Bitrate, c.DataBitrateConst)
	}
	if t, ok := c.Termination.Get(); ok && len(c.TerminationConst) > 0 {
		canIndent(f)
		f.Uint("termination", " termination %u [ ", uint64(t))
		f.OpenArray("termination_const")
		for i, v := range c.TerminationConst {
			sep := ", "
			if i == len(c.TerminationConst)-1 {
				sep = ""
			}
			f.UintElement("%u"+sep, uint64(v))
		}
		f.CloseArray()
		f.Literal(" ]")
	}
	if clk, ok := c.Clock.Get(); ok {
		canIndent(f)
		f.Uint("clock", " clock %u ", uint64(clk))
	}
}

// canIndent starts a continuation line of the CAN details.
func canIndent(f *format.Fields) {
	f.Line()
	f.Literal("\t ")
}

// printCANModes prints controller modes as "<A,B> " in text (when text
// is true; the others are JSON only) and as an array of names in JSON.
func printCANModes(f *format.Fields, key string, flags uint32, text bool) {
	if flags == 0 || !text && !f.JSON() {
		return
	}
	f.OpenArray(key)
	f.Literal("<")
	sep := ""
	for _, m := range canModes {
		if flags&m.bit != 0 {
			flags &^= m.bit
			f.Literal(sep)
			f.Element("%s", m.name)
			sep = ","
		}
	}
	if flags != 0 {
		f.Literal(sep)
		f.Element("%s", fmt.Sprintf("%x", flags))
	}
	f.CloseArray()
	f.Literal("> ")
}

// printBitTiming prints a bit timing; d is "d" for the data phase, whose
// transmitter delay compensation follows it.
func printBitTiming(f *format.Fields, key, d string, bt rtnl.CANBitTiming, tdc *rtnl.Opt[rtnl.CANTDC]) {
	f.Open(key)
	canIndent(f)
	f.Uint("bitrate", " "+d+"bitrate %u", uint64(bt.Bitrate))
	f.String("sample_point", " "+d+"sample-point %s", fmt.Sprintf("%.3f", float64(bt.SamplePoint)/1000))
	canIndent(f)
	for _, v := range []struct {
		key, text string
		v         uint32
	}{{"tq", "tq", bt.TQ}, {"prop_seg", "prop-seg", bt.PropSeg}, {"phase_seg1", "phase-seg1", bt.PhaseSeg1},
		{"phase_seg2", "phase-seg2", bt.PhaseSeg2}, {"sjw", "sjw", bt.SJW}, {"brp", "brp", bt.BRP}} {
		f.Uint(v.key, " "+d+v.text+" %u", uint64(v.v))
	}
	if tdc == nil {
		f.Close()
		return
	}
	if t, ok := tdc.Get(); ok && (t.TDCV.Set || t.TDCO.Set || t.TDCF.Set) {
		f.Open("tdc")
		canIndent(f)
		for _, v := range []struct {
			name string
			o    rtnl.Opt[uint32]
		}{{"tdcv", t.TDCV}, {"tdco", t.TDCO}, {"tdcf", t.TDCF}} {
			if x, ok := v.o.Get(); ok {
				f.Uint(v.name, " "+v.name+" %u", uint64(x))
			}
		}
		f.Close()
	}
	f.Close()
}

// printBitTimingConst prints a controller's timing limits.
func printBitTimingConst(f *format.Fields, key, d string, c rtnl.CANBitTimingConst, tdc *rtnl.Opt[rtnl.CANTDC]) {
	f.Open(key)
	canIndent(f)
	f.String("name", " %s:", c.Name)
	canRange(f, "tseg1", " "+d+"tseg1", c.TSeg1Min, c.TSeg1Max)
	canRange(f, "tseg2", " "+d+"tseg2", c.TSeg2Min, c.TSeg2Max)
	canRange(f, "sjw", " "+d+"sjw", 1, c.SJWMax)
	canRange(f, "brp", " "+d+"brp", c.BRPMin, c.BRPMax)
	f.Uint("brp_inc", " "+d+"brp_inc %u", uint64(c.BRPInc))
	if tdc == nil {
		f.Close()
		return
	}
	if t, ok := tdc.Get(); ok {
		f.Open("tdc")
		canIndent(f)
		for _, r := range []struct {
			name     string
			min, max rtnl.Opt[uint32]
		}{{"tdcv", t.TDCVMin, t.TDCVMax}, {"tdco", t.TDCOMin, t.TDCOMax}, {"tdcf", t.TDCFMin, t.TDCFMax}} {
			if r.min.Set && r.max.Set {
				canRange(f, r.name, " "+r.name, r.min.V, r.max.V)
			}
		}
		f.Close()
	}
	f.Close()
}

// canRange prints " NAME MIN..MAX" as text and {"min":..,"max":..} under
// key in JSON; ip prints the numbers as C ints.
func canRange(f *format.Fields, key, text string, min, max uint32) {
	f.Literal(text)
	f.Open(key)
	f.Int("min", " %d", int64(int32(min)))
	f.Int("max", "..%d", int64(int32(max)))
	f.Close()
}

// printBitrateConst prints the fixed bitrates a controller offers, six a
// line, with the one in use.
func printBitrateConst(f *format.Fields, key, listKey, text string, bitrate uint32, list []uint32) {
	canIndent(f)
	f.Uint(key, text, uint64(bitrate))
	canIndent(f)
	f.OpenArray(listKey)
	f.Literal("    [")
	for i, v := range list {
		if i%6 == 0 && i > 0 {
			canIndent(f)
			f.Literal("     ")
		}
		sep := ", "
		if i == len(list)-1 {
			sep = ""
		}
		f.UintElement("%8u"+sep, uint64(v))
	}
	f.CloseArray()
	f.Literal(" ]")
}
