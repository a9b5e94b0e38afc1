package xfrm

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// maxReplayESN is XFRMA_REPLAY_ESN_MAX.
const maxReplayESN = 4096

// maxKey is the largest key ip takes, in bytes.
const maxKey = 512

// stateWords are the words of state add that take part in the checks
// at the end.
type stateWords struct {
	id, coa                  bool
	aead, enc, auth, comp    bool
	replayWindow             uint32
	seq, oseq, seqHi, oseqHi uint32
	mark, outputMark         xfrm.Mark
	ifID                     *uint32
	tfcpad                   uint32
	extraFlags               uint32
	offload                  *xfrm.Offload
}

// seq reads SEQ as get_be32 does: the number in network byte order,
// which ip stores as it is.
func (p *parser) seq() (uint32, error) {
	n, err := p.u32("SEQ value is invalid")
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], n)
	return binary.NativeEndian.Uint32(b[:]), err
}

// stateFlags reads a state's FLAG-LIST.
func (p *parser) stateFlags(flags *uint8) error {
	v, err := p.flagList(uint32(*flags), stateFlags, math.MaxUint8, "FLAG value is invalid")
	*flags = uint8(v)
	return err
}

// extraFlags reads EXTRA-FLAG-LIST.
func (p *parser) extraFlags(flags *uint32) (err error) {
	*flags, err = p.flagList(*flags, extraFlags, math.MaxUint32, `"EXTRA-FLAG" is invalid`)
	return err
}

// key reads ALGO-KEYMAT: 0x and hex digits (an odd count gets a leading
// zero), or the text itself.
func key(s string) ([]byte, error) {
	if len(s) > 2 && strings.HasPrefix(s, "0x") {
		digits := s[2:]
		if (len(digits)+1)/2 > maxKey {
			return nil, fail.Invalid("ALGO-KEYMAT value makes buffer overflow\n", s)
		}
		if len(digits)%2 == 1 {
			digits = "0" + digits
		}
		out := make([]byte, len(digits)/2)
		for i := range out {
			n, ok := grammar.CUint(digits[2*i:2*i+2], 16, math.MaxUint8)
			if !ok {
				return nil, fail.Invalid("ALGO-KEYMAT value is invalid", s)
			}
			out[i] = byte(n)
		}
		return out, nil
	}
	if len(s) > maxKey {
		return nil, fail.Invalid("ALGO-KEYMAT value makes buffer overflow\n", s)
	}
	return []byte(s), nil
}

// algo reads ALGO after its type word: the name, the key (not for
// comp), the truncation or ICV length (auth-trunc, aead).
func (p *parser) algo(typ string, s *xfrm.State, w *stateWords) error {
	dup := false
	switch typ {
	case "aead":
		dup, w.aead = w.enc || w.auth || w.aead, true
	case "enc":
		dup, w.enc = w.enc || w.aead, true
	case "auth", "auth-trunc":
		dup, w.auth = w.auth || w.aead, true
	case "comp":
		dup, w.comp = w.comp, true
	}
	if dup {
		return fail.Duplicate("ALGO-TYPE", typ)
	}
	if !p.a.More() {
		return missing("ALGO-NAME")
	}
	a := xfrm.Algo{Name: p.a.Next()}
	k := ""
	if typ != "comp" {
		if !p.a.More() {
			return missing("ALGO-KEYMAT")
		}
		k = p.a.Next()
	}
	var extra uint32
	switch typ {
	case "aead", "auth-trunc":
		what := map[string]string{"aead": "ALGO-ICV-LEN", "auth-trunc": "ALGO-TRUNC-LEN"}[typ]
		if !p.a.More() {
			return missing(what)
		}
		v := p.a.Next()
		n, ok := grammar.CUint(v, 0, math.MaxUint32)
		if !ok {
			return fail.Invalid(what+" value is invalid", v)
		}
		extra = uint32(n)
	}
	b, err := key(k)
	if err != nil {
		return err
	}
	if len(a.Name) > 63 {
		a.Name = a.Name[:63]
	}
	a.Key, a.KeyBits = b, uint32(len(b))*8
	switch typ {
	case "aead":
		s.AEAD = &xfrm.AlgoExtra{Algo: a, Extra: extra}
	case "auth-trunc":
		s.AuthTrunc = &xfrm.AlgoExtra{Algo: a, Extra: extra}
	case "enc":
		s.Crypt = &a
	case "auth":
		s.Auth = &a
	case "comp":
		s.Comp = &a
	}
	return nil
}

