package xfrm

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// printer holds what every xfrm view needs: the fields, the -s level and
// the device names.
type printer struct {
	f     *format.Fields
	stats int
	e     *env.Env
}

// line ends a line of the record (ip's _SL_).
func (w *printer) line() { w.f.Line() }

// end ends the record: under -o the one line gets its newline.
func (w *printer) end() {
	if w.f.Mode() == format.Oneline {
		w.f.Literal("\n")
	}
}

// event prints in text what a notification says happened: Deleted,
// Updated or Expired, when typ is one of those types (JSON says it in the
// monitor's envelope).
func (w *printer) event(typ uint16, deleted, updated, expired uint16) {
	switch typ {
	case deleted:
		w.f.Literal("Deleted ")
	case updated:
		w.f.Literal("Updated ")
	case expired:
		w.f.Literal("Expired ")
	}
}

// addr is rt_addr_n2a of an xfrm address: "???" for a family it cannot
// print.
func addr(x xfrm.Address, family uint16) string {
	if a := x.As(family); a.IsValid() {
		return a.String()
	}
	return "???"
}

// cHex is C's %#x: 0x and hex digits, or a bare 0.
func cHex(v uint32) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(uint64(v), 16)
}

// hex prints a number shown in hex in text (textFmt has one %s for it),
// and as a number in JSON.
func (w *printer) hex(key, textFmt string, v uint32, text string) {
	if w.f.JSON() {
		w.f.Uint(key, "", uint64(v))
		return
	}
	w.f.Literal(fmt.Sprintf(textFmt, text))
}

// selector prints a selector as xfrm_selector_print does, after prefix.
func (w *printer) selector(s *xfrm.Selector, family uint16, prefix string) {
	f := s.Family
	if f == unix.AF_UNSPEC {
		f = family
	}
	w.f.Literal(prefix)
	w.f.String("src", "src %s ", addr(s.Src, f)+"/"+strconv.Itoa(int(s.SrcLen)))
	w.f.String("dst", "dst %s ", addr(s.Dst, f)+"/"+strconv.Itoa(int(s.DstLen)))
	if s.Proto != 0 {
		w.f.String("proto", "proto %s ", protoName(s.Proto))
	}
	switch s.Proto {
	case unix.IPPROTO_ICMP, unix.IPPROTO_ICMPV6:
		if s.SrcPortMask != 0 {
			w.f.Uint("type", "type %u ", uint64(s.SrcPort))
		}
		if s.DstPortMask != 0 {
			w.f.Uint("code", "code %u ", uint64(s.DstPort))
		}
	case unix.IPPROTO_GRE:
		if s.SrcPortMask != 0 || s.DstPortMask != 0 {
			w.f.Uint("key", "key %u ", uint64(s.SrcPort)<<16+uint64(s.DstPort))
		}
	case unix.IPPROTO_MH:
		if s.SrcPortMask != 0 {
			w.f.Uint("type", "type %u ", uint64(s.SrcPort))
		}
		if s.DstPortMask != 0 && w.stats > 0 {
			// ip prints the port as it is in memory, big-endian.
			raw := s.DstPort>>8 | s.DstPort<<8
			w.f.String("dport", "(dport) %s ", fmt.Sprintf("0x%.4x", raw))
		}
	default:
		if s.SrcPortMask != 0 {
			w.f.Uint("sport", "sport %u ", uint64(s.SrcPort))
		}
		if s.DstPortMask != 0 {
			w.f.Uint("dport", "dport %u ", uint64(s.DstPort))
		}
	}
	if s.Ifindex > 0 {
		w.f.StringColor(format.ColorIfname, "dev", "dev %s ", w.e.Links().Name(s.Ifindex))
	}
	if w.stats > 0 {
		w.f.Uint("uid", "uid %u", uint64(s.User))
	}
	w.line()
}

// limit is strxf_limit: (INF) for no limit; JSON null.
func (w *printer) limit(key, textFmt string, v uint64) {
	if v == xfrm.Infinity {
		w.f.Null(key, fmt.Sprintf(textFmt, "(INF)"))
		return
	}
	w.f.Uint(key, fmt.Sprintf(textFmt, "%u"), v)
}

// when is strxf_time: the local time, or "-" (JSON null) for never.
func (w *printer) when(key, textFmt string, t uint64) {
	if t == 0 {
		w.f.Null(key, fmt.Sprintf(textFmt, "-"))
		return
	}
	w.f.String(key, textFmt, time.Unix(int64(t), 0).Format("2006-01-02 15:04:05"))
}

