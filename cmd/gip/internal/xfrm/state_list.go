package xfrm

import (
	"iter"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// stateFilter is what state list and deleteall select, as ip's filter
// holds it: a field takes part when given.
type stateFilter struct {
	use    bool
	nokeys bool
	info   xfrm.SAInfo
	id     idWords
	mode   bool
	reqid  bool
	flags  bool
}

// parseStateFilter reads [ nokeys ] [ ID ] [ mode MODE ] [ reqid REQID ]
// [ flag FLAG-LIST ].
func parseStateFilter(e *env.Env, args []string) (*stateFilter, error) {
	flt := &stateFilter{use: len(args) > 0 || e.G.Family != unix.AF_UNSPEC}
	flt.info.Family = uint16(e.G.Family)
	p := newParser(e, args)
	idSeen := false
	for p.a.More() {
		var err error
		switch word := p.a.Next(); word {
		case "nokeys":
			flt.nokeys = true
		case "mode":
			flt.info.Mode, err = p.mode()
			flt.mode = true
		case "reqid":
			flt.info.ReqID, err = p.u32("REQID value is invalid")
			flt.reqid = true
		case "flag":
			err = p.stateFlags(&flt.info.Flags)
			flt.flags = true
		default:
			if idSeen {
				return nil, fail.Invalid("unknown", word)
			}
			idSeen = true
			p.a.Back()
			var family uint8
			if family, err = p.id(&flt.info.Src, &flt.info.ID, true, &flt.id); family != 0 {
				flt.info.Family = uint16(family)
			}
			if p.family == unix.AF_UNSPEC {
				p.family = uint8(flt.info.Family)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return flt, nil
}

// match is xfrm_state_filter_match.
func (flt *stateFilter) match(s *xfrm.State) bool {
	if !flt.use {
		return true
	}
	i, f := &s.Info, &flt.info
	switch {
	case f.Family != unix.AF_UNSPEC && f.Family != i.Family,
		flt.id.srcBits != 0 && !addrMatch(i.Src, f.Src, flt.id.srcBits),
		flt.id.dstBits != 0 && !addrMatch(i.ID.Dst, f.ID.Dst, flt.id.dstBits),
		flt.id.proto && i.ID.Proto != f.ID.Proto,
		flt.id.spi && i.ID.SPI != f.ID.SPI,
		flt.mode && i.Mode != f.Mode,
		flt.reqid && i.ReqID != f.ReqID,
		flt.flags && i.Flags&f.Flags == 0:
		return false
	}
	return true
}

// kernelFilter is the filter ip sends with the dump: the protocol, the
// addresses and their lengths.
func (flt *stateFilter) kernelFilter() *xfrm.StateFilter {
	kf := &xfrm.StateFilter{Addr: xfrm.AddressFilter{Src: flt.info.Src, Dst: flt.info.ID.Dst, Family: flt.info.Family,
		SrcLen: uint8(flt.id.srcBits), DstLen: uint8(flt.id.dstBits)}}
	if flt.info.ID.Proto != 0 {
		proto := flt.info.ID.Proto
		kf.Proto = &proto
	}
	return kf
}

// runStateList is state list.
func runStateList(e *env.Env, args []string) error {
	flt, err := parseStateFilter(e, args)
	if err != nil {
		return err
	}
	dump := func(c *nl.Conn) iter.Seq2[*xfrm.State, error] { return xfrm.States(c, flt.kernelFilter()) }
	return list(e, dump, flt.match, func(s *xfrm.State) format.FieldRecord {
		return &stateView{s: s, nokeys: flt.nokeys, e: e}
	})
}

// runStateDeleteAll is state deleteall: the states that match (but not
// the tunnels' IPIP and IPv6 states), listed and deleted, in rounds
// until a listing finds none.
func runStateDeleteAll(e *env.Env, args []string) error {
	flt, err := parseStateFilter(e, args)
	if err != nil {
		return err
	}
	return deleteRounds(e, func(c *nl.Conn) ([]nl.Message, error) {
		var dels []nl.Message
		for s, err := range xfrm.States(c, nil) {
			if err != nil {
				return nil, err
			}
			if !flt.match(s) || s.Info.ID.Proto == unix.IPPROTO_IPIP || s.Info.ID.Proto == unix.IPPROTO_IPV6 {
				continue
			}
			m, err := s.Ref().Message(xfrm.MsgDelSA)
			if err != nil {
				return nil, err
			}
			dels = append(dels, m)
		}
		return dels, nil
	})
}