// encap reads ENCAP := TYPE SPORT DPORT OADDR after "encap".
func (p *parser) encap() (*xfrm.Encap, error) {
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	e := &xfrm.Encap{}
	switch v {
	case "espinudp-nonike":
		e.Type = xfrm.EncapESPInUDPNonIKE
	case "espinudp":
		e.Type = xfrm.EncapESPInUDP
	case "espintcp":
		e.Type = xfrm.EncapESPInTCP
	default:
		return nil, fail.Invalid("ENCAP-TYPE value is invalid", v)
	}
	sport, err := p.number(math.MaxUint16, `SPORT value after "encap" is invalid`)
	if err != nil {
		return nil, err
	}
	dport, err := p.number(math.MaxUint16, `DPORT value after "encap" is invalid`)
	if err != nil {
		return nil, err
	}
	v, err = p.value()
	if err != nil {
		return nil, err
	}
	oa, err := grammar.ParseAddr(v, unix.AF_UNSPEC)
	if err != nil {
		return nil, err
	}
	e.SrcPort, e.DstPort, e.OrigAddr = uint16(sport), uint16(dport), addressOf(oa)
	return e, nil
}

// offload reads [ dev DEV ] dir DIR after "offload".
func (p *parser) offload() (*xfrm.Offload, error) {
	o := &xfrm.Offload{}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if v == "dev" {
		name, err := p.value()
		if err != nil {
			return nil, err
		}
		i, err := p.e.Links().Index(name)
		if err != nil || i == 0 {
			return nil, fail.Invalid(`value after "offload dev" is invalid`, name)
		}
		o.Ifindex = i
		if v, err = p.value(); err != nil {
			return nil, err
		}
	}
	if v != "dir" {
		return nil, fail.Invalid(`value after "offload dir" is invalid`, v)
	}
	d, err := p.value()
	if err != nil {
		return nil, err
	}
	switch d {
	case "in":
		o.Flags = xfrm.OffloadInbound
	case "out":
	default:
		return nil, fail.Invalid("DIR value is invalid", d)
	}
	return o, nil
}

