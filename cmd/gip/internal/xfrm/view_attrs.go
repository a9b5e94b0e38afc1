package xfrm

import (
	"encoding/hex"
	"fmt"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// attrs are the attributes xfrm_xfrma_print prints, of a policy or a
// state; nil is absent.
type attrs struct {
	xfrm.StateAttrs
	Templates    []xfrm.Template
	HasTemplates bool
	NoKeys       bool // list nokeys: keys are hidden
}

// attrs prints the attributes in ip's order, each line after prefix.
func (w *printer) attrs(a *attrs, family uint16, prefix string) {
	f := w.f
	switch {
	case a.Mark != nil:
		f.Open("mark")
		w.hex("value", "\tmark %s/", a.Mark.Value, cHex(a.Mark.Value))
		w.hex("mask", "%s ", a.Mark.Mask, cHex(a.Mark.Mask))
		f.Close()
		w.outputMark(a)
		w.line()
	case a.OutputMark != nil:
		f.Literal("\t")
		w.outputMark(a)
		w.line()
	}
	if a.Auth != nil && a.AuthTrunc == nil {
		w.algo("auth", a.Auth, nil, a.NoKeys, prefix)
	}
	if a.AuthTrunc != nil {
		w.algo("auth-trunc", &a.AuthTrunc.Algo, &a.AuthTrunc.Extra, a.NoKeys, prefix)
	}
	if a.AEAD != nil {
		w.algo("aead", &a.AEAD.Algo, &a.AEAD.Extra, a.NoKeys, prefix)
	}
	if a.Crypt != nil {
		w.algo("enc", a.Crypt, nil, a.NoKeys, prefix)
	}
	if a.Comp != nil {
		w.algo("comp", a.Comp, nil, a.NoKeys, prefix)
	}
	if e := a.Encap; e != nil {
		f.Literal(prefix + "encap ")
		f.Open("encap")
		f.String("type", "type %s ", encapName(e.Type))
		f.Uint("sport", "sport %u ", uint64(e.SrcPort))
		f.Uint("dport", "dport %u ", uint64(e.DstPort))
		f.String("addr", "addr %s", addr(e.OrigAddr, family))
		f.Close()
		w.line()
	}
	if a.HasTemplates {
		w.templates(a.Templates, prefix)
	}
	if a.CoAddr != nil {
		f.String("coa", prefix+"coa %s", addr(*a.CoAddr, family))
		w.line()
	}
	if a.LastUsed != nil {
		f.Literal(prefix)
		w.when("lastused", "lastused %s", *a.LastUsed)
		w.line()
	}
	if r := a.Replay; r != nil {
		f.Literal(prefix + "anti-replay context: ")
		f.Open("anti-replay")
		w.hex("seq", "seq %s, ", r.Seq, fmt.Sprintf("0x%x", r.Seq))
		w.hex("oseq", "oseq %s, ", r.OSeq, fmt.Sprintf("0x%x", r.OSeq))
		w.hex("bitmap", "bitmap %s", r.Bitmap, fmt.Sprintf("0x%08x", r.Bitmap))
		f.Close()
		w.line()
	}
	if r := a.ReplayESN; r != nil {
		w.replayESN(r, prefix)
	}
	if o := a.Offload; o != nil {
		f.Literal(prefix + "crypto offload parameters: ")
		f.Open("offload")
		f.StringColor(format.ColorIfname, "dev", "dev %s ", w.e.Links().Name(o.Ifindex))
		dir := "out"
		if o.Flags&xfrm.OffloadInbound != 0 {
			dir = "in"
		}
		f.String("dir", "dir %s", dir)
		f.Close()
		w.line()
	}
	if a.IfID != nil {
		f.Literal(prefix)
		w.hex("if_id", "if_id %s", *a.IfID, cHex(*a.IfID))
		w.line()
	}
	if a.TFCPad != nil {
		f.Uint("tfcpad", prefix+"tfcpad %u", uint64(*a.TFCPad))
		w.line()
	}
}

// outputMark prints "output-mark 0xV[/0xM]".
func (w *printer) outputMark(a *attrs) {
	if a.OutputMark == nil {
		return
	}
	w.hex("output-mark", "output-mark %s", *a.OutputMark, fmt.Sprintf("0x%x", *a.OutputMark))
	if a.OutputMarkMask != nil {
		w.hex("output-mark-mask", "/%s", *a.OutputMarkMask, fmt.Sprintf("0x%x", *a.OutputMarkMask))
	}
}

// algo prints one algorithm: its type, name and key (hidden under
// nokeys), with the truncation or ICV length after it.
func (w *printer) algo(typ string, a *xfrm.Algo, extra *uint32, nokeys bool, prefix string) {
	f := w.f
	f.Literal(prefix + typ + " ")
	f.Open(typ)
	f.String("name", "%s ", a.Name)
	switch {
	case a.Truncated():
		f.Bool("truncated", "(ERROR truncated)", true)
	case nokeys:
		f.Literal("<<Keys hidden>>")
	case len(a.Key) > 0:
		f.String("key", "%s", "0x"+hex.EncodeToString(a.Key))
		if w.stats > 0 {
			f.Uint("bits", " (%u bits)", uint64(a.KeyBits))
		}
	}
	if extra != nil {
		key := "icv-len"
		if typ == "auth-trunc" {
			key = "trunc-len"
		}
		f.Uint(key, " %u", uint64(*extra))
	}
	f.Close()
	w.line()
}

// replayESN prints the extended replay state and its bitmap, highest
// word first, eight to a line.
func (w *printer) replayESN(r *xfrm.ReplayESN, prefix string) {
	f := w.f
	f.Literal(prefix + "anti-replay esn context:")
	w.line()
	f.Open("anti-replay-esn")
	f.Literal(prefix)
	w.hex("seq-hi", " seq-hi %s, ", r.SeqHi, fmt.Sprintf("0x%x", r.SeqHi))
	w.hex("seq", "seq %s, ", r.Seq, fmt.Sprintf("0x%x", r.Seq))
	w.hex("oseq-hi", "oseq-hi %s, ", r.OSeqHi, fmt.Sprintf("0x%x", r.OSeqHi))
	w.hex("oseq", "oseq %s", r.OSeq, fmt.Sprintf("0x%x", r.OSeq))
	w.line()
	f.Literal(prefix)
	f.Uint("replay_window", " replay_window %u, ", uint64(r.ReplayWindow))
	f.Uint("bitmap-length", "bitmap-length %u", uint64(r.BitmapLen))
	f.OpenArray("bitmap")
	for i, j := len(r.Bitmap), 0; i > 0; i-- {
		if j%8 == 0 {
			w.line()
			f.Literal(prefix + " ")
		}
		j++
		if f.JSON() {
			f.UintElement("", uint64(r.Bitmap[i-1]))
		} else {
			f.Literal(fmt.Sprintf("%08x ", r.Bitmap[i-1]))
		}
	}
	f.CloseArray()
	f.Close()
	w.line()
}

// encapName is an encapsulation type's word, or its number.
func encapName(t uint16) string {
	switch t {
	case xfrm.EncapESPInUDPNonIKE:
		return "espinudp-nonike"
	case xfrm.EncapESPInUDP:
		return "espinudp"
	case xfrm.EncapESPInTCP:
		return "espintcp"
	}
	return fmt.Sprint(t)
}
