package xfrm

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// parseStateRef reads ID [ mark MARK [ mask MASK ] ], as state get and
// delete take it.
func parseStateRef(e *env.Env, args []string) (*xfrm.StateRef, error) {
	r := &xfrm.StateRef{ID: xfrm.SAID{Family: uint16(e.G.Family)}}
	p := newParser(e, args)
	var mark *xfrm.Mark
	idSeen := false
	for p.a.More() {
		word := p.a.Next()
		if word == "mark" {
			m, err := p.mark()
			if err != nil {
				return nil, err
			}
			mark = m
			continue
		}
		if idSeen {
			return nil, fail.Invalid("unknown", word)
		}
		idSeen = true
		p.a.Back()
		var src xfrm.Address
		var id xfrm.ID
		family, err := p.id(&src, &id, false, &idWords{})
		if err != nil {
			return nil, err
		}
		if family != 0 {
			r.ID.Family = uint16(family)
		}
		r.ID.Dst, r.ID.SPI, r.ID.Proto, r.SrcAddr = id.Dst, id.SPI, id.Proto, &src
	}
	if mark != nil && mark.Value&mark.Mask != 0 {
		r.Mark = mark
	}
	if r.ID.Family == unix.AF_UNSPEC {
		r.ID.Family = unix.AF_INET
	}
	return r, nil
}

// planStateDelete is state delete.
func planStateDelete(e *env.Env, args []string) ([]plan.Step, error) {
	r, err := parseStateRef(e, args)
	if err != nil {
		return nil, err
	}
	build := func(*env.Env) (nl.Message, error) { return r.Message(xfrm.MsgDelSA) }
	return []plan.Step{{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}}, nil
}

// runStateGet is state get: the state, printed as list prints it.
func runStateGet(e *env.Env, args []string) error {
	r, err := parseStateRef(e, args)
	if err != nil {
		return err
	}
	m, err := r.Message(xfrm.MsgGetSA)
	if err != nil {
		return err
	}
	return printReplies(e, m, "An error :-)", func(rep nl.Message) (format.FieldRecord, error) {
		s, err := xfrm.ParseState(rep)
		return &stateView{s: s, typ: rep.Header.Type, e: e}, err
	})
}

// runStateAllocSPI is state allocspi: the kernel makes a larval state with
// a free SPI in [min, max], which is printed.
func runStateAllocSPI(e *env.Env, args []string) error {
	req := &xfrm.SPIRequest{Info: xfrm.SAInfo{Family: uint16(e.G.Family)}}
	p := newParser(e, args)
	var idSeen, minSeen, maxSeen bool
	var mark *xfrm.Mark
	for p.a.More() {
		var err error
		switch word := p.a.Next(); word {
		case "mode":
			req.Info.Mode, err = p.mode()
		case "mark":
			mark, err = p.mark()
		case "reqid":
			req.Info.ReqID, err = p.u32("REQID value is invalid")
		case "seq":
			req.Info.Seq, err = p.seq()
		case "min", "max":
			seen, v := &minSeen, &req.Min
			if word == "max" {
				seen, v = &maxSeen, &req.Max
			}
			if *seen {
				return fail.Duplicate(word, word)
			}
			*seen = true
			*v, err = p.u32(`value after "` + word + `" is invalid`)
		default:
			if idSeen {
				return fail.Invalid("unknown", word)
			}
			idSeen = true
			p.a.Back()
			var family uint8
			family, err = p.id(&req.Info.Src, &req.Info.ID, false, &idWords{})
			if err == nil && req.Info.ID.SPI != 0 {
				return fail.Fatal(fail.ExitLocal, `"spi" is invalid`)
			}
			if family != 0 {
				req.Info.Family = uint16(family)
			}
			if p.family == unix.AF_UNSPEC {
				p.family = uint8(req.Info.Family)
			}
		}
		if err != nil {
			return err
		}
	}
	switch {
	case !idSeen:
		return fail.Fatal(fail.ExitLocal, "Not enough information: ID is required")
	case minSeen && !maxSeen:
		return fail.Fatal(fail.ExitLocal, `"max" is missing`)
	case minSeen && req.Min > req.Max:
		return fail.Fatal(fail.ExitLocal, `value after "min" is larger than value after "max"`)
	case maxSeen && !minSeen:
		return fail.Fatal(fail.ExitLocal, `"min" is missing`)
	case !minSeen:
		// PF_KEY's defaults; an IPComp SPI has 16 bits.
		req.Min, req.Max = 0x100, 0x0fffffff
		if req.Info.ID.Proto == xfrm.ProtoComp {
			req.Max = 0xffff
		}
	}
	if mark != nil && mark.Value&mark.Mask != 0 {
		req.Mark = mark
	}
	if req.Info.Family == unix.AF_UNSPEC {
		req.Info.Family = unix.AF_INET
	}
	m, err := req.Message()
	if err != nil {
		return err
	}
	return printReplies(e, m, "An error :-)", func(rep nl.Message) (format.FieldRecord, error) {
		s, err := xfrm.ParseState(rep)
		return &stateView{s: s, typ: rep.Header.Type, e: e}, err
	})
}