// lifetime prints the limits and the use of a policy or state (-s).
func (w *printer) lifetime(l *xfrm.Lifetime, c *xfrm.Current, prefix string) {
	f := w.f
	f.Open("lifetime_config")
	f.Literal(prefix + "lifetime config:")
	w.line()
	for _, r := range []struct {
		what       string
		soft, hard string // the keys
		v          [2]uint64
		limit      bool // (INF) for no limit
	}{
		{"limit: soft %s(bytes), hard %s(bytes)", "byte-soft", "byte-hard", [2]uint64{l.SoftBytes, l.HardBytes}, true},
		{"limit: soft %s(packets), hard %s(packets)", "packet-soft", "packet-hard", [2]uint64{l.SoftPackets, l.HardPackets}, true},
		{"expire add: soft %s(sec), hard %s(sec)", "time-soft", "time-hard", [2]uint64{l.SoftAdd, l.HardAdd}, false},
		{"expire use: soft %s(sec), hard %s(sec)", "time-use-soft", "time-use-hard", [2]uint64{l.SoftUse, l.HardUse}, false},
	} {
		first, second, _ := strings.Cut(r.what, ",")
		f.Literal(prefix)
		for i, x := range []struct{ key, text string }{{r.soft, "  " + first + ","}, {r.hard, second}} {
			if r.limit {
				w.limit(x.key, x.text, r.v[i])
			} else {
				f.Uint(x.key, strings.Replace(x.text, "%s", "%u", 1), r.v[i])
			}
		}
		w.line()
	}
	f.Close()
	f.Open("lifetime_current")
	f.Literal(prefix + "lifetime current:")
	w.line()
	f.Literal(prefix)
	f.Uint("bytes", "  %u(bytes),", c.Bytes)
	f.Uint("packets", " %u(packets)", c.Packets)
	w.line()
	f.Literal(prefix)
	w.when("add", "  add %s ", c.AddTime)
	w.when("use", "use %s", c.UseTime)
	w.line()
	f.Close()
}

// secCtx prints a security context.
func (w *printer) secCtx(c *xfrm.SecCtx) {
	w.f.String("security_context", "\tsecurity context %s ", c.Context)
	w.line()
}

// mask8 is strxf_mask8: the bits of a byte, highest first.
func mask8(v uint8) string { return fmt.Sprintf("%08b", v) }

// flags prints "KEY WORDS" (JSON: an array of the words under key).
func (w *printer) flags(key string, words []string) {
	w.f.Literal(key + " ")
	w.f.OpenArray(key)
	for i, s := range words {
		sep := " "
		if i == len(words)-1 {
			sep = ""
		}
		w.f.Element("%s"+sep, s)
	}
	w.f.CloseArray()
}

// templates prints a policy's templates (XFRMA_TMPL).
func (w *printer) templates(ts []xfrm.Template, prefix string) {
	f := w.f
	if len(ts) == 0 {
		f.Literal(prefix + "(ERROR \"tmpl\" truncated)")
		w.line()
		return
	}
	f.OpenArray("tmpl")
	for i := range ts {
		t := &ts[i]
		f.OpenElement()
		f.Literal(prefix)
		w.id(&t.Src, &t.ID, t.Mode, t.ReqID, t.Family, false, prefix, "tmpl ")
		if w.stats > 0 || t.Optional != 0 {
			f.Literal(prefix + "\t")
			switch t.Optional {
			case 0:
				if w.stats > 0 {
					f.String("level", "level %s ", "required")
				}
			case 1:
				f.String("level", "level %s ", "use")
			default:
				f.Uint("level", "level %u ", uint64(t.Optional))
			}
			if w.stats > 0 {
				f.String("share", "share %s ", shareName(t.Share))
			}
			w.line()
		}
		if w.stats > 0 {
			f.Literal(prefix + "\t")
			w.hex("enc-mask", "enc-mask %s ", t.EncAlgos, fmt.Sprintf("%.8x", t.EncAlgos))
			w.hex("auth-mask", "auth-mask %s ", t.AuthAlgos, fmt.Sprintf("%.8x", t.AuthAlgos))
			w.hex("comp-mask", "comp-mask %s", t.CompAlgos, fmt.Sprintf("%.8x", t.CompAlgos))
			w.line()
		}
		f.Close()
	}
	f.CloseArray()
}

// id is xfrm_id_info_print: the addresses on one line, then protocol,
// SPI, reqid and mode on the next.
func (w *printer) id(src *xfrm.Address, id *xfrm.ID, mode uint8, reqid uint32, family uint16, forceSPI bool, prefix, title string) {
	f := w.f
	f.Literal(title)
	f.String("src", "src %s ", addr(*src, family))
	f.String("dst", "dst %s", addr(id.Dst, family))
	w.line()
	f.Literal(prefix + "\t")
	f.String("proto", "proto %s ", xfrmProtoName(id.Proto))
	if w.stats > 0 || forceSPI || id.SPI != 0 {
		w.hex("spi", "spi %s", id.SPI, fmt.Sprintf("0x%08x", id.SPI))
		if w.stats > 0 {
			f.Literal(fmt.Sprintf("(%d)", id.SPI))
		}
		f.Literal(" ")
	}
	f.Uint("reqid", "reqid %u", uint64(reqid))
	if w.stats > 0 {
		f.Literal(fmt.Sprintf("(0x%08x)", reqid))
	}
	f.Literal(" ")
	f.String("mode", "mode %s", modeName(mode))
	w.line()
}
