package action

import (
	"bytes"
	"encoding/hex"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const ctUsage = "Usage: ct clear\n" +
	"\tct commit [force] [zone ZONE] [mark MASKED_MARK] [label MASKED_LABEL] [nat NAT_SPEC]\n" +
	"\tct [nat] [zone ZONE]\n" +
	"Where: ZONE is the conntrack zone table number\n" +
	"\tNAT_SPEC is {src|dst} addr addr1[-addr2] [port port1[-port2]]\n" +
	"\n"

// ctLabelLen is the size of a conntrack label, in bytes.
const ctLabelLen = 16

// ctKind is ct: connection tracking, with commit, marks, labels and NAT.
func ctKind() *Kind {
	k := &Kind{Name: "ct", Usage: ctUsage}
	k.New, k.Parse, k.Print = typed(parseCt, printCt)
	return k
}

func parseCt(p *Parser, o *rtnl.Ct) error {
	usage := func() error { return fail.Fatal(fail.ExitUsage, trimNL(ctUsage)) }
	if p.More() && grammar.Matches(p.Peek(), "ct") {
		p.Next()
	}
	var act uint16
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		switch {
		case m("zone"):
			v, err := p.value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 0, 0xffff)
			if !ok {
				return p.Fail(`ct: Illegal "zone"`)
			}
			o.Zone = rtnl.Some(uint16(n))
		case m("nat"):
			act |= rtnl.CtNat
			v, err := p.value()
			if err != nil {
				return err
			}
			switch {
			case grammar.Matches(v, "src"):
				act |= rtnl.CtNatSrc
			case grammar.Matches(v, "dst"):
				act |= rtnl.CtNatDst
			default:
				// The word is read again as the next keyword.
				continue
			}
			if v, err = p.value(); err != nil {
				return err
			}
			if !grammar.Matches(v, "addr") {
				return usage()
			}
			if v, err = p.value(); err != nil {
				return err
			}
			if err := parseCtNatAddr(o, v); err != nil {
				return err
			}
			if v, err = p.value(); err != nil {
				return err
			}
			if !grammar.Matches(v, "port") {
				continue
			}
			if v, err = p.value(); err != nil {
				return err
			}
			if !parseCtNatPorts(o, v) {
				return p.Fail("ct: Illegal nat port range")
			}
		case m("clear"):
			act |= rtnl.CtClear
		case m("commit"):
			act |= rtnl.CtCommit
		case m("force"):
			act |= rtnl.CtForce
		case m("index"):
			v, err := p.value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 10, 0xffffffff)
			if !ok {
				return p.Fail(`ct: Illegal "index"`)
			}
			o.Parms.Index = uint32(n)
		case m("mark"):
			v, err := p.value()
			if err != nil {
				return err
			}
			val, mask, ok := parseMasked32(v)
			if !ok {
				return p.Fail(`ct: Illegal "mark"`)
			}
			o.Mark, o.MarkMask = rtnl.Some(val), rtnl.Some(mask)
		case m("label"):
			v, err := p.value()
			if err != nil {
				return err
			}
			if err := parseCtLabels(o, v); err != nil {
				return err
			}
		case m("help"):
			return usage()
		default:
			break loop
		}
		p.Next()
	}
	switch {
	case act&rtnl.CtClear != 0 && act&^rtnl.CtClear != 0:
		return p.Fail("ct: clear can only be used alone")
	case act&rtnl.CtNatSrc != 0 && act&rtnl.CtNatDst != 0:
		return p.Fail("ct: src and dst nat can't be used together")
	case act&rtnl.CtCommit != 0 && act&rtnl.CtNat != 0 && act&(rtnl.CtNatSrc|rtnl.CtNatDst) == 0:
		return p.Fail("ct: commit and nat must set src or dst")
	case act&rtnl.CtCommit == 0 && act&(rtnl.CtNatSrc|rtnl.CtNatDst) != 0:
		return p.Fail("ct: src or dst is only valid if commit is set")
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	o.Action = rtnl.Some(act)
	return nil
}

// parseMasked32 reads VALUE[/MASK], C numbers; the mask is all ones
// when not given.
func parseMasked32(s string) (val, mask uint32, ok bool) {
	v, m, hasMask := strings.Cut(s, "/")
	n, ok := grammar.CUint(v, 0, 0xffffffff)
	if !ok {
		return 0, 0, false
	}
	mask = 0xffffffff
	if hasMask {
		x, ok := grammar.CUint(m, 0, 0xffffffff)
		if !ok {
			return 0, 0, false
		}
		mask = uint32(x)
	}
	return uint32(n), mask, true
}

// parseCtLabels reads LABEL[/MASK] in hexadecimal, at most 16 bytes each;
// the mask is all ones when not given.
func parseCtLabels(o *rtnl.Ct, s string) error {
	label, mask, hasMask := strings.Cut(s, "/")
	if len(label) > 2*ctLabelLen || len(mask) > 2*ctLabelLen {
		return fail.Invalid(strconv.Itoa(len(label))+" Max allowed size "+strconv.Itoa(2*ctLabelLen), label)
	}
	b, ok := hexBytes(label, len(label)/2)
	if !ok {
		return fail.Invalid("ct: labels must be a hex string\n", label)
	}
	o.Labels = b
	if !hasMask {
		o.LabelsMask = bytes.Repeat([]byte{0xff}, ctLabelLen)
		return nil
	}
	if o.LabelsMask, ok = hexBytes(mask, len(mask)/2); !ok {
		return fail.Invalid("ct: labels mask must be a hex string\n", mask)
	}
	return nil
}

