package action

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const peditUsage = "Usage: ... pedit munge [ex] <MUNGE> [CONTROL]\n" +
	"Where: MUNGE := <RAW>|<LAYERED>\n" +
	"\t<RAW>:= <OFFSETC>[ATC]<CMD>\n \t\tOFFSETC:= offset <offval> <u8|u16|u32>\n" +
	"\t\tATC:= at <atval> offmask <maskval> shift <shiftval>\n" +
	"\t\tNOTE: offval is byte offset, must be multiple of 4\n" +
	"\t\tNOTE: maskval is a 32 bit hex number\n \t\tNOTE: shiftval is a shift value\n" +
	"\t\tCMD:= clear | invert | set <setval> | add <addval> | decrement | retain\n" +
	"\t<LAYERED>:= ip <ipdata> | ip6 <ip6data>\n" +
	" \t\t| udp <udpdata> | tcp <tcpdata> | icmp <icmpdata>\n" +
	"\tCONTROL:= reclassify | pipe | drop | continue | pass |\n" +
	"\t          goto chain <CHAIN_INDEX>\n" +
	"\tNOTE: if 'ex' is set, extended functionality will be supported (kernel >= 4.11)\n" +
	"For Example usage look at the examples directory\n"

// peditMaxKeys is how many keys one pedit action holds.
const peditMaxKeys = 128

// peditKind is pedit: rewrite 32-bit words of the packet, at raw offsets
// or at the fields of a header.
func peditKind() *Kind {
	k := &Kind{Name: "pedit", Usage: peditUsage}
	k.New, k.Parse, k.Print = typed(parsePedit, printPedit)
	return k
}

// peditParse is the state of one pedit action's grammar: the options
// being built and the lines to print before the command gives up.
type peditParse struct {
	p    *Parser
	o    *rtnl.Pedit
	msgs []string
}

// peditTKey is the key a munge builds before it is packed, with its
// extended header type and command.
type peditTKey struct {
	rtnl.PeditKey
	htype, cmd uint16
}

func parsePedit(p *Parser, o *rtnl.Pedit) error {
	usage := trimNL(peditUsage)
	st := &peditParse{p: p, o: o}
	ok := 0
loop:
	for p.More() {
		switch w := p.Peek(); {
		case grammar.Matches(w, "pedit"):
			if _, err := p.value(); err != nil {
				return err
			}
			ok++
			if grammar.Matches(p.Peek(), "ex") {
				if ok > 1 {
					return p.Fail("'ex' must be before first 'munge'", usage)
				}
				o.Extended = true
				if _, err := p.value(); err != nil {
					return err
				}
			}
		case grammar.Matches(w, "help"):
			return fail.Fatal(fail.ExitUsage, usage)
		case grammar.Matches(w, "munge"):
			if ok == 0 {
				return p.Fail("Bad pedit construct ("+w+")", usage)
			}
			if _, err := p.value(); err != nil {
				return err
			}
			good, err := st.munge()
			if err != nil {
				return err
			}
			if !good {
				word := "(null)"
				if p.More() {
					word = p.Peek()
				}
				return p.Fail(append(st.msgs, "Bad pedit construct ("+word+")", usage)...)
			}
			ok++
		default:
			break loop
		}
	}
	if ok == 0 {
		return p.Fail(usage)
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActOK)
	_, err := p.IndexTail(`Pedit: Illegal "index"`, &o.Parms.Index)
	return err
}

// restore moves the cursor back to where left words remained.
func (st *peditParse) restore(left int) {
	for st.p.Left() < left {
		st.p.Back()
	}
}