// parseState reads the words of state add and update.
func parseState(e *env.Env, args []string) (*xfrm.State, error) {
	s := &xfrm.State{Info: xfrm.SAInfo{Family: uint16(e.G.Family), Lifetime: xfrm.NoLimits()}}
	w := &stateWords{}
	p := newParser(e, args)
	var ctxSeen bool
	u32 := func(dst *uint32, word string) error {
		n, err := p.u32(`value after "` + word + `" is invalid`)
		*dst = n
		return err
	}
	for p.a.More() {
		var err error
		switch word := p.a.Next(); word {
		case "mode":
			s.Info.Mode, err = p.mode()
		case "mark":
			var m *xfrm.Mark
			if m, err = p.mark(); err == nil {
				w.mark = *m
			}
		case "reqid":
			s.Info.ReqID, err = p.u32("REQID value is invalid")
		case "seq":
			s.Info.Seq, err = p.seq()
		case "replay-window":
			err = u32(&w.replayWindow, word)
		case "replay-seq":
			err = u32(&w.seq, word)
		case "replay-seq-hi":
			err = u32(&w.seqHi, word)
		case "replay-oseq":
			err = u32(&w.oseq, word)
		case "replay-oseq-hi":
			err = u32(&w.oseqHi, word)
		case "flag":
			err = p.stateFlags(&s.Info.Flags)
		case "extra-flag":
			err = p.extraFlags(&w.extraFlags)
		case "sel":
			if !p.a.More() {
				return nil, fail.Incomplete()
			}
			p.family = unix.AF_UNSPEC
			err = p.selector(&s.Info.Sel, &selectorWords{})
			p.family = uint8(s.Info.Sel.Family)
		case "limit":
			err = p.limit(&s.Info.Lifetime)
		case "encap":
			s.Encap, err = p.encap()
		case "coa":
			if w.coa {
				return nil, fail.Duplicate("coa", word)
			}
			w.coa = true
			var pr grammar.Prefix
			if pr, err = p.prefix("coa"); err == nil {
				a := addressOf(pr)
				s.CoAddr = &a
			}
		case "ctx":
			if ctxSeen {
				return nil, fail.Duplicate("ctx", word)
			}
			ctxSeen = true
			s.SecCtx, err = p.secCtx()
		case "offload":
			w.offload, err = p.offload()
		case "output-mark":
			if w.outputMark.Value, err = p.u32(`value after "output-mark" is invalid`); err == nil && p.a.Peek() == "mask" {
				p.a.Next()
				w.outputMark.Mask, err = p.u32("mask value is invalid\n")
			}
		case "if_id":
			var n uint32
			if err = u32(&n, word); err == nil {
				w.ifID = &n
			}
		case "tfcpad":
			err = u32(&w.tfcpad, word)
		case "enc", "auth", "comp", "aead", "auth-trunc":
			err = p.algo(word, s, w)
		default:
			if w.id {
				return nil, fail.Invalid("unknown", word)
			}
			w.id = true
			p.a.Back()
			var family uint8
			if family, err = p.id(&s.Info.Src, &s.Info.ID, false, &idWords{}); err == nil && family != 0 {
				s.Info.Family = uint16(family)
			}
			if p.family == unix.AF_UNSPEC {
				p.family = uint8(s.Info.Family)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return s, finishState(s, w)
}

// finishState makes the attributes the words ask for and checks them
// together, as ip does at the end.
func finishState(s *xfrm.State, w *stateWords) error {
	if s.Info.Flags&xfrm.StateESN != 0 && w.replayWindow == 0 {
		return fail.Fatal(fail.ExitUsage, "Error: esn flag set without replay-window.")
	}
	if w.replayWindow > maxReplayESN {
		return fail.Fatal(fail.ExitUsage, fmt.Sprintf("Error: replay-window (%d) > XFRMA_REPLAY_ESN_MAX (%d).", w.replayWindow, maxReplayESN))
	}
	s.Offload = w.offload
	if s.Info.Flags&xfrm.StateESN != 0 || w.replayWindow > 32 {
		s.ReplayESN = &xfrm.ReplayESN{Seq: w.seq, OSeq: w.oseq, SeqHi: w.seqHi, OSeqHi: w.oseqHi,
			ReplayWindow: w.replayWindow, BitmapLen: (w.replayWindow + 31) / 32}
	} else {
		if w.seq != 0 || w.oseq != 0 {
			s.Replay = &xfrm.Replay{Seq: w.seq, OSeq: w.oseq}
		}
		s.Info.ReplayWindow = uint8(w.replayWindow)
	}
	if w.extraFlags != 0 {
		s.ExtraFlags = &w.extraFlags
	}
	if !w.id {
		return fail.Fatal(fail.ExitLocal, "Not enough information: ID is required")
	}
	if w.mark.Mask != 0 {
		s.Mark = &w.mark
	}
	s.IfID = w.ifID
	if w.tfcpad != 0 {
		s.TFCPad = &w.tfcpad
	}
	if err := checkProto(s, w); err != nil {
		return err
	}
	if w.outputMark.Value != 0 {
		s.OutputMark = &w.outputMark.Value
	}
	if w.outputMark.Mask != 0 {
		s.OutputMarkMask = &w.outputMark.Mask
	}
	if s.Info.Family == unix.AF_UNSPEC {
		s.Info.Family = unix.AF_INET
	}
	return nil
}

// checkProto is ip's check of the mode, algorithms and care-of address
// against the protocol.
func checkProto(s *xfrm.State, w *stateWords) error {
	proto, name := s.Info.ID.Proto, xfrmProtoName(s.Info.ID.Proto)
	local := func(msg string) error { return fail.Fatal(fail.ExitLocal, msg) }
	switch proto {
	case xfrm.ProtoESP, xfrm.ProtoAH, xfrm.ProtoComp:
		switch m := s.Info.Mode; {
		case m == xfrm.ModeTransport || m == xfrm.ModeTunnel:
		case m == xfrm.ModeBEET && proto == xfrm.ProtoESP:
		default:
			return local(`MODE value is invalid with XFRM-PROTO value "` + name + `"`)
		}
		switch proto {
		case xfrm.ProtoESP:
			if w.comp {
				return local(`ALGO-TYPE value "comp" is invalid with XFRM-PROTO value "` + name + `"`)
			}
			if !w.enc && !w.aead {
				return local(`ALGO-TYPE value "enc" or "aead" is required with XFRM-PROTO value "` + name + `"`)
			}
		case xfrm.ProtoAH:
			if w.enc || w.aead || w.comp {
				return local(`ALGO-TYPE values "enc", "aead", and "comp" are invalid with XFRM-PROTO value "` + name + `"`)
			}
			if !w.auth {
				return local(`ALGO-TYPE value "auth" or "auth-trunc" is required with XFRM-PROTO value "` + name + `"`)
			}
		case xfrm.ProtoComp:
			if w.enc || w.auth || w.aead {
				return local(`ALGO-TYPE values "enc", "auth", "auth-trunc", and "aead" are invalid with XFRM-PROTO value "` + name + `"`)
			}
			if !w.comp {
				return local(`ALGO-TYPE value "comp" is required with XFRM-PROTO value "` + name + `"`)
			}
		}
	default:
		if w.enc || w.auth || w.aead || w.comp {
			return local(`ALGO is invalid with XFRM-PROTO value "` + name + `"`)
		}
	}
	if proto == xfrm.ProtoRouting || proto == xfrm.ProtoDstOpts {
		switch s.Info.Mode {
		case xfrm.ModeRO, xfrm.ModeInTrigger:
		case 0:
			return local(`"mode" is required with XFRM-PROTO value "` + name + `"`)
		default:
			return local(`MODE value is invalid with XFRM-PROTO value "` + name + `"`)
		}
		if !w.coa {
			return local(`"coa" is required with XFRM-PROTO value "` + name + `"`)
		}
	} else if w.coa {
		return local(`"coa" is invalid with XFRM-PROTO value "` + name + `"`)
	}
	return nil
}

// planStateModify is state add (NEWSA) and update (UPDSA).
func planStateModify(typ uint16) func(e *env.Env, args []string) ([]plan.Step, error) {
	return func(e *env.Env, args []string) ([]plan.Step, error) {
		s, err := parseState(e, args)
		if err != nil {
			return nil, err
		}
		build := func(*env.Env) (nl.Message, error) { return s.Message(typ) }
		step := plan.Step{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}
		if typ == xfrm.MsgNewSA {
			step.Undo = undoStateAdd
		}
		return []plan.Step{step}, nil
	}
}

// undoStateAdd deletes the state an add created.
func undoStateAdd(req nl.Message, _ *nl.Message) (nl.Message, bool) {
	s, err := xfrm.ParseState(req)
	if err != nil {
		return nl.Message{}, false
	}
	m, err := s.Ref().Message(xfrm.MsgDelSA)
	return m, err == nil
}
