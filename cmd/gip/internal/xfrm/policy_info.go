package xfrm

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// planPolicyFlush is policy flush [ ptype PTYPE ].
func planPolicyFlush(e *env.Env, args []string) ([]plan.Step, error) {
	p := newParser(e, args)
	var typ *uint8
	for p.a.More() {
		switch word := p.a.Next(); word {
		case "ptype":
			if typ != nil {
				return nil, fail.Duplicate("ptype", word)
			}
			t, err := p.ptype()
			if err != nil {
				return nil, err
			}
			typ = &t
		default:
			return nil, fail.Invalid("unknown", word)
		}
	}
	build := func(*env.Env) (nl.Message, error) { return xfrm.FlushPolicies(typ) }
	return []plan.Step{{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}}, nil
}

// planPolicySet is policy set [ hthresh4 LBITS RBITS ] [ hthresh6 LBITS
// RBITS ].
func planPolicySet(e *env.Env, args []string) ([]plan.Step, error) {
	p := newParser(e, args)
	var v4, v6 *xfrm.Thresholds
	for p.a.More() {
		word := p.a.Next()
		var max uint64
		var t **xfrm.Thresholds
		switch word {
		case "hthresh4":
			t, max = &v4, 32
		case "hthresh6":
			t, max = &v6, 128
		default:
			return nil, fail.Invalid("unknown", word)
		}
		if *t != nil {
			return nil, fail.Duplicate(word, word)
		}
		l, err := p.bits(max, word+" LBITS value is invalid")
		if err != nil {
			return nil, err
		}
		r, err := p.bits(max, word+" RBITS value is invalid")
		if err != nil {
			return nil, err
		}
		*t = &xfrm.Thresholds{Local: l, Remote: r}
	}
	build := func(*env.Env) (nl.Message, error) { return xfrm.SetThresholds(v4, v6) }
	return []plan.Step{{Build: build, Proto: unix.NETLINK_XFRM, Report: kernelFatal, Fatal: true}}, nil
}

// bits reads a prefix length of at most max.
func (p *parser) bits(max uint64, msg string) (uint8, error) {
	v, err := p.value()
	if err != nil {
		return 0, err
	}
	n, ok := grammar.CUint(v, 0, math.MaxUint8)
	if !ok || n > max {
		return 0, fail.Invalid(msg, v)
	}
	return uint8(n), nil
}

// runPolicyCount is policy count: the SPD's counters.
func runPolicyCount(e *env.Env, _ []string) error {
	return printReplies(e, xfrm.SPDInfoRequest(), "SPDinfo: Wrong len", func(rep nl.Message) (format.FieldRecord, error) {
		info, err := xfrm.ParseSPDInfo(rep)
		return &spdView{info: info, stats: e.G.Stats}, err
	})
}

// spdView prints the SPD's counters as print_spdinfo does.
type spdView struct {
	info  *xfrm.SPDInfo
	stats int
}

func (v *spdView) Fields(f *format.Fields) {
	f.Literal("\t SPD")
	if c := v.info.Counts; c != nil {
		f.Uint("in", " IN  %u", uint64(c.In))
		f.Uint("out", " OUT %u", uint64(c.Out))
		f.Uint("fwd", " FWD %u", uint64(c.Fwd))
		if v.stats > 0 {
			f.Open("sock")
			f.Uint("in", " (Sock: IN %u", uint64(c.SockIn))
			f.Uint("out", " OUT %u", uint64(c.SockOut))
			f.Uint("fwd", " FWD %u)", uint64(c.SockFwd))
			f.Close()
		}
		f.Line()
	}
	if v.stats > 1 {
		if h := v.info.Hash; h != nil {
			f.Open("buckets")
			f.Uint("count", "\t SPD buckets: count %u", uint64(h.Count))
			f.Uint("max", " Max %u", uint64(h.Max))
			f.Close()
			f.Line()
		}
		for _, t := range []struct {
			key, name string
			th        *xfrm.Thresholds
		}{{"ipv4_thresholds", "IPv4", v.info.IPv4}, {"ipv6_thresholds", "IPv6", v.info.IPv6}} {
			if t.th == nil {
				continue
			}
			f.Open(t.key)
			f.Uint("local", "\t SPD "+t.name+" thresholds: local %u", uint64(t.th.Local))
			f.Uint("remote", " remote %u", uint64(t.th.Remote))
			f.Close()
			f.Line()
		}
	}
	if f.Mode() == format.Oneline {
		f.Literal("\n")
	}
}