// cBuf is what of an argument tc copies into its 64-byte buffer.
func cBuf(s string) string {
	if len(s) > 63 {
		return s[:63]
	}
	return s
}

// parseCtNatAddr reads ADDR[-ADDR]; the second address, which must be of
// the first's family, defaults to the first. A bad address is tc's fatal
// error.
func parseCtNatAddr(o *rtnl.Ct, s string) error {
	first, second, hasSecond := strings.Cut(cBuf(s), "-")
	a, err := grammar.ParseAddr(first, unix.AF_UNSPEC)
	if err != nil {
		return err
	}
	fam, b := addrBytes(a)
	if fam == unix.AF_INET {
		o.NatIPv4Min = b
	} else {
		o.NatIPv6Min = b
	}
	if hasSecond {
		if a, err = grammar.ParseAddr(second, fam); err != nil {
			return err
		}
		fam, b = addrBytes(a)
	}
	if fam == unix.AF_INET {
		o.NatIPv4Max = b
	} else {
		o.NatIPv6Max = b
	}
	return nil
}

// parseCtNatPorts reads PORT[-PORT]; the second port defaults to the
// first.
func parseCtNatPorts(o *rtnl.Ct, s string) bool {
	first, second, hasSecond := strings.Cut(cBuf(s), "-")
	n, ok := grammar.CUint(first, 10, 0xffff)
	if !ok {
		return false
	}
	o.NatPortMin = rtnl.Some(uint16(n))
	if hasSecond {
		if n, ok = grammar.CUint(second, 10, 0xffff); !ok {
			return false
		}
	}
	o.NatPortMax = rtnl.Some(uint16(n))
	return true
}

func printCt(f *format.Fields, o *rtnl.Ct, v *View) {
	f.String("kind", "%s", "ct")
	act, _ := o.Action.Get()
	switch {
	case act&rtnl.CtCommit != 0 && act&rtnl.CtForce != 0:
		f.String("action", " %s", "commit force")
	case act&rtnl.CtCommit != 0:
		f.String("action", " %s", "commit")
	case act&rtnl.CtClear != 0:
		f.String("action", " %s", "clear")
	}
	if x, ok := o.Mark.Get(); ok {
		f.Literal(" ")
		f.Uint("mark", "mark %u", uint64(x))
		if m, ok := o.MarkMask.Get(); ok && m != 0xffffffff {
			f.String("mark_mask", "/0x%s", strconv.FormatUint(uint64(m), 16))
		}
	}
	if x, ok := o.Zone.Get(); ok {
		f.Literal(" ")
		f.Uint("zone", "zone %u", uint64(x))
	}
	if o.Labels != nil {
		f.String("label", " label %s", ctLabelText(o.Labels, o.LabelsMask))
	}
	if act&rtnl.CtNat != 0 {
		if s := ctNatText(o, act); s != "" {
			f.String("nat", " nat %s", s)
		} else {
			f.String("nat", " nat", "")
		}
	}
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}

// ctLabelText is a label in hexadecimal, with its mask (as long as the
// label) unless the label is a full one under an all-ones mask.
func ctLabelText(label, mask []byte) string {
	s := hex.EncodeToString(label)
	full := len(label) == ctLabelLen
	m := make([]byte, len(label))
	copy(m, mask)
	for _, c := range m {
		full = full && c == 0xff
	}
	if !full {
		s += "/" + hex.EncodeToString(m)
	}
	return s
}

// ctNatText is the translation as tc prints it: direction, address range
// and port range (each bound once when both are the same).
func ctNatText(o *rtnl.Ct, act uint16) string {
	var b strings.Builder
	switch {
	case act&rtnl.CtNatSrc != 0:
		b.WriteString("src")
	case act&rtnl.CtNatDst != 0:
		b.WriteString("dst")
	default:
		return ""
	}
	addr := func(prefix string, x []byte) {
		switch len(x) {
		case 4:
			b.WriteString(prefix + netip.AddrFrom4([4]byte(x)).String())
		case 16:
			b.WriteString(prefix + netip.AddrFrom16([16]byte(x)).String())
		}
	}
	addr(" addr ", o.NatIPv4Min)
	addr(" addr ", o.NatIPv6Min)
	if o.NatIPv4Max != nil && !sameBytes(o.NatIPv4Min, o.NatIPv4Max, 4) {
		addr("-", o.NatIPv4Max)
	} else if o.NatIPv6Max != nil && !sameBytes(o.NatIPv6Min, o.NatIPv6Max, 16) {
		addr("-", o.NatIPv6Max)
	}
	if x, ok := o.NatPortMin.Get(); ok {
		b.WriteString(" port " + strconv.Itoa(int(x)))
	}
	if x, ok := o.NatPortMax.Get(); ok {
		if y, _ := o.NatPortMin.Get(); x != y {
			b.WriteString("-" + strconv.Itoa(int(x)))
		}
	}
	return b.String()
}

// sameBytes compares the first n bytes of a and b, short ones read as
// zeros.
func sameBytes(a, b []byte, n int) bool {
	x, y := make([]byte, n), make([]byte, n)
	copy(x, a)
	copy(y, b)
	return bytes.Equal(x, y)
}