// munge reads one munge after its keyword. It reports false for a munge
// tc refuses, the cursor then on the word tc names in its complaint.
func (st *peditParse) munge() (bool, error) {
	p := st.p
	var t peditTKey
	if grammar.Matches(p.Peek(), "offset") {
		if _, err := p.value(); err != nil {
			return false, err
		}
		return st.offset(&t)
	}
	start, name := p.Left(), p.Peek()
	if _, err := p.value(); err != nil {
		return false, err
	}
	good, err := st.layered(name, &t)
	if err != nil {
		return false, err
	}
	if !good {
		// A refused header munge names the header.
		st.msgs = append(st.msgs, "bad pedit parsing")
		st.restore(start)
	}
	return good, nil
}

// offset reads a raw munge: OFF u8|u16|u32 [at AT offmask MASK shift
// SHIFT] CMD, the cursor on OFF.
func (st *peditParse) offset(t *peditTKey) (bool, error) {
	p := st.p
	start := p.Left()
	refuse := func() (bool, error) { st.restore(start); return false, nil }
	off, ok := peditInt(p.Peek())
	if !ok {
		return refuse()
	}
	t.Off = uint32(off)
	p.Next()
	if !p.More() {
		return refuse()
	}
	var size int
	var retain uint32
	switch w := p.Peek(); {
	case grammar.Matches(w, "u32"):
		size, retain = 4, 0xffffffff
	case grammar.Matches(w, "u16"):
		size, retain = 2, 0xffff
	case grammar.Matches(w, "u8"):
		size, retain = 1, 0xff
	default:
		return refuse()
	}
	if _, err := p.value(); err != nil {
		return false, err
	}
	if grammar.Matches(p.Peek(), "at") {
		for _, x := range []struct {
			v    *uint32
			base int
		}{{&t.At, 0}, {&t.Offmask, 16}, {&t.Shift, 0}} {
			w, err := p.value()
			if err != nil {
				return false, err
			}
			n, ok := grammar.CUint(w, x.base, 0xffffffff)
			if !ok {
				return refuse()
			}
			*x.v = uint32(n)
		}
		if _, err := p.value(); err != nil {
			return false, err
		}
	}
	return st.cmd(t, size, peditU32, retain, false)
}

// peditInt reads a whole word as tc's get_integer: C's strtol with base
// 0, within 32 bits.
func peditInt(s string) (int32, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := strings.HasPrefix(t, "-")
	if neg || strings.HasPrefix(t, "+") {
		t = t[1:]
	}
	if t == "" || strings.IndexByte(" \t\n\v\f\r+-", t[0]) >= 0 {
		return 0, false
	}
	v, ok := grammar.CUint(t, 0, 1<<31)
	switch {
	case !ok:
		return 0, false
	case neg:
		return int32(-int64(v)), true
	case v > 1<<31-1:
		return 0, false
	}
	return int32(v), true
}

func printPedit(f *format.Fields, o *rtnl.Pedit, v *View) {
	f.String("kind", " %s ", "pedit")
	if o.Extended && len(o.KeysEx) != len(o.Keys) {
		// The kernel sent a header type and command for some keys only.
		f.Literal("Netlink error\n")
		return
	}
	PrintControl(f, "action ", o.Parms.Action, " ")
	f.Uint("nkeys", "keys %u\n", uint64(len(o.Keys)))
	f.Uint("index", " \t index %u", uint64(o.Parms.Index))
	f.Int("ref", " ref %d", int64(o.Parms.Refcnt))
	f.Int("bind", " bind %d", int64(o.Parms.Bindcnt))
	if t, ok := o.Times.Get(); ok && v.Stats {
		printTimes(f, t, v)
	}
	f.OpenArray("keys")
	for i, k := range o.Keys {
		var x rtnl.PeditKeyEx
		if o.Extended {
			x = o.KeysEx[i]
		}
		f.OpenElement()
		printPeditKey(f, i, k, x)
		f.Close()
	}
	if len(o.Keys) == 0 && !f.JSON() {
		f.Literal("\npedit " + strconv.FormatUint(uint64(o.Parms.Index), 16) + " keys 0 is not LEGIT")
	}
	f.CloseArray()
	f.Line()
}
