package xfrm

import (
	"encoding/binary"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// policyFilter is what list and deleteall select, as ip's filter holds
// it: a field takes part when given.
type policyFilter struct {
	use      bool
	sel      xfrm.Selector
	words    selectorWords
	dir      *uint8
	index    *uint32
	ptype    *uint8
	action   *uint8
	priority *uint32
	flags    *uint8
	nosock   bool
}

// parsePolicyFilter reads [ nosock ] [ SELECTOR ] [ dir DIR ] [ index
// INDEX ] [ ptype PTYPE ] [ action ACTION ] [ priority PRIORITY ]
// [ flag FLAG-LIST ].
func parsePolicyFilter(e *env.Env, args []string) (*policyFilter, *parser, error) {
	flt := &policyFilter{use: len(args) > 0 || e.G.Family != unix.AF_UNSPEC}
	flt.sel.Family = uint16(e.G.Family)
	p := newParser(e, args)
	selSeen := false
	for p.a.More() {
		switch word := p.a.Next(); word {
		case "dir":
			d, err := p.dir()
			if err != nil {
				return nil, nil, err
			}
			flt.dir = &d
		case "index":
			n, err := p.u32("INDEX value is invalid")
			if err != nil {
				return nil, nil, err
			}
			flt.index = &n
		case "ptype":
			t, err := p.ptype()
			if err != nil {
				return nil, nil, err
			}
			flt.ptype = &t
		case "action":
			a, err := p.action()
			if err != nil {
				return nil, nil, err
			}
			flt.action = &a
		case "priority":
			n, err := p.u32("PRIORITY value is invalid")
			if err != nil {
				return nil, nil, err
			}
			flt.priority = &n
		case "flag":
			var fl uint8
			if err := p.policyFlags(&fl); err != nil {
				return nil, nil, err
			}
			flt.flags = &fl
		case "nosock":
			flt.nosock = true
		default:
			if selSeen {
				return nil, nil, fail.Invalid("unknown", word)
			}
			selSeen = true
			p.a.Back()
			if err := p.selector(&flt.sel, &flt.words); err != nil {
				return nil, nil, err
			}
			if p.family == unix.AF_UNSPEC {
				p.family = uint8(flt.sel.Family)
			}
		}
	}
	return flt, p, nil
}

// addrMatch is xfrm_addr_match == 0: the first bits of two xfrm
// addresses, compared as ip does, in 32-bit words.
func addrMatch(a, b xfrm.Address, bits int) bool {
	words := bits / 32
	for i := 0; i < words && i < 4; i++ {
		if a[4*i] != b[4*i] || a[4*i+1] != b[4*i+1] || a[4*i+2] != b[4*i+2] || a[4*i+3] != b[4*i+3] {
			return false
		}
	}
	if r := bits % 32; r != 0 && words < 4 {
		mask := ^uint32(0) << (32 - r)
		wa, wb := binary.BigEndian.Uint32(a[4*words:]), binary.BigEndian.Uint32(b[4*words:])
		return (wa^wb)&mask == 0
	}
	return true
}

// match is xfrm_policy_filter_match.
func (flt *policyFilter) match(p *xfrm.Policy) bool {
	if !flt.use {
		return true
	}
	info := &p.Info
	ptype := uint8(xfrm.TypeMain)
	if p.Type != nil {
		ptype = *p.Type
	}
	w := &flt.words
	switch {
	case flt.sel.Family != unix.AF_UNSPEC && flt.sel.Family != info.Sel.Family,
		flt.dir != nil && *flt.dir != info.Dir,
		flt.nosock && info.Dir >= xfrm.DirMax,
		flt.ptype != nil && *flt.ptype != ptype,
		w.srcBits != 0 && !addrMatch(info.Sel.Src, flt.sel.Src, w.srcBits),
		w.dstBits != 0 && !addrMatch(info.Sel.Dst, flt.sel.Dst, w.dstBits),
		w.dev && info.Sel.Ifindex != flt.sel.Ifindex,
		w.proto && info.Sel.Proto != flt.sel.Proto,
		w.sport && info.Sel.SrcPort != flt.sel.SrcPort,
		w.dport && info.Sel.DstPort != flt.sel.DstPort,
		flt.index != nil && *flt.index != info.Index,
		flt.action != nil && *flt.action != info.Action,
		flt.priority != nil && *flt.priority != info.Priority,
		flt.flags != nil && info.Flags&*flt.flags == 0:
		return false
	}
	return true
}

// runPolicyList is policy list.
func runPolicyList(e *env.Env, args []string) error {
	flt, p, err := parsePolicyFilter(e, args)
	if err != nil {
		return err
	}
	return list(e, xfrm.Policies, flt.match, func(pol *xfrm.Policy) format.FieldRecord {
		return &policyView{p: pol, family: p.family, e: e}
	})
}

// runPolicyDeleteAll is policy deleteall: the policies that match
// (socket policies cannot be deleted), listed and then deleted, in rounds
// until a listing finds none.
func runPolicyDeleteAll(e *env.Env, args []string) error {
	flt, _, err := parsePolicyFilter(e, args)
	if err != nil {
		return err
	}
	return deleteRounds(e, func(c *nl.Conn) ([]nl.Message, error) {
		var dels []nl.Message
		for pol, err := range xfrm.Policies(c) {
			if err != nil {
				return nil, err
			}
			if !flt.match(pol) || pol.Info.Dir >= xfrm.DirMax {
				continue
			}
			m, err := pol.Ref().Message(xfrm.MsgDelPolicy)
			if err != nil {
				return nil, err
			}
			dels = append(dels, m)
		}
		return dels, nil
	})
}
